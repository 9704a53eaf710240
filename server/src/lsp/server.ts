import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, FileContext, type AnalysisResult, type ReportedFinding } from '../core/analyzer';
import { kindFromLanguageId, type SourceDocument } from '../core/document';
import { ruleDocsUrl } from '../core/docs';
import { fixAll } from '../core/fixAll';
import type { Fix, Severity } from '../core/rule';
import { DEFAULT_SETTINGS, formatProblems, parseSettings, type Settings } from '../core/settings';
import { LineIndex, type OffsetRange } from '../core/text';
import { ALL_RULES, RULE_IDS } from '../rules';
import { applyChanges, type OpenDocument } from './documents';

export const FIX_ALL_KIND = 'source.fixAll.suiteauth';
export const STATUS_NOTIFICATION = 'suiteauth/status';
export const OPEN_DOCS_COMMAND = 'suiteauth.server.openDocs';

export interface StatusParams {
  state: 'analysing' | 'idle' | 'error';
  /** Findings in the open documents. */
  findings: number;
  /** ISO time of the last finished analysis. */
  lastAnalysis?: string;
  message?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const DEBOUNCE_MS = 120;

/**
 * The language server: a thin sink over the analysis core. It owns documents,
 * settings per resource, debouncing and publishing; every finding and fix
 * comes from the same `Analyzer` the CLI uses.
 */
export function startServer(connection: Connection): void {
  const analyzer = new Analyzer(ALL_RULES);
  const documents = new Map<string, OpenDocument>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const reportedSettingsProblems = new Set<string>();
  let supportsConfiguration = false;
  let lastAnalysis: string | undefined;
  let lastError: string | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [OPEN_DOCS_COMMAND] },
      },
      serverInfo: { name: 'suiteauth', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const uri of documents.keys()) schedule(uri, 0);
  });

  function settingsFor(uri: string): Promise<Settings> {
    if (!supportsConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'suiteauth' })
        .then((raw: unknown) => {
          const { settings, problems } = parseSettings(raw ?? {}, RULE_IDS);
          if (problems.length > 0) {
            const text = `SuiteAuth settings: ${formatProblems(problems)}. Using the defaults for these.`;
            // Shown once per distinct problem, not on every keystroke.
            if (!reportedSettingsProblems.has(text)) {
              reportedSettingsProblems.add(text);
              // A notification, not showMessageRequest: nothing to answer, and no client blocks on it.
              void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text });
              connection.console.warn(text);
            }
          }
          return settings;
        })
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const kind = kindFromLanguageId(textDocument.languageId, textDocument.uri);
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
    documents.delete(textDocument.uri);
    clearTimeout(timers.get(textDocument.uri));
    timers.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
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

  /** Analysis of the current version, computed once and shared by diagnostics, code actions and hover. */
  function analysed(doc: OpenDocument, settings: Settings): { context: FileContext; result: AnalysisResult } {
    if (doc.analysed && doc.analysed.version === doc.text.version) return doc.analysed;
    const context = new FileContext(sourceOf(doc), doc.previousSourceFile);
    const result = analyzer.analyze(context, settings);
    doc.analysed = { version: doc.text.version, context, result };
    if (context.parsedJs) doc.previousSourceFile = context.parsedJs.parse.sourceFile;
    return doc.analysed;
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    const version = doc.text.version;
    if (documents.get(uri) !== doc || doc.text.version !== version) return; // superseded while settings loaded
    sendStatus('analysing');
    try {
      const { context, result } = analysed(doc, settings);
      if (result.skipped && settings.enable) connection.console.info(`SuiteAuth skipped ${uri}: ${result.skipped}`);
      let findings: { ruleId: string; range: OffsetRange; message: string; severity: Severity; tags: readonly string[] }[] = result.findings.map(toPublishable);
      if (result.syntaxErrors.length > 0 && doc.lastGood) {
        // Half-typed code: keep what the last clean version found, moved through the edits.
        for (const old of doc.lastGood) {
          if (findings.some((f) => f.ruleId === old.ruleId && f.range.start < old.range.end && old.range.start < f.range.end)) continue;
          const rule = analyzer.ruleById(old.ruleId);
          if (!rule) continue;
          findings.push({ ruleId: old.ruleId, range: old.range, message: old.message, severity: settings.rules[old.ruleId] && settings.rules[old.ruleId] !== 'off' ? (settings.rules[old.ruleId] as Severity) : old.severity ?? rule.meta.defaultSeverity, tags: rule.meta.tags });
        }
        findings = findings.filter((f) => settings.rules[f.ruleId] !== 'off' && settings.enable);
      } else if (result.syntaxErrors.length === 0) {
        doc.lastGood = result.findings.map((f) => ({ ruleId: f.ruleId, range: f.range, message: f.message, severity: f.severity }));
      }
      const diagnostics = findings.map((f) => toDiagnostic(f, context.lines));
      if (documents.get(uri) !== doc || doc.text.version !== version) return;
      await connection.sendDiagnostics({ uri, version, diagnostics });
      lastAnalysis = new Date().toISOString();
      lastError = undefined;
      sendStatus('idle');
    } catch (error) {
      // A bug in SuiteAuth: say so, keep the last published findings, never crash.
      lastError = `SuiteAuth internal error while analysing ${uri}: ${(error as Error)?.stack ?? String(error)}`;
      connection.console.error(lastError);
      sendStatus('error', `Internal error while analysing ${shortName(uri)}; see the SuiteAuth output.`);
    }
  }

  function toPublishable(f: ReportedFinding) {
    return { ruleId: f.ruleId, range: f.range, message: f.message, severity: f.severity, tags: f.rule.meta.tags };
  }

  function toDiagnostic(f: { ruleId: string; range: OffsetRange; message: string; severity: Severity; tags: readonly string[] }, lines: LineIndex): Diagnostic {
    const diagnostic: Diagnostic = {
      range: { start: lines.positionAt(f.range.start), end: lines.positionAt(f.range.end) },
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: ruleDocsUrl(f.ruleId) },
      source: 'suiteauth',
      message: f.message,
    };
    if (f.tags.includes('deprecated')) diagnostic.tags = [DiagnosticTag.Deprecated];
    return diagnostic;
  }

  function sendStatus(state: StatusParams['state'], message?: string): void {
    let findings = 0;
    for (const doc of documents.values()) findings += doc.analysed?.result.findings.length ?? 0;
    const params: StatusParams = { state: lastError && state !== 'analysing' ? 'error' : state, findings, lastAnalysis, message: message ?? (lastError ? 'Internal error; see the SuiteAuth output.' : undefined) };
    void connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const settings = await settingsFor(params.textDocument.uri);
      const { context, result } = analysed(doc, settings);
      const lines = context.lines;
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const wantsFixAll = only?.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
      if (wantsFixAll) {
        const fixed = fixAll(analyzer, sourceOf(doc), settings);
        if (fixed.applied > 0) {
          const full = { start: lines.positionAt(0), end: lines.positionAt(doc.text.getText().length) };
          actions.push({ title: 'Fix all SuiteAuth problems', kind: FIX_ALL_KIND, edit: { changes: { [params.textDocument.uri]: [{ range: full, newText: fixed.text }] } } });
        }
        if (only && only.every((k) => k.startsWith('source'))) return actions;
      }
      const start = lines.offsetAt(params.range.start);
      const end = lines.offsetAt(params.range.end);
      for (const finding of result.findings) {
        if (finding.range.end < start || finding.range.start > end) continue;
        const diagnostic = params.context.diagnostics.find((d) => d.code === finding.ruleId && d.source === 'suiteauth' && lines.offsetAt(d.range.start) === finding.range.start);
        const diagnostics = diagnostic ? [diagnostic] : [toDiagnostic(toPublishable(finding), lines)];
        for (const fix of analyzer.fixesFor(finding, context)) actions.push(toCodeAction(fix, params.textDocument.uri, lines, diagnostics));
        actions.push(disableAction(finding, doc, lines, diagnostics));
      }
      return actions;
    } catch (error) {
      connection.console.error(`SuiteAuth internal error in code actions: ${(error as Error)?.stack ?? String(error)}`);
      return [];
    }
  });

  function toCodeAction(fix: Fix, uri: string, lines: LineIndex, diagnostics: Diagnostic[]): CodeAction {
    if (fix.openUrl) {
      return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, command: { title: fix.title, command: OPEN_DOCS_COMMAND, arguments: [fix.openUrl] } };
    }
    const edits: LspTextEdit[] = fix.edits.map((e) => ({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText }));
    const edit: WorkspaceEdit = { changes: { [uri]: edits } };
    return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.preferred, edit };
  }

  function disableAction(finding: ReportedFinding, doc: OpenDocument, lines: LineIndex, diagnostics: Diagnostic[]): CodeAction {
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

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const settings = await settingsFor(params.textDocument.uri);
      const { context, result } = analysed(doc, settings);
      const offset = context.lines.offsetAt(params.position);
      const hits = result.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
      if (hits.length === 0) return null;
      const value = hits.map((f) => f.hover ?? `**${f.ruleId}**: ${f.message}\n\n[Rule documentation](${ruleDocsUrl(f.ruleId)})`).join('\n\n---\n\n');
      const first = hits[0];
      return { contents: { kind: 'markdown', value }, range: { start: context.lines.positionAt(first.range.start), end: context.lines.positionAt(first.range.end) } };
    } catch (error) {
      connection.console.error(`SuiteAuth internal error in hover: ${(error as Error)?.stack ?? String(error)}`);
      return null;
    }
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === OPEN_DOCS_COMMAND && typeof params.arguments?.[0] === 'string') {
      await connection.window.showDocument({ uri: params.arguments[0], external: true });
    }
  });

  connection.listen();
}

function shortName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}
