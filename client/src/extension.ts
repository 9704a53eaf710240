import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LSPErrorCodes,
  ResponseError,
  State,
  TransportKind,
  WorkDoneProgress,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

// The server's protocol additions (server/src/lsp/protocol.ts); test/lsp/manifest.test.ts checks they agree.
const STATUS_NOTIFICATION = 'suiteauth/status';
const RULES_REQUEST = 'suiteauth/rules';
const SCAN_WORKSPACE_COMMAND = 'suiteauth.server.scanWorkspace';
const FIX_ALL_IN_FILE_COMMAND = 'suiteauth.server.fixAllInFile';
const DOCS_BASE = 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/';

/** Every language id whose documents the server analyses (server/src/core/document.ts kindFromLanguageId). */
export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'dotenv', 'properties', 'xml'] as const;

interface StatusParams {
  state: 'analysing' | 'scanning' | 'idle' | 'error';
  findings: number;
  files: number;
  lastAnalysis?: string;
  scanned?: { done: number; total: number };
  message?: string;
}

interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  tags: readonly string[];
  docsUrl: string;
}

interface ScanResult {
  files: number;
  analysed: number;
  findings: number;
  filesWithFindings: number;
  skipped: number;
  cancelled: boolean;
  foldersNotOnDisk: string[];
}

interface FixAllResult {
  applied: number;
  reason?: string;
}

/** What the extension gives its tests (test/vscode): the running client. */
export interface SuiteAuthApi {
  readonly client: LanguageClient | undefined;
  /** Resolves once the language server answered `initialize`. */
  readonly ready: Promise<void>;
}

let client: LanguageClient | undefined;

/**
 * A thin client (as lsp-sample): it starts the bundled server and wires VS
 * Code features to it. Everything SuiteAuth knows lives in the server.
 */
export async function activate(context: vscode.ExtensionContext): Promise<SuiteAuthApi> {
  // The .vsix carries the esbuild bundle; a development checkout also has tsc's output.
  const bundled = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverModule = fs.existsSync(bundled) ? bundled : context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('SuiteAuth', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'suiteauth' },
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'suiteauth',
  };
  client = new LanguageClient('suiteauth', 'SuiteAuth', serverOptions, clientOptions);
  const lc = client;

  const status = vscode.window.createStatusBarItem('suiteauth.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'SuiteAuth';
  status.command = 'suiteauth.showOutput';
  showStatus(status, { state: 'analysing', findings: 0, files: 0, message: 'Starting the SuiteAuth language server…' });
  status.show();
  let heard = false; // a status from the server already
  let pendingSpinner: NodeJS.Timeout | undefined;

  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('suiteauth.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('suiteauth.restartServer', async () => {
      showStatus(status, { state: 'analysing', findings: 0, files: 0, message: 'Restarting the SuiteAuth language server…' });
      await lc.restart();
    }),
    vscode.commands.registerCommand('suiteauth.scanWorkspace', () => scanWorkspace(lc)),
    vscode.commands.registerCommand('suiteauth.fixAllInFile', () => fixAllInFile(lc)),
    vscode.commands.registerCommand('suiteauth.showRuleDocumentation', (ruleId?: unknown) => showRuleDocumentation(lc, context, typeof ruleId === 'string' ? ruleId : undefined)),
    lc.onDidChangeState((event) => {
      if (event.newState === State.Stopped) showStatus(status, { state: 'error', findings: 0, files: 0, message: 'The SuiteAuth language server stopped. Run "SuiteAuth: Restart Server", or see the output.' });
    }),
    lc.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      heard = true;
      // A spinner for every keystroke would flicker: show "analysing" only when it lasts.
      clearTimeout(pendingSpinner);
      if (params.state === 'analysing') pendingSpinner = setTimeout(() => showStatus(status, params), 300);
      else showStatus(status, params);
    }),
    { dispose: () => clearTimeout(pendingSpinner) },
  );

  const ready = lc.start().then(
    () => {
      if (!heard) showStatus(status, { state: 'idle', findings: 0, files: 0 });
    },
    (error: unknown) => {
      // An internal error is a status, not a crash of the extension host.
      output.error(`SuiteAuth could not start its language server: ${String(error)}`);
      showStatus(status, { state: 'error', findings: 0, files: 0, message: 'The SuiteAuth language server did not start; see the output.' });
    },
  );
  await ready;
  return { client: lc, ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** Files on disk, untitled files, and the schemes of a virtual workspace's folders. */
function documentSelector(): DocumentSelector {
  const schemes = new Set(['file', 'untitled']);
  for (const folder of vscode.workspace.workspaceFolders ?? []) schemes.add(folder.uri.scheme);
  return [...schemes].flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language })));
}

