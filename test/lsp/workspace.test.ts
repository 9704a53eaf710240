import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kindOf } from '../../server/src/lsp/workspace';
import { LspTestClient } from '../helpers/lspClient';

/**
 * Scan Workspace and include/exclude, spoken to the real server over stdio:
 * the server walks the workspace folders with the CLI's walker and publishes
 * the findings of files that are not open.
 */

const NODE_NLAUTH = "export async function load() {\n  return fetch('https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl', { headers: { Authorization: 'NLAuth nlauth_account=1, nlauth_email=a, nlauth_signature=' + process.env.P } });\n}\n";
const NODE_LINE = NODE_NLAUTH.split('\n')[1];
const NODE_RANGE = { start: { line: 1, character: NODE_LINE.indexOf("'NLAuth") }, end: { line: 1, character: NODE_LINE.indexOf(' } });') } };
const DOTENV = 'NS_AUTH=NLAuth nlauth_account=1, nlauth_email=ops@example.com, nlauth_signature=${NS_PASSWORD}\n';
const DOTENV_RANGE = { start: { line: 0, character: 8 }, end: { line: 0, character: DOTENV.length - 1 } };
const CLEAN = 'export const answer = 42;\n';
const OTHER_RULES = ['soap-passport', 'credentials-in-config', 'inbound-sso', 'tba-oauth1', 'tba-hmac-sha1', 'soap-token-passport', 'tba-credentials-in-config', 'tba-token-endpoint', 'missing-pkce', 'pkce-plain', 'hardcoded-secret', 'm2m-jwt-algorithm', 'soap-web-services'];
/** Only nlauth-header (finished) runs, so the counts do not move with the other rules. */
const ONLY_NLAUTH = Object.fromEntries(OTHER_RULES.map((id) => [id, 'off']));

// Files on disk are scanned on the main thread, or in the analysis worker when they are large: both ways here.
const MODES: { name: string; env: Record<string, string> }[] = [
  { name: 'on the main thread', env: {} },
  { name: 'through the analysis worker', env: { SUITEAUTH_WORKER_THRESHOLD: '0' } },
];

