import { strict as assert } from 'node:assert';
import { DEFAULT_WORKER_THRESHOLD, STATUS_NOTIFICATION as STATUS } from '../../server/src/lsp/server';
import { applyLspEdits, LspTestClient } from '../helpers/lspClient';

/**
 * Large documents are analysed in the server's worker thread, so that the
 * main thread keeps serving the editor meanwhile. These tests use the real
 * server and its default threshold; they wait on messages, never on time.
 */

const BIG_URI = 'file:///workspace/big_suitelet.js';
const SMALL_URI = 'file:///workspace/small.js';
const HEADER = "'NLAuth nlauth_account=123, nlauth_email=' + email + ', nlauth_signature=' + password + ', nlauth_role=3'";

/** A SuiteScript file of about 300 KB: thousands of ordinary functions, one NLAuth call at the end. */
function bigSuitelet(): string {
  const lines = ['/**', ' * @NApiVersion 2.1', ' */', "define(['N/https', 'N/record', 'N/search'], function (https, record, search) {"];
  for (let i = 0; lines.join('\n').length < 300_000; i++) {
    lines.push(
      `  function step${i}(id) {`,
      `    var rec = record.load({ type: record.Type.SALES_ORDER, id: id + ${i} });`,
      `    var total = rec.getValue({ fieldId: 'total' }) * ${i % 7};`,
      `    log.debug('step ${i}', 'order ' + id + ' total ' + total);`,
      '    return total;',
      '  }',
    );
  }
  lines.push(
    '  function callOtherAccount(email, password) {',
    "    return https.get({ url: 'https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1', headers: { Authorization: " + HEADER + ' } });',
    '  }',
    '  return { callOtherAccount: callOtherAccount };',
    '});',
    '',
  );
  return lines.join('\n');
}

const SMALL = "const https = require('https');\nhttps.request({ host: 'x.restlets.api.netsuite.com', headers: { Authorization: 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=' + pw } });\n";

describe('language server: large documents in the analysis worker', function () {
  this.timeout(60000);
  const big = bigSuitelet();
  const bigLines = big.split('\n');
  const headerLine = bigLines.findIndex((l) => l.includes(HEADER));
  const headerRange = { start: { line: headerLine, character: bigLines[headerLine].indexOf(HEADER) }, end: { line: headerLine, character: bigLines[headerLine].indexOf(HEADER) + HEADER.length } };
  let client: LspTestClient;

  beforeEach(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  afterEach(() => client.kill());

  it('the document is large enough to go to the worker', () => {
    assert.ok(big.length >= DEFAULT_WORKER_THRESHOLD * 4, `${big.length} characters`);
    assert.ok(SMALL.length < DEFAULT_WORKER_THRESHOLD);
  });

  it('a small file opened after a large one is answered first; the large one gets its exact finding', async () => {
    const bigDiagnostics = client.diagnostics(BIG_URI, 1);
    const smallDiagnostics = client.diagnostics(SMALL_URI, 1);
    client.open(BIG_URI, 'javascript', big);
    client.open(SMALL_URI, 'javascript', SMALL);
    const [bigResult, smallResult] = await Promise.all([bigDiagnostics, smallDiagnostics]);
    // On one thread the large file, opened first, would block the small one until it was done.
    assert.deepEqual(
      client.received('textDocument/publishDiagnostics').map((p) => p.uri),
      [SMALL_URI, BIG_URI],
    );
    assert.deepEqual(smallResult.diagnostics.map((d) => d.code), ['nlauth-header']);
    assert.equal(bigResult.diagnostics.length, 1);
    const [d] = bigResult.diagnostics;
    assert.equal(d.code, 'nlauth-header');
    assert.equal(d.source, 'suiteauth');
    assert.deepEqual(d.range, headerRange);
    assert.match(d.message, /role 3 \(Administrator\)/);
  });

  it('hover, the quick fix and Fix All come from the worker and clear the finding', async () => {
    client.open(BIG_URI, 'javascript', big);
    const { diagnostics } = await client.diagnostics(BIG_URI, 1);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: BIG_URI }, position: headerRange.start });
    assert.deepEqual(hover.range, headerRange);
    assert.match(hover.contents.value, /nlauth-header|NLAuth/);

    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: BIG_URI }, range: diagnostics[0].range, context: { diagnostics } });
    const titles = actions.map((a: any) => a.title);
    assert.ok(titles.includes('Disable nlauth-header for this line'), titles.join(' | '));
    const preferred = actions.find((a: any) => a.isPreferred);
    assert.ok(preferred?.edit, titles.join(' | '));
    const fixed = applyLspEdits(big, preferred.edit.changes?.[BIG_URI] ?? preferred.edit.documentChanges[0].edits);
    assert.ok(!fixed.includes('NLAuth'), 'the header is gone');
    assert.equal(fixed.split('\n').slice(0, 2000).join('\n'), bigLines.slice(0, 2000).join('\n'), 'nothing before the call changed');
    client.change(BIG_URI, 2, [{ text: fixed }]);
    assert.deepEqual((await client.diagnostics(BIG_URI, 2)).diagnostics, []);

    client.change(BIG_URI, 3, [{ text: big }]);
    await client.diagnostics(BIG_URI, 3);
    const fixAll = await client.request('textDocument/codeAction', { textDocument: { uri: BIG_URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.suiteauth'] } });
    assert.equal(fixAll.length, 1);
    assert.equal(applyLspEdits(big, fixAll[0].edit.changes[BIG_URI]), fixed, 'Fix All applies the same preferred fix');
  });

  it('versions typed while the worker is busy: only the newest is published', async () => {
    client.open(BIG_URI, 'javascript', big);
    await client.diagnostics(BIG_URI, 1);
    const at = { line: 5, character: 4 };
    const analysing = () => client.received(STATUS).filter((p) => p.state === 'analysing').length;
    // Each version is sent once the server has started on the one before (its debounce is over).
    for (const version of [2, 3, 4]) {
      const started = analysing();
      client.change(BIG_URI, version, [{ range: { start: at, end: at }, text: ' ' }]);
      if (version < 4) await client.waitFor(STATUS, (p: any) => p.state === 'analysing' && analysing() > started);
    }
    const latest = await client.diagnostics(BIG_URI, 4);
    assert.equal(latest.diagnostics.length, 1);
    assert.equal(latest.diagnostics[0].range.start.line, headerLine);
    const versions = client.received('textDocument/publishDiagnostics').filter((p) => p.uri === BIG_URI).map((p) => p.version);
    assert.equal(versions[0], 1);
    assert.equal(versions[versions.length - 1], 4, `published versions: ${versions.join(', ')}`);
    // A version is never published after a newer one.
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  });
});
