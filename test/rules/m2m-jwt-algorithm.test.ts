import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'm2m-jwt-algorithm';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end };
}
function messages(fileName: string, text: string): string[] {
  return findings(fileName, text, ONLY).map((f) => f.message);
}
function fixed(fileName: string, text: string): string {
  const out = fixAllText(fileName, text, ONLY);
  assert.deepEqual(parseProblems(fileName, out), []);
  assert.equal(fixAllText(fileName, out, ONLY), out, 'fix-all is not idempotent');
  assert.deepEqual(found(fileName, out), [], `still reported:\n${out}`);
  return out;
}
function preferredFixes(fileName: string, text: string): boolean[] {
  const context = new FileContext(documentFor(fileName, text));
  return analyzer.analyze(context, ONLY).findings.map((f) => analyzer.fixesFor(f, context).some((x) => x.preferred && x.edits.length > 0));
}

const TOKEN = 'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
/** The client-credentials flow of the file, for snippets that only sign. */
const M2M = `const TOKEN_URL = '${TOKEN}';\nconst GRANT = 'client_credentials';\n`;

describe('m2m-jwt-algorithm', () => {
  describe('the algorithm', () => {
    it("jsonwebtoken: algorithm 'RS256'; the same value in algorithm and header.alg is one finding, on algorithm", () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'RS256', keyid: 'cert' });\nconst b = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'RS384', header: { alg: 'RS384', kid: 'cert' } });\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'RS256'"), at(text, "'RS384'")]);
      const [m] = messages('a.js', text);
      assert.match(m, /signed RS256.*PS256\/PS384\/PS512 and ES256\/ES384\/ES512.*Sign PS256 with the same RSA key.*2027\.1/);
      assert.match(messages('a.js', text)[1], /Sign PS384/);
    });

    it('jsonwebtoken with no algorithm signs HS256: the options object, or the call', () => {
      const options = `{ keyid: 'cert', expiresIn: 300 }`;
      const call = `jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey)`;
      const text = `${M2M}import jwt from 'jsonwebtoken';\nexport const a = (privateKey) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey, ${options});\nexport const b = (privateKey) => ${call};\n`;
      assert.deepEqual(found('a.mjs', text), [at(text, options), at(text, call)]);
      assert.match(messages('a.mjs', text)[0], /without an algorithm.*HS256/);
    });

    it('HS256 with a client secret, a constant, and the default of an environment variable', () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst ALG = process.env.NETSUITE_JWT_ALG || 'RS256';\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL, scope: 'restlets' }, process.env.NETSUITE_CLIENT_SECRET, { algorithm: 'HS256' });\nconst b = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: ALG });\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'RS256'"), at(text, "'HS256'")]);
      assert.match(messages('a.js', text)[1], /signed HS256.*ES256/);
    });

    it('jose SignJWT (through a constant shared with importPKCS8), jose 2.x JWT.sign', () => {
      const text = `import { SignJWT, importPKCS8, JWT } from 'jose';\nconst TOKEN_URL = '${TOKEN}';\nconst ALG = 'RS512';\nexport const a = async (pem) => new SignJWT({ scope: 'restlets' }).setProtectedHeader({ alg: ALG, kid: 'c' }).setAudience(TOKEN_URL).sign(await importPKCS8(pem, ALG));\nexport const b = (key) => JWT.sign({ iss: 'c', aud: TOKEN_URL }, key, { algorithm: 'RS256' });\n`;
      assert.deepEqual(found('a.ts', text), [at(text, "'RS512'"), at(text, "'RS256'")]);
    });

    it('node-jose createSign fields, jsrsasign JWS.sign (argument and header), fast-jwt, jwt-simple', () => {
      const text = [
        M2M,
        `const jose = require('node-jose');`,
        `const { createSigner } = require('fast-jwt');`,
        `const simple = require('jwt-simple');`,
        `const a = (key) => jose.JWS.createSign({ format: 'compact', fields: { alg: 'RS256', kid: 'c' } }, key);`,
        `const b = (claims, pem) => KJUR.jws.JWS.sign('RS256', JSON.stringify({ alg: 'RS256', typ: 'JWT' }), JSON.stringify(claims), pem);`,
        `const c = createSigner({ key: 'k', algorithm: 'RS384' });`,
        `const d = (claims, pem) => simple.encode({ iss: 'c', aud: TOKEN_URL }, pem, 'RS256');`,
        '',
      ].join('\n');
      // jsrsasign names the algorithm twice (argument and header): one finding, on the argument.
      assert.deepEqual(found('a.js', text), [at(text, "'RS256'"), at(text, "'RS256'", 1), at(text, "'RS384'"), at(text, "'RS256'", 3)]);
    });

    it('hand-built: a header object, header JSON text, a base64url header constant', () => {
      const text = `${M2M}const h1 = { alg: 'RS256', typ: 'JWT', kid: process.env.NETSUITE_CERTIFICATE_ID };\nconst h2 = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');\nconst h3 = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9';\n`;
      const hs = spanOf(text, 'HS256');
      assert.deepEqual(found('a.js', text), [at(text, "'RS256'"), { ruleId: ID, start: hs.start, end: hs.end }, at(text, "'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9'")]);
    });
  });

  describe('the lifetime', () => {
    it("expiresIn: '2h', 7200, 60 * 60 * 2, '1d' (and not '3600', which is milliseconds, nor 3600)", () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst c = { iss: 'x', aud: TOKEN_URL };\nconst a = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: '2h' });\nconst b = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: 7200 });\nconst d = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: 60 * 60 * 2 });\nconst e = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: '1d' });\nconst f = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: '3600' });\nconst g = (k) => jwt.sign(c, k, { algorithm: 'PS256', expiresIn: 3600 });\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'2h'"), at(text, '7200'), at(text, '60 * 60 * 2'), at(text, "'1d'")]);
      assert.deepEqual(
        messages('a.js', text).map((m) => /lives ([^:]+):/.exec(m)?.[1]),
        ['2 hours', '2 hours', '2 hours', '1 day'],
      );
      assert.match(messages('a.js', text)[0], /more than 60 minutes after iat.*3600 seconds/);
    });

    it('a lifetime constant where it is used; the default of an environment variable where it is written', () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst TTL = '2h';\nconst DEFAULT_TTL = process.env.ASSERTION_TTL || "90m";\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', expiresIn: TTL });\nconst b = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', expiresIn: DEFAULT_TTL });\n`;
      const use = spanOf(text, 'expiresIn: TTL');
      assert.deepEqual(found('a.js', text), [at(text, '"90m"'), { ruleId: ID, start: use.start + 'expiresIn: '.length, end: use.end }]);
      assert.equal(
        fixed('a.js', text),
        `${M2M}const jwt = require('jsonwebtoken');\nconst TTL = '2h';\nconst DEFAULT_TTL = process.env.ASSERTION_TTL || "1h";\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', expiresIn: '1h' });\nconst b = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', expiresIn: DEFAULT_TTL });\n`,
      );
    });

    it('an absolute exp: iat + 7200, Math.floor(Date.now() / 1000) + 86400, a constant, milliseconds', () => {
      const text = [
        M2M,
        `const TWO_HOURS = 2 * 3600;`,
        `const now = Math.floor(Date.now() / 1000);`,
        `const a = { iss: 'c', aud: TOKEN_URL, iat: now, exp: now + 7200 };`,
        `const b = { iss: 'c', scope: 'restlets', exp: Math.floor(Date.now() / 1000) + 86400 };`,
        `const c = { iss: 'c', aud: TOKEN_URL, exp: now + TWO_HOURS };`,
        `const d = { iss: 'c', aud: TOKEN_URL, exp: Math.floor((Date.now() + 2 * 3600 * 1000) / 1000) };`,
        `const e = { iss: 'c', aud: TOKEN_URL, exp: now + 3600 };`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [at(text, '7200'), at(text, '86400'), at(text, 'TWO_HOURS', 1), at(text, '2 * 3600 * 1000')]);
    });

    it("jose setExpirationTime('2h') and setExpirationTime(now + 7200)", () => {
      const text = `import { SignJWT } from 'jose';\nconst TOKEN_URL = '${TOKEN}';\nexport const a = (k) => new SignJWT({ scope: 'restlets' }).setProtectedHeader({ alg: 'PS256' }).setAudience(TOKEN_URL).setExpirationTime('2h').sign(k);\nexport const b = (k, now) => new SignJWT({ scope: 'restlets' }).setProtectedHeader({ alg: 'ES256' }).setAudience(TOKEN_URL).setIssuedAt(now).setExpirationTime(now + 7200).sign(k);\n`;
      assert.deepEqual(found('a.mjs', text), [at(text, "'2h'"), at(text, '7200')]);
    });
  });

  describe('not reported', () => {
    it('PS256/ES256 within the hour, verify, JWKS, comments and log messages', () => {
      const text = [
        M2M,
        `const jwt = require('jsonwebtoken');`,
        `// Was: { algorithm: 'RS256', expiresIn: '2h' }`,
        `const a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', keyid: 'c', expiresIn: '1h' });`,
        `const b = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'ES512', expiresIn: 300 });`,
        `const v = (t, k) => jwt.verify(t, k, { algorithms: ['RS256'] });`,
        `const jwks = { keys: [{ kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'k1' }] };`,
        `console.log('RS256 assertions fail, use PS256');`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it("the app's own session tokens next to the M2M client", () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst s = (user) => jwt.sign({ sub: user.id, email: user.email }, process.env.SESSION_SECRET, { algorithm: 'HS256', expiresIn: '7d' });\nconst t = (payload) => jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '30d' });\n`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('no client credentials in the file: a GitHub App JWT next to NetSuite REST calls', () => {
      const text = `const jwt = require('jsonwebtoken');\nconst RECORDS = 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1';\nconst app = (id, k) => jwt.sign({ iss: id, iat: 1, exp: 600 }, k, { algorithm: 'RS256' });\n`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('an assertion for NetSuite is recognised by its claims without the flow in the file', () => {
      const text = `const jwt = require('jsonwebtoken');\nexport const assertion = (k) => jwt.sign({ iss: process.env.NETSUITE_CLIENT_ID, scope: ['restlets', 'rest_webservices'] }, k, { algorithm: 'RS256' });\n`;
      assert.deepEqual(found('a.mjs', text), [at(text, "'RS256'")]);
    });

    it('a module that only builds the assertion by hand: recognised by its NetSuite claims', () => {
      const text = `const crypto = require('crypto');\nconst b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');\nexports.assertion = (clientId, tokenUrl, pem) => {\n  const header = b64({ alg: 'RS256', typ: 'JWT', kid: process.env.NETSUITE_CERTIFICATE_ID });\n  const body = b64({ iss: clientId, scope: 'restlets,rest_webservices', aud: tokenUrl });\n  return header + '.' + body + '.' + crypto.sign('sha256', Buffer.from(header + '.' + body), pem).toString('base64url');\n};\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'RS256'")]);
      assert.equal(
        fixed('a.js', text),
        text.replace("'RS256'", "'PS256'").replace("body), pem)", "body), { key: pem, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST })"),
      );
    });

    it('no NetSuite in the file', () => {
      const text = `const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: 'https://login.example.org/token' }, k, { algorithm: 'RS256' });\nconst GRANT = 'client_credentials';\n`;
      assert.deepEqual(found('a.js', text), []);
    });
  });

  describe('fixes', () => {
    it('jsonwebtoken: RS256 → PS256 in algorithm and header.alg, 2h → 1h, an algorithm added', () => {
      const text = `${M2M}const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'RS256', expiresIn: "2h", header: { alg: 'RS256', kid: 'c' } });\nconst b = (privateKey) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey);\nconst c = (privateKey) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey, { keyid: 'c' });\n`;
      // The same RS256 in `algorithm` and `header.alg` is one problem: one finding, whose fix changes both.
      assert.deepEqual(found('a.js', text).filter((f) => f.start < text.indexOf('const b')).map((f) => text.slice(f.start, f.end)), ["'RS256'", '"2h"']);
      const mixed = `${M2M}const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'RS256', header: { alg: 'RS384', kid: 'c' } });\n`;
      assert.deepEqual(found('a.js', mixed), [at(mixed, "'RS256'"), at(mixed, "'RS384'")]);
      assert.equal(
        fixed('a.js', text),
        `${M2M}const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'PS256', expiresIn: "1h", header: { alg: 'PS256', kid: 'c' } });\nconst b = (privateKey) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey, { algorithm: 'PS256' });\nconst c = (privateKey) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, privateKey, { keyid: 'c', algorithm: 'PS256' });\n`,
      );
    });

    it('jose: the header and the key import together; RS512 → PS512; lifetimes capped', () => {
      const text = `import { SignJWT, importPKCS8 } from 'jose';\nconst TOKEN_URL = '${TOKEN}';\nexport async function assertion(pem: string, now: number) {\n  const key = await importPKCS8(pem, 'RS512');\n  return new SignJWT({ scope: 'restlets' }).setProtectedHeader({ alg: 'RS512', kid: 'c' }).setAudience(TOKEN_URL).setIssuedAt(now).setExpirationTime(now + 24 * 60 * 60).sign(key);\n}\n`;
      assert.equal(
        fixed('a.ts', text),
        `import { SignJWT, importPKCS8 } from 'jose';\nconst TOKEN_URL = '${TOKEN}';\nexport async function assertion(pem: string, now: number) {\n  const key = await importPKCS8(pem, 'PS512');\n  return new SignJWT({ scope: 'restlets' }).setProtectedHeader({ alg: 'PS512', kid: 'c' }).setAudience(TOKEN_URL).setIssuedAt(now).setExpirationTime(now + 3600).sign(key);\n}\n`,
      );
    });

    it('hand-built with Node crypto: PSS padding for createSign and crypto.sign, named imports extended', () => {
      const text = [
        `const { createSign, sign } = require('crypto');`,
        M2M,
        `function assertion(claims, privateKey) {`,
        `  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');`,
        `  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');`,
        `  const s1 = createSign('RSA-SHA256').update(header + '.' + body).sign(privateKey, 'base64url');`,
        `  const s2 = sign('sha256', Buffer.from(header + '.' + body), { key: privateKey, passphrase: process.env.PASS });`,
        `  return [header, body, s1, s2];`,
        `}`,
        '',
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const { createSign, sign, constants } = require('crypto');`,
          M2M,
          `function assertion(claims, privateKey) {`,
          `  const header = Buffer.from(JSON.stringify({ alg: 'PS256', typ: 'JWT' })).toString('base64url');`,
          `  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');`,
          `  const s1 = createSign('RSA-SHA256').update(header + '.' + body).sign({ key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, 'base64url');`,
          `  const s2 = sign('sha256', Buffer.from(header + '.' + body), { key: privateKey, passphrase: process.env.PASS, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });`,
          `  return [header, body, s1, s2];`,
          `}`,
          '',
        ].join('\n'),
      );
    });

    it('hand-built with Web Crypto and a base64url header constant', () => {
      const text = `${M2M}const HEADER = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9';\nexport async function sign(pkcs8, data) {\n  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);\n  return crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, data);\n}\n`;
      assert.equal(
        fixed('a.mjs', text),
        `${M2M}const HEADER = 'eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9';\nexport async function sign(pkcs8, data) {\n  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);\n  return crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, data);\n}\n`,
      );
      assert.equal(Buffer.from('eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9', 'base64url').toString(), '{"alg":"PS256","typ":"JWT"}');
    });

    it('offered but not applied: a header whose signature SuiteAuth cannot see, a key that may be a secret; no fix for HS256', () => {
      const unseen = `${M2M}const header = { alg: 'RS256', typ: 'JWT', kid: 'c' };\nmodule.exports = { header };\n`;
      assert.deepEqual(preferredFixes('a.js', unseen), [false]);
      assert.equal(fixAllText('a.js', unseen, ONLY), unseen);
      const secretish = `${M2M}const jwt = require('jsonwebtoken');\nconst a = (signingMaterial) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, signingMaterial);\n`;
      assert.deepEqual(preferredFixes('a.js', secretish), [false]);
      const hs = `${M2M}const jwt = require('jsonwebtoken');\nconst a = (k) => jwt.sign({ iss: 'c', aud: TOKEN_URL }, k, { algorithm: 'HS256' });\n`;
      const context = new FileContext(documentFor('a.js', hs));
      const [finding] = analyzer.analyze(context, ONLY).findings;
      assert.deepEqual(analyzer.fixesFor(finding, context).map((f) => ({ edits: f.edits.length, openUrl: !!f.openUrl })), [{ edits: 0, openUrl: true }]);
    });
  });
});
