import { strict as assert } from 'node:assert';
import { applyLspEdits, LspTestClient } from '../helpers/lspClient';

const URI = 'file:///workspace/restlet_caller.js';
const SUITELET = [
  '/**',
  ' * @NApiVersion 2.1',
  ' */',
  "define(['N/https', 'N/url'], function (https, url) {",
  '  function onRequest(context) {',
  "    var target = url.resolveScript({ scriptId: 'customscript_rl', deploymentId: 'customdeploy_rl', returnExternalUrl: true });",
  '    var response = https.get({',
  '      url: target,',
  "      headers: { Authorization: 'NLAuth nlauth_account=123, nlauth_email=' + email + ', nlauth_signature=' + password + ', nlauth_role=3' }",
  '    });',
  '  }',
  '  return { onRequest: onRequest };',
  '});',
  '',
].join('\n');

/*
 * The whole suite runs twice: as editors see it with ordinary files (analysed
 * on the server's main thread), and with every document sent to the analysis
 * worker that large files use, so that both paths give the same answers.
 */
const MODES: { name: string; env: Record<string, string> }[] = [
  { name: 'on the main thread', env: {} },
  { name: 'through the analysis worker', env: { SUITEAUTH_WORKER_THRESHOLD: '0' } },
];

for (const mode of MODES) describe(`language server over stdio (${mode.name})`, () => {
    let client: LspTestClient;
    beforeEach(async () => {
      client = new LspTestClient(undefined, mode.env);
      await client.initialize();
    });
    afterEach(() => client.kill());

    it('announces incremental sync, code actions with fix-all, and hover', async () => {
      const fresh = new LspTestClient(undefined, mode.env);
      try {
        const result = await fresh.initialize();
        assert.equal(result.capabilities.textDocumentSync.change, 2);
        assert.deepEqual(result.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.suiteauth']);
        assert.equal(result.capabilities.hoverProvider, true);
        assert.deepEqual(result.capabilities.executeCommandProvider.commands, ['suiteauth.server.openUrl', 'suiteauth.server.scanWorkspace', 'suiteauth.server.fixAllInFile']);
        assert.deepEqual(result.capabilities.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
      } finally {
        fresh.kill();
      }
    });

    it('publishes the NLAuth diagnostic with code, source, link and exact range', async () => {
      client.open(URI, 'javascript', SUITELET);
      const { diagnostics } = await client.diagnostics(URI, 1);
      assert.equal(diagnostics.length, 1);
      const [d] = diagnostics;
      assert.equal(d.code, 'nlauth-header');
      assert.equal(d.source, 'suiteauth');
      assert.equal(d.severity, 1);
      assert.equal(d.codeDescription.href, 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/nlauth-header.md');
      const line = SUITELET.split('\n')[8];
      assert.deepEqual(d.range, { start: { line: 8, character: line.indexOf("'NLAuth") }, end: { line: 8, character: line.indexOf(' }') } });
      assert.match(d.message, /role 3 \(Administrator\)/);
      assert.match(d.message, /2021\.1/);
      assert.ok(!d.message.includes('password +'), 'the message never quotes the source');
    });

    it('offers requestRestlet as the quick fix; applying it clears the diagnostic', async () => {
      client.open(URI, 'javascript', SUITELET);
      const { diagnostics } = await client.diagnostics(URI, 1);
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics } });
      const fix = actions.find((a: any) => a.isPreferred);
      assert.equal(fix.title, 'Call the RESTlet with https.requestRestlet (same account, no credentials)');
      assert.deepEqual(fix.diagnostics, diagnostics);
      const fixed = applyLspEdits(SUITELET, fix.edit.changes[URI]);
      // The exact output of the rule's fix is pinned by its own fixtures; here: the edit arrives whole.
      assert.equal(
        fixed.split('\n').slice(0, 8).join('\n'),
        [
          '/**',
          ' * @NApiVersion 2.1',
          ' */',
          "define(['N/https', 'N/url'], function (https, url) {",
          '  function onRequest(context) {',
          '    var response = https.requestRestlet({',
          "      scriptId: 'customscript_rl',",
          "      deploymentId: 'customdeploy_rl',",
        ].join('\n'),
      );
      assert.match(fixed.split('\n')[8], /^ {6}method: https\.Method\.GET,?$/);
      assert.ok(!fixed.includes('NLAuth'));
      assert.ok(actions.some((a: any) => a.title === 'Disable nlauth-header for this line'));
      client.change(URI, 2, [{ text: fixed }]);
      const after = await client.diagnostics(URI, 2);
      assert.deepEqual(after.diagnostics, []);
    });

    it('keeps the last good finding while the code is half-typed, moved through the edit', async () => {
      client.open(URI, 'javascript', SUITELET);
      const first = await client.diagnostics(URI, 1);
      // Type an unfinished statement on a new line above the header: the file no longer parses.
      client.change(URI, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '    var x = (\n' }]);
      const during = await client.diagnostics(URI, 2);
      assert.equal(during.diagnostics.length, 1);
      assert.equal(during.diagnostics[0].code, 'nlauth-header');
      assert.deepEqual(during.diagnostics[0].range.start, { line: first.diagnostics[0].range.start.line + 1, character: first.diagnostics[0].range.start.character });
    });

    it('explains a finding on hover', async () => {
      client.open(URI, 'javascript', SUITELET);
      const { diagnostics } = await client.diagnostics(URI, 1);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 8, character: diagnostics[0].range.start.character + 3 } });
      assert.equal(hover.contents.kind, 'markdown');
      assert.match(hover.contents.value, /requestRestlet/);
      assert.match(hover.contents.value, /2018\.2/);
    });

    it('applies every fix with source.fixAll.suiteauth', async () => {
      const uri = 'file:///workspace/sync.mjs';
      const text = "export async function load() {\n  return fetch('https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl', { headers: { Authorization: 'NLAuth nlauth_account=1, nlauth_email=a, nlauth_signature=' + process.env.P } });\n}\n";
      client.open(uri, 'javascript', text);
      await client.diagnostics(uri, 1);
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.suiteauth'] } });
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, 'source.fixAll.suiteauth');
      const fixed = applyLspEdits(text, actions[0].edit.changes[uri]);
      assert.ok(fixed.includes("{ headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } }"));
      assert.ok(fixed.includes('async function getNetSuiteAccessToken() {'));
      client.change(uri, 2, [{ text: fixed }]);
      assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics, []);
    });

    it('warns once about a wrong setting and keeps working', async () => {
      const fresh = new LspTestClient(undefined, mode.env);
      fresh.configuration = { rules: { 'nlauth-header': 'loud', 'no-such-rule': 'off' }, maxFileSize: 'big' };
      try {
        await fresh.initialize();
        fresh.open(URI, 'javascript', SUITELET);
        const warning = await fresh.waitFor('window/showMessage');
        assert.equal(warning.type, 2);
        assert.match(warning.message, /rules\.nlauth-header/);
        assert.match(warning.message, /maxFileSize/);
        assert.match(warning.message, /unknown rule id 'no-such-rule'/);
        const { diagnostics } = await fresh.diagnostics(URI, 1);
        assert.equal(diagnostics.length, 1);
      } finally {
        fresh.kill();
      }
    });

    it('honours a rule set to off', async () => {
      const fresh = new LspTestClient(undefined, mode.env);
      fresh.configuration = { rules: { 'nlauth-header': 'off' } };
      try {
        await fresh.initialize();
        fresh.open(URI, 'javascript', SUITELET);
        assert.deepEqual((await fresh.diagnostics(URI, 1)).diagnostics, []);
      } finally {
        fresh.kill();
      }
    });

    it('lists the rule catalog for a rule picker', async () => {
      const rules = await client.request('suiteauth/rules', null);
      assert.deepEqual(
        rules.map((r: any) => r.id),
        ['nlauth-header', 'soap-passport', 'credentials-in-config', 'inbound-sso', 'tba-oauth1', 'tba-hmac-sha1', 'soap-token-passport', 'tba-credentials-in-config', 'tba-token-endpoint', 'missing-pkce', 'pkce-plain', 'hardcoded-secret', 'm2m-jwt-algorithm', 'soap-web-services'],
      );
      assert.deepEqual(rules[0], {
        id: 'nlauth-header',
        description: 'An NLAuth Authorization header (NetSuite email and password) built or sent in code.',
        defaultSeverity: 'error',
        tags: ['security'],
        docsUrl: 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/nlauth-header.md',
      });
    });

    it('reports its state in suiteauth/status', async () => {
      client.open(URI, 'javascript', SUITELET);
      await client.diagnostics(URI, 1);
      const idle = await client.waitFor('suiteauth/status', (p: any) => p.state === 'idle' && p.findings === 1);
      assert.deepEqual({ ...idle, lastAnalysis: typeof idle.lastAnalysis }, { state: 'idle', findings: 1, files: 1, lastAnalysis: 'string' });
    });

    it('shuts down cleanly', async () => {
      assert.equal(await client.shutdown(), 0);
    });
  });
