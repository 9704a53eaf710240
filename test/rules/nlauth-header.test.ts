import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer, FileContext } from '../../server/src/core/analyzer';
import { ALL_RULES } from '../../server/src/rules';
import { applyEdits } from '../../server/src/core/text';
import { findings, fixAllText, onlyRules, spanOf, parseProblems } from '../helpers/analyze';

const ONLY = onlyRules('nlauth-header');
const NL = "'NLAuth nlauth_account=1234567, nlauth_email=a@example.com, nlauth_signature=pw, nlauth_role=3'";

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: 'nlauth-header', start: s.start, end: s.end };
}

describe('nlauth-header', () => {
  describe('finds the header in every API, on the expression that builds it', () => {
    const cases: [string, string][] = [
      ['SuiteScript 1.0 nlapiRequestURL with an Array', `var h = new Array();\nh['Authorization'] = ${NL};\nnlapiRequestURL(url, null, h);`],
      ['SuiteScript 2.x https.get', `define(['N/https'], (https) => { https.get({ url: u, headers: { Authorization: ${NL} } }); });`],
      ['SuiteScript 2.x https.post.promise', `define(['N/https'], function (h) { return h.post.promise({ url: u, body: '', headers: { 'authorization': ${NL} } }); });`],
      ['SuiteScript 2.x https.request', `define(['N/https'], (https) => { https.request({ method: https.Method.PUT, url: u, headers: { Authorization: ${NL} } }); });`],
      ['fetch', `async function f() { await fetch(u, { headers: { Authorization: ${NL} } }); }`],
      ['fetch with Headers', `async function f() { await fetch(u, { headers: new Headers({ Authorization: ${NL} }) }); }`],
      ['axios config', `const axios = require('axios');\nasync function f() { await axios({ url: u, headers: { Authorization: ${NL} } }); }`],
      ['axios defaults', `import axios from 'axios';\naxios.defaults.headers.common['Authorization'] = ${NL};`],
      ['got', `const got = require('got');\nasync function f() { await got(u, { headers: { authorization: ${NL} } }); }`],
      ['request', `const request = require('request');\nrequest.post({ url: u, headers: { Authorization: ${NL} } }, cb);`],
      ['superagent set', `const superagent = require('superagent');\nfunction f() { return superagent.post(u).set('Authorization', ${NL}); }`],
      ['https.request', `const https = require('node:https');\nhttps.request({ host, headers: { Authorization: ${NL} } }).end();`],
      ['a header value in a raw HTTP string', `const raw = 'GET /app/site/hosting/restlet.nl HTTP/1.1\\r\\nAuthorization: NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x\\r\\n';`],
    ];
    for (const [name, text] of cases) {
      it(name, () => {
        const expected = text.includes(NL) ? at(text, NL) : at(text, text.slice(text.indexOf("'GET"), text.lastIndexOf("'") + 1));
        assert.deepEqual(found('a.js', text), [expected]);
      });
    }
  });

  it('reports a template literal with holes, and a concatenation with unknown parts, whole', () => {
    const text = 'async function f(acct, email, pw) {\n  const auth = `NLAuth nlauth_account=${acct}, nlauth_email=${email}, nlauth_signature=${pw}`;\n  return fetch(u, { headers: { Authorization: auth } });\n}\n';
    assert.deepEqual(found('a.js', text), [at(text, text.slice(text.indexOf('`NLAuth'), text.indexOf('`;') + 1))]);
    const concat = "const h = 'NLAuth ' + parts;\nfetch(u, { headers: { Authorization: h } });";
    assert.deepEqual(found('a.js', concat), [at(concat, "'NLAuth ' + parts")]);
  });

  it('follows a header joined from two constants with no literal of its own', () => {
    const text = "const scheme = 'NLAuth ';\nconst creds = `nlauth_account=${a}, nlauth_email=${e}, nlauth_signature=${p}`;\nfetch(u, { headers: { Authorization: scheme + creds } });\n";
    assert.deepEqual(found('a.js', text), [at(text, 'scheme + creds')]);
    const numbers = 'const n = 1;\nconst total = count + n;\nconst next = i + 1;\n';
    assert.deepEqual(found('a.js', numbers), []);
  });

  it('reports a header built once and sent twice once, where it is built', () => {
    const text = `const AUTH = ${NL};\nfetch(a, { headers: { Authorization: AUTH } });\nfetch(b, { headers: { Authorization: AUTH } });`;
    assert.deepEqual(found('a.js', text), [at(text, NL)]);
  });

  it('names the role and the dates in the message, and never the password', () => {
    const [f] = findings('a.js', `fetch(u, { headers: { Authorization: ${NL} } });`, ONLY);
    assert.match(f.message, /role 3 \(Administrator\)/);
    assert.match(f.message, /2018\.2/);
    assert.match(f.message, /2021\.1/);
    assert.ok(!f.message.includes('pw,') && !(f.hover ?? '').includes('nlauth_signature=pw'));
    assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/nlauth-header\.md\)/);
    const [other] = findings('a.js', "fetch(u, { headers: { Authorization: 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x, nlauth_role=1032' } });", ONLY);
    assert.match(other.message, /It logs in with role 1032\./);
  });

  it('is not fooled by comments, logs, errors, comparisons or Bearer headers', () => {
    const text = [
      `// fetch(u, { headers: { Authorization: ${NL} } });`,
      `/** @example headers: { Authorization: ${NL} } */`,
      "log.error('NLAuth nlauth_account header rejected');",
      "console.warn(`NLAuth nlauth_email missing for ${user}`);",
      "if (h.indexOf('NLAuth nlauth_') === 0) throw new Error('NLAuth nlauth_signature is not allowed');",
      "fetch(u, { headers: { Authorization: 'Bearer ' + token } });",
      "const doc = 'The NLAuth scheme is documented elsewhere';",
    ].join('\n');
    assert.deepEqual(found('a.js', text), []);
  });

  it('keeps finding the header while the code around it is half-typed', () => {
    const text = `define(['N/https'], (https) => {\n  https.get({ url: u, headers: { Authorization: ${NL} } });\n  const x = https.\n`;
    assert.ok(parseProblems('a.js', text).length > 0);
    assert.deepEqual(found('a.js', text), [at(text, NL)]);
  });

  it('works in TypeScript with types, casts and classes', () => {
    const text = `export class C {\n  private readonly auth: string = ${NL} as string;\n  async go(): Promise<void> { await fetch(this.url, { headers: { Authorization: this.auth } }); }\n}\n`;
    // The cast belongs to the expression that builds the header.
    assert.deepEqual(found('a.ts', text), [at(text, `${NL} as string`)]);
  });

  describe('fixes', () => {
    const analyzer = new Analyzer(ALL_RULES);
    function fixesOf(fileName: string, text: string, uri?: string) {
      const context = new FileContext({ uri: uri ?? `file:///w/${fileName}`, kind: fileName.endsWith('.ts') ? 'ts' : 'js', text, version: 1 });
      const [finding] = analyzer.analyze(context, ONLY).findings;
      return analyzer.fixesFor(finding, context);
    }

    it('SuiteScript 1.0 same account → nlapiRequestRestlet', () => {
      const text = [
        'function get(id) {',
        "  var url = nlapiResolveURL('RESTLET', 'customscript_a', 'customdeploy_a', true);",
        `  var h = { Authorization: ${NL}, 'Content-Type': 'application/json' };`,
        "  return nlapiRequestURL(url, null, h, 'GET');",
        '}',
        '',
      ].join('\n');
      assert.equal(
        fixAllText('a.js', text, ONLY),
        ['function get(id) {', "  var h = { 'Content-Type': 'application/json' };", "  return nlapiRequestRestlet('customscript_a', 'customdeploy_a', null, null, h, 'GET');", '}', ''].join('\n'),
      );
    });

    it('SuiteScript 2.x cross-account → API secret via createSecureString, in the file\'s quotes', () => {
      const text = `define(["N/https"], function (https) {\n  https.get({ url: "https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl", headers: { Authorization: "NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x" } });\n});\n`;
      assert.equal(
        fixAllText('a.js', text, ONLY),
        `define(["N/https"], function (https) {\n  https.get({ url: "https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl", headers: { Authorization: https.createSecureString({ input: "Bearer {custsecret_netsuite_access_token}" }) } });\n});\n`,
      );
    });

    it('Node in a non-async function where the request result is kept: offers making it async, not preferred', () => {
      const text = `const https = require('https');\nfunction go() {\n  const req = https.request({ headers: { Authorization: ${NL} } });\n  req.end();\n}\n`;
      const [fix, moduleFix] = fixesOf('a.js', text);
      assert.equal(fix.preferred, false);
      assert.match(fix.title, /making `go` async/);
      assert.ok(applyEdits(text, fix.edits).startsWith("const https = require('https');\nasync function go() {\n  const req = https.request({ headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });"));
      assert.equal(moduleFix.preferred, false);
      assert.equal(fixAllText('a.js', text, ONLY), text, 'fix-all leaves it alone');
    });

    it('offers the helper as a new module, imported in the file\'s module system', () => {
      const text = `const axios = require('axios');\nasync function go() {\n  return axios.get(u, { headers: { Authorization: ${NL} } });\n}\n`;
      const fixes = fixesOf('a.js', text);
      const moduleFix = fixes.find((f) => f.createFiles)!;
      assert.equal(moduleFix.preferred, false);
      assert.equal(moduleFix.createFiles![0].relativePath, 'netsuiteAccessToken.js');
      assert.match(moduleFix.createFiles![0].text, /module\.exports = \{ getNetSuiteAccessToken \};\n$/);
      assert.match(moduleFix.createFiles![0].text, /alg: 'PS256'/);
      assert.equal(
        applyEdits(text, moduleFix.edits),
        "const axios = require('axios');\nconst { getNetSuiteAccessToken } = require('./netsuiteAccessToken');\nasync function go() {\n  return axios.get(u, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });\n}\n",
      );
      const ts = fixesOf('a.ts', `import got from 'got';\nexport async function go(): Promise<unknown> {\n  return got(u, { headers: { Authorization: ${NL} } });\n}\n`).find((f) => f.createFiles)!;
      assert.equal(ts.createFiles![0].relativePath, 'netsuiteAccessToken.ts');
      assert.match(ts.createFiles![0].text, /^export async function getNetSuiteAccessToken\(\): Promise<string> \{$/m);
      assert.ok(applyEdits('', []) === '' && ts.edits.some((e) => e.newText === "import { getNetSuiteAccessToken } from './netsuiteAccessToken.js';\n"));
    });

    it('imports an existing token module instead of adding a copy', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-'));
      try {
        fs.writeFileSync(path.join(dir, 'netsuiteAccessToken.mjs'), 'export async function getNetSuiteAccessToken() { return "t"; }\n');
        const text = `import axios from 'axios';\nexport async function go() {\n  return axios.get(u, { headers: { Authorization: ${NL} } });\n}\n`;
        const fixes = fixesOf('a.mjs', text, pathToFileURL(path.join(dir, 'a.mjs')).href);
        assert.equal(fixes.length, 1);
        assert.equal(fixes[0].preferred, true);
        assert.equal(
          applyEdits(text, fixes[0].edits),
          "import axios from 'axios';\nimport { getNetSuiteAccessToken } from './netsuiteAccessToken.mjs';\nexport async function go() {\n  return axios.get(u, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });\n}\n",
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('awaits at the top level of an ES module, and offers nothing at the top level of CommonJS', () => {
      const esm = `import got from 'got';\nconst res = await got(u, { headers: { authorization: ${NL} } });\n`;
      assert.ok(fixAllText('a.mjs', esm, ONLY).startsWith("import got from 'got';\nconst res = await got(u, { headers: { authorization: `Bearer ${await getNetSuiteAccessToken()}` } });\n"));
      const cjs = `const got = require('got');\nconst H = ${NL};\nmodule.exports = () => got(u, { headers: { authorization: H } });\n`;
      assert.deepEqual(fixesOf('a.js', cjs), []);
    });

    it('offers only the tba-token-endpoint guide when the header logs in to /rest/issuetoken (a Bearer token cannot mint a TBA token)', () => {
      const text = `const got = require('got');\nasync function issue(consumerKey) {\n  const endpoint = 'https://system.netsuite.com/rest/issuetoken?consumerKey=' + consumerKey;\n  return got.post(endpoint, { headers: { Authorization: ${NL} } });\n}\n`;
      const fixes = fixesOf('a.js', text);
      assert.equal(fixes.length, 1);
      assert.deepEqual(fixes[0].edits, []);
      assert.equal(fixes[0].preferred, false);
      assert.equal(fixes[0].openUrl, 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/tba-token-endpoint.md');
      assert.equal(fixAllText('a.js', text, ONLY), text);
    });

    it('adds the TypeScript helper with types, without semicolons when the file has none', () => {
      const text = `import fetch from 'node-fetch'\nconst base = 'https://1.restlets.api.netsuite.com'\nexport async function go(): Promise<unknown> {\n  const res = await fetch(base, { headers: { Authorization: ${NL} } })\n  return res.json()\n}\n`;
      const out = fixAllText('a.ts', text, ONLY);
      assert.match(out, /^var netSuiteAccessTokenCache: \{ token: string; expiresAt: number \} \| undefined$/m);
      assert.match(out, /^  return body\.access_token$/m);
      assert.deepEqual(parseProblems('a.ts', out), []);
    });
  });
});