function showStatus(item: vscode.StatusBarItem, params: StatusParams): void {
  const findings = `${params.findings} finding${params.findings === 1 ? '' : 's'}`;
  const where = params.files === 1 ? 'in 1 file' : `in ${params.files} files`;
  item.backgroundColor = undefined;
  switch (params.state) {
    case 'error':
      item.text = '$(error) SuiteAuth';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.tooltip = `${params.message ?? 'SuiteAuth stopped with an internal error.'} Click to open the SuiteAuth output.`;
      break;
    case 'scanning':
      item.text = params.scanned && params.scanned.total > 0 ? `$(sync~spin) SuiteAuth: scanning ${params.scanned.done}/${params.scanned.total}` : '$(sync~spin) SuiteAuth: scanning';
      item.tooltip = `SuiteAuth is scanning the workspace (${findings} so far). Click to open the SuiteAuth output.`;
      break;
    case 'analysing':
      item.text = '$(sync~spin) SuiteAuth';
      item.tooltip = `${params.message ?? 'SuiteAuth is analysing.'} Click to open the SuiteAuth output.`;
      break;
    default: {
      item.text = `$(shield) SuiteAuth: ${params.findings}`;
      const when = params.lastAnalysis ? new Date(params.lastAnalysis).toLocaleTimeString() : 'not yet';
      item.tooltip = `SuiteAuth: ${findings} ${where} in the workspace (open files, and all files after "SuiteAuth: Scan Workspace"). Last analysis: ${when}. Click to open the SuiteAuth output.`;
    }
  }
  item.accessibilityInformation = { label: item.tooltip };
}

/** Scan Workspace: the server walks every folder; a notification shows its progress and can cancel it. */
async function scanWorkspace(lc: LanguageClient): Promise<ScanResult | undefined> {
  if (!lc.isRunning()) {
    void vscode.window.showErrorMessage('The SuiteAuth language server is not running. Run "SuiteAuth: Restart Server".');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SuiteAuth: Scan Workspace', cancellable: true },
    async (progress, token): Promise<ScanResult | undefined> => {
      const workDoneToken = `suiteauth-scan-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let reported = 0;
      const listener = lc.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await lc.sendRequest(ExecuteCommandRequest.type, { command: SCAN_WORKSPACE_COMMAND, arguments: [], workDoneToken }, token);
      } catch (error) {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return undefined;
        throw error;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!result || result.cancelled) {
    void vscode.window.showInformationMessage(result ? `SuiteAuth: scan cancelled after ${result.analysed} of ${result.files} files.` : 'SuiteAuth: scan cancelled.');
    return result;
  }
  if (result.foldersNotOnDisk.length > 0) {
    void vscode.window.showWarningMessage(`SuiteAuth can only scan folders on disk; not scanned: ${result.foldersNotOnDisk.join(', ')}. Open files are still analysed.`);
  }
  const summary = `SuiteAuth scanned ${result.files} file${result.files === 1 ? '' : 's'}: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.filesWithFindings} file${result.filesWithFindings === 1 ? '' : 's'}.`;
  // Not awaited: the command is done when the scan is; the message waits for the user.
  void vscode.window.showInformationMessage(summary, ...(result.findings > 0 ? ['Show Problems'] : [])).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

async function fixAllInFile(lc: LanguageClient): Promise<FixAllResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('SuiteAuth: open a file to fix.');
    return undefined;
  }
  const uri = lc.code2ProtocolConverter.asUri(editor.document.uri);
  const result: FixAllResult | null = await lc.sendRequest(ExecuteCommandRequest.type, { command: FIX_ALL_IN_FILE_COMMAND, arguments: [uri] });
  if (!result || result.applied === 0) void vscode.window.showInformationMessage(`SuiteAuth: nothing fixed. ${result?.reason ?? ''}`.trim());
  return result ?? undefined;
}

/** Returns the page it opened, if any. */
async function showRuleDocumentation(lc: LanguageClient, context: vscode.ExtensionContext, ruleId?: string): Promise<string | undefined> {
  let rules: RuleInfo[];
  try {
    rules = await lc.sendRequest<RuleInfo[]>(RULES_REQUEST, null);
  } catch {
    rules = rulesFromManifest(context); // the server is not running: the manifest knows the ids
  }
  let rule = ruleId ? rules.find((r) => r.id === ruleId) : undefined;
  if (!rule) {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: [r.defaultSeverity, ...r.tags].join(' · '), detail: r.description, rule: r })),
      { title: 'SuiteAuth: Show Rule Documentation', placeHolder: 'Choose a rule to open its documentation', matchOnDescription: true, matchOnDetail: true },
    );
    rule = picked?.rule;
  }
  // Opening the page the user picked is a user action (no telemetry, nothing sent by SuiteAuth).
  if (!rule) return undefined;
  await vscode.env.openExternal(vscode.Uri.parse(rule.docsUrl));
  return rule.docsUrl;
}

function rulesFromManifest(context: vscode.ExtensionContext): RuleInfo[] {
  const properties = context.extension.packageJSON?.contributes?.configuration?.properties?.['suiteauth.rules']?.properties ?? {};
  return Object.entries(properties as Record<string, { markdownDescription?: string; description?: string; default?: string }>).map(([id, p]) => ({
    id,
    description: p.description ?? p.markdownDescription ?? '',
    defaultSeverity: p.default ?? '',
    tags: [],
    docsUrl: `${DOCS_BASE}${id}.md`,
  }));
}
