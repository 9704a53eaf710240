import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles, scanFile } from '../cli/scan';
import { Analyzer, FileContext } from '../core/analyzer';
import type { SourceDocument } from '../core/document';
import { ruleDocsUrl } from '../core/docs';
import { fixAll, type FixAllResult as CoreFixAllResult } from '../core/fixAll';
import { analyzeIsolated } from '../core/isolatedAnalysis';
import type { PathFilter } from '../core/globs';
import type { Fix, Rule } from '../core/rule';
import type { Settings } from '../core/settings';
import { LineIndex } from '../core/text';
import { ALL_RULES } from '../rules';
import { fixesOnThisThread, toAnalysedFinding, type AnalysedFinding, type Analysis } from './analysis';
import { toDiagnostic, toPublishable, type Publishable } from './diagnostics';
import { applyChanges, type OpenDocument } from './documents';
import {
  FIX_ALL_IN_FILE_COMMAND,
  FIX_ALL_KIND,
  OPEN_URL_COMMAND,
  RULES_REQUEST,
  SCAN_WORKSPACE_COMMAND,
  SERVER_COMMANDS,
  STATUS_NOTIFICATION,
  type FixAllResult,
  type RuleInfo,
  type ScanResult,
  type StatusParams,
} from './protocol';
import { folderOf, fsPathOf, isAnalysedPath, kindOf, readSmallFile, settingsWarning, validateSettings, type Folder } from './workspace';
import { AnalysisWorkerHost } from './workerHost';
import { workspaceEditFor, type EditSupport, type FileView } from './workspaceEdits';

export { FIX_ALL_KIND, STATUS_NOTIFICATION, type StatusParams } from './protocol';

const DEBOUNCE_MS = 120;
/** How often a workspace scan reports progress and lets other messages through. */
const SCAN_REPORT_MS = 100;

/** Settings of one scope, validated, with their compiled include/exclude filter. */
interface ScopedSettings {
  settings: Settings;
  filter: PathFilter;
}

/** Documents from this many characters on are analysed in the worker (a 5,000-line file is about 200,000). */
export const DEFAULT_WORKER_THRESHOLD = 64 * 1024;

export interface ServerOptions {
  /** The rules to run; every rule by default (tests pass their own). */
  rules?: readonly Rule[];
  /**
   * The script the analysis worker runs (server.js itself). Large documents
   * are analysed there, off the main thread; without it, or with rules of
   * one's own (the worker runs every rule), everything runs on the main thread.
   */
  workerFile?: string;
  /** Documents of at least this many characters go to the worker. */
  workerThreshold?: number;
}

