// Runs inside VS Code's extension host (see index.js). The workspace is a copy
// of test/vscode/fixtures/workspace. Waits on VS Code events, not on sleeps.
'use strict';

const assert = require('assert');
const vscode = require('vscode');

const EXTENSION_ID = 'suiteauth.suiteauth';
const DOCS = 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/nlauth-header.md';

function fileUri(rel) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

/** Resolves when `test()` holds, re-checking on every diagnostics change; rejects after `ms`. */
function until(test, what, ms = 45000) {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      let value;
      try {
        value = test();
      } catch (e) {
        value = undefined;
      }
      if (value) {
        done = true;
        sub.dispose();
        docs.dispose();
        clearTimeout(timer);
        resolve(value);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const docs = vscode.workspace.onDidChangeTextDocument(check);
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      docs.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    check();
  });
}

const suiteauth = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'suiteauth');
const ruleOf = (d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const nlauth = (uri) => suiteauth(uri).filter((d) => ruleOf(d) === 'nlauth-header');

describe('SuiteAuth in the extension host', () => {
  let api;

  before(async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('sync.mjs'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    await api.ready;
  });

  it('activates and starts its language server', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID).isActive, true);
    assert.ok(api.client, 'the extension exposes its language client');
    assert.equal(api.client.isRunning(), true);
  });

  it('publishes nlauth-header with its rule page, severity and release dates', async () => {
    const uri = fileUri('sync.mjs');
    const [d] = await until(() => (nlauth(uri).length ? nlauth(uri) : undefined), 'nlauth-header on sync.mjs');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.code.target.toString(true), DOCS);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [4, 15, 4, 134]);
    assert.match(d.message, /2021\.1/);
  });

  it('explains the finding on hover', async () => {
    const uri = fileUri('sync.mjs');
    const [d] = nlauth(uri);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, d.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /2021\.1/);
    assert.ok(text.includes(`[Rule documentation](${DOCS})`), text);
  });

  it('offers the migration as the preferred quick fix, and applying it clears the finding', async () => {
    const uri = fileUri('sync.mjs');
    const [d] = nlauth(uri);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${JSON.stringify(titles)}`);
    assert.match(fix.title, /Bearer/);
    assert.ok(titles.includes('Disable nlauth-header for this line'), JSON.stringify(titles));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(!doc.getText().includes('NLAuth'), 'the NLAuth header is gone');
    assert.ok(doc.getText().includes('Bearer'), 'a Bearer header replaces it');
    await until(() => nlauth(uri).length === 0, 'the nlauth-header finding to disappear');
  });

  it('opens .env files in its dotenv language and analyses them', async () => {
    const uri = fileUri('config/.env');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'dotenv');
    const [d] = await until(() => (nlauth(uri).length ? nlauth(uri) : undefined), 'nlauth-header on config/.env');
    assert.deepEqual([d.range.start.line, d.range.start.character], [2, 15]);
  });

  it('offers source.fixAll.suiteauth', async () => {
    const uri = fileUri('fixall.mjs');
    const doc = await vscode.workspace.openTextDocument(uri);
    await until(() => nlauth(uri).length === 1, 'nlauth-header on fixall.mjs');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.suiteauth');
    assert.deepEqual(actions.map((a) => [a.title, a.kind && a.kind.value]), [['Fix all SuiteAuth problems', 'source.fixAll.suiteauth']]);
  });

  it('Fix All in File fixes the active editor', async () => {
    const uri = fileUri('fixall.mjs');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const result = await vscode.commands.executeCommand('suiteauth.fixAllInFile');
    assert.ok(result && result.applied >= 1, JSON.stringify(result));
    assert.ok(!doc.getText().includes('NLAuth'));
    await until(() => nlauth(uri).length === 0, 'the finding in fixall.mjs to disappear');
  });

  it('Scan Workspace publishes findings of files that are not open', async () => {
    const uri = fileUri('unopened/legacy.mjs');
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), false);
    const result = await vscode.commands.executeCommand('suiteauth.scanWorkspace');
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 5, JSON.stringify(result));
    const [d] = await until(() => (nlauth(uri).length ? nlauth(uri) : undefined), 'nlauth-header on unopened/legacy.mjs');
    assert.deepEqual([d.range.start.line, d.range.start.character], [4, 15]);
  });
});
