import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'missing-pkce';
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
/** The fixes offered for each finding (title, preferred), in finding order. */
function offered(fileName: string, text: string) {
  const context = new FileContext(documentFor(fileName, text));
  return analyzer
    .analyze(context, ONLY)
    .findings.map((f) => analyzer.fixesFor(f, context).map((x) => ({ preferred: x.preferred, edits: x.edits.length, openUrl: !!x.openUrl })));
}

const AUTH = 'https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl';
const TOKEN = 'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';

describe('missing-pkce (JS/TS)', () => {
  describe('the authorize side, however the URL is built', () => {
    it('a template string: the template', () => {
      const text = `app.get('/login', (req, res) => {\n  res.redirect(\`${AUTH}?response_type=code&client_id=\${process.env.NETSUITE_CLIENT_ID}&state=\${req.session.state}\`);\n});\n`;
      const tpl = text.slice(text.indexOf('`'), text.lastIndexOf('`') + 1);
      assert.deepEqual(found('a.js', text), [at(text, tpl)]);
      assert.match(messages('a.js', text)[0], /code_challenge.*2027\.1.*S256/);
    });

    it('a concatenation, and an array joined with &: the whole expression', () => {
      const concat = `'${AUTH}?response_type=code&client_id=' + clientId + '&redirect_uri=' + encodeURIComponent(redirectUri)`;
      const joined = `NETSUITE_AUTHORIZE + '?' + ['response_type=code', 'client_id=' + clientId, 'state=' + state].join('&')`;
      const text = `function a(clientId, redirectUri) {\n  return ${concat};\n}\nconst NETSUITE_AUTHORIZE = '${AUTH}';\nfunction b(clientId, state) {\n  return ${joined};\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, concat), at(text, joined)]);
    });

    it('two constants joined with +: the concatenation that sends them', () => {
      const text = `const AUTH = '${AUTH}?';\nconst QUERY = 'response_type=code&client_id=abc&scope=restlets&state=s';\nfunction go() {\n  location.assign(AUTH + QUERY);\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, 'AUTH + QUERY')]);
    });

    it('a URLSearchParams object: the object literal, not the template that embeds it', () => {
      const object = `{ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state }`;
      const text = `const AUTHORIZE_URL = '${AUTH}';\nfunction login(state) {\n  const params = new URLSearchParams(${object});\n  return \`\${AUTHORIZE_URL}?\${params}\`;\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, object)]);
    });

    it('qs.stringify / querystring.stringify of an object, and an axios params object', () => {
      const q1 = `{ response_type: 'code', client_id: id, scope: 'restlets' }`;
      const q2 = `{ response_type: 'code', client_id: id, scope: 'rest_webservices' }`;
      const q3 = `{ response_type: 'code', client_id: id, state: s }`;
      const text = `const qs = require('qs');\nconst querystring = require('querystring');\nconst axios = require('axios');\nconst A = '${AUTH}';\nconst u1 = (id) => A + '?' + qs.stringify(${q1});\nconst u2 = (id) => \`\${A}?\${querystring.stringify(${q2})}\`;\nconst u3 = (id, s) => axios.getUri({ url: A, params: ${q3} });\n`;
      assert.deepEqual(found('a.js', text), [at(text, q1), at(text, q2), at(text, q3)]);
    });

    it('URLSearchParams filled with append, and new URL with searchParams.set: the constructor', () => {
      const text = `const A = '${AUTH}';\nfunction a(id, state) {\n  const p = new URLSearchParams();\n  p.append('response_type', 'code');\n  p.append('client_id', id);\n  p.append('state', state);\n  return A + '?' + p.toString();\n}\nfunction b(id) {\n  const url = new URL(A);\n  url.searchParams.set('response_type', 'code');\n  url.searchParams.set('client_id', id);\n  return url.href;\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, 'new URLSearchParams()'), at(text, 'new URL(A)')]);
    });

    it('a constant base URL used by a request that adds the state: the request', () => {
      const request = '`${BASE}&state=${req.session.state}`';
      const text = `const BASE = \`${AUTH}?response_type=code&client_id=\${process.env.NETSUITE_CLIENT_ID}\`;\napp.get('/login', (req, res) => res.redirect(${request}));\n`;
      assert.deepEqual(found('a.js', text), [at(text, request)]);
    });

    it('a constant parameter object spread per request: the object that spreads it', () => {
      const perRequest = `{ ...BASE_PARAMS, state: req.session.state }`;
      const text = `const BASE_PARAMS = { response_type: 'code', client_id: process.env.NETSUITE_CLIENT_ID };\napp.get('/login', (req, res) => res.redirect('${AUTH}?' + new URLSearchParams(${perRequest})));\n`;
      assert.deepEqual(found('a.js', text), [at(text, perRequest)]);
    });

    it('a parameter object filled by assignment: the object literal', () => {
      const text = `const qs = require('qs');\nconst session = require('express-session');\nfunction login(req, res) {\n  const params = {};\n  params.response_type = 'code';\n  params.client_id = process.env.NETSUITE_CLIENT_ID;\n  res.redirect('${AUTH}?' + qs.stringify(params));\n}\nfunction redeem(code) {\n  const form = {};\n  form.grant_type = 'authorization_code';\n  form.code = code;\n  return fetch('${TOKEN}', { method: 'POST', body: qs.stringify(form) });\n}\napp.get('/cb', async (req, res) => res.json(await redeem(req.query.code)));\n`;
      assert.deepEqual(found('a.js', text), [at(text, '{}'), at(text, '{}', 1)]);
      assert.equal(
        fixed('a.js', text),
        `const qs = require('qs');\nconst session = require('express-session');\nconst crypto = require('node:crypto');\nfunction login(req, res) {\n  const codeVerifier = crypto.randomBytes(32).toString('base64url');\n  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');\n  req.session.codeVerifier = codeVerifier;\n  const params = { code_challenge: codeChallenge, code_challenge_method: 'S256' };\n  params.response_type = 'code';\n  params.client_id = process.env.NETSUITE_CLIENT_ID;\n  res.redirect('${AUTH}?' + qs.stringify(params));\n}\nfunction redeem(code, codeVerifier) {\n  const form = { code_verifier: codeVerifier };\n  form.grant_type = 'authorization_code';\n  form.code = code;\n  return fetch('${TOKEN}', { method: 'POST', body: qs.stringify(form) });\n}\napp.get('/cb', async (req, res) => res.json(await redeem(req.query.code, req.session.codeVerifier)));\n`,
      );
    });

    it('a SuiteScript Suitelet redirecting to another account', () => {
      const url = `REMOTE + '/app/login/oauth2/authorize.nl?response_type=code&client_id=' + clientId`;
      const text = `/**\n * @NApiVersion 2.1\n * @NScriptType Suitelet\n */\ndefine(['N/redirect'], (redirect) => {\n  const REMOTE = 'https://7654321.app.netsuite.com';\n  const onRequest = (context, clientId) => redirect.redirect({ url: ${url} });\n  return { onRequest };\n});\n`;
      assert.deepEqual(found('a.js', text), [at(text, url)]);
    });
  });

  describe('the token side', () => {
    it('an object literal: URLSearchParams body, request form, axios params', () => {
      const o1 = `{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }`;
      const o2 = `{ grant_type: 'authorization_code', code: code, redirect_uri: REDIRECT }`;
      const o3 = `{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: ID }`;
      const text = `const TOKEN_URL = '${TOKEN}';\nconst axios = require('axios');\nconst request = require('request');\nconst a = (code) => fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams(${o1}) });\nconst b = (code, cb) => request.post({ url: TOKEN_URL, form: ${o2} }, cb);\nconst c = (code) => axios.post(TOKEN_URL, null, { params: ${o3} });\n`;
      assert.deepEqual(found('a.js', text), [at(text, o1), at(text, o2), at(text, o3)]);
      assert.match(messages('a.js', text)[0], /grant_type=authorization_code.*code_verifier.*2027\.1/);
    });

    it('a body string (template, concatenation) and a URLSearchParams filled with append', () => {
      const t = '`grant_type=authorization_code&code=${code}&redirect_uri=${REDIRECT}`';
      const c = `'grant_type=authorization_code&code=' + code`;
      const text = `const TOKEN_URL = '${TOKEN}';\nconst a = (code) => fetch(TOKEN_URL, { method: 'POST', body: ${t} });\nconst b = (code) => fetch(TOKEN_URL, { method: 'POST', body: ${c} });\nfunction d(code) {\n  const form = new URLSearchParams();\n  form.append('grant_type', 'authorization_code');\n  form.append('code', code);\n  return fetch(TOKEN_URL, { method: 'POST', body: form });\n}\n`;
      assert.deepEqual(found('a.js', text), [at(text, t), at(text, c), at(text, 'new URLSearchParams()')]);
    });

    it('authorize and token sides are two findings', () => {
      const a = `{ response_type: 'code', client_id: ID, state }`;
      const t = `{ grant_type: 'authorization_code', code }`;
      const text = `const ID = process.env.NETSUITE_CLIENT_ID;\nconst url = (state) => '${AUTH}?' + new URLSearchParams(${a});\nconst redeem = (code) => fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams(${t}) });\n`;
      assert.deepEqual(found('a.js', text), [at(text, a), at(text, t)]);
    });
  });

  describe('libraries', () => {
    it('passport-oauth2 without pkce: the options object; pkce: false: the false', () => {
      const options = `{\n  authorizationURL: '${AUTH}',\n  tokenURL: '${TOKEN}',\n  clientID: 'id',\n  clientSecret: process.env.S,\n  callbackURL: '/cb',\n}`;
      const text = `const OAuth2Strategy = require('passport-oauth2');\npassport.use('netsuite', new OAuth2Strategy(${options}, verify));\npassport.use('sb', new OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', pkce: false }, verify));\n`;
      assert.deepEqual(found('a.js', text), [at(text, options), at(text, 'false')]);
      assert.match(messages('a.js', text)[0], /passport-oauth2.*pkce: true.*2027\.1/);
    });

    it('passport-oauth2 through an options constant, `Strategy` import and a subclass super({...})', () => {
      const options = `{ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', state: true }`;
      const sup = `{ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', clientID: o.id }`;
      const text = `import { Strategy } from 'passport-oauth2';\nconst options = ${options};\nexport const s = new Strategy(options, verify);\nexport class NetSuiteStrategy extends Strategy {\n  constructor(o, v) {\n    super(${sup}, v);\n  }\n}\n`;
      assert.deepEqual(found('a.mjs', text), [at(text, options), at(text, sup)]);
    });

    it('a NetSuite subclass of the strategy that passes its options on: the options of `new NetSuiteStrategy({...})`', () => {
      const options = `{ accountId: '1234567', clientID: 'id', clientSecret: process.env.S, callbackURL: '/cb' }`;
      const text = `const OAuth2Strategy = require('passport-oauth2');\nclass NetSuiteStrategy extends OAuth2Strategy {\n  constructor(options, verify) {\n    super({ ...options, authorizationURL: \`https://\${options.accountId}.app.netsuite.com/app/login/oauth2/authorize.nl\` }, verify);\n  }\n}\nclass WithPkce extends OAuth2Strategy {\n  constructor(options, verify) {\n    super({ ...options, pkce: true, state: true }, verify);\n  }\n}\npassport.use(new NetSuiteStrategy(${options}, verify));\npassport.use(new WithPkce({ accountId: '1' }, verify));\n`;
      assert.deepEqual(found('a.js', text), [at(text, options)]);
      assert.equal(fixed('a.js', text), text.replace(`callbackURL: '/cb' }`, `callbackURL: '/cb', pkce: true, state: true }`));
    });

    it('simple-oauth2: authorizeURL and getToken options, and authorizeURL() without options', () => {
      const a = `{ redirect_uri: REDIRECT, scope: 'restlets', state }`;
      const t = `{ code, redirect_uri: REDIRECT }`;
      const text = `const { AuthorizationCode } = require('simple-oauth2');\nconst client = new AuthorizationCode({ client: { id: 'x', secret: process.env.S }, auth: { tokenHost: 'https://1234567.suitetalk.api.netsuite.com', authorizeHost: 'https://1234567.app.netsuite.com' } });\nconst url = (state) => client.authorizeURL(${a});\nconst token = (code) => client.getToken(${t});\nconst bare = () => client.authorizeURL();\nconst m2m = () => client.getToken({ scope: 'restlets' });\n`;
      assert.deepEqual(found('a.js', text), [at(text, a), at(text, t), at(text, 'client.authorizeURL()')]);
      assert.match(messages('a.js', text)[0], /simple-oauth2 `authorizeURL\(\)`/);
      assert.match(messages('a.js', text)[1], /simple-oauth2 `getToken\(\)`/);
    });

    it('openid-client v5 and v6: authorization URL params and callback checks', () => {
      const a5 = `{ scope: 'rest_webservices', state }`;
      const c5 = `{ state: req.session.state }`;
      const a6 = `{ redirect_uri: REDIRECT, scope: 'restlets', state }`;
      const c6 = `{ expectedState: state }`;
      const text = `const oidc = require('openid-client');\nconst issuer = new oidc.Issuer({ issuer: 'https://system.netsuite.com' });\nconst a = (client, state) => client.authorizationUrl(${a5});\nconst b = (client, req, params) => client.callback(REDIRECT, params, ${c5});\nconst c = (client, req, params) => client.callback(REDIRECT, params);\nconst d = (config, state) => oidc.buildAuthorizationUrl(config, ${a6});\nconst e = (config, url, state) => oidc.authorizationCodeGrant(config, url, ${c6});\n`;
      assert.deepEqual(found('a.js', text), [at(text, a5), at(text, c5), at(text, 'client.callback(REDIRECT, params)'), at(text, a6), at(text, c6)]);
    });

    it("openid-client's passport Strategy with usePKCE: false", () => {
      const text = `const { Strategy, Issuer } = require('openid-client');\nconst issuer = new Issuer({ issuer: 'https://system.netsuite.com' });\nmodule.exports = new Strategy({ client, usePKCE: false }, verify);\n`;
      assert.deepEqual(found('a.js', text), [at(text, 'false')]);
    });
  });

  describe('not reported', () => {
    it('PKCE present: in the object, appended, in the string, through a spread or a member', () => {
      const text = [
        `const A = '${AUTH}';`,
        `const a = (c) => A + '?' + new URLSearchParams({ response_type: 'code', client_id: 'x', code_challenge: c, code_challenge_method: 'S256' });`,
        `function b(c) { const p = new URLSearchParams({ response_type: 'code', client_id: 'x' }); p.set('code_challenge', c); p.set('code_challenge_method', 'S256'); return \`\${A}?\${p}\`; }`,
        `const d = (c) => \`\${A}?response_type=code&client_id=x&code_challenge=\${c}&code_challenge_method=S256\`;`,
        `const e = (pkce) => A + '?' + new URLSearchParams({ response_type: 'code', client_id: 'x', ...pkce });`,
        `function f(c) { const q = { response_type: 'code', client_id: 'x' }; q.code_challenge = c; return A + '?' + new URLSearchParams(q); }`,
        `const g = (code, v) => fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v }) });`,
        `const h = (code, v) => fetch('${TOKEN}', { method: 'POST', body: \`grant_type=authorization_code&code=\${code}&code_verifier=\${v}\` });`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('other grants, other providers in the same file, passport with pkce: true', () => {
      const text = [
        `const OAuth2Strategy = require('passport-oauth2');`,
        `const NS = '${TOKEN}';`,
        `const r = (t) => fetch(NS, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t }) });`,
        `const m = (a) => fetch(NS, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion: a }) });`,
        `const g = (s) => 'https://accounts.google.com/o/oauth2/v2/auth?' + new URLSearchParams({ response_type: 'code', client_id: 'g', state: s });`,
        `const gh = (code) => fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });`,
        `const ms = \`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?response_type=code&client_id=x\`;`,
        `new OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: NS, pkce: true, state: true }, verify);`,
        `new OAuth2Strategy({ authorizationURL: 'https://github.com/login/oauth/authorize', tokenURL: 'https://github.com/login/oauth/access_token' }, verify);`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('comments, log and error messages, comparisons, test matchers', () => {
      const text = [
        `// res.redirect('${AUTH}?response_type=code&client_id=x')`,
        `/** grant_type=authorization_code without code_verifier */`,
        `console.log('${AUTH}?response_type=code');`,
        `if (body === 'grant_type=authorization_code') throw new Error('response_type=code');`,
        `expect(fetch).toHaveBeenCalledWith('${TOKEN}', { body: { grant_type: 'authorization_code', code: 'abc' } });`,
        `nock('https://1234567.suitetalk.api.netsuite.com').post('/services/rest/auth/oauth2/v1/token', 'grant_type=authorization_code&code=abc').reply(200, {});`,
        '',
      ].join('\n');
      assert.deepEqual(found('a.test.js', text), []);
    });

    it('no NetSuite in the file', () => {
      const text = `const url = (base, id) => base + '?' + new URLSearchParams({ response_type: 'code', client_id: id });\nconst t = (u, code) => fetch(u, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });\n`;
      assert.deepEqual(found('a.js', text), []);
    });
  });

  describe('fixes', () => {
    it('session: verifier after the stored state, challenge in the template, verifier in the body', () => {
      const text = [
        `const crypto = require('crypto');`,
        ``,
        `app.get('/login', (req, res) => {`,
        `  const state = crypto.randomBytes(16).toString('hex');`,
        `  req.session.oauthState = state;`,
        `  res.redirect(\`${AUTH}?response_type=code&client_id=\${process.env.NETSUITE_CLIENT_ID}&state=\${state}\`);`,
        `});`,
        ``,
        `app.get('/callback', async (req, res) => {`,
        `  if (req.query.state !== req.session.oauthState) return res.sendStatus(403);`,
        `  const r = await fetch('${TOKEN}', { method: 'POST', body: \`grant_type=authorization_code&code=\${req.query.code}\` });`,
        `  res.json(await r.json());`,
        `});`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const crypto = require('crypto');`,
          ``,
          `app.get('/login', (req, res) => {`,
          `  const state = crypto.randomBytes(16).toString('hex');`,
          `  req.session.oauthState = state;`,
          `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');`,
          `  req.session.codeVerifier = codeVerifier;`,
          `  res.redirect(\`${AUTH}?response_type=code&client_id=\${process.env.NETSUITE_CLIENT_ID}&state=\${state}&code_challenge=\${codeChallenge}&code_challenge_method=S256\`);`,
          `});`,
          ``,
          `app.get('/callback', async (req, res) => {`,
          `  if (req.query.state !== req.session.oauthState) return res.sendStatus(403);`,
          `  const r = await fetch('${TOKEN}', { method: 'POST', body: \`grant_type=authorization_code&code=\${req.query.code}&code_verifier=\${req.session.codeVerifier}\` });`,
          `  res.json(await r.json());`,
          `});`,
          ``,
        ].join('\n'),
      );
    });

    it('TypeScript, named crypto imports, SessionData, URL searchParams and URLSearchParams appends', () => {
      const text = [
        `import { randomUUID } from 'node:crypto';`,
        `import type { Request, Response } from 'express';`,
        ``,
        `declare module 'express-session' {`,
        `  interface SessionData {`,
        `    state?: string;`,
        `  }`,
        `}`,
        ``,
        `export function login(req: Request, res: Response) {`,
        `  req.session.state = randomUUID();`,
        `  const url = new URL('${AUTH}');`,
        `  url.searchParams.set('response_type', 'code');`,
        `  url.searchParams.set('state', req.session.state);`,
        `  res.redirect(url.href);`,
        `}`,
        ``,
        `export async function callback(req: Request, res: Response) {`,
        `  const form = new URLSearchParams();`,
        `  form.append('grant_type', 'authorization_code');`,
        `  form.append('code', String(req.query.code));`,
        `  res.json(await (await fetch('${TOKEN}', { method: 'POST', body: form })).json());`,
        `}`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.ts', text),
        [
          `import { randomUUID, randomBytes, createHash } from 'node:crypto';`,
          `import type { Request, Response } from 'express';`,
          ``,
          `declare module 'express-session' {`,
          `  interface SessionData {`,
          `    state?: string;`,
          `    codeVerifier?: string;`,
          `  }`,
          `}`,
          ``,
          `export function login(req: Request, res: Response) {`,
          `  req.session.state = randomUUID();`,
          `  const codeVerifier = randomBytes(32).toString('base64url');`,
          `  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');`,
          `  req.session.codeVerifier = codeVerifier;`,
          `  const url = new URL('${AUTH}');`,
          `  url.searchParams.set('response_type', 'code');`,
          `  url.searchParams.set('state', req.session.state);`,
          `  url.searchParams.set('code_challenge', codeChallenge);`,
          `  url.searchParams.set('code_challenge_method', 'S256');`,
          `  res.redirect(url.href);`,
          `}`,
          ``,
          `export async function callback(req: Request, res: Response) {`,
          `  const form = new URLSearchParams();`,
          `  form.append('grant_type', 'authorization_code');`,
          `  form.append('code', String(req.query.code));`,
          `  form.append('code_verifier', req.session.codeVerifier!);`,
          `  res.json(await (await fetch('${TOKEN}', { method: 'POST', body: form })).json());`,
          `}`,
          ``,
        ].join('\n'),
      );
    });

    it('a local callback server in the same function: the verifier stays a local (ES module, new import)', () => {
      const text = [
        `import open from 'open';`,
        ``,
        `export async function login(waitForCode) {`,
        `  const params = new URLSearchParams({ response_type: 'code', client_id: process.env.NETSUITE_CLIENT_ID, redirect_uri: 'http://localhost:8765/cb' });`,
        `  await open('${AUTH}?' + params);`,
        `  const code = await waitForCode();`,
        `  return fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:8765/cb' }) });`,
        `}`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.mjs', text),
        [
          `import open from 'open';`,
          `import crypto from 'node:crypto';`,
          ``,
          `export async function login(waitForCode) {`,
          `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');`,
          `  const params = new URLSearchParams({ response_type: 'code', client_id: process.env.NETSUITE_CLIENT_ID, redirect_uri: 'http://localhost:8765/cb', code_challenge: codeChallenge, code_challenge_method: 'S256' });`,
          `  await open('${AUTH}?' + params);`,
          `  const code = await waitForCode();`,
          `  return fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:8765/cb', code_verifier: codeVerifier }) });`,
          `}`,
          ``,
        ].join('\n'),
      );
    });

    it('a Map entry keyed by the state, double quotes and no semicolons', () => {
      const text = [
        `const crypto = require("crypto")`,
        `const pending = new Map()`,
        ``,
        `exports.start = (req, res) => {`,
        `  const state = crypto.randomBytes(16).toString("hex")`,
        `  pending.set(state, { at: Date.now() })`,
        `  res.redirect("${AUTH}?response_type=code&client_id=abc&state=" + state)`,
        `}`,
        ``,
        `exports.callback = async (req, res) => {`,
        `  const entry = pending.get(req.query.state)`,
        `  const body = new URLSearchParams({ grant_type: "authorization_code", code: req.query.code })`,
        `  res.json(await (await fetch("${TOKEN}", { method: "POST", body })).json())`,
        `}`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const crypto = require("crypto")`,
          `const pending = new Map()`,
          ``,
          `exports.start = (req, res) => {`,
          `  const state = crypto.randomBytes(16).toString("hex")`,
          `  const codeVerifier = crypto.randomBytes(32).toString("base64url")`,
          `  const codeChallenge = crypto.createHash("sha256").update(codeVerifier).digest("base64url")`,
          `  pending.set(state, { at: Date.now(), codeVerifier })`,
          `  res.redirect("${AUTH}?response_type=code&client_id=abc&state=" + state + "&code_challenge=" + codeChallenge + "&code_challenge_method=S256")`,
          `}`,
          ``,
          `exports.callback = async (req, res) => {`,
          `  const entry = pending.get(req.query.state)`,
          `  const body = new URLSearchParams({ grant_type: "authorization_code", code: req.query.code, code_verifier: entry.codeVerifier })`,
          `  res.json(await (await fetch("${TOKEN}", { method: "POST", body })).json())`,
          `}`,
          ``,
        ].join('\n'),
      );
    });

    it('a client class keeping the state on this (TypeScript field added)', () => {
      const text = [
        `import * as crypto from 'crypto';`,
        ``,
        `export class NetSuiteLogin {`,
        `  private state?: string;`,
        ``,
        `  url(): string {`,
        `    this.state = crypto.randomBytes(16).toString('hex');`,
        `    return '${AUTH}?' + new URLSearchParams({ response_type: 'code', client_id: 'abc', state: this.state });`,
        `  }`,
        ``,
        `  async redeem(code: string) {`,
        `    return fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });`,
        `  }`,
        `}`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.ts', text),
        [
          `import * as crypto from 'crypto';`,
          ``,
          `export class NetSuiteLogin {`,
          `  private state?: string;`,
          `  private codeVerifier?: string;`,
          ``,
          `  url(): string {`,
          `    this.state = crypto.randomBytes(16).toString('hex');`,
          `    const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `    const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');`,
          `    this.codeVerifier = codeVerifier;`,
          `    return '${AUTH}?' + new URLSearchParams({ response_type: 'code', client_id: 'abc', state: this.state, code_challenge: codeChallenge, code_challenge_method: 'S256' });`,
          `  }`,
          ``,
          `  async redeem(code: string) {`,
          `    return fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: this.codeVerifier! }) });`,
          `  }`,
          `}`,
          ``,
        ].join('\n'),
      );
    });

    it('a token helper that only gets the code: a parameter, passed by its caller', () => {
      const text = [
        `const crypto = require('crypto');`,
        `const session = require('express-session');`,
        ``,
        `app.get('/login', (req, res) => {`,
        `  res.redirect('${AUTH}?response_type=code&client_id=abc&state=' + req.sessionID);`,
        `});`,
        ``,
        `async function exchange(code) {`,
        `  return fetch('${TOKEN}', { method: 'POST', body: 'grant_type=authorization_code&code=' + code + '&redirect_uri=https%3A%2F%2Fapp%2Fcb' });`,
        `}`,
        ``,
        `app.get('/cb', async (req, res) => res.json(await exchange(req.query.code)));`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const crypto = require('crypto');`,
          `const session = require('express-session');`,
          ``,
          `app.get('/login', (req, res) => {`,
          `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');`,
          `  req.session.codeVerifier = codeVerifier;`,
          `  res.redirect('${AUTH}?response_type=code&client_id=abc&state=' + req.sessionID + '&code_challenge=' + codeChallenge + '&code_challenge_method=S256');`,
          `});`,
          ``,
          `async function exchange(code, codeVerifier) {`,
          `  return fetch('${TOKEN}', { method: 'POST', body: 'grant_type=authorization_code&code=' + code + '&redirect_uri=https%3A%2F%2Fapp%2Fcb&code_verifier=' + codeVerifier });`,
          `}`,
          ``,
          `app.get('/cb', async (req, res) => res.json(await exchange(req.query.code, req.session.codeVerifier)));`,
          ``,
        ].join('\n'),
      );
    });

    it('passport-oauth2: pkce: true and state: true; pkce: false flipped; an existing store is enough', () => {
      const text = `const OAuth2Strategy = require('passport-oauth2');\nnew OAuth2Strategy({\n  authorizationURL: '${AUTH}',\n  tokenURL: '${TOKEN}',\n}, verify);\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', pkce: false, state: false }, verify);\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', store }, verify);\n`;
      assert.equal(
        fixed('a.js', text),
        `const OAuth2Strategy = require('passport-oauth2');\nnew OAuth2Strategy({\n  authorizationURL: '${AUTH}',\n  tokenURL: '${TOKEN}',\n  pkce: true,\n  state: true,\n}, verify);\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', pkce: true, state: true }, verify);\nnew OAuth2Strategy({ authorizationURL: '${AUTH}', tokenURL: '${TOKEN}', store, pkce: true }, verify);\n`,
      );
    });

    it('simple-oauth2 and openid-client: challenge into the URL options, verifier into getToken and the callback checks', () => {
      const text = [
        `const { AuthorizationCode } = require('simple-oauth2');`,
        `const crypto = require('crypto');`,
        `const client = new AuthorizationCode({ client: { id: 'x', secret: process.env.S }, auth: { tokenHost: 'https://1234567.suitetalk.api.netsuite.com' } });`,
        `function login(req, res) {`,
        `  req.session.state = crypto.randomBytes(8).toString('hex');`,
        `  res.redirect(client.authorizeURL({ redirect_uri: '/cb', state: req.session.state }));`,
        `}`,
        `async function callback(req, res) {`,
        `  res.json(await client.getToken({ code: req.query.code, redirect_uri: '/cb' }));`,
        `}`,
        ``,
      ].join('\n');
      assert.equal(
        fixed('a.js', text),
        [
          `const { AuthorizationCode } = require('simple-oauth2');`,
          `const crypto = require('crypto');`,
          `const client = new AuthorizationCode({ client: { id: 'x', secret: process.env.S }, auth: { tokenHost: 'https://1234567.suitetalk.api.netsuite.com' } });`,
          `function login(req, res) {`,
          `  req.session.state = crypto.randomBytes(8).toString('hex');`,
          `  const codeVerifier = crypto.randomBytes(32).toString('base64url');`,
          `  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');`,
          `  req.session.codeVerifier = codeVerifier;`,
          `  res.redirect(client.authorizeURL({ redirect_uri: '/cb', state: req.session.state, code_challenge: codeChallenge, code_challenge_method: 'S256' }));`,
          `}`,
          `async function callback(req, res) {`,
          `  res.json(await client.getToken({ code: req.query.code, redirect_uri: '/cb', code_verifier: req.session.codeVerifier }));`,
          `}`,
          ``,
        ].join('\n'),
      );
      const oidc = `const { Issuer } = require('openid-client');\nconst issuer = new Issuer({ issuer: 'https://system.netsuite.com' });\nasync function login(req, res, client) {\n  req.session.state = 's';\n  res.redirect(client.authorizationUrl({ scope: 'restlets', state: req.session.state }));\n}\nasync function cb(req, res, client) {\n  res.json(await client.callback('/cb', client.callbackParams(req)));\n}\n`;
      assert.equal(
        fixed('a.js', oidc),
        `const { Issuer } = require('openid-client');\nconst crypto = require('node:crypto');\nconst issuer = new Issuer({ issuer: 'https://system.netsuite.com' });\nasync function login(req, res, client) {\n  req.session.state = 's';\n  const codeVerifier = crypto.randomBytes(32).toString('base64url');\n  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');\n  req.session.codeVerifier = codeVerifier;\n  res.redirect(client.authorizationUrl({ scope: 'restlets', state: req.session.state, code_challenge: codeChallenge, code_challenge_method: 'S256' }));\n}\nasync function cb(req, res, client) {\n  res.json(await client.callback('/cb', client.callbackParams(req), { code_verifier: req.session.codeVerifier }));\n}\n`,
      );
    });

    it('the token side of a half-done migration reads the verifier already kept', () => {
      const text = `function login(req) {\n  req.session.pkceVerifier = makeVerifier();\n  return '${AUTH}?response_type=code&code_challenge=' + challengeOf(req.session.pkceVerifier) + '&code_challenge_method=S256';\n}\nconst cb = (req) => fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) });\n`;
      assert.deepEqual(found('a.js', text), [at(text, `{ grant_type: 'authorization_code', code: req.query.code }`)]);
      assert.equal(
        fixed('a.js', text),
        `function login(req) {\n  req.session.pkceVerifier = makeVerifier();\n  return '${AUTH}?response_type=code&code_challenge=' + challengeOf(req.session.pkceVerifier) + '&code_challenge_method=S256';\n}\nconst cb = (req) => fetch('${TOKEN}', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, code_verifier: req.session.pkceVerifier }) });\n`,
      );
    });

    it('only offered, never applied, when one half is missing or the verifier has nowhere to live', () => {
      // The authorize URL alone: its token request lives elsewhere.
      const authorizeOnly = `const login = (req, res) => {\n  req.session.state = 's';\n  res.redirect('${AUTH}?response_type=code&client_id=x&state=s');\n};\n`;
      assert.deepEqual(offered('a.js', authorizeOnly), [[{ preferred: false, edits: 3, openUrl: false }, { preferred: false, edits: 0, openUrl: true }]]);
      assert.equal(fixAllText('a.js', authorizeOnly, ONLY), authorizeOnly);
      // A module-level URL: one verifier for every login would be wrong.
      const constant = `const NETSUITE_LOGIN = '${AUTH}?response_type=code&client_id=x';\nmodule.exports = { NETSUITE_LOGIN };\n`;
      assert.deepEqual(offered('a.js', constant), [[{ preferred: false, edits: 0, openUrl: true }]]);
      // SuiteScript has no Node crypto.
      const suitescript = `/**\n * @NApiVersion 2.1\n */\ndefine(['N/https'], (https) => ({\n  redeem: (code) => https.post({ url: '${TOKEN}', body: { grant_type: 'authorization_code', code } }),\n}));\n`;
      assert.equal(fixAllText('a.js', suitescript, ONLY), suitescript);
    });
  });
});
