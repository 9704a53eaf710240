import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { applyLspEdits, LspTestClient } from '../helpers/lspClient';

/**
 * How the server turns fixes that create files, append to sibling files or
 * open a page into LSP code actions and workspace edits. The server is the
 * real one, run with two test rules (fixtures/testRules.ts) whose fixes are
 * known exactly.
 */

const TEST_SERVER_SOURCE = path.join(__dirname, 'fixtures', 'testServer.ts');
/** Bundled once per run (esbuild, like dist/server.js): spawning it is then as quick as the real server. */
let TEST_SERVER = '';
/** What VS Code announces: versioned document changes, file creation, disabled actions. */
const EDITOR_CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
  textDocument: { codeAction: { disabledSupport: true } },
  window: { showDocument: { support: true } },
};
const CALLER = "function load() {\n  return DEMO_CALL();\n}\n";
const CALL_RANGE = { start: { line: 1, character: 9 }, end: { line: 1, character: 20 } };
const SECRET = "const DEMO_SECRET = 'hunter2';\nmodule.exports = DEMO_SECRET;\n";

describe('language server: fixes that create, append and open pages', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-test-server-'));
    TEST_SERVER = path.join(out, 'testServer.js');
    // jsonc-parser's UMD `main` does not bundle; its ESM build does (as in scripts/bundle.mjs).
    await esbuild.build({ entryPoints: [TEST_SERVER_SOURCE], outfile: TEST_SERVER, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'error' });
  });
  after(() => {
    if (TEST_SERVER) fs.rmSync(path.dirname(TEST_SERVER), { recursive: true, force: true });
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-lsp-edits-'));
  });
  afterEach(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(capabilities: object = EDITOR_CAPABILITIES): Promise<void> {
    client = new LspTestClient(TEST_SERVER);
    await client.initialize(capabilities, [{ uri: pathToFileURL(dir).href, name: 'ws' }]);
  }

  async function actionsAt(uri: string, text: string, languageId = 'javascript') {
    client.open(uri, languageId, text);
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.length, 1);
    return { diagnostics, actions: await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } }) };
  }

  it('creates a helper module with CreateFile { ignoreIfExists } and inserts its text, then edits the document', async () => {
    await start();
    const uri = uriOf('caller.js');
    const { diagnostics, actions } = await actionsAt(uri, CALLER);
    assert.deepEqual(diagnostics[0].range, CALL_RANGE);
    assert.deepEqual(diagnostics[0].tags, [2], 'a deprecated-tagged rule renders struck through');
    assert.deepEqual(
      actions.map((a: any) => a.title),
      ['Call demoHelper() from ./demo-helper.js', 'Open the DEMO_CALL migration guide', 'Disable demo-helper for this line'],
    );
    const helper = uriOf('demo-helper.js');
    assert.deepEqual(actions[0], {
      title: 'Call demoHelper() from ./demo-helper.js',
      kind: 'quickfix',
      diagnostics,
      isPreferred: true,
      edit: {
        documentChanges: [
          { kind: 'create', uri: helper, options: { ignoreIfExists: true } },
          { textDocument: { uri: helper, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'exports.demoHelper = () => 42;\n' }] },
          {
            textDocument: { uri, version: 1 },
            edits: [
              { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "const { demoHelper } = require('./demo-helper.js');\n" },
              { range: CALL_RANGE, newText: 'demoHelper()' },
            ],
          },
        ],
      },
    });
  });

  it('never overwrites: a different file with the helper name disables the fix; the same file needs no creation', async () => {
    await start();
    fs.writeFileSync(path.join(dir, 'demo-helper.js'), 'module.exports = "mine";\n');
    const uri = uriOf('caller.js');
    const { actions } = await actionsAt(uri, CALLER);
    assert.equal(actions[0].title, 'Call demoHelper() from ./demo-helper.js');
    assert.equal(actions[0].edit, undefined);
    assert.deepEqual(actions[0].disabled, { reason: 'demo-helper.js already exists with different content; SuiteAuth never overwrites a file.' });

    fs.writeFileSync(path.join(dir, 'demo-helper.js'), 'exports.demoHelper = () => 42;\n');
    client.change(uri, 2, [{ text: CALLER }]);
    await client.diagnostics(uri, 2);
    const again = await client.request('textDocument/codeAction', { textDocument: { uri }, range: CALL_RANGE, context: { diagnostics: [] } });
    assert.deepEqual(again[0].edit, {
      changes: {
        [uri]: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "const { demoHelper } = require('./demo-helper.js');\n" },
          { range: CALL_RANGE, newText: 'demoHelper()' },
        ],
      },
    });
  });

  it('leaves out a fix that creates files when the editor cannot create files or show disabled actions', async () => {
    await start({ workspace: { configuration: true } });
    const uri = uriOf('caller.js');
    const { actions } = await actionsAt(uri, CALLER);
    assert.deepEqual(
      actions.map((a: any) => a.title),
      ['Open the DEMO_CALL migration guide', 'Disable demo-helper for this line'],
    );
  });

  it('disables a fix that creates files next to an untitled document', async () => {
    await start();
    const { actions } = await actionsAt('untitled:Untitled-1', CALLER);
    assert.deepEqual(actions[0].disabled, { reason: 'It creates demo-helper.js next to the file, and the file is not saved on disk.' });
  });

  it('opens the guide through a server command that asks the editor to show the page outside', async () => {
    await start();
    const { diagnostics, actions } = await actionsAt(uriOf('caller.js'), CALLER);
    assert.deepEqual(actions[1], {
      title: 'Open the DEMO_CALL migration guide',
      kind: 'quickfix',
      diagnostics,
      command: { title: 'Open the DEMO_CALL migration guide', command: 'suiteauth.server.openUrl', arguments: ['https://example.com/demo-guide'] },
    });
    const shown = client.waitFor('window/showDocument');
    assert.equal(await client.request('workspace/executeCommand', actions[1].command), null);
    assert.deepEqual(await shown, { uri: 'https://example.com/demo-guide', external: true });
  });

  it('does not open other schemes than http(s)', async () => {
    await start();
    assert.equal(await client.request('workspace/executeCommand', { command: 'suiteauth.server.openUrl', arguments: ['file:///etc/passwd'] }), null);
    assert.equal(await client.request('workspace/executeCommand', { command: 'suiteauth.server.openUrl', arguments: ['command:workbench.action.quit'] }), null);
    assert.deepEqual(client.received('window/showDocument'), []);
  });

  it('appends to an existing .env.example at its end, adding the missing line break', async () => {
    await start();
    fs.writeFileSync(path.join(dir, '.env.example'), 'NS_ACCOUNT=');
    const uri = uriOf('config.js');
    const { actions } = await actionsAt(uri, SECRET);
    assert.deepEqual(actions[0].edit, {
      changes: {
        [uri]: [{ range: { start: { line: 0, character: 20 }, end: { line: 0, character: 29 } }, newText: 'process.env.DEMO_SECRET' }],
        [uriOf('.env.example')]: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, newText: '\nDEMO_SECRET=\n' }],
      },
    });
  });

  it('appends nothing when .env.example is missing or already has the line', async () => {
    await start();
    const uri = uriOf('config.js');
    const missing = await actionsAt(uri, SECRET);
    assert.deepEqual(Object.keys(missing.actions[0].edit.changes), [uri]);

    fs.writeFileSync(path.join(dir, '.env.example'), 'DEMO_SECRET=\n');
    client.change(uri, 2, [{ text: SECRET }]);
    await client.diagnostics(uri, 2);
    const present = await client.request('textDocument/codeAction', { textDocument: { uri }, range: missing.diagnostics[0].range, context: { diagnostics: [] } });
    assert.deepEqual(Object.keys(present[0].edit.changes), [uri]);
  });

  it('appends to the editor buffer of an open .env.example, not to the file on disk', async () => {
    await start();
    fs.writeFileSync(path.join(dir, '.env.example'), 'ON_DISK=\n');
    client.open(uriOf('.env.example'), 'dotenv', 'ON_DISK=\nUNSAVED=1\r\nLAST=2', 4);
    const uri = uriOf('config.js');
    const { actions } = await actionsAt(uri, SECRET);
    assert.deepEqual(actions[0].edit.changes[uriOf('.env.example')], [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, newText: '\r\nDEMO_SECRET=\n' }]);
  });

  it('source.fixAll.suiteauth carries created files and appends too', async () => {
    await start();
    fs.writeFileSync(path.join(dir, '.env.example'), '');
    const uri = uriOf('both.js');
    const text = `${CALLER}${SECRET}`;
    client.open(uri, 'javascript', text);
    assert.equal((await client.diagnostics(uri, 1)).diagnostics.length, 2);
    const [action] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: CALL_RANGE, context: { diagnostics: [], only: ['source.fixAll.suiteauth'] } });
    assert.equal(action.title, 'Fix all SuiteAuth problems');
    assert.equal(action.kind, 'source.fixAll.suiteauth');
    const changes = action.edit.documentChanges;
    assert.deepEqual(changes.slice(0, 2), [
      { kind: 'create', uri: uriOf('demo-helper.js'), options: { ignoreIfExists: true } },
      { textDocument: { uri: uriOf('demo-helper.js'), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'exports.demoHelper = () => 42;\n' }] },
    ]);
    assert.deepEqual(changes[2].textDocument, { uri, version: 1 });
    assert.equal(
      applyLspEdits(text, changes[2].edits),
      "const { demoHelper } = require('./demo-helper.js');\nfunction load() {\n  return demoHelper();\n}\nconst DEMO_SECRET = process.env.DEMO_SECRET;\nmodule.exports = DEMO_SECRET;\n",
    );
    assert.deepEqual(changes[3], { textDocument: { uri: uriOf('.env.example'), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'DEMO_SECRET=\n' }] });
  });

  it('Fix All in File applies the same edit through workspace/applyEdit', async () => {
    await start();
    const uri = uriOf('secret.js');
    client.open(uri, 'javascript', SECRET);
    await client.diagnostics(uri, 1);
    const applyEdit = client.waitFor('workspace/applyEdit');
    const result = await client.request('workspace/executeCommand', { command: 'suiteauth.server.fixAllInFile', arguments: [uri] });
    assert.deepEqual(result, { applied: 1 });
    const request = await applyEdit;
    assert.equal(request.label, 'SuiteAuth: Fix All in File');
    assert.equal(applyLspEdits(SECRET, request.edit.changes[uri]), 'const DEMO_SECRET = process.env.DEMO_SECRET;\nmodule.exports = DEMO_SECRET;\n');
  });

  it('Fix All in File says why nothing was applied', async () => {
    await start();
    const uri = uriOf('clean.js');
    client.open(uri, 'javascript', 'module.exports = 1;\n');
    await client.diagnostics(uri, 1);
    assert.deepEqual(await client.request('workspace/executeCommand', { command: 'suiteauth.server.fixAllInFile', arguments: [uri] }), { applied: 0, reason: 'SuiteAuth has no automatic fix for this file.' });
    assert.deepEqual(await client.request('workspace/executeCommand', { command: 'suiteauth.server.fixAllInFile', arguments: [uriOf('closed.js')] }), {
      applied: 0,
      reason: 'The file is not open, or SuiteAuth does not analyse this kind of file.',
    });
    client.applyEdits = false;
    const secret = uriOf('secret.js');
    client.open(secret, 'javascript', SECRET);
    await client.diagnostics(secret, 1);
    assert.deepEqual(await client.request('workspace/executeCommand', { command: 'suiteauth.server.fixAllInFile', arguments: [secret] }), { applied: 0, reason: 'The editor did not apply the edit.' });
  });

  it('a rule that throws does not hide the other rules: their findings stay, the status says which rule failed', async () => {
    await start();
    const uri = uriOf('crash.js');
    client.open(uri, 'javascript', `// DEMO_CRASH\n${CALLER}`);
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d: any) => d.code), ['demo-helper']);
    const status = await client.waitFor('suiteauth/status', (p: any) => p.state === 'error');
    assert.equal(status.message, 'Internal error in SuiteAuth rule demo-crash while analysing crash.js; the other rules still report. See the SuiteAuth output.');
    const logged = await client.waitFor('window/logMessage', (p: any) => p.type === 1);
    assert.match(logged.message, /^SuiteAuth internal error in rule demo-crash while analysing file:.*crash\.js: TypeError: v\.forEach is not a function/);
    client.change(uri, 2, [{ text: CALLER }]);
    await client.diagnostics(uri, 2);
    assert.equal((await client.waitFor('suiteauth/status', (p: any) => p.state === 'idle')).findings, 1);
  });
});
