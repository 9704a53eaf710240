import * as assert from 'node:assert/strict';
import { Analyzer, FileContext } from '../../server/src/core/analyzer';
import { ALL_RULES } from '../../server/src/rules';
import { applyEdits } from '../../server/src/core/text';
import { findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'tba-oauth1';
const ONLY = onlyRules(ID);
const HELPER_START = '\n// OAuth 2.0 client credentials (M2M) for NetSuite, added by SuiteAuth';

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end };
}
/** The text from `start` to the end of `end` (both needles), as an expected finding. */
function between(text: string, start: string, end: string) {
  const s = text.indexOf(start);
  const e = text.indexOf(end, s);
  assert.ok(s >= 0 && e >= 0, `${start} … ${end} not in text`);
  return { ruleId: ID, start: s, end: e + end.length };
}

const analyzer = new Analyzer(ALL_RULES);
function fixesOf(fileName: string, text: string, index = 0) {
  const context = new FileContext({ uri: `file:///w/${fileName}`, kind: /\.[cm]?tsx?$/.test(fileName) ? 'ts' : 'js', text, version: 1 });
  const finding = analyzer.analyze(context, ONLY).findings[index];
  assert.ok(finding, 'no finding to fix');
  return analyzer.fixesFor(finding, context);
}
/** Fix-all output without the appended token helper, which has tests of its own (nlauth-header). */
function fixedHead(fileName: string, text: string): string {
  const out = fixAllText(fileName, text, ONLY);
  assert.deepEqual(parseProblems(fileName, out), [], `the fixed file does not parse:\n${out}`);
  assert.equal(fixAllText(fileName, out, ONLY), out, 'fix-all is not idempotent');
  assert.deepEqual(found(fileName, out), [], `the finding is still there:\n${out}`);
  const helper = out.indexOf(HELPER_START);
  if (helper < 0) return out;
  assert.match(out.slice(helper), /\nasync function getNetSuiteAccessToken\(\)(: Promise<string>)? \{\n/);
  return out.slice(0, helper);
}

const OAUTH_OPTIONS = `{
  consumer: { key: process.env.NS_CONSUMER_KEY, secret: process.env.NS_CONSUMER_SECRET },
  signature_method: 'HMAC-SHA256',
  hash_function(base, key) {
    return crypto.createHmac('sha256', key).update(base).digest('base64');
  },
  realm: process.env.NS_ACCOUNT_ID,
}`;

describe('tba-oauth1', () => {
  describe('signers, on the object literal or call that configures them', () => {
    it('oauth-1.0a called as a function (CommonJS)', () => {
      const text = `const OAuth = require('oauth-1.0a');\nconst crypto = require('crypto');\nconst oauth = OAuth(${OAUTH_OPTIONS});\n`;
      assert.deepEqual(found('a.js', text), [at(text, OAUTH_OPTIONS)]);
    });

    it('oauth-1.0a with new, imported in TypeScript (default import and import = require)', () => {
      const text = `import OAuth from 'oauth-1.0a';\nimport * as crypto from 'crypto';\nexport const oauth = new OAuth(${OAUTH_OPTIONS});\n`;
      assert.deepEqual(found('a.ts', text), [at(text, OAUTH_OPTIONS)]);
      const eq = `import OAuth = require('oauth-1.0a');\nimport crypto = require('crypto');\nexport const oauth = new OAuth(${OAUTH_OPTIONS});\n`;
      assert.deepEqual(found('a.ts', eq), [at(eq, OAUTH_OPTIONS)]);
    });

    it('options kept in a variable are reported where they are written', () => {
      const text = `const OAuth = require('oauth-1.0a');\nconst options = ${OAUTH_OPTIONS};\nconst oauth = OAuth(options);\n`;
      assert.deepEqual(found('a.js', text), [at(text, OAUTH_OPTIONS)]);
    });

    it('a copy of oauth-1.0a bundled with a SuiteScript, found by its options', () => {
      const options = "{ consumer: { key: ck, secret: cs }, signature_method: 'HMAC-SHA256', hash_function: function (b, k) { return CryptoJS.HmacSHA256(b, k).toString(CryptoJS.enc.Base64); } }";
      const text = `define(['N/https', './lib/oauth', './lib/crypto-js'], function (https, OAuth, CryptoJS) {\n  var oauth = OAuth(${options});\n  return { oauth: oauth };\n});\n`;
      assert.deepEqual(found('a.js', text), [at(text, options)]);
    });

    it('a signer kept in a class field or set in the constructor', () => {
      const field = `import OAuth from 'oauth-1.0a';\nexport class NetSuite {\n  private readonly oauth = new OAuth(${OAUTH_OPTIONS});\n}\n`;
      assert.deepEqual(found('a.ts', field), [at(field, OAUTH_OPTIONS)]);
      const ctor = `import OAuth from 'oauth-1.0a';\nexport class NetSuite {\n  private oauth: OAuth;\n  constructor() {\n    this.oauth = new OAuth(${OAUTH_OPTIONS});\n  }\n}\n`;
      assert.deepEqual(found('a.ts', ctor), [at(ctor, OAUTH_OPTIONS)]);
    });

    it('the oauth package, on the new expression', () => {
      const call = "new OAuth.OAuth('https://1.restlets.api.netsuite.com/rest/requesttoken', 'https://1.restlets.api.netsuite.com/rest/accesstoken', ck, cs, '1.0', null, 'HMAC-SHA256')";
      const text = `const OAuth = require('oauth');\nconst client = ${call};\n`;
      assert.deepEqual(found('a.js', text), [at(text, call)]);
      const named = `import { OAuth } from 'oauth';\nconst NS = 'https://1234567.restlets.api.netsuite.com';\nexport const client = new OAuth(null, null, ck, cs, '1.0', null, 'HMAC-SHA256');\n`;
      assert.deepEqual(found('a.ts', named), [at(named, "new OAuth(null, null, ck, cs, '1.0', null, 'HMAC-SHA256')")]);
    });

    it("request's oauth option, axios-oauth-1.0a and passport-oauth1", () => {
      const oauth = '{ consumer_key: ck, consumer_secret: cs, token: tk, token_secret: ts, realm: ACCOUNT }';
      const request = `const request = require('request');\nconst ACCOUNT = '1234567';\nrequest.post({ url: 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1', oauth: ${oauth} }, cb);\n`;
      assert.deepEqual(found('a.js', request), [at(request, oauth)]);
      const opts = "{ key: ck, secret: cs, token: tk, tokenSecret: ts, algorithm: 'HMAC-SHA256', realm: '1234567' }";
      const axios = `import axios from 'axios';\nimport addOAuthInterceptor from 'axios-oauth-1.0a';\nconst client = axios.create();\naddOAuthInterceptor(client, ${opts});\n`;
      assert.deepEqual(found('a.ts', axios), [at(axios, opts)]);
      const strategy = "{ requestTokenURL: 'https://1234567.restlets.api.netsuite.com/rest/requesttoken', accessTokenURL: 'https://1234567.restlets.api.netsuite.com/rest/accesstoken', userAuthorizationURL: 'https://1234567.app.netsuite.com/app/login/secure/authorizetoken.nl', consumerKey: ck, consumerSecret: cs, callbackURL: cb }";
      const passport = `const OAuthStrategy = require('passport-oauth1');\npassport.use(new OAuthStrategy(${strategy}, verify));\n`;
      assert.deepEqual(found('a.js', passport), [at(passport, strategy)]);
    });
  });

  describe('NetSuite client libraries configured with TBA credentials', () => {
    it('netsuite-rest and netsuite-api-client (flat and shorthand keys)', () => {
      const settings = '{\n  consumer_key: process.env.consumer_key,\n  consumer_secret_key: process.env.consumer_secret_key,\n  token: process.env.token,\n  token_secret: process.env.token_secret,\n  realm: process.env.realm,\n}';
      const text = `const NsApiClient = require('netsuite-rest');\nconst client = new NsApiClient(${settings});\n`;
      assert.deepEqual(found('a.js', text), [at(text, settings)]);
      const short = '{ consumer_key, consumer_secret_key, token, token_secret, realm }';
      const api = `import { NetsuiteApiClient } from 'netsuite-api-client';\nexport const client = new NetsuiteApiClient(${short});\n`;
      assert.deepEqual(found('a.mjs', api), [at(api, short)]);
    });

    it('nsrestlet account settings in a variable', () => {
      const settings = "{ accountId: 'TSTDRV123', tokenKey: tk, tokenSecret: ts, consumerKey: ck, consumerSecret: cs }";
      const text = `const nsrestlet = require('nsrestlet');\nconst accountSettings = ${settings};\nconst link = nsrestlet.createLink(accountSettings, { script: 1, deployment: 1 });\n`;
      assert.deepEqual(found('a.js', text), [at(text, settings)]);
    });

    it('node-suitetalk through an alias of its Configuration, on the whole settings object', () => {
      const settings = "{\n  account: '1234567',\n  token: { consumer_key: ck, consumer_secret: cs, token_key: tk, token_secret: ts },\n}";
      const text = `const NetSuite = require('node-suitetalk');\nconst Configuration = NetSuite.Configuration;\nconst config = new Configuration(${settings});\n`;
      assert.deepEqual(found('a.js', text), [at(text, settings)]);
      const direct = `const NetSuite = require('node-suitetalk');\nconst config = new NetSuite.Configuration(${settings});\n`;
      assert.deepEqual(found('a.js', direct), [at(direct, settings)]);
    });

    it('positional credentials, and a TBA-only library configured out of sight', () => {
      const call = "new NetSuiteOauth(url, 'GET', ck, cs, tk, ts, '1234567')";
      const text = `const NetSuiteOauth = require('netsuite-tba-oauth');\nconst signer = ${call};\n`;
      assert.deepEqual(found('a.js', text), [at(text, call)]);
      const hidden = "const NsApiClient = require('netsuite-rest');\nconst client = new NsApiClient(loadConfig());\nclient.request({ path: 'record/v1/customer' });\n";
      assert.deepEqual(found('a.js', hidden), [at(hidden, 'new NsApiClient(loadConfig())')]);
    });
  });

  describe('headers built by hand, on the expression that builds them', () => {
    it('a concatenation sent with N/https (SuiteScript 2.x)', () => {
      const header = `'OAuth realm="' + ACCOUNT + '",oauth_consumer_key="' + ck + '",oauth_token="' + tk + '",oauth_signature_method="HMAC-SHA256",oauth_signature="' + sig + '"'`;
      const text = `define(['N/https'], (https) => {\n  const send = (ck, tk, sig) => https.post({ url: u, headers: { Authorization: ${header} }, body: '' });\n  return { send };\n});\n`;
      assert.deepEqual(found('a.js', text), [at(text, header)]);
    });

    it('a template literal with holes, in a TypeScript class', () => {
      const header = '`OAuth realm="${this.creds.accountId}", oauth_consumer_key="${this.creds.consumerKey}", oauth_token="${this.creds.tokenId}", oauth_signature="${sig}"`';
      const text = `export class RestletClient {\n  constructor(private readonly creds: { accountId: string; consumerKey: string; tokenId: string }) {}\n  header(sig: string): string {\n    return ${header};\n  }\n}\n`;
      assert.deepEqual(found('a.ts', text), [at(text, header)]);
    });

    it("an array of parameters joined with ', ', with a spread of the computed ones", () => {
      const text = [
        "const NS_ACCOUNT = process.env.NS_ACCOUNT;",
        'function header(params) {',
        '  return [',
        '    `OAuth realm="${NS_ACCOUNT}"`,',
        '    ...Object.keys(params).map((k) => `${k}="${params[k]}"`),',
        "  ].join(', ');",
        '}',
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [between(text, '[\n    `OAuth', "].join(', ')")]);
    });

    it('parts pushed into an array, and a header built with +=', () => {
      const push = "exports.header = function (o) {\n  const parts = [];\n  parts.push('realm=\"' + o.netsuiteAccount + '\"');\n  parts.push('oauth_consumer_key=\"' + o.ck + '\"');\n  return 'OAuth ' + parts.join(', ');\n};\n";
      assert.deepEqual(found('a.js', push), [at(push, "'OAuth ' + parts.join(', ')")]);
      const plus = "async function call(cfg) {\n  let auth = 'OAuth ';\n  auth += 'realm=\"' + cfg.netsuiteAccount + '\"';\n  auth += ',oauth_consumer_key=\"' + cfg.ck + '\"';\n  return fetch(cfg.url, { headers: { Authorization: auth } });\n}\n";
      assert.deepEqual(found('a.js', plus), [at(plus, "'OAuth '")]);
    });

    it("'OAuth ' followed only by unknown parameters, where the file signs OAuth 1.0 for NetSuite", () => {
      const text = "const NS = 'https://1.suitetalk.api.netsuite.com';\nfunction header(params) {\n  params.oauth_signature = sign(params);\n  return 'OAuth ' + Object.keys(params).map((k) => `${k}=\"${params[k]}\"`).join(',');\n}\n";
      assert.deepEqual(found('a.js', text), [at(text, "'OAuth ' + Object.keys(params).map((k) => `${k}=\"${params[k]}\"`).join(',')")]);
    });

    it('SuiteScript 1.0 header arrays', () => {
      const header = `'OAuth realm="7654321",oauth_consumer_key="' + ck + '",oauth_token="' + tk + '",oauth_signature="' + sig + '"'`;
      const text = `function send(ck, tk, sig) {\n  var headers = new Array();\n  headers['Authorization'] = ${header};\n  return nlapiRequestURL(url, null, headers, 'POST');\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, header)]);
    });

    it('a realm is NetSuite enough by itself, unless it is a literal that is no account id', () => {
      const literal = "fetch(u, { headers: { Authorization: 'OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"' + ck + '\"' } });";
      assert.deepEqual(found('a.js', literal), [at(literal, "'OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"' + ck + '\"'")]);
      const unknown = 'const h = `OAuth realm="${cfg.realm}", oauth_token="${t}"`;\nfetch(u, { headers: { Authorization: h } });';
      assert.deepEqual(found('a.js', unknown), [at(unknown, '`OAuth realm="${cfg.realm}", oauth_token="${t}"`')]);
      const options = "{ consumer: { key: ck, secret: cs }, signature_method: 'HMAC-SHA256', realm: process.env.REALM }";
      const signer = `const OAuth = require('oauth-1.0a');\nconst oauth = OAuth(${options});\n`;
      assert.deepEqual(found('a.js', signer), [at(signer, options)]);
      const other = "fetch(u, { headers: { Authorization: 'OAuth realm=\"Photos\", oauth_consumer_key=\"' + ck + '\"' } });\nconst o = OAuth({ consumer: { key: ck, secret: cs }, signature_method: 'HMAC-SHA1', realm: 'https://api.example.com/' });\n";
      assert.deepEqual(found('a.js', other), []);
    });

    it('a header made from what an oauth-1.0a signer computed is the signer\'s: one finding, on the signer', () => {
      const text = `const OAuth = require('oauth-1.0a');\nconst oauth = OAuth(${OAUTH_OPTIONS});\nasync function go(request, token) {\n  const auth = oauth.authorize(request, token);\n  const header = 'OAuth realm="' + process.env.NS_ACCOUNT_ID + '", oauth_signature="' + auth.oauth_signature + '"';\n  return fetch(request.url, { headers: { Authorization: header } });\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, OAUTH_OPTIONS)]);
    });

    it('a header built once and sent twice is one finding', () => {
      const header = "'OAuth realm=\"1234567\", oauth_consumer_key=\"' + ck + '\"'";
      const text = `const AUTH = ${header};\nfetch(a, { headers: { Authorization: AUTH } });\nfetch(b, { headers: { Authorization: AUTH } });\n`;
      assert.deepEqual(found('a.js', text), [at(text, header)]);
    });
  });

  describe('when nothing else shows the signer', () => {
    it('a full TBA credential set in an object literal, once per set', () => {
      const prod = "{ account: '1234567', consumerKey: ck, consumerSecret: cs, tokenId: tk, tokenSecret: ts }";
      const sandbox = "{ account: '1234567_SB1', consumerKey: ck2, consumerSecret: cs2, tokenId: tk2, tokenSecret: ts2 }";
      const text = `module.exports = {\n  netsuite: ${prod},\n  netsuiteSandbox: ${sandbox},\n};\n`;
      assert.deepEqual(found('a.js', text), [at(text, prod), at(text, sandbox)]);
    });

    it('OAuth 1.0 parameters in a query string', () => {
      const query = "'?oauth_consumer_key=' + ck + '&oauth_token=' + tk + '&oauth_signature=' + sig";
      const text = `const url = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl' + ${query};\n`;
      assert.deepEqual(found('a.js', text), [at(text, `'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl' + ${query}`)]);
    });

    it('a credential set next to a header is not reported twice', () => {
      const header = "'OAuth realm=\"' + cfg.account + '\", oauth_consumer_key=\"' + cfg.consumerKey + '\"'";
      const text = `const cfg = { account: '1234567', consumerKey: ck, consumerSecret: cs, tokenId: tk, tokenSecret: ts };\nfetch(u, { headers: { Authorization: ${header} } });\n`;
      assert.deepEqual(found('a.js', text), [at(text, header)]);
    });
  });

  describe('not reported', () => {
    it('a Twitter client: oauth-1.0a options and a header without NetSuite', () => {
      const text = [
        "const OAuth = require('oauth-1.0a');",
        'const oauth = OAuth({',
        '  consumer: { key: process.env.TWITTER_CONSUMER_KEY, secret: process.env.TWITTER_CONSUMER_SECRET },',
        "  signature_method: 'HMAC-SHA1',",
        "  hash_function: (base, key) => require('crypto').createHmac('sha1', key).update(base).digest('base64'),",
        '});',
        "const manual = 'OAuth oauth_consumer_key=\"' + process.env.TWITTER_CONSUMER_KEY + '\", oauth_token=\"' + token + '\"';",
        "fetch('https://api.twitter.com/1.1/statuses/update.json', { headers: { Authorization: manual } });",
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it("Salesforce's 'OAuth ' + token next to NetSuite code", () => {
      const text = "const NS = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl';\naxios.get(sf, { headers: { Authorization: 'OAuth ' + sfToken } });\n";
      assert.deepEqual(found('a.js', text), []);
    });

    it('comments, JSDoc, commented-out code, log and error messages, comparisons, Bearer', () => {
      const text = [
        '/**',
        ' * @NApiVersion 2.1',
        ' * @example headers: { Authorization: \'OAuth realm="1234567", oauth_consumer_key="ck"\' }',
        ' */',
        "define(['N/https', 'N/log'], (https, log) => {",
        '  // Authorization: OAuth realm="1234567", oauth_consumer_key="ck", oauth_signature="sig"',
        "  // const oauth = OAuth({ consumer: { key: ck, secret: cs }, signature_method: 'HMAC-SHA256', realm: '1234567' });",
        '  const get = (h) => {',
        "    log.debug('auth', 'OAuth realm=\"1234567\" header from ' + h);",
        "    if (h.indexOf('OAuth realm=') === 0) throw new Error('OAuth realm=\"1234567\" headers are rejected');",
        "    return https.get({ url: 'https://1234567.restlets.api.netsuite.com/x', headers: { Authorization: 'Bearer ' + h } });",
        '  };',
        '  return { get };',
        '});',
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('what tests expect and how they are named (the code under test is reported)', () => {
      const text = [
        "const { buildHeader } = require('../src/netsuite');",
        "describe('netsuite tba', () => {",
        "  it('builds OAuth realm=\"1234567\" headers', () => {",
        "    expect(buildHeader({ account: '1234567' })).toBe('OAuth realm=\"1234567\",oauth_consumer_key=\"ck\"');",
        "    assert.equal(buildHeader({}), 'OAuth realm=\"1234567\",oauth_token=\"tk\"');",
        '  });',
        '});',
        '',
      ].join('\n');
      assert.deepEqual(found('netsuite.test.js', text), []);
    });

    it('a SOAP token passport with its credential set (soap-token-passport reports it)', () => {
      const text = "const cfg = { account: '1234567', consumerKey: ck, consumerSecret: cs, tokenId: tk, tokenSecret: ts };\nconst xml = `<tokenPassport><account>${cfg.account}</account></tokenPassport>`;\n";
      assert.deepEqual(found('a.js', text), []);
    });
  });

  it('names the dates and links the page, and no value of a credential', () => {
    const text = "const nsrestlet = require('nsrestlet');\nnsrestlet.createLink({ accountId: '1234567', tokenKey: 'tk-8f2a91', tokenSecret: 's3cr3t-token-value', consumerKey: 'ck-77aa', consumerSecret: 's3cr3t-consumer-value' }, {});\n";
    const [f] = findings('a.js', text, ONLY);
    assert.equal(f.ruleId, ID);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /nsrestlet, configured with a consumer key\/secret and a token id\/secret, uses token-based authentication \(OAuth 1\.0\)/);
    assert.match(f.message, /2027\.1/);
    assert.match(f.message, /2028\.2/);
    assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/tba-oauth1\.md\)/);
    for (const secret of ['s3cr3t-token-value', 's3cr3t-consumer-value', 'tk-8f2a91', 'ck-77aa']) {
      assert.ok(!f.message.includes(secret) && !(f.hover ?? '').includes(secret));
    }
  });

  describe('fixes', () => {
    it('SuiteScript 2.x, another account: the header comes from an API secret and the signing code goes', () => {
      const text = [
        "define(['N/https', 'N/crypto', 'N/runtime'], (https, crypto, runtime) => {",
        "  const ACCOUNT = '7654321';",
        '  const execute = () => {',
        '    const script = runtime.getCurrentScript();',
        '    const nonce = Math.random().toString(36).slice(2);',
        "    const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key: script.getParameter({ name: 'custscript_key' }) });",
        "    hmac.update({ input: 'POST&' + nonce });",
        "    const signature = hmac.digest({ outputEncoding: 'BASE_64' });",
        "    const header = 'OAuth realm=\"' + ACCOUNT + '\", oauth_nonce=\"' + nonce + '\", oauth_signature=\"' + encodeURIComponent(signature) + '\"';",
        "    https.post({ url: 'https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1', headers: { Authorization: header }, body: '' });",
        '  };',
        '  return { execute };',
        '});',
        '',
      ].join('\n');
      assert.equal(
        fixedHead('a.js', text),
        [
          "define(['N/https'], (https) => {",
          '  const execute = () => {',
          "    const header = https.createSecureString({ input: 'Bearer {custsecret_netsuite_access_token}' });",
          "    https.post({ url: 'https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1', headers: { Authorization: header }, body: '' });",
          '  };',
          '  return { execute };',
          '});',
          '',
        ].join('\n'),
      );
    });

    it('SuiteScript 2.x, same account: https.requestRestlet without credentials', () => {
      const text = [
        "define(['N/https', 'N/url'], (https, url) => {",
        '  const get = (tk, sig) => {',
        "    const restletUrl = url.resolveScript({ scriptId: 'customscript_a', deploymentId: 'customdeploy_a', returnExternalUrl: true });",
        "    const auth = 'OAuth realm=\"1234567\", oauth_token=\"' + tk + '\", oauth_signature=\"' + sig + '\"';",
        "    return https.get({ url: restletUrl, headers: { Authorization: auth, Accept: 'application/json' } });",
        '  };',
        '  return { get };',
        '});',
        '',
      ].join('\n');
      assert.equal(
        fixedHead('a.js', text),
        [
          "define(['N/https'], (https) => {",
          '  const get = (tk, sig) => {',
          "    return https.requestRestlet({ scriptId: 'customscript_a', deploymentId: 'customdeploy_a', method: https.Method.GET, headers: { Accept: 'application/json' } });",
          '  };',
          '  return { get };',
          '});',
          '',
        ].join('\n'),
      );
    });

    it('SuiteScript 1.0: a script parameter', () => {
      const text = "function send(ck, sig) {\n  var headers = new Array();\n  headers['Authorization'] = 'OAuth realm=\"7654321\",oauth_consumer_key=\"' + ck + '\",oauth_signature=\"' + sig + '\"';\n  return nlapiRequestURL(url, null, headers, 'POST');\n}\n";
      assert.equal(
        fixedHead('a.js', text),
        "function send(ck, sig) {\n  var headers = new Array();\n  headers['Authorization'] = 'Bearer ' + nlapiGetContext().getSetting('SCRIPT', 'custscript_netsuite_access_token');\n  return nlapiRequestURL(url, null, headers, 'POST');\n}\n",
      );
    });

    it('Node oauth-1.0a: every toHeader becomes a Bearer header; the signer, token, realm line and imports go', () => {
      const text = [
        "const OAuth = require('oauth-1.0a');",
        "const crypto = require('crypto');",
        "const axios = require('axios');",
        '',
        `const oauth = OAuth(${OAUTH_OPTIONS});`,
        'const token = { key: process.env.NS_TOKEN_ID, secret: process.env.NS_TOKEN_SECRET };',
        '',
        'async function get(request) {',
        '  const headers = oauth.toHeader(oauth.authorize(request, token));',
        "  headers.Authorization += ', realm=\"' + process.env.NS_ACCOUNT_ID + '\"';",
        '  return axios.get(request.url, { headers });',
        '}',
        '',
        'async function patch(request, body) {',
        "  return axios.patch(request.url, body, { headers: { ...oauth.toHeader(oauth.authorize(request, token)), 'Content-Type': 'application/json' } });",
        '}',
        '',
        'async function put(request, body) {',
        "  return axios.put(request.url, body, { headers: { Authorization: oauth.toHeader(oauth.authorize(request, token)).Authorization + ', realm=\"1234567\"' } });",
        '}',
        '',
        'module.exports = { get, patch, put };',
        '',
      ].join('\n');
      assert.equal(
        fixedHead('a.js', text),
        [
          "const axios = require('axios');",
          '',
          'async function get(request) {',
          '  const headers = { Authorization: `Bearer ${await getNetSuiteAccessToken()}` };',
          '  return axios.get(request.url, { headers });',
          '}',
          '',
          'async function patch(request, body) {',
          "  return axios.patch(request.url, body, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}`, 'Content-Type': 'application/json' } });",
          '}',
          '',
          'async function put(request, body) {',
          '  return axios.put(request.url, body, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });',
          '}',
          '',
          'module.exports = { get, patch, put };',
          '',
        ].join('\n'),
      );
    });

    it('a TypeScript class: the signer set in the constructor, its field, the token field and the imports go', () => {
      const text = [
        "import OAuth from 'oauth-1.0a';",
        "import { createHmac } from 'node:crypto';",
        '',
        'export class NetSuiteRecords {',
        '  private readonly oauth: OAuth;',
        '  private readonly token: OAuth.Token;',
        '',
        '  constructor(private readonly accountId: string) {',
        '    this.oauth = new OAuth({',
        '      consumer: { key: process.env.NS_CONSUMER_KEY!, secret: process.env.NS_CONSUMER_SECRET! },',
        "      signature_method: 'HMAC-SHA256',",
        "      hash_function: (base: string, key: string): string => createHmac('sha256', key).update(base).digest('base64'),",
        '    });',
        '    this.token = { key: process.env.NS_TOKEN_ID!, secret: process.env.NS_TOKEN_SECRET! };',
        '  }',
        '',
        '  async get(path: string): Promise<unknown> {',
        '    const url = `https://${this.accountId}.suitetalk.api.netsuite.com/services/rest/${path}`;',
        "    const auth = this.oauth.authorize({ url, method: 'GET' }, this.token);",
        '    const response = await fetch(url, { headers: { ...this.oauth.toHeader(auth) } });',
        '    return response.json();',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.equal(
        fixedHead('a.ts', text),
        [
          'export class NetSuiteRecords {',
          '  constructor(private readonly accountId: string) {',
          '  }',
          '',
          '  async get(path: string): Promise<unknown> {',
          '    const url = `https://${this.accountId}.suitetalk.api.netsuite.com/services/rest/${path}`;',
          '    const response = await fetch(url, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });',
          '    return response.json();',
          '  }',
          '}',
          '',
        ].join('\n'),
      );
    });

    it('a header helper that is not async: its callers get the token, the helper and what only it used go', () => {
      const text = [
        "const crypto = require('crypto');",
        "const axios = require('axios');",
        '',
        'const ACCOUNT = process.env.NETSUITE_ACCOUNT_ID;',
        'const CONSUMER_KEY = process.env.NETSUITE_CONSUMER_KEY;',
        'const CONSUMER_SECRET = process.env.NETSUITE_CONSUMER_SECRET;',
        '',
        'function nonce() {',
        "  return crypto.randomBytes(16).toString('hex');",
        '}',
        '',
        'function authHeader(method, url) {',
        '  const n = nonce();',
        "  const signature = crypto.createHmac('sha256', CONSUMER_SECRET + '&').update(method + '&' + url + '&' + n).digest('base64');",
        "  return 'OAuth realm=\"' + ACCOUNT + '\",oauth_consumer_key=\"' + CONSUMER_KEY + '\",oauth_nonce=\"' + n + '\",oauth_signature=\"' + encodeURIComponent(signature) + '\"';",
        '}',
        '',
        'async function post(url, body) {',
        "  return axios.post(url, body, { headers: { Authorization: authHeader('POST', url) } });",
        '}',
        '',
        'module.exports = { post };',
        '',
      ].join('\n');
      assert.equal(
        fixedHead('a.js', text),
        [
          "const axios = require('axios');",
          '',
          'async function post(url, body) {',
          '  return axios.post(url, body, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });',
          '}',
          '',
          'module.exports = { post };',
          '',
        ].join('\n'),
      );
    });

    it('a function that is not async and returns the request: a promise chain on the token', () => {
      const text = "const axios = require('axios');\nfunction get(url, ck, sig) {\n  return axios.get(url, { headers: { Authorization: 'OAuth realm=\"1234567\",oauth_consumer_key=\"' + ck + '\",oauth_signature=\"' + sig + '\"' } });\n}\nmodule.exports = { get };\n";
      assert.equal(
        fixedHead('a.js', text),
        "const axios = require('axios');\nfunction get(url, ck, sig) {\n  return getNetSuiteAccessToken().then((token) => axios.get(url, { headers: { Authorization: `Bearer ${token}` } }));\n}\nmodule.exports = { get };\n",
      );
    });

    it('a header built with += loses its += lines', () => {
      const text = "async function call(cfg) {\n  let auth = 'OAuth ';\n  auth += 'realm=\"' + cfg.netsuiteAccount + '\"';\n  auth += ',oauth_consumer_key=\"' + cfg.ck + '\"';\n  return fetch(cfg.url, { headers: { Authorization: auth } });\n}\nmodule.exports = { call };\n";
      assert.equal(
        fixedHead('a.js', text),
        'async function call(cfg) {\n  let auth = `Bearer ${await getNetSuiteAccessToken()}`;\n  return fetch(cfg.url, { headers: { Authorization: auth } });\n}\nmodule.exports = { call };\n',
      );
    });

    it('keeps double quotes and no semicolons', () => {
      const text = 'import fetch from "node-fetch"\nexport async function go(ck: string) {\n  return fetch("https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl", { headers: { Authorization: "OAuth realm=\\"1\\",oauth_consumer_key=\\"" + ck + "\\"" } })\n}\n';
      const out = fixAllText('a.ts', text, ONLY);
      assert.ok(out.startsWith('import fetch from "node-fetch"\nexport async function go(ck: string) {\n  return fetch("https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl", { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } })\n}\n'), out);
      assert.match(out, /^  const tokenUrl = `https:\/\/\$\{account\}\.suitetalk\.api\.netsuite\.com\/services\/rest\/auth\/oauth2\/v1\/token`$/m);
      assert.match(out, /headers: \{ "Content-Type": "application\/x-www-form-urlencoded" \},$/m);
    });

    it('offers the helper as a new module too, not preferred', () => {
      const text = `const OAuth = require('oauth-1.0a');\nconst oauth = OAuth(${OAUTH_OPTIONS});\nasync function go(r, t) {\n  return fetch(r.url, { headers: oauth.toHeader(oauth.authorize(r, t)) });\n}\nmodule.exports = { go };\n`;
      const fixes = fixesOf('a.js', text);
      assert.deepEqual(
        fixes.map((f) => [f.title, f.preferred]),
        [
          ['Replace the oauth-1.0a signer with an OAuth 2.0 Bearer token (client credentials)', true],
          ['Replace the oauth-1.0a signer with an OAuth 2.0 Bearer token (client credentials), with the token helper in a new module netsuiteAccessToken.js', false],
          ['Open the OAuth 2.0 client-credentials migration guide', false],
        ],
      );
      const moduleFix = fixes[1];
      assert.equal(moduleFix.createFiles![0].relativePath, 'netsuiteAccessToken.js');
      assert.equal(
        applyEdits(text, moduleFix.edits),
        "const { getNetSuiteAccessToken } = require('./netsuiteAccessToken');\nasync function go(r, t) {\n  return fetch(r.url, { headers: { Authorization: `Bearer ${await getNetSuiteAccessToken()}` } });\n}\nmodule.exports = { go };\n",
      );
    });

    describe('offered but not applied unasked', () => {
      it('an exported header helper (its callers are elsewhere)', () => {
        const text = "function authHeader(ck, sig) {\n  return 'OAuth realm=\"1234567\",oauth_consumer_key=\"' + ck + '\",oauth_signature=\"' + sig + '\"';\n}\nmodule.exports = { authHeader };\n";
        const [fix] = fixesOf('a.js', text);
        assert.equal(fix.preferred, false);
        assert.match(fix.title, /making `authHeader` async \(update its callers\)/);
        assert.equal(fixAllText('a.js', text, ONLY), text);
      });

      it('a file that runs the three-step TBA flow', () => {
        const text = "const NS = 'https://1234567.restlets.api.netsuite.com';\nasync function requestToken(sig) {\n  return fetch(NS + '/rest/requesttoken', { method: 'POST', headers: { Authorization: 'OAuth realm=\"1234567\",oauth_callback=\"oob\",oauth_signature=\"' + sig + '\"' } });\n}\nmodule.exports = { requestToken };\n";
        assert.ok(fixesOf('a.js', text).every((f) => !f.preferred));
        assert.equal(fixAllText('a.js', text, ONLY), text);
      });

      it('a signer used for more than headers', () => {
        const text = `const OAuth = require('oauth-1.0a');\nconst oauth = OAuth(${OAUTH_OPTIONS});\nasync function go(r, t) {\n  const key = oauth.getSigningKey(t.secret);\n  return fetch(r.url, { headers: oauth.toHeader(oauth.authorize(r, t)), key });\n}\nmodule.exports = { go };\n`;
        assert.deepEqual(fixesOf('a.js', text).map((f) => [f.title, f.preferred, f.edits.length]), [
          ['Open the OAuth 2.0 client-credentials migration guide', false, 0],
          ['Show the tba-oauth1 rule page', false, 0],
        ]);
      });

      it('libraries and the oauth package: only the guide and the rule page', () => {
        const text = "const NsApiClient = require('netsuite-rest');\nconst client = new NsApiClient({ consumer_key: ck, consumer_secret_key: cs, token: tk, token_secret: ts, realm: '1234567' });\n";
        const fixes = fixesOf('a.js', text);
        assert.deepEqual(fixes.map((f) => f.openUrl), [
          'https://github.com/suiteauth/suiteauth/blob/main/docs/oauth2-client-credentials.md',
          'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/tba-oauth1.md',
        ]);
        assert.equal(fixAllText('a.js', text, ONLY), text);
      });

      it('a credential set would be left behind', () => {
        const text = "const cfg = { account: '1234567', consumerKey: ck, consumerSecret: cs, tokenId: tk, tokenSecret: ts };\nasync function go() {\n  return fetch(u, { headers: { Authorization: 'OAuth realm=\"' + cfg.account + '\",oauth_consumer_key=\"' + cfg.consumerKey + '\"' } });\n}\nmodule.exports = { go, cfg };\n";
        assert.ok(fixesOf('a.js', text).every((f) => !f.preferred));
        assert.equal(fixAllText('a.js', text, ONLY), text);
      });
    });
  });
});
