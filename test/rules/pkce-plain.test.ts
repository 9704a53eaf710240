import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'pkce-plain';
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

const AUTH = 'https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl';

describe('pkce-plain (JS/TS)', () => {
  describe('reported', () => {
    it('an object property (snake and camel case): the string literal', () => {
      const text = `const a = (v) => '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: v, code_challenge_method: 'plain' });\nconst b = (client, v) => client.authorizeURL({ codeChallenge: v, codeChallengeMethod: "plain" });\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'plain'"), at(text, '"plain"')]);
      const [message] = findings('a.js', text, ONLY).map((f) => f.message);
      assert.match(message, /code_challenge_method=plain.*S256.*2027\.1/);
      assert.equal(findings('a.js', text, ONLY)[0].severity, 'warning');
    });

    it('set or appended on URLSearchParams and URL searchParams', () => {
      const text = `function a(v) {\n  const p = new URLSearchParams({ response_type: 'code' });\n  p.set('code_challenge', v);\n  p.set('code_challenge_method', 'plain');\n  return '${AUTH}?' + p;\n}\nfunction b(v) {\n  const u = new URL('${AUTH}');\n  u.searchParams.append('code_challenge_method', 'plain');\n  return u.toString();\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'plain'"), at(text, "'plain'", 1)]);
    });

    it('in a URL string: the word plain only', () => {
      const tpl = `\`${AUTH}?response_type=code&code_challenge=\${c}&code_challenge_method=plain\``;
      const text = `const a = (c) => ${tpl};\nconst b = (c) => '${AUTH}?response_type=code&code_challenge_method=plain&code_challenge=' + c;\n`;
      const first = spanOf(text, 'plain');
      const second = spanOf(text, 'plain', 1);
      assert.deepEqual(found('a.js', text), [
        { ruleId: ID, start: first.start, end: first.end },
        { ruleId: ID, start: second.start, end: second.end },
      ]);
    });

    it('a constant used by two requests: once, where it is written', () => {
      const text = `const METHOD = 'plain';\nconst a = (c) => \`${AUTH}?response_type=code&code_challenge=\${c}&code_challenge_method=\${METHOD}\`;\nconst b = (c) => new URLSearchParams({ response_type: 'code', code_challenge: c, code_challenge_method: METHOD });\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'plain'")]);
    });

    it("passport-oauth2 pkce: 'plain' and openid-client usePKCE: 'plain'", () => {
      const text = `const OAuth2Strategy = require('passport-oauth2');\nconst { Strategy } = require('openid-client');\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: 't', state: true, pkce: 'plain' }, verify);\nnew Strategy({ client, usePKCE: 'plain' }, verify);\n`;
      assert.deepEqual(found('a.js', text), [at(text, "'plain'"), at(text, "'plain'", 1)]);
      assert.match(findings('a.js', text, ONLY)[0].message, /passport-oauth2's `pkce: 'plain'`/);
    });
  });

  describe('not reported', () => {
    it('S256, comments, comparisons, log messages, text/plain', () => {
      const text = [
        `// code_challenge_method=plain`,
        `const a = (c) => '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: c, code_challenge_method: 'S256' });`,
        `if (method === 'plain') console.warn('code_challenge_method=plain is weak');`,
        `const headers = { 'Content-Type': 'text/plain', format: 'plain' };`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('another provider, and no NetSuite in the file', () => {
      const google = `const g = (c) => 'https://accounts.google.com/o/oauth2/v2/auth?' + new URLSearchParams({ code_challenge: c, code_challenge_method: 'plain' });\nconst NS = '${AUTH}';\n`;
      assert.deepEqual(found('a.js', google), []);
      const generic = `const p = (c) => new URLSearchParams({ code_challenge: c, code_challenge_method: 'plain' });\n`;
      assert.deepEqual(found('a.js', generic), []);
    });
  });

  describe('fixes', () => {
    it('the challenge that is the verifier becomes its SHA-256 (object property, through a constant, in a template)', () => {
      const text = [
        `const crypto = require('crypto');`,
        `function a(req) {`,
        `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
        `  req.session.codeVerifier = codeVerifier;`,
        `  return '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: codeVerifier, code_challenge_method: 'plain' });`,
        `}`,
        `function b(verifier) {`,
        `  const challenge = verifier;`,
        `  return \`${AUTH}?response_type=code&code_challenge=\${challenge}&code_challenge_method=plain\`;`,
        `}`,
        '',
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const crypto = require('crypto');`,
          `function a(req) {`,
          `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `  req.session.codeVerifier = codeVerifier;`,
          `  return '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256' });`,
          `}`,
          `function b(verifier) {`,
          `  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');`,
          `  return \`${AUTH}?response_type=code&code_challenge=\${challenge}&code_challenge_method=S256\`;`,
          `}`,
          '',
        ].join('\n'),
      );
    });

    it('a shorthand challenge keeps its key; TypeScript gets an import in its style', () => {
      const text = `export function a(codeVerifier: string) {\n  const code_challenge = codeVerifier;\n  return new URLSearchParams({ response_type: 'code', code_challenge, code_challenge_method: 'plain', redirect_uri: '${AUTH}' });\n}\n`;
      assert.equal(
        fixed('a.ts', text),
        `import * as crypto from 'node:crypto';\nexport function a(codeVerifier: string) {\n  const code_challenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');\n  return new URLSearchParams({ response_type: 'code', code_challenge, code_challenge_method: 'S256', redirect_uri: '${AUTH}' });\n}\n`,
      );
      const shorthand = `const crypto = require('node:crypto');\nconst a = (codeVerifier) => new URLSearchParams({ response_type: 'code', codeVerifier, code_challenge: codeVerifier, code_challenge_method: 'plain', u: '${AUTH}' });\n`;
      assert.equal(
        fixed('a.js', shorthand),
        `const crypto = require('node:crypto');\nconst a = (codeVerifier) => new URLSearchParams({ response_type: 'code', codeVerifier, code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256', u: '${AUTH}' });\n`,
      );
    });

    it('a challenge computed elsewhere, a constant, and passport: the method only', () => {
      const text = `const OAuth2Strategy = require('passport-oauth2');\nconst METHOD = "plain";\nconst a = (pkce) => '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: pkce.challenge, code_challenge_method: METHOD });\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: 't', state: true, pkce: 'plain' }, verify);\n`;
      assert.equal(
        fixed('a.js', text),
        `const OAuth2Strategy = require('passport-oauth2');\nconst METHOD = "S256";\nconst a = (pkce) => '${AUTH}?' + new URLSearchParams({ response_type: 'code', code_challenge: pkce.challenge, code_challenge_method: METHOD });\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: 't', state: true, pkce: 'S256' }, verify);\n`,
      );
    });

    it('SuiteScript with the verifier as challenge: offered, not applied (no Node crypto)', () => {
      const text = `/**\n * @NApiVersion 2.1\n */\ndefine(['N/redirect'], (redirect) => ({\n  go: (verifier) => redirect.redirect({ url: '${AUTH}?response_type=code&code_challenge=' + verifier + '&code_challenge_method=plain' }),\n}));\n`;
      assert.equal(found('a.js', text).length, 1);
      assert.equal(fixAllText('a.js', text, ONLY), text);
      const context = new FileContext(documentFor('a.js', text));
      const [finding] = analyzer.analyze(context, ONLY).findings;
      const fixes = analyzer.fixesFor(finding, context);
      assert.deepEqual(
        fixes.map((f) => ({ preferred: f.preferred, edits: f.edits.map((e) => e.newText) })),
        [
          { preferred: false, edits: ['S256'] },
          { preferred: false, edits: [] },
        ],
      );
    });
  });
});
