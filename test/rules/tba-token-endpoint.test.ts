import * as assert from 'node:assert/strict';
import { Analyzer, FileContext } from '../../server/src/core/analyzer';
import { ALL_RULES } from '../../server/src/rules';
import { findings, fixAllText, onlyRules, spanOf } from '../helpers/analyze';

const ID = 'tba-token-endpoint';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end, severity: f.severity }));
}
function at(text: string, needle: string, severity = 'warning', nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end, severity };
}

describe('tba-token-endpoint', () => {
  describe('one finding per call site or URL string, on the string that builds the URL', () => {
    it('the three steps as literals with a NetSuite host', () => {
      const text = [
        "axios.post('https://1234567.restlets.api.netsuite.com/rest/requesttoken', null, { headers });",
        "res.redirect('https://1234567.app.netsuite.com/app/login/secure/authorizetoken.nl?oauth_token=' + token);",
        "axios.post('https://1234567.restlets.api.netsuite.com/rest/accesstoken', null, { headers });",
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [
        at(text, "'https://1234567.restlets.api.netsuite.com/rest/requesttoken'"),
        at(text, "'https://1234567.app.netsuite.com/app/login/secure/authorizetoken.nl?oauth_token=' + token"),
        at(text, "'https://1234567.restlets.api.netsuite.com/rest/accesstoken'"),
      ]);
    });

    it('issuetoken is an error', () => {
      const text = "const url = 'https://system.netsuite.com/rest/issuetoken?consumerKey=' + process.env.NS_CONSUMER_KEY;\n";
      assert.deepEqual(found('a.js', text), [at(text, "'https://system.netsuite.com/rest/issuetoken?consumerKey=' + process.env.NS_CONSUMER_KEY", 'error')]);
    });

    it('templates and concatenations on a base URL, known or not', () => {
      const text = [
        'const BASE = `https://${process.env.NETSUITE_ACCOUNT}.restlets.api.netsuite.com`;',
        'const REQUEST_TOKEN_URL = `${BASE}/rest/requesttoken`;',
        "async function accessToken(base) { return axios.post(base + 'rest/accesstoken', null); }",
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [at(text, '`${BASE}/rest/requesttoken`'), at(text, "base + 'rest/accesstoken'")]);
    });

    it('a URL in a constant used twice is one finding; the same endpoint twice in one call is one finding', () => {
      const text = [
        "const URL = 'https://1234567.restlets.api.netsuite.com/rest/accesstoken';",
        'axios.post(URL, null, { headers: { Authorization: sign(URL) } });',
        'axios.post(URL, null);',
        "const RESTLETS = 'https://1234567.restlets.api.netsuite.com';",
        "axios.post(RESTLETS + '/rest/requesttoken', null, { headers: { Authorization: sign('POST', RESTLETS + '/rest/requesttoken') } });",
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [
        at(text, "'https://1234567.restlets.api.netsuite.com/rest/accesstoken'"),
        at(text, "RESTLETS + '/rest/requesttoken'"),
      ]);
    });

    it('paths kept in an object, in SuiteScript', () => {
      const text = "define(['N/https'], (https) => {\n  const PATHS = { request: '/rest/requesttoken', access: '/rest/accesstoken', issue: '/rest/issuetoken' };\n  return { PATHS };\n});\n";
      assert.deepEqual(found('a.js', text), [at(text, "'/rest/requesttoken'"), at(text, "'/rest/accesstoken'"), at(text, "'/rest/issuetoken'", 'error')]);
    });

    it('the token URLs of an oauth client', () => {
      const text = "const { OAuth } = require('oauth');\nconst oa = new OAuth(`https://${ACCOUNT}.restlets.api.netsuite.com/rest/requesttoken`, `https://${ACCOUNT}.restlets.api.netsuite.com/rest/accesstoken`, ck, cs, '1.0', cb, 'HMAC-SHA256');\n";
      assert.deepEqual(found('a.js', text), [
        at(text, '`https://${ACCOUNT}.restlets.api.netsuite.com/rest/requesttoken`'),
        at(text, '`https://${ACCOUNT}.restlets.api.netsuite.com/rest/accesstoken`'),
      ]);
    });
  });

  describe('not reported', () => {
    it('comments, log and error messages, comparisons', () => {
      const text = [
        '/**',
        ' * @NApiVersion 2.1',
        ' * Calls https://1234567.restlets.api.netsuite.com/rest/requesttoken',
        ' */',
        "define(['N/log'], (log) => {",
        "  // https.post({ url: 'https://system.netsuite.com/rest/issuetoken' });",
        '  const check = (url) => {',
        "    log.audit('tba', 'calling /rest/accesstoken for ' + url);",
        "    if (url.indexOf('/rest/issuetoken') >= 0 || url === '/rest/accesstoken') throw new Error('/rest/issuetoken is gone');",
        '  };',
        '  return { check };',
        '});',
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('what tests expect', () => {
      const text = "it('posts to /rest/requesttoken', async () => {\n  expect(fetch).toHaveBeenCalledWith('https://1234567.restlets.api.netsuite.com/rest/requesttoken');\n});\n";
      assert.deepEqual(found('a.test.js', text), []);
    });

    it('the OAuth 2.0 endpoints', () => {
      const text = "const A = 'https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl';\nconst T = 'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';\n";
      assert.deepEqual(found('a.js', text), []);
    });

    it('the same paths of another product (no NetSuite in the file)', () => {
      const text = "async function connect(baseUrl) {\n  await axios.post(`${baseUrl}/rest/requesttoken`);\n  return axios.post(baseUrl + '/rest/accesstoken');\n}\n";
      assert.deepEqual(found('a.js', text), []);
    });
  });

  it('names the step, the dates and the OAuth 2.0 replacement', () => {
    const [flow, issue] = findings('a.js', "const a = 'https://1.app.netsuite.com/app/login/secure/authorizetoken.nl';\nconst b = 'https://1.restlets.api.netsuite.com/rest/issuetoken';\n", ONLY);
    assert.match(flow.message, /^The TBA token flow endpoint authorizetoken\.nl belongs to token-based authentication \(OAuth 1\.0\): no new TBA integrations can be created as of NetSuite 2027\.1\./);
    assert.match(flow.message, /authorization code grant with PKCE \(\/app\/login\/oauth2\/authorize\.nl and \/services\/rest\/auth\/oauth2\/v1\/token\)/);
    assert.match(issue.message, /issuetoken endpoint mints tokens from a user's email and password/);
    assert.match(issue.message, /2018\.2/);
    assert.match(flow.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/tba-token-endpoint\.md\)/);
  });

  it('offers the guides, never an edit, so --fix leaves the file alone', () => {
    const analyzer = new Analyzer(ALL_RULES);
    const text = "axios.post('https://1234567.restlets.api.netsuite.com/rest/requesttoken');\n";
    const context = new FileContext({ uri: 'file:///w/a.js', kind: 'js', text, version: 1 });
    const [finding] = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(
      analyzer.fixesFor(finding, context).map((f) => [f.title, f.preferred, f.edits.length, f.openUrl]),
      [
        ['Open the OAuth 2.0 authorization code (PKCE) guide', false, 0, 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158081944642.html'],
        ['Show the tba-token-endpoint rule page', false, 0, 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/tba-token-endpoint.md'],
      ],
    );
    assert.equal(fixAllText('a.js', text, ONLY), text);
  });
});
