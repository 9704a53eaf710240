import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Mirrors the server's `suiteauth/status` notification. */
interface StatusParams {
  state: 'analysing' | 'idle' | 'error';
  findings: number;
  lastAnalysis?: string;
  message?: string;
}

let client: LanguageClient | undefined;

/** A thin client: it starts the bundled server and wires VS Code features to it. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The .vsix carries the esbuild bundle; a development checkout also has tsc's output.
  const bundled = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverModule = fs.existsSync(bundled) ? bundled : context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('SuiteAuth', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'untitled', language: 'javascript' },
      { scheme: 'untitled', language: 'typescript' },
    ],
    synchronize: { configurationSection: 'suiteauth' },
    outputChannel: output,
  };
  client = new LanguageClient('suiteauth', 'SuiteAuth', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'SuiteAuth';
  status.text = '$(shield) SuiteAuth';
  status.command = 'suiteauth.showOutput';
  status.show();
  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('suiteauth.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('suiteauth.restartServer', async () => {
      await client?.restart();
    }),
  );
  client.onNotification('suiteauth/status', (params: StatusParams) => {
    const when = params.lastAnalysis ? new Date(params.lastAnalysis).toLocaleTimeString() : 'not yet';
    if (params.state === 'error') {
      status.text = '$(error) SuiteAuth';
      status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      status.tooltip = `${params.message ?? 'SuiteAuth stopped with an internal error.'} Click to open the output.`;
    } else {
      status.backgroundColor = undefined;
      status.text = params.state === 'analysing' ? '$(sync~spin) SuiteAuth' : `$(shield) SuiteAuth: ${params.findings}`;
      status.tooltip = `SuiteAuth: ${params.findings} finding${params.findings === 1 ? '' : 's'} in open files. Last analysis: ${when}. Click to open the output.`;
    }
  });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