/**
 * The language server: a thin sink over the analysis core. It owns documents,
 * settings per resource, debouncing, publishing and the workspace scan; every
 * finding and fix comes from the same `Analyzer` the CLI uses. It reads files
 * (never runs them) and makes no network requests.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const rules = options.rules ?? ALL_RULES;
  const ruleIds = rules.map((r) => r.meta.id);
  const analyzer = new Analyzer(rules);
  const workerHost = options.workerFile && !options.rules ? new AnalysisWorkerHost(options.workerFile) : undefined;
  const workerThreshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
  /** Per document, the analysis the worker is doing: the next version waits for it, and only the newest runs. */
  const workerQueue = new Map<string, Promise<unknown>>();
  const documents = new Map<string, OpenDocument>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Promise<ScopedSettings>>();
  const reportedSettingsProblems = new Set<string>();
  /** Findings published per file (key: file path, or URI when not on disk), for the status. */
  const published = new Map<string, number>();
  /** Files the last workspace scan found (file path → the URI it published under). */
  const scanned = new Map<string, string>();
  let folders: Folder[] = [];
  let supportsConfiguration = false;
  let supportsDisabledActions = false;
  let supportsWatchedFilesRegistration = false;
  let watchingFiles = false;
  let pushedSettings: unknown = undefined;
  let editSupport: EditSupport = { documentChanges: false, createFiles: false };
  let lastAnalysis: string | undefined;
  let lastError: string | undefined;
  let scan: { cancelled: boolean; done: number; total: number } | undefined;
  let scannedOnce = false;
  const defaults = validateSettings({}, ruleIds);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsDisabledActions = !!caps.textDocument?.codeAction?.disabledSupport;
    supportsWatchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    editSupport = {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
    };
    if (params.workspaceFolders) folders = params.workspaceFolders.map((f) => folderOf(f.uri, f.name));
    else if (params.rootUri) folders = [folderOf(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'suiteauth', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    // The notification exists only when the client can send it.
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added.map((f) => folderOf(f.uri, f.name))];
        settingsCache.clear();
        for (const uri of documents.keys()) schedule(uri, 0);
      });
    } catch {
      // The client has no workspace folders: the root URI from initialize stays.
    }
  });

  connection.onDidChangeConfiguration((params) => {
    // Clients without `workspace/configuration` push the settings instead.
    const pushed = (params?.settings as { suiteauth?: unknown } | undefined)?.suiteauth;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsCache.clear();
    for (const uri of documents.keys()) schedule(uri, 0);
    if (scannedOnce) void rescanInBackground();
  });

  /** Settings for a document or folder, validated; each distinct problem is shown once, not on every keystroke. */
  function settingsFor(scopeUri: string): Promise<ScopedSettings> {
    let cached = settingsCache.get(scopeUri);
    if (cached) return cached;
    const raw: Promise<unknown> = supportsConfiguration
      ? connection.workspace.getConfiguration({ scopeUri, section: 'suiteauth' }).then(
          (value: unknown) => value,
          () => undefined,
        )
      : Promise.resolve(pushedSettings);
    cached = raw
      .then((value) => {
        if (value === undefined || value === null) return defaults;
        const { settings, problems, filter } = validateSettings(value, ruleIds);
        if (problems.length > 0) {
          const text = settingsWarning(problems);
          if (!reportedSettingsProblems.has(text)) {
            reportedSettingsProblems.add(text);
            // A notification, not showMessageRequest: nothing to answer, and no client blocks on it.
            void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text });
            connection.console.warn(text);
          }
        }
        return { settings, filter };
      })
      .catch(() => defaults);
    settingsCache.set(scopeUri, cached);
    return cached;
  }

  /** The settings that apply to an open document, or undefined when include/exclude leave it out. */
  async function documentSettings(uri: string): Promise<Settings | undefined> {
    const { settings, filter } = await settingsFor(uri);
    return isAnalysedPath(uri, folders, filter) ? settings : undefined;
  }

  // ---------------------------------------------------------------- documents

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const kind = kindOf(textDocument.languageId, textDocument.uri);
    if (!kind) return;
    documents.set(textDocument.uri, { text: TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text), kind });
    schedule(textDocument.uri, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return;
    applyChanges(doc, contentChanges, textDocument.version ?? doc.text.version + 1);
    schedule(textDocument.uri, DEBOUNCE_MS);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const uri = textDocument.uri;
    if (!documents.delete(uri)) return;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    workerHost?.forget(uri);
    workerQueue.delete(uri);
    // A file the workspace scan covers keeps its findings: those of the file on disk.
    const file = fsPathOf(uri);
    if (file && scanned.has(file)) void rescanFile(file);
    else publish(uri, []);
    sendStatus('idle');
  });

  /** Debounced, and superseded work is dropped: only the newest version is analysed and published. */
  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  function sourceOf(doc: OpenDocument): SourceDocument {
    return { uri: doc.text.uri, kind: doc.kind, text: doc.text.getText(), version: doc.text.version };
  }

  function inWorker(text: string): boolean {
    return workerHost !== undefined && text.length >= workerThreshold;
  }

  /**
   * Analysis of the current version, computed once and shared by diagnostics,
   * code actions and hover: on this thread, or in the worker for a large
   * document. Undefined when a newer version superseded it before it ran.
   */
  function analysisOf(doc: OpenDocument, settings: Settings): Promise<Analysis | undefined> {
    const version = doc.text.version;
    const cached = doc.analysis;
    if (cached && cached.version === version && cached.settings === settings) return cached.promise;
    const promise = inWorker(doc.text.getText()) ? analyseInWorker(doc, settings, version) : new Promise<Analysis>((resolve) => resolve(analyseHere(doc, settings)));
    doc.analysis = { version, settings, promise };
    return promise;
  }

  function analyseHere(doc: OpenDocument, settings: Settings): Analysis {
    const context = new FileContext(sourceOf(doc), doc.previousSourceFile);
    const { result, failed } = analyzeIsolated(analyzer, context, settings);
    for (const f of failed) logRuleFailure(f.ruleId, doc.text.uri, (f.error as Error)?.stack ?? String(f.error));
    if (context.parsedJs) doc.previousSourceFile = context.parsedJs.parse.sourceFile;
    return {
      version: context.document.version,
      settings,
      lines: context.lines,
      findings: result.findings.map(toAnalysedFinding),
      syntaxErrors: result.syntaxErrors,
      skipped: result.skipped,
      failedRules: failed.map((f) => f.ruleId),
      fixes: fixesOnThisThread(analyzer, context, result.findings),
    };
  }

  function analyseInWorker(doc: OpenDocument, settings: Settings, version: number): Promise<Analysis | undefined> {
    const host = workerHost!;
    const uri = doc.text.uri;
    const before = workerQueue.get(uri);
    const run = (async (): Promise<Analysis | undefined> => {
      // The worker cannot stop a parse half-way: while one runs, the versions typed meanwhile wait, and only the newest is analysed.
      if (before) await before.catch(() => undefined);
      if (documents.get(uri) !== doc || doc.text.version !== version) return undefined;
      const source = sourceOf(doc);
      const value = await host.analyze(source, settings);
      for (const f of value.failed) logRuleFailure(f.ruleId, uri, f.error);
      return {
        version,
        settings,
        lines: new LineIndex(source.text),
        findings: value.findings,
        syntaxErrors: value.syntaxErrors,
        skipped: value.skipped,
        failedRules: value.failed.map((f) => f.ruleId),
        fixes: (index) => host.fixes(uri, version, index),
      };
    })();
    workerQueue.set(uri, run);
    void run.finally(() => workerQueue.get(uri) === run && workerQueue.delete(uri)).catch(() => undefined);
    return run;
  }

  function logRuleFailure(ruleId: string, uri: string, stack: string): void {
    connection.console.error(`SuiteAuth internal error in rule ${ruleId} while analysing ${uri}: ${stack}`);
  }

  /** Every preferred fix of the document's current text (in the worker for a large document). */
  function fixAllOf(source: SourceDocument, settings: Settings): Promise<CoreFixAllResult> {
    return inWorker(source.text) ? workerHost!.fixAll(source, settings) : new Promise((resolve) => resolve(fixAll(analyzer, source, settings)));
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await documentSettings(uri);
    const version = doc.text.version;
    if (documents.get(uri) !== doc || doc.text.version !== version) return; // superseded while settings loaded
    if (!settings) {
      publish(uri, [], version);
      sendStatus('idle');
      return;
    }
    sendStatus('analysing');
    try {
      const analysis = await analysisOf(doc, settings);
      if (!analysis || documents.get(uri) !== doc || doc.text.version !== version) return;
      if (analysis.skipped && settings.enable) connection.console.info(`SuiteAuth skipped ${uri}: ${analysis.skipped}`);
      let findings: Publishable[] = analysis.findings;
      if (analysis.syntaxErrors.length > 0 && doc.lastGood) {
        // Half-typed code: keep what the last clean version found, moved through the edits.
        for (const old of doc.lastGood) {
          if (findings.some((f) => f.ruleId === old.ruleId && f.range.start < old.range.end && old.range.start < f.range.end)) continue;
          const rule = analyzer.ruleById(old.ruleId);
          if (!rule) continue;
          const configured = settings.rules[old.ruleId];
          findings.push({ ruleId: old.ruleId, range: old.range, message: old.message, severity: configured && configured !== 'off' ? configured : (old.severity ?? rule.meta.defaultSeverity), tags: rule.meta.tags });
        }
        findings = findings.filter((f) => settings.rules[f.ruleId] !== 'off' && settings.enable);
      } else if (analysis.syntaxErrors.length === 0) {
        doc.lastGood = analysis.findings.map((f) => ({ ruleId: f.ruleId, range: f.range, message: f.message, severity: f.severity }));
      }
      const diagnostics = findings.map((f) => toDiagnostic(f, analysis.lines));
      publish(uri, diagnostics, version);
      lastAnalysis = new Date().toISOString();
      if (analysis.failedRules.length > 0) {
        const failed = analysis.failedRules.join(', ');
        lastError = `rule ${failed} failed on ${shortName(uri)}`;
        sendStatus('error', `Internal error in SuiteAuth rule ${failed} while analysing ${shortName(uri)}; the other rules still report. See the SuiteAuth output.`);
      } else {
        lastError = undefined;
        sendStatus('idle');
      }
    } catch (error) {
      // A bug in SuiteAuth: say so, keep the last published findings, never crash.
      lastError = `SuiteAuth internal error while analysing ${uri}: ${(error as Error)?.stack ?? String(error)}`;
      connection.console.error(lastError);
      sendStatus('error', `Internal error while analysing ${shortName(uri)}; see the SuiteAuth output.`);
    }
  }

  function publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    const key = fsPathOf(uri) ?? uri;
    if (diagnostics.length > 0) published.set(key, diagnostics.length);
    else published.delete(key);
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  function sendStatus(state: StatusParams['state'], message?: string): void {
    let findings = 0;
    for (const n of published.values()) findings += n;
    const effective = scan && state !== 'error' ? 'scanning' : lastError && state === 'idle' ? 'error' : state;
    const params: StatusParams = {
      state: effective,
      findings,
      files: published.size,
      lastAnalysis,
      message: message ?? (lastError && effective === 'error' ? 'Internal error; see the SuiteAuth output.' : undefined),
    };
    if (scan) params.scanned = { done: scan.done, total: scan.total };
    void connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  /** The open document of a file path, whatever the spelling of its URI. */
  function openDocumentAt(file: string): OpenDocument | undefined {
    for (const doc of documents.values()) if (fsPathOf(doc.text.uri) === file) return doc;
    return undefined;
  }

  const fileView: FileView = {
    read(uri) {
      const file = fsPathOf(uri);
      const open = documents.get(uri) ?? (file ? openDocumentAt(file) : undefined);
      if (open) return { text: open.text.getText(), version: open.text.version };
      if (!file) return undefined;
      const read = readSmallFile(file);
      return read ? { text: read.text, version: null } : undefined;
    },
  };

  // ------------------------------------------------------------- code actions

  connection.onCodeAction(async (params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc) return [];
    try {
      const settings = await documentSettings(uri);
      if (!settings) return [];
      const analysis = await analysisOf(doc, settings);
      // Superseded by an edit while it waited: the editor asks again for the new version.
      if (!analysis || analysis.version !== doc.text.version) return [];
      const lines = analysis.lines;
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const wantsFixAll = only?.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
      if (wantsFixAll) {
        const action = await fixAllAction(doc, settings);
        if (action) actions.push(action);
        if (only && only.every((k) => k.startsWith('source'))) return actions;
      }
      const start = lines.offsetAt(params.range.start);
      const end = lines.offsetAt(params.range.end);
      for (const [index, finding] of analysis.findings.entries()) {
        if (finding.range.end < start || finding.range.start > end) continue;
        const diagnostic = params.context.diagnostics.find((d) => d.code === finding.ruleId && d.source === 'suiteauth' && lines.offsetAt(d.range.start) === finding.range.start);
        const diagnostics = diagnostic ? [diagnostic] : [toDiagnostic(finding, lines)];
        const fixes = await analysis.fixes(index);
        if (doc.text.version !== analysis.version) return [];
        for (const fix of fixes) {
          const action = toCodeAction(fix, doc, lines, diagnostics);
          if (action) actions.push(action);
        }
        actions.push(disableAction(finding, doc, lines, diagnostics));
      }
      return actions;
    } catch (error) {
      connection.console.error(`SuiteAuth internal error in code actions: ${(error as Error)?.stack ?? String(error)}`);
      return [];
    }
  });

  async function fixAllAction(doc: OpenDocument, settings: Settings): Promise<CodeAction | undefined> {
    const source = sourceOf(doc);
    const fixed = await fixAllOf(source, settings);
    if (fixed.applied === 0 || doc.text.version !== source.version) return undefined;
    const whole = { range: { start: 0, end: source.text.length }, newText: fixed.text };
    const result = workspaceEditFor({ uri: source.uri, version: source.version, lines: new LineIndex(source.text) }, { edits: [whole], createFiles: fixed.createFiles, appendToFiles: fixed.appendToFiles }, fileView, editSupport);
    if ('disabled' in result) {
      connection.console.info(`SuiteAuth fix-all not offered for ${doc.text.uri}: ${result.disabled}`);
      return undefined;
    }
    return { title: 'Fix all SuiteAuth problems', kind: FIX_ALL_KIND, edit: result.edit };
  }

  function toCodeAction(fix: Fix, doc: OpenDocument, lines: LineIndex, diagnostics: Diagnostic[]): CodeAction | undefined {
    const opensUrl = fix.openUrl && /^https?:\/\//i.test(fix.openUrl) ? { title: fix.title, command: OPEN_URL_COMMAND, arguments: [fix.openUrl] } : undefined;
    if (fix.edits.length === 0 && !fix.createFiles?.length && !fix.appendToFiles?.length) {
      // No automatic migration: the action opens the documentation instead.
      return opensUrl ? { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, command: opensUrl } : undefined;
    }
    const result = workspaceEditFor({ uri: doc.text.uri, version: doc.text.version, lines }, fix, fileView, editSupport);
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics };
    if ('disabled' in result) {
      if (!supportsDisabledActions) return undefined;
      action.disabled = { reason: result.disabled };
      return action;
    }
    action.edit = result.edit;
    if (fix.preferred) action.isPreferred = true;
    if (opensUrl) action.command = opensUrl;
    return action;
  }

  function disableAction(finding: AnalysedFinding, doc: OpenDocument, lines: LineIndex, diagnostics: Diagnostic[]): CodeAction {
    const line = lines.positionAt(finding.range.start).line;
    const text = doc.text.getText();
    const lineStart = lines.lineStart(line);
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const comment = doc.kind === 'yaml' || doc.kind === 'dotenv' || doc.kind === 'properties' ? '#' : doc.kind === 'xml' ? '<!--' : '//';
    const close = comment === '<!--' ? ' -->' : '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const newText = `${indent}${comment} suiteauth-disable-next-line ${finding.ruleId} -- <reason>${close}${eol}`;
    const at = lines.positionAt(lineStart);
    return {
      title: `Disable ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: { changes: { [doc.text.uri]: [{ range: { start: at, end: at }, newText }] } },
    };
  }

  // -------------------------------------------------------------------- hover

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const settings = await documentSettings(params.textDocument.uri);
      if (!settings) return null;
      const analysis = await analysisOf(doc, settings);
      if (!analysis || analysis.version !== doc.text.version) return null;
      const lines = analysis.lines;
      const offset = lines.offsetAt(params.position);
      const hits = analysis.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
      if (hits.length === 0) return null;
      const value = hits.map((f) => f.hover ?? `**${f.ruleId}**: ${f.message}\n\n[Rule documentation](${ruleDocsUrl(f.ruleId)})`).join('\n\n---\n\n');
      const first = hits[0];
      return { contents: { kind: 'markdown', value }, range: { start: lines.positionAt(first.range.start), end: lines.positionAt(first.range.end) } };
    } catch (error) {
      connection.console.error(`SuiteAuth internal error in hover: ${(error as Error)?.stack ?? String(error)}`);
      return null;
    }
  });

  // ----------------------------------------------------------------- commands

  connection.onRequest(RULES_REQUEST, (): RuleInfo[] =>
    rules.map((r) => ({ id: r.meta.id, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity, tags: r.meta.tags, docsUrl: ruleDocsUrl(r.meta.id) })),
  );

  connection.onExecuteCommand(async (params, token, workDone) => {
    const arg = params.arguments?.[0];
    switch (params.command) {
      case OPEN_URL_COMMAND:
        // Only web pages: a code action must not be able to open arbitrary schemes.
        if (typeof arg === 'string' && /^https?:\/\//i.test(arg)) await connection.window.showDocument({ uri: arg, external: true });
        return null;
      case SCAN_WORKSPACE_COMMAND: {
        // The client's token when it sent one; otherwise one of the server's own, if the client shows them.
        // (The library moves the request's workDoneToken into `workDone`.)
        const own = WorkDoneProgressReporter.isNullInstance(workDone) ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
        return scanWorkspace(workDone, own?.token ? [token, own.token] : [token], own);
      }
      case FIX_ALL_IN_FILE_COMMAND:
        return typeof arg === 'string' ? fixAllInFile(arg) : ({ applied: 0, reason: 'No document was given.' } satisfies FixAllResult);
      default:
        return null;
    }
  });

  async function fixAllInFile(uri: string): Promise<FixAllResult> {
    try {
      return await fixAllInFileUnsafe(uri);
    } catch (error) {
      connection.console.error(`SuiteAuth internal error in Fix All in File: ${(error as Error)?.stack ?? String(error)}`);
      return { applied: 0, reason: 'SuiteAuth hit an internal error; see the SuiteAuth output.' };
    }
  }

  async function fixAllInFileUnsafe(uri: string): Promise<FixAllResult> {
    const doc = documents.get(uri) ?? (fsPathOf(uri) ? openDocumentAt(fsPathOf(uri)!) : undefined);
    if (!doc) return { applied: 0, reason: 'The file is not open, or SuiteAuth does not analyse this kind of file.' };
    const settings = await documentSettings(doc.text.uri);
    if (!settings) return { applied: 0, reason: 'The file is excluded by the suiteauth.include/exclude settings.' };
    const source = sourceOf(doc);
    const fixed = await fixAllOf(source, settings);
    if (fixed.applied === 0) return { applied: 0, reason: 'SuiteAuth has no automatic fix for this file.' };
    if (doc.text.version !== source.version) return { applied: 0, reason: 'The file changed while SuiteAuth was fixing it; run Fix All in File again.' };
    const whole = { range: { start: 0, end: source.text.length }, newText: fixed.text };
    const result = workspaceEditFor({ uri: source.uri, version: source.version, lines: new LineIndex(source.text) }, { edits: [whole], createFiles: fixed.createFiles, appendToFiles: fixed.appendToFiles }, fileView, editSupport);
    if ('disabled' in result) return { applied: 0, reason: result.disabled };
    const applied = await connection.workspace.applyEdit({ label: 'SuiteAuth: Fix All in File', edit: result.edit });
    return applied.applied ? { applied: fixed.applied } : { applied: 0, reason: applied.failureReason ?? 'The editor did not apply the edit.' };
  }

  // ----------------------------------------------------------- workspace scan

  /**
   * Walks every workspace folder with the CLI's walker and publishes the
   * findings of each file not open in the editor (open ones keep the findings
   * of their buffer). A newer scan cancels a running one.
   */
  async function scanWorkspace(progress: WorkDoneProgressReporter, tokens: CancellationToken[], own?: WorkDoneProgressReporter): Promise<ScanResult> {
    if (scan) scan.cancelled = true;
    const run = { cancelled: false, done: 0, total: 0 };
    scan = run;
    const reporter = own ?? progress;
    const cancelled = () => run.cancelled || tokens.some((t) => t.isCancellationRequested);
    const outcome: ScanResult = { files: 0, analysed: 0, findings: 0, filesWithFindings: 0, skipped: 0, cancelled: false, foldersNotOnDisk: [] };
    reporter.begin('SuiteAuth: Scan Workspace', 0, 'Listing files…', true);
    sendStatus('scanning');
    try {
      const jobs: { file: string; scope: ScopedSettings }[] = [];
      const seen = new Set<string>();
      for (const folder of folders) {
        if (!folder.fsPath) {
          outcome.foldersNotOnDisk.push(folder.name);
          continue;
        }
        const scope = await settingsFor(folder.uri);
        if (!scope.settings.enable) continue;
        const { files, notes } = collectFiles([{ path: folder.fsPath, origin: 'stdin' }], { cwd: folder.fsPath, projectRoot: folder.fsPath, filter: scope.filter, gitignore: true });
        for (const note of notes) connection.console.info(`SuiteAuth scan: ${note}`);
        for (const file of files) {
          if (seen.has(file)) continue;
          seen.add(file);
          jobs.push({ file, scope });
        }
        if (cancelled()) break;
      }
      run.total = outcome.files = jobs.length;
      let lastReport = Date.now();
      for (const { file, scope } of jobs) {
        if (cancelled()) break;
        const open = openDocumentAt(file);
        if (open) {
          const n = published.get(file) ?? 0;
          outcome.findings += n;
          if (n > 0) outcome.filesWithFindings++;
        } else {
          const n = await publishScan(file, scope.settings);
          if (n === undefined) outcome.skipped++;
          else {
            outcome.findings += n;
            if (n > 0) outcome.filesWithFindings++;
          }
        }
        scanned.set(file, pathToFileURL(file).href);
        run.done = ++outcome.analysed;
        if (Date.now() - lastReport >= SCAN_REPORT_MS) {
          lastReport = Date.now();
          reporter.report(Math.floor((100 * run.done) / run.total), `${run.done}/${run.total} files`);
          sendStatus('scanning');
          // Let $/cancelRequest, edits and other requests through.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      outcome.cancelled = cancelled();
      if (!outcome.cancelled) {
        // Files that are gone, or now excluded, lose their findings.
        for (const [file, uri] of [...scanned]) {
          if (seen.has(file)) continue;
          scanned.delete(file);
          if (!openDocumentAt(file)) publish(uri, []);
        }
        scannedOnce = true;
        watchFiles();
      }
      return outcome;
    } catch (error) {
      lastError = `SuiteAuth internal error while scanning the workspace: ${(error as Error)?.stack ?? String(error)}`;
      connection.console.error(lastError);
      throw error;
    } finally {
      reporter.done();
      if (scan === run) scan = undefined;
      lastAnalysis = new Date().toISOString();
      sendStatus(lastError ? 'error' : 'idle');
    }
  }

  /** Analyses a file on disk (a large one in the worker) and publishes its findings; undefined when it was skipped. */
  async function publishScan(file: string, settings: Settings): Promise<number | undefined> {
    const uri = pathToFileURL(file).href;
    try {
      const report = workerHost && sizeOf(file) >= workerThreshold ? await workerHost.scanFile(file, settings) : scanHere(file, settings);
      // Opened in the editor meanwhile: the buffer's findings win.
      if (openDocumentAt(file)) return published.get(file) ?? 0;
      publish(uri, report.diagnostics);
      if (report.skipped && settings.enable) connection.console.info(`SuiteAuth skipped ${file}: ${report.skipped}`);
      return report.skipped ? undefined : report.diagnostics.length;
    } catch (error) {
      connection.console.error(`SuiteAuth internal error while analysing ${file}: ${(error as Error)?.stack ?? String(error)}`);
      return undefined;
    }
  }

  function scanHere(file: string, settings: Settings): { diagnostics: Diagnostic[]; skipped?: string } {
    const report = scanFile(analyzer, file, settings);
    return { diagnostics: report.findings.map((f) => toDiagnostic(toPublishable(f), report.lines)), skipped: report.skipped };
  }

  /** Re-reads one scanned file (closed in the editor, or changed on disk). */
  async function rescanFile(file: string): Promise<void> {
    const uri = scanned.get(file) ?? pathToFileURL(file).href;
    const { settings } = await settingsFor(uri);
    if (openDocumentAt(file)) return;
    await publishScan(file, settings);
    sendStatus('idle');
  }

  async function rescanInBackground(): Promise<void> {
    const own = await connection.window.createWorkDoneProgress().catch(() => undefined);
    await scanWorkspace(own ?? nullReporter, own ? [own.token] : [], own).catch(() => undefined);
  }

  /** After a scan, files that change on disk are re-read (when the client can watch files for us). */
  function watchFiles(): void {
    if (watchingFiles || !supportsWatchedFilesRegistration) return;
    watchingFiles = true;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] })
      .catch((error: unknown) => connection.console.info(`SuiteAuth cannot watch files: ${String(error)}`));
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const file = fsPathOf(change.uri);
      if (!file || !scanned.has(file) || openDocumentAt(file)) continue;
      if (change.type === FileChangeType.Deleted) {
        publish(scanned.get(file)!, []);
        scanned.delete(file);
      } else void rescanFile(file);
    }
    sendStatus('idle');
  });

  connection.listen();
}

/** The files SuiteAuth analyses, for file watchers (kindFromPath is the authority). */
const WATCHED_GLOB = '**/{*.js,*.mjs,*.cjs,*.jsx,*.ts,*.mts,*.cts,*.tsx,*.json,*.jsonc,*.yaml,*.yml,*.properties,*.xml,*.wsdl,*.env,.env,.env.*}';

const nullReporter: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };

/** The size of a file in bytes, 0 when it cannot be read (the scan then reports why). */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function shortName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}
