import * as assert from 'node:assert/strict';
import { Analyzer, FileContext } from '../../server/src/core/analyzer';
import { ALL_RULES } from '../../server/src/rules';
import { findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'tba-hmac-sha1';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end };
}
function fixed(fileName: string, text: string): string {
  const out = fixAllText(fileName, text, ONLY);
  assert.deepEqual(parseProblems(fileName, out), []);
  assert.equal(fixAllText(fileName, out, ONLY), out, 'fix-all is not idempotent');
  assert.deepEqual(found(fileName, out), [], `still reported:\n${out}`);
  return out;
}

/** NetSuite context for snippets that do not show it themselves. */
const NS = "const RESTLET = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1';\n";

describe('tba-hmac-sha1', () => {
  describe('the signature method, on the string', () => {
    it('an oauth-1.0a option, and its hash function', () => {
      const text = `${NS}const oauth = OAuth({\n  consumer: { key: ck, secret: cs },\n  signature_method: 'HMAC-SHA1',\n  hash_function(base, key) {\n    return crypto.createHmac('sha1', key).update(base).digest('base64');\n  },\n});\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'HMAC-SHA1'"), at(text, "'sha1'")]);
    });

    it('inside a header built by hand: only the method text', () => {
      const text = `${NS}const h = 'OAuth realm="1234567",oauth_signature_method="HMAC-SHA1",oauth_signature="' + sig + '"';\n`;
      const s = spanOf(text, 'HMAC-SHA1');
      assert.deepEqual(found('a.js', text), [{ ruleId: ID, start: s.start, end: s.end }]);
    });

    it('a constant used by the header is reported where it is written, once', () => {
      const text = `${NS}const METHOD = "HMAC-SHA1";\nconst h = \`OAuth realm="1234567", oauth_signature_method="\${METHOD}"\`;\nconst params = { oauth_signature_method: METHOD };\n`;
      assert.deepEqual(found('a.js', text), [at(text, '"HMAC-SHA1"')]);
    });

    it("the oauth package's last argument, request's oauth option, HMAC_SHA1 in a token passport", () => {
      const text = `${NS}const client = new OAuth.OAuth(null, null, ck, cs, '1.0', null, 'HMAC-SHA1');\nrequest.post({ url: RESTLET, oauth: { consumer_key: ck, consumer_secret: cs, signature_method: 'HMAC-SHA1' } });\nconst xml = \`<tokenPassport><signature algorithm="HMAC_SHA1">\${sig}</signature></tokenPassport>\`;\n`;
      const passport = spanOf(text, 'HMAC_SHA1');
      assert.deepEqual(found('a.js', text), [at(text, "'HMAC-SHA1'"), at(text, "'HMAC-SHA1'", 1), { ruleId: ID, start: passport.start, end: passport.end }]);
    });
  });

  describe('the hash of the signer', () => {
    it("Node crypto: 'sha1', 'SHA1', a constant, a destructured createHmac", () => {
      const text = `${NS}const { createHmac } = require('crypto');\nconst ALG = 'SHA1';\nconst params = { oauth_consumer_key: ck };\nconst a = crypto.createHmac('sha1', key).update(base).digest('base64');\nconst b = createHmac(ALG, key).update(base).digest('base64');\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'SHA1'"), at(text, "'sha1'")]);
    });

    it('SuiteScript N/crypto: crypto.HashAlg.SHA1', () => {
      const text = "define(['N/crypto', 'N/encode'], (crypto, encode) => {\n  const sign = (base, key) => {\n    const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA1, key });\n    hmac.update({ input: base });\n    return hmac.digest({ outputEncoding: encode.Encoding.BASE_64 });\n  };\n  return { sign, params: { oauth_consumer_key: 'ck' } };\n});\n";
      assert.deepEqual(found('a.js', text), [at(text, 'crypto.HashAlg.SHA1')]);
    });

    it('CryptoJS.HmacSHA1, hmacSHA1 from crypto-js/hmac-sha1, CryptoJS.algo.SHA1', () => {
      const text = `${NS}import hmacSHA1 from 'crypto-js/hmac-sha1';\nconst params = { oauth_consumer_key: ck };\nconst a = CryptoJS.HmacSHA1(base, key).toString(CryptoJS.enc.Base64);\nconst b = hmacSHA1(base, key);\nconst c = CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA1, key);\n`;
      const member = spanOf(text, 'HmacSHA1');
      assert.deepEqual(found('a.ts', text), [{ ruleId: ID, start: member.start, end: member.end }, at(text, 'hmacSHA1', 1), at(text, 'CryptoJS.algo.SHA1')]);
    });

    it('jsSHA with an HMAC key, and Web Crypto', () => {
      const text = `${NS}const params = { oauth_consumer_key: ck };\nconst sha = new jsSHA('SHA-1', 'TEXT');\nsha.setHMACKey(key, 'TEXT');\nconst alg = { name: 'HMAC', hash: 'SHA-1' };\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'SHA-1'"), at(text, "'SHA-1'", 1)]);
    });
  });

  it('a signer that sends a realm is NetSuite enough, without other NetSuite names', () => {
    const text = "const crypto = require('crypto');\nmodule.exports = function header(o) {\n  const sig = crypto.createHmac('sha1', o.consumerSecret + '&' + o.tokenSecret).update(o.base).digest('base64');\n  return 'OAuth realm=\"' + o.realm + '\",oauth_signature_method=\"HMAC-SHA1\",oauth_signature=\"' + sig + '\"';\n};\n";
    const method = spanOf(text, 'HMAC-SHA1');
    assert.deepEqual(found('a.js', text), [at(text, "'sha1'"), { ruleId: ID, start: method.start, end: method.end }]);
  });

  describe('not reported', () => {
    it('HMAC-SHA256 and SHA-256', () => {
      const text = `${NS}const oauth = OAuth({ consumer: { key: ck, secret: cs }, signature_method: 'HMAC-SHA256', hash_function: (b, k) => crypto.createHmac('sha256', k).update(b).digest('base64') });\nconst h = 'OAuth realm="1",oauth_signature_method="HMAC-SHA256"';\nconst x = CryptoJS.HmacSHA256(b, k);\n`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('comments, log and error messages, comparisons and searches', () => {
      const text = [
        "define(['N/log'], (log) => {",
        "  // signature_method: 'HMAC-SHA1' was rejected in 2023.1",
        "  /* crypto.createHmac('sha1', key) */",
        '  const check = (h) => {',
        "    log.error('tba', 'HMAC-SHA1 is not accepted');",
        "    console.warn(`method ${h} is HMAC-SHA1`);",
        "    if (h === 'HMAC-SHA1' || h.indexOf('HMAC-SHA1') >= 0) throw new Error('HMAC-SHA1 signatures fail');",
        "    switch (h) { case 'HMAC-SHA1': return false; default: return true; }",
        '  };',
        "  return { check, params: { oauth_consumer_key: 'ck' } };",
        '});',
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('SHA-1 outside OAuth signing: a hex webhook digest, a checksum, a crypto-js module file name', () => {
      const text = `${NS}const params = { oauth_consumer_key: ck };\nconst hook = crypto.createHmac('sha1', secret).update(body).digest('hex');\nconst sum = crypto.createHash('sha1').update(body).digest('base64');\ndefine(['./lib/crypto-js/hmac-sha1'], function (CryptoJS) {});\n`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('a hash function with no OAuth 1.0 signing in the file', () => {
      const text = `${NS}const sig = crypto.createHmac('sha1', secret).update(body).digest('base64');\n`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('a Twitter client (no NetSuite in the file)', () => {
      const text = "const OAuth = require('oauth-1.0a');\nconst oauth = OAuth({ consumer: { key: process.env.TWITTER_KEY, secret: process.env.TWITTER_SECRET }, signature_method: 'HMAC-SHA1', hash_function: (b, k) => require('crypto').createHmac('sha1', k).update(b).digest('base64') });\n";
      assert.deepEqual(found('a.js', text), []);
    });
  });

  it('is an error naming 2023.1 and 2027.1, with a link to the page', () => {
    const [f] = findings('a.js', `${NS}const m = 'HMAC-SHA1';\n`, ONLY);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^HMAC-SHA1 is the TBA signature method: NetSuite rejects HMAC-SHA1 signatures for token-based authentication since 2023\.1; only HMAC-SHA256 works\./);
    assert.match(f.message, /2027\.1/);
    assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/tba-hmac-sha1\.md\)/);
  });

  describe('fixes', () => {
    it('method and hash of an oauth-1.0a signer: HMAC-SHA256 and sha256, nothing else', () => {
      const text = `${NS}const oauth = OAuth({\n  consumer: { key: ck, secret: cs },\n  signature_method: 'HMAC-SHA1',\n  hash_function(base, key) {\n    return crypto.createHmac('sha1', key).update(base).digest('base64');\n  },\n});\n`;
      assert.equal(fixed('a.js', text), `${NS}const oauth = OAuth({\n  consumer: { key: ck, secret: cs },\n  signature_method: 'HMAC-SHA256',\n  hash_function(base, key) {\n    return crypto.createHmac('sha256', key).update(base).digest('base64');\n  },\n});\n`);
    });

    it('keeps each spelling: HMAC_SHA1, SHA1, SHA-1, HmacSHA1', () => {
      const text = `${NS}const params = { oauth_consumer_key: ck };\nconst xml = '<signature algorithm="HMAC_SHA1">';\nconst a = crypto.createHmac("SHA1", k).digest("base64");\nconst sha = new jsSHA("SHA-1", "TEXT");\nsha.setHMACKey(k, "TEXT");\nconst b = CryptoJS.HmacSHA1(x, k);\n`;
      assert.equal(fixed('a.js', text), `${NS}const params = { oauth_consumer_key: ck };\nconst xml = '<signature algorithm="HMAC_SHA256">';\nconst a = crypto.createHmac("SHA256", k).digest("base64");\nconst sha = new jsSHA("SHA-256", "TEXT");\nsha.setHMACKey(k, "TEXT");\nconst b = CryptoJS.HmacSHA256(x, k);\n`);
    });

    it('N/crypto: crypto.HashAlg.SHA256', () => {
      const text = "define(['N/crypto'], (crypto) => ({ sign: (key) => crypto.createHmac({ algorithm: crypto.HashAlg.SHA1, key }), p: { oauth_consumer_key: 'ck' } }));\n";
      assert.equal(fixed('a.js', text), "define(['N/crypto'], (crypto) => ({ sign: (key) => crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key }), p: { oauth_consumer_key: 'ck' } }));\n");
    });

    it('a crypto-js single-function build: the module path changes with the call', () => {
      const text = "/**\n * @NApiVersion 2.x\n */\ndefine(['N/https', './lib/crypto-js/hmac-sha1'], function (https, CryptoJS) {\n  return { sign: function (b, k) { return CryptoJS.HmacSHA1(b, k).toString(CryptoJS.enc.Base64); }, method: 'HMAC-SHA1' };\n});\n";
      assert.equal(fixed('a.js', text), "/**\n * @NApiVersion 2.x\n */\ndefine(['N/https', './lib/crypto-js/hmac-sha256'], function (https, CryptoJS) {\n  return { sign: function (b, k) { return CryptoJS.HmacSHA256(b, k).toString(CryptoJS.enc.Base64); }, method: 'HMAC-SHA256' };\n});\n");
    });

    it('hmacSHA1 from crypto-js/hmac-sha1: renamed everywhere, with its import', () => {
      const text = `${NS}import hmacSHA1 from 'crypto-js/hmac-sha1';\nconst params = { oauth_consumer_key: ck };\nexport const sign = (b: string, k: string) => hmacSHA1(b, k);\nexport const again = (b: string, k: string) => hmacSHA1(b, k);\n`;
      assert.equal(fixed('a.ts', text), `${NS}import hmacSHA256 from 'crypto-js/hmac-sha256';\nconst params = { oauth_consumer_key: ck };\nexport const sign = (b: string, k: string) => hmacSHA256(b, k);\nexport const again = (b: string, k: string) => hmacSHA256(b, k);\n`);
      const named = `${NS}const { HmacSHA1 } = require('crypto-js');\nconst params = { oauth_consumer_key: ck };\nmodule.exports = { sign: (b, k) => HmacSHA1(b, k) };\n`;
      assert.equal(fixed('a.js', named), `${NS}const { HmacSHA1: HmacSHA256 } = require('crypto-js');\nconst params = { oauth_consumer_key: ck };\nmodule.exports = { sign: (b, k) => HmacSHA256(b, k) };\n`);
    });

    it('one preferred fix per finding, titled with the new spelling', () => {
      const analyzer = new Analyzer(ALL_RULES);
      const text = `${NS}const params = { oauth_signature_method: 'HMAC-SHA1' };\nconst a = crypto.createHmac('sha1', k).digest('base64');\n`;
      const context = new FileContext({ uri: 'file:///w/a.js', kind: 'js', text, version: 1 });
      const titles = analyzer.analyze(context, ONLY).findings.map((f) => analyzer.fixesFor(f, context).map((x) => [x.title, x.preferred]));
      assert.deepEqual(titles, [[['Sign with HMAC-SHA256', true]], [['Hash with SHA-256 (sha256)', true]]]);
    });
  });
});