for (const mode of MODES) describe(`language server: Scan Workspace and include/exclude (${mode.name})`, function () {
    this.timeout(30000);
    let root: string;
    let client: LspTestClient;
    const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).href;
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };

    beforeEach(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-lsp-ws-')));
      write('src/sync.mjs', NODE_NLAUTH);
      write('src/open.mjs', NODE_NLAUTH);
      write('config/.env', DOTENV);
      write('legacy/old.mjs', NODE_NLAUTH);
      write('node_modules/lib/index.mjs', NODE_NLAUTH);
      write('build/bundle.mjs', NODE_NLAUTH);
      write('ignored/generated.mjs', NODE_NLAUTH);
      write('.gitignore', 'ignored/\n');
      write('README.md', 'NLAuth nlauth_account=1, nlauth_email=a, nlauth_signature=b\n');
    });
    afterEach(() => {
      client?.kill();
      fs.rmSync(root, { recursive: true, force: true });
    });

    async function start(capabilities: object = { workspace: { configuration: true } }, settings: object = { rules: ONLY_NLAUTH, exclude: ['legacy'] }): Promise<void> {
      client = new LspTestClient(undefined, mode.env);
      client.configuration = settings;
      await client.initialize(capabilities, [{ uri: pathToFileURL(root).href, name: 'ws' }]);
    }

    const scan = (params: object = {}) => client.request('workspace/executeCommand', { command: 'suiteauth.server.scanWorkspace', arguments: [], ...params });

    it('publishes the findings of every file the walker finds, skipping dependencies, build output, .gitignore and exclude', async () => {
      await start();
      const result = await scan({ workDoneToken: 'scan-1' });
      assert.deepEqual(result, { files: 3, analysed: 3, findings: 3, filesWithFindings: 3, skipped: 0, cancelled: false, foldersNotOnDisk: [] });
      const published = client.received('textDocument/publishDiagnostics');
      assert.deepEqual(
        published.map((p) => [path.relative(root, new URL(p.uri).pathname), p.diagnostics.map((d: any) => [d.code, d.range])]),
        [
          ['config/.env', [['nlauth-header', DOTENV_RANGE]]],
          ['src/open.mjs', [['nlauth-header', NODE_RANGE]]],
          ['src/sync.mjs', [['nlauth-header', NODE_RANGE]]],
        ],
      );
      assert.ok(published.every((p) => p.version === undefined), 'files on disk have no document version');
      const progress = client.received('$/progress');
      assert.deepEqual(progress[0], { token: 'scan-1', value: { kind: 'begin', title: 'SuiteAuth: Scan Workspace', percentage: 0, message: 'Listing files…', cancellable: true } });
      assert.deepEqual(progress[progress.length - 1], { token: 'scan-1', value: { kind: 'end' } });
      const status = client.received('suiteauth/status').pop();
      assert.deepEqual([status.state, status.findings, status.files], ['idle', 3, 3]);
    });

    it('keeps the editor buffer of open files: the disk version is not published for them', async () => {
      await start();
      client.open(uriOf('src/open.mjs'), 'javascript', CLEAN);
      assert.deepEqual((await client.diagnostics(uriOf('src/open.mjs'), 1)).diagnostics, []);
      const result = await scan();
      assert.deepEqual(result, { files: 3, analysed: 3, findings: 2, filesWithFindings: 2, skipped: 0, cancelled: false, foldersNotOnDisk: [] });
      const fromScan = client.received('textDocument/publishDiagnostics').filter((p) => p.version === undefined);
      assert.deepEqual(fromScan.map((p) => path.relative(root, new URL(p.uri).pathname)), ['config/.env', 'src/sync.mjs']);
    });

    it('after the scan, closing a file shows the findings of the file on disk again', async () => {
      await start();
      client.open(uriOf('src/open.mjs'), 'javascript', CLEAN);
      await client.diagnostics(uriOf('src/open.mjs'), 1);
      await scan();
      client.notify('textDocument/didClose', { textDocument: { uri: uriOf('src/open.mjs') } });
      const reopened = await client.waitFor('textDocument/publishDiagnostics', (p: any) => p.uri === uriOf('src/open.mjs') && p.version === undefined);
      assert.deepEqual(reopened.diagnostics.map((d: any) => [d.code, d.range]), [['nlauth-header', NODE_RANGE]]);
    });

    it('is cancellable with $/cancelRequest', async () => {
      await start();
      const { id, result } = client.requestWithId('workspace/executeCommand', { command: 'suiteauth.server.scanWorkspace', arguments: [] });
      client.notify('$/cancelRequest', { id });
      assert.deepEqual(await result, { files: 3, analysed: 0, findings: 0, filesWithFindings: 0, skipped: 0, cancelled: true, foldersNotOnDisk: [] });
      assert.deepEqual(client.received('textDocument/publishDiagnostics'), []);
    });

    it('creates its own cancellable progress when the client shows progress but sent no token', async () => {
      await start({ workspace: { configuration: true }, window: { workDoneProgress: true } });
      const create = client.waitFor('window/workDoneProgress/create');
      const result = await scan();
      const { token } = await create;
      assert.equal(result.cancelled, false);
      const progress = client.received('$/progress').filter((p) => p.token === token);
      assert.equal(progress[0].value.kind, 'begin');
      assert.equal(progress[0].value.cancellable, true);
      assert.deepEqual(progress[progress.length - 1].value, { kind: 'end' });
    });

    it('re-reads scanned files that change on disk, and clears deleted ones', async () => {
      await start({ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
      const registered = client.waitFor('client/registerCapability');
      await scan();
      const { registrations } = await registered;
      assert.equal(registrations[0].method, 'workspace/didChangeWatchedFiles');
      assert.deepEqual(registrations[0].registerOptions, { watchers: [{ globPattern: '**/{*.js,*.mjs,*.cjs,*.jsx,*.ts,*.mts,*.cts,*.tsx,*.json,*.jsonc,*.yaml,*.yml,*.properties,*.xml,*.wsdl,*.env,.env,.env.*}' }] });
      const before = client.received('textDocument/publishDiagnostics').length;
      write('config/.env', 'NS_ACCOUNT=1\n');
      fs.rmSync(path.join(root, 'src/sync.mjs'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('config/.env'), type: 2 }, { uri: uriOf('src/sync.mjs'), type: 3 }] });
      const env = await client.waitFor('textDocument/publishDiagnostics', (p: any) => p.uri === uriOf('config/.env') && p.diagnostics.length === 0);
      const gone = await client.waitFor('textDocument/publishDiagnostics', (p: any) => p.uri === uriOf('src/sync.mjs') && p.diagnostics.length === 0);
      assert.ok(env && gone);
      assert.ok(client.received('textDocument/publishDiagnostics').length >= before);
    });

    it('scans again when the settings change, honouring the new exclude', async () => {
      await start();
      await scan();
      client.configuration = { rules: ONLY_NLAUTH, exclude: ['legacy', 'config/**'] };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const cleared = await client.waitFor('textDocument/publishDiagnostics', (p: any) => p.uri === uriOf('config/.env') && p.diagnostics.length === 0);
      assert.deepEqual(cleared.diagnostics, []);
    });

    it('says which folders are not on disk (virtual workspaces)', async () => {
      client = new LspTestClient(undefined, mode.env);
      await client.initialize({ workspace: { configuration: true } }, [{ uri: 'vscode-vfs://github/suiteauth/demo', name: 'demo' }]);
      assert.deepEqual(await scan(), { files: 0, analysed: 0, findings: 0, filesWithFindings: 0, skipped: 0, cancelled: false, foldersNotOnDisk: ['demo'] });
    });

    it('does not analyse open documents that include/exclude leave out', async () => {
      await start(undefined, { rules: ONLY_NLAUTH, exclude: ['legacy'], include: ['src/**', '**/.env'] });
      client.open(uriOf('legacy/old.mjs'), 'javascript', NODE_NLAUTH);
      client.open(uriOf('src/sync.mjs'), 'javascript', NODE_NLAUTH);
      client.open(uriOf('tools/cli.mjs'), 'javascript', NODE_NLAUTH);
      client.open('untitled:Untitled-1', 'javascript', NODE_NLAUTH);
      assert.deepEqual((await client.diagnostics(uriOf('legacy/old.mjs'), 1)).diagnostics, []);
      assert.equal((await client.diagnostics(uriOf('src/sync.mjs'), 1)).diagnostics.length, 1);
      assert.deepEqual((await client.diagnostics(uriOf('tools/cli.mjs'), 1)).diagnostics, [], 'not included');
      assert.equal((await client.diagnostics('untitled:Untitled-1', 1)).diagnostics.length, 1, 'documents not on disk are always analysed');
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uriOf('legacy/old.mjs') }, range: NODE_RANGE, context: { diagnostics: [] } });
      assert.deepEqual(actions, []);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: uriOf('legacy/old.mjs') }, position: NODE_RANGE.start });
      assert.equal(hover, null);
    });

    it('warns once about an invalid glob and keeps the others', async () => {
      await start(undefined, { rules: ONLY_NLAUTH, exclude: ['legacy', 42] });
      client.open(uriOf('legacy/old.mjs'), 'javascript', NODE_NLAUTH);
      const warning = await client.waitFor('window/showMessage');
      assert.equal(warning.message, 'SuiteAuth settings: exclude.1: expected a glob string, got number. Using the defaults for these.');
      assert.deepEqual((await client.diagnostics(uriOf('legacy/old.mjs'), 1)).diagnostics, []);
    });
});

describe('language server: the kind of an open document', () => {
  it('follows the language id, corrected by the file name where the language is generic or greedy', () => {
    assert.equal(kindOf('properties', 'file:///w/.env'), 'dotenv', 'VS Code without SuiteAuth opens .env as properties');
    assert.equal(kindOf('properties', 'file:///w/app.properties'), 'properties');
    assert.equal(kindOf('dotenv', 'file:///w/.env.local'), 'dotenv');
    assert.equal(kindOf('dotenv', 'file:///w/.env.json'), 'json', 'the dotenv pattern .env.* also matches JSON');
    assert.equal(kindOf('plaintext', 'file:///w/.env.production'), 'dotenv');
    assert.equal(kindOf('javascript', 'untitled:Untitled-1'), 'js');
    assert.equal(kindOf('markdown', 'file:///w/README.md'), undefined);
  });
});
