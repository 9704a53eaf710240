import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileContext } from '../../server/src/core/analyzer';
import { kindFromPath } from '../../server/src/core/document';
import { analyzer, findings, fixAllText, onlyRules, parseProblems, rangeString, spanOf } from '../helpers/analyze';

const ID = 'hardcoded-secret';
const ONLY = onlyRules(ID);

/** A line that gives a JS file NetSuite context (a NetSuite library), so generic names count. */
const NS = "const NsApiWrapper = require('netsuite-rest');\n";

function found(fileName: string, text: string): string[] {
  return findings(fileName, text, ONLY).map((f) => `${f.ruleId}@${rangeString(text, f.range)}`);
}

/** The finding on `needle` (the value, without quotes). */
function at(text: string, needle: string, nth = 0): string {
  return `${ID}@${rangeString(text, spanOf(text, needle, nth))}`;
}

function fixesOf(fileName: string, text: string, uri?: string) {
  const document = { uri: uri ?? `file:///work/${fileName}`, kind: kindFromPath(fileName)!, text, version: 1 };
  const context = new FileContext(document);
  const result = analyzer.analyze(context, ONLY);
  return result.findings.map((f) => ({ finding: f, fixes: analyzer.fixesFor(f, context) }));
}

function fixed(fileName: string, text: string): string {
  const once = fixAllText(fileName, text, ONLY);
  assert.equal(fixAllText(fileName, once, ONLY), once, 'fix-all is idempotent');
  assert.deepEqual(found(fileName, once), [], 'the fix clears every finding');
  assert.ok(parseProblems(fileName, once).length <= parseProblems(fileName, text).length, `the fix broke the file:\n${once}`);
  return once;
}

describe('hardcoded-secret', () => {
  describe('JS/TS: finds the literal under every kind of name, on the value without its quotes', () => {
    const cases: [string, string, string, string][] = [
      ['a const', 'a.js', `${NS}const consumerSecret = 'a1b2c3d4e5f6a7b8';`, 'a1b2c3d4e5f6a7b8'],
      ['a let with a TS annotation', 'a.ts', `${NS}let tokenSecret: string = "f0e1d2c3b4a59687";`, 'f0e1d2c3b4a59687'],
      ['a var in SuiteScript 1.0', 'a.js', "var NS_PASSWORD = 'Autumn#2024';\nnlapiRequestURL(u, null, h);", 'Autumn#2024'],
      ['an UPPER_SNAKE key', 'a.js', `${NS}const c = { TOKEN_SECRET: 'ab12cd34ef56ab78' };`, 'ab12cd34ef56ab78'],
      ['a quoted snake_case key', 'a.js', `${NS}const c = { 'consumer_secret': 'ab12cd34ef56ab78' };`, 'ab12cd34ef56ab78'],
      ['a kebab-case header key', 'a.js', `${NS}const h = { 'X-NetSuite-Password': 'Hdr-Passw0rd' };`, 'Hdr-Passw0rd'],
      ['consumer_secret_key (netsuite-rest)', 'a.js', `${NS}new NsApiWrapper({ consumer_secret_key: 'ab12cd34ef56ab78' });`, 'ab12cd34ef56ab78'],
      ['a nested key', 'a.js', `${NS}module.exports = { netsuite: { auth: { clientSecret: 'cs-77aa88bb99cc' } } };`, 'cs-77aa88bb99cc'],
      ['a template literal without holes', 'a.js', `${NS}const c = { password: \`Tmpl-Passw0rd\` };`, 'Tmpl-Passw0rd'],
      ['a TS as-expression', 'a.ts', `${NS}const c = { password: 'As-Passw0rd' as string };`, 'As-Passw0rd'],
      ['a class field', 'a.ts', `${NS}class Api { private readonly clientSecret = 'cf-1234abcd5678'; }`, 'cf-1234abcd5678'],
      ['a static class field', 'a.js', `${NS}class Api { static PASSWORD = 'Static-Passw0rd'; }`, 'Static-Passw0rd'],
      ['this.x = …', 'a.js', `${NS}function C() { this.password = 'This-Passw0rd'; }`, 'This-Passw0rd'],
      ['obj[\'x\'] = …', 'a.js', `${NS}settings['consumerSecret'] = 'ab12cd34ef56ab78';`, 'ab12cd34ef56ab78'],
      ['module.exports.x = …', 'a.js', `${NS}module.exports.tokenSecret = 'ab12cd34ef56ab78';`, 'ab12cd34ef56ab78'],
      ['a default parameter', 'a.js', `${NS}function login(email, password = 'W1nter!!') {}`, 'W1nter!!'],
      ['an arrow default parameter', 'a.ts', `${NS}const login = (password: string = 'W1nter!!') => password;`, 'W1nter!!'],
      ['a TS parameter property', 'a.ts', `${NS}class Api { constructor(private consumerSecret = 'ab12cd34ef56ab78') {} }`, 'ab12cd34ef56ab78'],
      ['a destructuring default', 'a.js', `${NS}const { password = 'Def@ultPw1' } = options;`, 'Def@ultPw1'],
      ['a fallback after process.env (||)', 'a.js', `${NS}const pw = process.env.NS_PASSWORD || 'Fallb4ck!pw';`, 'Fallb4ck!pw'],
      ['a fallback after process.env (??)', 'a.ts', `${NS}const c = { clientSecret: process.env.NETSUITE_CLIENT_SECRET ?? 'deadbeefdeadbeef' };`, 'deadbeefdeadbeef'],
      ['a conditional fallback', 'a.js', `${NS}const ts = { tokenSecret: process.env.TS ? process.env.TS : 'ab12cd34ef56ab78' };`, 'ab12cd34ef56ab78'],
      ['headers.set(name, value)', 'a.js', `${NS}headers.set('X-Client-Secret', 'cs-77aa88bb99cc');`, 'cs-77aa88bb99cc'],
      ['URLSearchParams.append(name, value)', 'a.js', `${NS}params.append('client_secret', 'cs-77aa88bb99cc');`, 'cs-77aa88bb99cc'],
      ['an argument of a same-file function', 'a.js', `${NS}function sign(consumerKey, consumerSecret) {}\nsign('ck', 'ab12cd34ef56ab78');`, 'ab12cd34ef56ab78'],
      ['an argument of a same-file class', 'a.js', `${NS}class Client { constructor(email, password) {} }\nnew Client('a@b.c', 'Ctor-Passw0rd');`, 'Ctor-Passw0rd'],
      ['an argument of a const arrow function', 'a.js', `${NS}const connect = (account, tokenSecret) => 0;\nconnect('1', 'ab12cd34ef56ab78');`, 'ab12cd34ef56ab78'],
      ['oauth-1.0a consumer { key, secret }', 'a.js', `${NS}OAuth({ consumer: { key: 'ck', secret: 'ab12cd34ef56ab78' } });`, 'ab12cd34ef56ab78'],
      ['oauth-1.0a authorize(request, { key, secret })', 'a.js', `${NS}oauth.authorize(request, { key: 'tk', secret: 'ab12cd34ef56ab78' });`, 'ab12cd34ef56ab78'],
      ['the oauth package constructor', 'a.js', `${NS}const { OAuth } = require('oauth');\nnew OAuth(null, null, 'ck', 'ab12cd34ef56ab78', '1.0', null, 'HMAC-SHA256');`, 'ab12cd34ef56ab78'],
      ['netsuite-tba-oauth positional', 'a.js', "const NsOauth = require('netsuite-tba-oauth');\nnew NsOauth(u, 'GET', 'ck', 'ab12cd34ef56ab78', 'tk', process.env.TS, '1234567');", 'ab12cd34ef56ab78'],
      ['a constant used under a secret name', 'a.js', `${NS}const K = 'cs-77aa88bb99cc';\nfetch(u, { headers: { 'X-Client-Secret': K } });`, 'cs-77aa88bb99cc'],
      ['a JSX attribute', 'a.jsx', `${NS}const f = <Login password="Jsx-Passw0rd" />;`, 'Jsx-Passw0rd'],
      ['a number as a password', 'a.js', `${NS}const c = { password: 20242024 };`, '20242024'],
      ['an nlauth_signature key', 'a.js', `${NS}const p = { nlauth_email: 'a@b.c', nlauth_signature: 'Nl-Passw0rd' };`, 'Nl-Passw0rd'],
      ['a record field id naming the value', 'a.js', "define(['N/record'], (record) => { rec.setValue({ fieldId: 'custentity_ns_password', value: 'Fld-Passw0rd' }); });", 'Fld-Passw0rd'],
      ['superagent/request .auth(user, password)', 'a.js', `${NS}superagent.post(u).auth('ops@acme.example', 'Agent-Pw-2024');`, 'Agent-Pw-2024'],
      ['login(email, password, …)', 'a.js', `${NS}client.login('ops@acme.example', 'Login-Pw-2024', '1234567', '3');`, 'Login-Pw-2024'],
      ['a soap BasicAuthSecurity', 'a.js', `${NS}client.setSecurity(new soap.BasicAuthSecurity('ops@acme.example', 'Soap-Basic-Pw1'));`, 'Soap-Basic-Pw1'],
      ['a webpack DefinePlugin value', 'a.js', `${NS}new webpack.DefinePlugin({ 'process.env.NETSUITE_PASSWORD': JSON.stringify('Webp4ck-Passw0rd') });`, 'Webp4ck-Passw0rd'],
      ['a fallback named by its environment variable', 'a.js', `${NS}const a = process.env.NS_TOKEN_SECRET || 'ab12cd34ef56ab78';`, 'ab12cd34ef56ab78'],
      ['a fallback named by its property', 'a.js', `${NS}const a = opts.clientSecret ?? 'ab12cd34ef56ab78';`, 'ab12cd34ef56ab78'],
      ['a fallback named by a script parameter id', 'a.js', "define(['N/runtime'], (runtime) => { const p = runtime.getCurrentScript().getParameter({ name: 'custscript_ns_password' }) || 'Param-Passw0rd'; });", 'Param-Passw0rd'],
      ['a { ck, cs, tk, ts } set', 'a.js', `${NS}const c = { ck: 'a', cs: 'ab12cd34ef56ab78', tk: 'b', ts: 'cd34ef56ab78ab12' };`, 'ab12cd34ef56ab78'],
    ];
    for (const [name, file, text, needle] of cases) {
      it(name, () => assert.deepEqual(found(file, text).slice(0, 1), [at(text, needle)]));
    }

    it('reports both branches of a conditional, and both secrets of a { ck, cs, tk, ts } set', () => {
      const text = `${NS}const c = { password: prod ? 'Prod-Passw0rd' : 'Dev-Passw0rd' };`;
      assert.deepEqual(found('a.js', text), [at(text, 'Prod-Passw0rd'), at(text, 'Dev-Passw0rd')]);
      const set = `${NS}const c = { ck: 'a', cs: 'ab12cd34ef56ab78', tk: 'b', ts: 'cd34ef56ab78ab12' };`;
      assert.deepEqual(found('a.js', set), [at(set, 'ab12cd34ef56ab78'), at(set, 'cd34ef56ab78ab12')]);
    });

    it('reports a constant once, where it is written, however often it is used', () => {
      const text = `${NS}const TOKEN_SECRET = 'ab12cd34ef56ab78';\nconst a = { tokenSecret: TOKEN_SECRET };\nconst b = { tokenSecret: TOKEN_SECRET };`;
      assert.deepEqual(found('a.js', text), [at(text, 'ab12cd34ef56ab78')]);
    });

    it('reports a PEM private key under any name, whole, in a string, a template, a concatenation or a join', () => {
      const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
      const single = `${NS}const k = '-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----';`;
      assert.deepEqual(found('a.js', single), [at(single, `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----`)]);
      const template = `${NS}jwt.sign(claims, \`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\`, { algorithm: 'PS256' });`;
      assert.deepEqual(found('a.js', template), [at(template, `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`)]);
      const concat = `${NS}const key = '-----BEGIN EC PRIVATE KEY-----\\n' +\n  '${body}\\n' +\n  '-----END EC PRIVATE KEY-----';`;
      const start = concat.indexOf('-----BEGIN');
      const end = concat.lastIndexOf("-----'") + 5;
      assert.deepEqual(found('a.js', concat), [`${ID}@${rangeString(concat, { start, end })}`]);
      const joined = `${NS}const key = ['-----BEGIN PRIVATE KEY-----', '${body}', '-----END PRIVATE KEY-----'].join('\\n');`;
      const js = joined.indexOf('-----BEGIN');
      const je = joined.lastIndexOf("-----'") + 5;
      assert.deepEqual(found('a.js', joined), [`${ID}@${rangeString(joined, { start: js, end: je })}`]);
    });

    it('needs NetSuite context for generic names, not for NetSuite-named ones', () => {
      assert.deepEqual(found('a.js', "const config = { password: 'Generic-Passw0rd', clientSecret: 'ab12cd34ef56ab78' };"), []);
      const named = "const config = { NS_PASSWORD: 'Named-Passw0rd', netsuiteClientSecret: 'ab12cd34ef56ab78' };";
      assert.deepEqual(found('a.js', named), [at(named, 'Named-Passw0rd'), at(named, 'ab12cd34ef56ab78')]);
      const nested = "module.exports = { netsuite: { password: 'Nested-Passw0rd' } };";
      assert.deepEqual(found('a.js', nested), [at(nested, 'Nested-Passw0rd')]);
      const suitescript = "define(['N/https'], (https) => { const password = 'Ss-Passw0rd'; });";
      assert.deepEqual(found('a.js', suitescript), [at(suitescript, 'Ss-Passw0rd')]);
      const url = "const u = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl';\nconst c = { clientSecret: 'ab12cd34ef56ab78' };";
      assert.deepEqual(found('a.js', url), [at(url, 'ab12cd34ef56ab78')]);
    });

    it('takes the shape of NetSuite credentials as context: realm/account ids, token ids, passports', () => {
      const realm = "module.exports = { realm: '1234567_SB1', consumerSecret: 'ab12cd34ef56ab78' };";
      assert.deepEqual(found('a.js', realm), [at(realm, 'ab12cd34ef56ab78')]);
      const tba = "module.exports = { tokenId: 'a', tokenSecret: 'ab12cd34ef56ab78' };";
      assert.deepEqual(found('a.js', tba), [at(tba, 'ab12cd34ef56ab78')]);
      const passport = "const login = { account: '1234567', email: 'a@b.c', password: 'Pp-Passw0rd', role: '3' };";
      assert.deepEqual(found('a.js', passport), [at(passport, 'Pp-Passw0rd')]);
      const elsewhere = "const oauth = OAuth({ consumer: { key: 'ck', secret: process.env.CS }, realm: '1234567' });\nconst token = { key: 'tk', secret: 'ab12cd34ef56ab78' };";
      assert.deepEqual(found('a.js', elsewhere), [at(elsewhere, 'ab12cd34ef56ab78')]);
      const twitter = "const t = { consumer_key: 'a', consumer_secret: 'ab12cd34ef56ab78', access_token_key: 'b', access_token_secret: 'cd34ef56ab78ab12' };";
      assert.deepEqual(found('a.js', twitter), []);
    });
  });

  describe('JS/TS: what is not a secret', () => {
    it('placeholders', () => {
      const values = ['', ' ', '<password>', '<your consumer secret>', '${NS_PASSWORD}', '{{password}}', '{{vault:ns-password}}', 'xxx', 'xxxxxxxxxxxx', 'XXXX-XXXX', 'changeme', 'CHANGE_ME', 'your-password', 'your_token_secret', 'YOUR_CLIENT_SECRET', 'example', 'example-secret', 'sample', 'TODO', 'todo: fill in', '***', '********', '•••••', '...', 'abc...', 'secret', 'password', 'test-secret', 'dummy-password', 'fake', 'placeholder', 'REPLACE_ME', '%NS_PASSWORD%', 'ENC(abcdef)', '{custsecret_ns_password}', 'custsecret_ns_password', 'custscript_ns_password', 'NS_PASSWORD', 'NETSUITE_TOKEN_SECRET', 'consumerSecret', 'null', 'undefined', 'pw', 'abc', '$ANSIBLE_VAULT;1.1;AES256\n6134', 'ENC[AES256_GCM,data:abc=]', '![c2VjcmV0]', 'vault:v1:abcdef', 'Passwort', 'Mot de passe', 'Confirm Password', 'invalid password', 'required|min:8', 'passed'];
      for (const v of values) {
        const text = `${NS}const c = { password: ${JSON.stringify(v)}, consumerSecret: ${JSON.stringify(v)} };`;
        assert.deepEqual(found('a.js', text), [], `'${v}' is a placeholder`);
      }
    });

    it('realistic values are live, even with environment words in them', () => {
      for (const v of ['sandbox-pass', 'reports-pass', 'cs-sandbox', 'ts-flow', 'default-Passw0rd', 'Summer2024!', 'hunter22', 'admin']) {
        const text = `${NS}const c = { password: '${v}' };`;
        assert.deepEqual(found('a.js', text), [at(text, v)], `'${v}' is a password`);
      }
    });

    it('reads from the environment and the script, and NetSuite ids', () => {
      const text = [
        NS,
        'const a = { password: process.env.NS_PASSWORD, tokenSecret: process.env["NS_TOKEN_SECRET"] };',
        "const b = { clientSecret: runtime.getCurrentScript().getParameter({ name: 'custscript_ns_client_secret' }) };",
        "const c = { tokenSecret: https.createSecureString({ input: '{custsecret_ns_token_secret}' }) };",
        "const d = { password: nlapiGetContext().getSetting('SCRIPT', 'custscript_pw') };",
        "const e = { password: secrets.get('ns-password'), consumerSecret: await vault.read('ns') };",
        "const f = { password: cfg.password || '' };",
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it("`password: ''` and other empty values", () => {
      assert.deepEqual(found('a.js', `${NS}const c = { password: '', tokenSecret: \`\`, clientSecret: "" };\nlet pw = '';`), []);
    });

    it('comments, JSDoc and commented-out code', () => {
      const text = `${NS}// const password = 'Hunter2!Hunter2';\n/* consumerSecret: 'ab12cd34ef56ab78' */\n/**\n * @example login({ password: 'Doc-Passw0rd' })\n */\nfunction login() {}`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('names that talk about a password, paths, labels, messages, comparisons and logs', () => {
      const text = [
        NS,
        "const a = { passwordField: 'Field-Passw0rd', resetPassword: '/account/reset', hashedPassword: '$2b$10$abcdefghijklmnopqrstuv' };",
        "const b = { privateKeyPath: '/etc/ns/key.pem', privateKey: './keys/private.pem', private_key_file: 'netsuite.pem' };",
        "const c = { passwordGuid: '5b0a3fd6b16b4a3e9d4c0a11ee2b59f1', secretName: 'ns-token-secret', tokenSecretEnv: 'NS_TOKEN_SECRET' };",
        "const d = { label: 'Password', password: 'Password is required', hint: 'Password:' };",
        "if (password === 'Compare-Passw0rd') log.error('password', 'Log-Passw0rd');",
        "const e = { isPassword: 'yes-Passw0rd', showPassword: 'Show-Passw0rd' };",
        "const f = { STATUS_PASS: 'green', TEST_PASS: 'ok-done', bypass: 'always' };",
        "const g = opts.pass || 'fast';",
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('a password inside an NLAuth string is nlauth-header\'s, not a second finding', () => {
      const text = "fetch(u, { headers: { Authorization: 'NLAuth nlauth_account=1234567, nlauth_email=a@b.c, nlauth_signature=Nl4uth-Passw0rd, nlauth_role=3' } });";
      assert.deepEqual(found('a.js', text), []);
      assert.equal(findings('a.js', text).filter((f) => f.ruleId === 'nlauth-header').length, 1);
    });

    it('certificates, public keys and PEM keys without a body', () => {
      const text = `${NS}const a = '-----BEGIN CERTIFICATE-----\\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\\n-----END CERTIFICATE-----';\nconst b = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\\n-----END PUBLIC KEY-----';\nconst c = '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----';\nconst d = '-----BEGIN PRIVATE KEY-----\\n<paste your key here>\\n-----END PRIVATE KEY-----';`;
      assert.deepEqual(found('a.js', text), []);
    });

    it('a PEM private key in a file without NetSuite context', () => {
      const text = "const key = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----';";
      assert.deepEqual(found('a.js', text), []);
    });

    it('database, mail and file-transfer passwords, in a NetSuite file too', () => {
      const text = [
        NS,
        "const mysql = require('mysql2/promise');",
        "const db = { host: 'localhost', user: 'root', password: 'Db-Passw0rd' };",
        "const pg = { connectionString: 'x', password: 'Pg-Passw0rd' };",
        "const mail = require('nodemailer').createTransport({ host: 'smtp.acme.example', auth: { user: 'a', pass: 'Mail-Passw0rd' } });",
        "const conn = { port: 5432, password: 'Port-Passw0rd' };",
        "const dbPassword = 'Dbn-Passw0rd';",
        "const settings = { user: 'etl', password: 'Pool-Passw0rd' };",
        'mysql.createPool(settings);',
        "const x = { db: { password: 'Parent-Passw0rd' }, smtpPassword: 'Smtp-Passw0rd' };",
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('a file with no NetSuite context: database passwords and a Twitter client', () => {
      const text = "const { Pool } = require('pg');\nnew Pool({ host: 'db', password: 'Pg-Passw0rd' });\nconst T = require('twitter');\nnew T({ consumer_key: 'a', consumer_secret: 'ab12cd34ef56ab78', access_token_secret: 'cd34ef56ab78ab12' });\nconst password = 'Plain-Passw0rd';";
      assert.deepEqual(found('a.js', text), []);
    });

    it('example files by name', () => {
      const text = `${NS}const c = { password: 'Live-Passw0rd' };`;
      assert.deepEqual(found('config.example.js', text), []);
      assert.deepEqual(found('config.sample.json', '{ "netsuite": { "password": "Live-Passw0rd" } }'), []);
      assert.equal(found('config.js', text).length, 1);
    });

    it('half-typed code still gets the findings of the parts that parse, and never throws', () => {
      const text = `${NS}const c = { tokenSecret: 'ab12cd34ef56ab78', \nfunction (`;
      assert.deepEqual(found('a.js', text), [at(text, 'ab12cd34ef56ab78')]);
      const importing = "import OAuth from 'oauth-1.0a';\nconst token = { key: 'tk', secret: 'ab12cd34ef56ab78', realm: '1234567' };\nimport crypto from ";
      assert.deepEqual(found('a.mjs', importing), [at(importing, 'ab12cd34ef56ab78')]);
      const typing = "import x from 'netsuite-rest';\nconst tokenSecret = 'ab12cd34ef56ab78';\nclass A {\n  async assertion(): Promise<";
      assert.deepEqual(found('a.ts', typing), [at(typing, 'ab12cd34ef56ab78')], 'a type argument being typed');
      assert.deepEqual(found('a.js', `${NS}x.constructor('password', 'Proto-Passw0rd');\ny.toString('a', 'b');`), [], 'prototype names are not known APIs');
    });
  });

  describe('messages and hovers', () => {
    const texts: [string, string, string[]][] = [
      ['a.js', `${NS}const c = { consumerSecret: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', password: 'W1nter-Sync!2024' };`, ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'e3b0c442', 'W1nter-Sync!2024', 'W1nter']],
      ['a.js', `${NS}const k = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----';`, ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj']],
      ['application.yml', 'netsuite:\n  token_secret: 4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce\n', ['4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce', '4e074085']],
      ['soap.xml', '<passport><email>a@b.c</email><password>S0ap&amp;Passw0rd</password><account>1234567</account></passport>', ['S0ap&amp;Passw0rd', 'S0ap&Passw0rd', 'Passw0rd']],
    ];
    it('name the key, the kind and the length, never the value nor a part of it', () => {
      for (const [file, text, secrets] of texts) {
        const list = findings(file, text, ONLY);
        assert.ok(list.length > 0, `${file} has findings`);
        for (const f of list) {
          assert.match(f.message, /<redacted, \d+ chars>/);
          assert.match(f.hover ?? '', /<redacted, \d+ chars>/);
          for (const secret of secrets) {
            assert.ok(!f.message.includes(secret), `the message leaks '${secret}': ${f.message}`);
            assert.ok(!(f.hover ?? '').includes(secret), `the hover leaks '${secret}'`);
          }
        }
      }
    });

    it('every kind names a NetSuite release', () => {
      const text = `${NS}const c = { consumerSecret: 'ab12cd34ef56ab78', tokenSecret: 'cd34ef56ab78ab12', clientSecret: 'cs-77aa88bb99cc', password: 'Pw-77aa88bb', NS_SECRET: 'Sec-77aa88bb', privateKey: '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----' };`;
      const list = findings('a.js', text, ONLY);
      assert.equal(list.length, 6);
      for (const f of list) assert.match(f.message, /NetSuite\b.*\b20\d\d\.\d|20\d\d\.\d/);
    });

    it('say what the secret is, where it goes, and the NetSuite release that matters', () => {
      const [cs, pw] = findings('a.js', `${NS}const c = { consumerSecret: 'ab12cd34ef56ab78', password: 'W1nter-Sync!2024' };`, ONLY);
      assert.equal(cs.ruleId, ID);
      assert.equal(cs.severity, 'error');
      assert.match(cs.message, /^Hard-coded NetSuite consumer secret in `consumerSecret` \(<redacted, 16 chars>\)/);
      assert.match(cs.message, /process\.env\.NETSUITE_CONSUMER_SECRET/);
      assert.match(cs.message, /2027\.1/);
      assert.match(pw.message, /NetSuite password in `password` \(<redacted, 16 chars>\)/);
      assert.match(pw.message, /2021\.1/);
      assert.match(cs.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/hardcoded-secret\.md\)$/);
      const [ss] = findings('a.js', "define(['N/https'], (https) => { const tokenSecret = 'ab12cd34ef56ab78'; });", ONLY);
      assert.match(ss.message, /API secret or a script parameter/);
      const [pem] = findings('a.js', `${NS}const privateKey = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----';`, ONLY);
      assert.match(pem.message, /^Hard-coded PEM private key in `privateKey` \(<redacted, 118 chars>\)/);
    });
  });

  describe('JS/TS fixes', () => {
    it('Node: process.env.NAME named after the key, keeping quotes and semicolons', () => {
      const text = `${NS}const client = new NsApiWrapper({\n  consumer_secret_key: 'ab12cd34ef56ab78',\n  token_secret: "cd34ef56ab78ab12",\n});\n`;
      assert.equal(fixed('a.js', text), `${NS}const client = new NsApiWrapper({\n  consumer_secret_key: process.env.NETSUITE_CONSUMER_SECRET,\n  token_secret: process.env.NETSUITE_TOKEN_SECRET,\n});\n`);
    });

    it('keeps the NS_ convention of the file, and a NetSuite-named key as it is', () => {
      const text = `${NS}const account = process.env.NS_ACCOUNT;\nconst c = { clientSecret: 'ab12cd34ef56ab78', NS_PASSWORD: 'Named-Passw0rd', netsuitePassword: 'Other-Passw0rd' };\n`;
      assert.equal(fixed('a.js', text), `${NS}const account = process.env.NS_ACCOUNT;\nconst c = { clientSecret: process.env.NS_CLIENT_SECRET, NS_PASSWORD: process.env.NS_PASSWORD, netsuitePassword: process.env.NETSUITE_PASSWORD };\n`);
    });

    it('a bare secret takes its parent: consumer.secret → NETSUITE_CONSUMER_SECRET, token.secret → NETSUITE_TOKEN_SECRET', () => {
      const text = `${NS}OAuth({ consumer: { key: 'ck', secret: 'ab12cd34ef56ab78' } });\nconst token = { key: 'tk', secret: 'cd34ef56ab78ab12' };\n`;
      assert.equal(fixed('a.js', text), `${NS}OAuth({ consumer: { key: 'ck', secret: process.env.NETSUITE_CONSUMER_SECRET } });\nconst token = { key: 'tk', secret: process.env.NETSUITE_TOKEN_SECRET };\n`);
    });

    it('two different values never share a name: the enclosing key, then a number', () => {
      const text = `${NS}const c = {\n  sandbox: { password: 'Sbx-Passw0rd' },\n  production: { password: 'Prod-Passw0rd' },\n};\nconst again = { password: 'Sbx-Passw0rd' };\nconst other = { password: prod ? 'A-Passw0rd' : 'B-Passw0rd' };\n`;
      assert.equal(
        fixed('a.js', text),
        `${NS}const c = {\n  sandbox: { password: process.env.NETSUITE_SANDBOX_PASSWORD },\n  production: { password: process.env.NETSUITE_PRODUCTION_PASSWORD },\n};\nconst again = { password: process.env.NETSUITE_SANDBOX_PASSWORD };\nconst other = { password: prod ? process.env.NETSUITE_OTHER_PASSWORD : process.env.NETSUITE_OTHER_PASSWORD_2 };\n`,
      );
    });

    it('a name the file already reads is not reused for another value', () => {
      const text = `${NS}const a = process.env.NETSUITE_PASSWORD;\nconst b = { password: 'Other-Passw0rd' };\n`;
      assert.equal(fixed('a.js', text), `${NS}const a = process.env.NETSUITE_PASSWORD;\nconst b = { password: process.env.NETSUITE_PASSWORD_2 };\n`);
    });

    it('TypeScript: `!` keeps a string a string', () => {
      const text = `${NS}export class Api {\n  private readonly clientSecret: string = 'ab12cd34ef56ab78';\n}\n`;
      assert.equal(fixed('a.ts', text), `${NS}export class Api {\n  private readonly clientSecret: string = process.env.NETSUITE_CLIENT_SECRET!;\n}\n`);
    });

    it('removes a literal fallback after an environment read', () => {
      const text = `${NS}const a = process.env.NS_TOKEN_SECRET || 'ab12cd34ef56ab78';\nconst b = { clientSecret: process.env.NS_CLIENT_SECRET ?? 'cd34ef56ab78ab12' };\nconst c = process.env.NS_PW ? process.env.NS_PW : 'Cond-Passw0rd';\nconst d = opts.password || 'Opt-Passw0rd';\n`;
      assert.equal(
        fixed('a.js', text),
        `${NS}const a = process.env.NS_TOKEN_SECRET;\nconst b = { clientSecret: process.env.NS_CLIENT_SECRET };\nconst c = process.env.NS_PW;\nconst d = opts.password || process.env.NS_PASSWORD;\n`,
      );
    });

    it('removes a default of process.env destructuring, and a hard-coded process.env assignment', () => {
      const text = `${NS}const { NS_PASSWORD = 'Def-Passw0rd', NS_ACCOUNT } = process.env;\nprocess.env.NS_TOKEN_SECRET = 'ab12cd34ef56ab78';\nprocess.env.NS_CLIENT_SECRET = process.env.NS_CLIENT_SECRET || 'cd34ef56ab78ab12';\nstart();\n`;
      assert.equal(fixed('a.js', text), `${NS}const { NS_PASSWORD, NS_ACCOUNT } = process.env;\nstart();\n`);
    });

    it('a JSX attribute gets braces', () => {
      const text = `${NS}const f = <Login password="Jsx-Passw0rd" />;\n`;
      assert.equal(fixed('a.jsx', text), `${NS}const f = <Login password={process.env.NETSUITE_PASSWORD} />;\n`);
    });

    it('a concatenated PEM key is replaced whole', () => {
      const text = `${NS}const key = '-----BEGIN PRIVATE KEY-----\\n' +\n  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n' +\n  '-----END PRIVATE KEY-----';\n`;
      assert.equal(fixed('a.js', text), `${NS}const key = process.env.NETSUITE_PRIVATE_KEY;\n`);
    });

    it('SuiteScript: an API secret where the value is only sent as an N/https header', () => {
      const text = "define(['N/https'], (https) => {\n  const API_CLIENT_SECRET = 'cs-77aa88bb99cc';\n  const headers = { 'X-Client-Secret': API_CLIENT_SECRET };\n  return { get: () => https.get({ url: 'https://partner.example.com/x', headers }) };\n});\n";
      assert.equal(fixed('a.js', text), "define(['N/https'], (https) => {\n  const API_CLIENT_SECRET = https.createSecureString({ input: '{custsecret_api_client_secret}' });\n  const headers = { 'X-Client-Secret': API_CLIENT_SECRET };\n  return { get: () => https.get({ url: 'https://partner.example.com/x', headers }) };\n});\n");
      const inPlace = 'define(["N/https"], function (https) {\n  https.post({ url: u, headers: { "X-Password": "Hdr-Passw0rd" } });\n});\n';
      assert.equal(fixed('a.js', inPlace), 'define(["N/https"], function (https) {\n  https.post({ url: u, headers: { "X-Password": https.createSecureString({ input: "{custsecret_password}" }) } });\n});\n');
    });

    it('SuiteScript: a script parameter otherwise, adding N/runtime to define', () => {
      const text = "define(['N/https', 'N/record'], function (https, record) {\n  var PASSWORD = 'Ss-Passw0rd';\n  return { execute: function () { https.post({ url: u, body: 'p=' + PASSWORD }); } };\n});\n";
      assert.equal(fixed('a.js', text), "define(['N/https', 'N/record', 'N/runtime'], function (https, record, runtime) {\n  var PASSWORD = runtime.getCurrentScript().getParameter({ name: 'custscript_password' });\n  return { execute: function () { https.post({ url: u, body: 'p=' + PASSWORD }); } };\n});\n");
    });

    it('SuiteScript: define written one dependency per line, an arrow without parentheses, empty dependencies', () => {
      const multi = "define([\n  'N/https',\n  'N/log'\n], (\n  https,\n  log\n) => {\n  const tokenSecret = 'ab12cd34ef56ab78';\n  return { tokenSecret };\n});\n";
      assert.equal(fixed('a.js', multi), "define([\n  'N/https',\n  'N/log',\n  'N/runtime'\n], (\n  https,\n  log,\n  runtime\n) => {\n  const tokenSecret = runtime.getCurrentScript().getParameter({ name: 'custscript_token_secret' });\n  return { tokenSecret };\n});\n");
      const bare = "define(['N/https'], https => {\n  const tokenSecret = 'ab12cd34ef56ab78';\n  return { tokenSecret };\n});\n";
      assert.equal(fixed('a.js', bare), "define(['N/https', 'N/runtime'], (https, runtime) => {\n  const tokenSecret = runtime.getCurrentScript().getParameter({ name: 'custscript_token_secret' });\n  return { tokenSecret };\n});\n");
      const empty = '/**\n * @NApiVersion 2.1\n */\ndefine([], () => {\n  const tokenSecret = "ab12cd34ef56ab78";\n  return { tokenSecret };\n});\n';
      assert.equal(fixed('a.js', empty), '/**\n * @NApiVersion 2.1\n */\ndefine(["N/runtime"], (runtime) => {\n  const tokenSecret = runtime.getCurrentScript().getParameter({ name: "custscript_token_secret" });\n  return { tokenSecret };\n});\n');
    });

    it('SuiteScript: reuses N/runtime when loaded, inserts it where parameters run out, adds it to TS imports', () => {
      const loaded = "define(['N/runtime', 'N/https'], (rt, https) => {\n  const password = 'Ss-Passw0rd';\n  return { password };\n});\n";
      assert.equal(fixed('a.js', loaded), "define(['N/runtime', 'N/https'], (rt, https) => {\n  const password = rt.getCurrentScript().getParameter({ name: 'custscript_password' });\n  return { password };\n});\n");
      const fewer = "define(['N/https', 'N/log', './lib'], (https) => {\n  const password = 'Ss-Passw0rd';\n  return { password };\n});\n";
      assert.equal(fixed('a.js', fewer), "define(['N/https', 'N/runtime', 'N/log', './lib'], (https, runtime) => {\n  const password = runtime.getCurrentScript().getParameter({ name: 'custscript_password' });\n  return { password };\n});\n");
      const ts = "/**\n * @NApiVersion 2.1\n */\nimport * as https from 'N/https';\n\nexport const password = 'Ss-Passw0rd';\n";
      assert.equal(fixed('a.ts', ts), "/**\n * @NApiVersion 2.1\n */\nimport * as https from 'N/https';\nimport * as runtime from 'N/runtime';\n\nexport const password = runtime.getCurrentScript().getParameter({ name: 'custscript_password' });\n");
    });

    it('SuiteScript: N/runtime loaded without its parameter gets the parameter', () => {
      const text = "define(['N/https', 'N/runtime'], function (https) {\n  var password = 'Rt-Passw0rd';\n  return { password: password };\n});\n";
      assert.equal(fixed('a.js', text), "define(['N/https', 'N/runtime'], function (https, runtime) {\n  var password = runtime.getCurrentScript().getParameter({ name: 'custscript_password' });\n  return { password: password };\n});\n");
    });

    it('JSON.stringify keeps its argument place (webpack DefinePlugin)', () => {
      const text = `${NS}new webpack.DefinePlugin({ 'process.env.NETSUITE_PASSWORD': JSON.stringify('Webp4ck-Passw0rd') });\n`;
      assert.equal(fixed('a.js', text), `${NS}new webpack.DefinePlugin({ 'process.env.NETSUITE_PASSWORD': JSON.stringify(process.env.NETSUITE_PASSWORD) });\n`);
    });

    it('SuiteScript 1.0: nlapiGetContext().getSetting', () => {
      const text = "var PASSWORD = 'Ss1-Passw0rd';\nfunction run() { nlapiRequestURL(u, 'p=' + PASSWORD); }\n";
      assert.equal(fixed('a.js', text), "var PASSWORD = nlapiGetContext().getSetting('SCRIPT', 'custscript_password');\nfunction run() { nlapiRequestURL(u, 'p=' + PASSWORD); }\n");
    });

    it('SuiteScript: no fix where N/runtime cannot be added safely', () => {
      const outside = "var password = 'Out-Passw0rd';\ndefine(['N/https'], (https) => ({ password }));\n";
      const list = fixesOf('a.js', outside);
      assert.equal(list.length, 1);
      assert.deepEqual(list[0].fixes, []);
      const destructured = "/** @NApiVersion 2.1 */\ndefine(['N/https'], ({ get }) => {\n  const password = 'In-Passw0rd';\n  return { password };\n});\n";
      assert.deepEqual(fixesOf('a.js', destructured)[0].fixes, []);
    });

    it('appends NAME= to a .env.example next to the file, only when it exists and lacks NAME', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-hs-'));
      try {
        const file = path.join(dir, 'sync.js');
        const uri = pathToFileURL(file).href;
        const text = `${NS}const c = { consumerSecret: 'ab12cd34ef56ab78', password: process.env.NETSUITE_PASSWORD || 'Fb-Passw0rd' };\n`;
        assert.deepEqual(fixesOf('sync.js', text, uri).map((x) => x.fixes[0].appendToFiles), [undefined, undefined], 'no .env.example: nothing to append');
        fs.writeFileSync(path.join(dir, '.env.example'), 'NETSUITE_ACCOUNT_ID=\nNETSUITE_PASSWORD=\n');
        const [cs, pw] = fixesOf('sync.js', text, uri);
        assert.deepEqual(cs.fixes[0].appendToFiles, [{ relativePath: '.env.example', text: 'NETSUITE_CONSUMER_SECRET=\n' }]);
        assert.equal(pw.fixes[0].appendToFiles, undefined, 'NETSUITE_PASSWORD is listed already');
        const yaml = 'netsuite:\n  token_secret: ab12cd34ef56ab78\n';
        const [y] = fixesOf('application.yml', yaml, pathToFileURL(path.join(dir, 'application.yml')).href);
        assert.deepEqual(y.fixes[0].appendToFiles, [{ relativePath: '.env.example', text: 'NETSUITE_TOKEN_SECRET=\n' }]);
        const ss = "define(['N/runtime'], (runtime) => { const password = 'Ss-Passw0rd'; });";
        assert.equal(fixesOf('ss.js', ss, pathToFileURL(path.join(dir, 'ss.js')).href)[0].fixes[0].appendToFiles, undefined, 'SuiteScript reads no environment');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('config: finds the value, without quotes', () => {
    it('JSON and JSONC, nested keys, comments never', () => {
      const text = '{\n  // "password": "Comment-Passw0rd",\n  "netsuite": { "account": "1234567", "auth": { "consumerSecret": "ab12cd34ef56ab78", "password": "Js\\"on-Passw0rd" } },\n}\n';
      assert.deepEqual(found('netsuite-sync.jsonc', text), [at(text, 'ab12cd34ef56ab78'), at(text, 'Js\\"on-Passw0rd')]);
      const [, pw] = findings('netsuite-sync.jsonc', text, ONLY);
      assert.match(pw.message, /<redacted, 14 chars>/);
    });

    it('Singer/Airbyte configs with ns_ keys, and realm-based context', () => {
      const tap = '{ "ns_account": "1234567", "ns_consumer_secret": "ab12cd34ef56ab78", "ns_token_secret": "" }';
      assert.deepEqual(found('config.json', tap), [at(tap, 'ab12cd34ef56ab78')]);
      const airbyte = 'connectionConfiguration:\n  realm: "1234567_SB1"\n  consumer_key: a\n  consumer_secret: ab12cd34ef56ab78\n  token_key: b\n  token_secret: "cd34ef56ab78ab12"\n';
      assert.deepEqual(found('source.yaml', airbyte), [at(airbyte, 'ab12cd34ef56ab78'), at(airbyte, 'cd34ef56ab78ab12')]);
    });

    it('Postman environments and collections (oauth1 auth)', () => {
      const env = '{ "name": "NetSuite", "values": [ { "key": "tokenSecret", "value": "ab12cd34ef56ab78", "enabled": true }, { "key": "consumerSecret", "value": "{{vault:ns-consumer-secret}}" } ] }';
      assert.deepEqual(found('ns.postman_environment.json', env), [at(env, 'ab12cd34ef56ab78')]);
      const collection = JSON.stringify(
        {
          info: { name: 'Orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          auth: { type: 'oauth1', oauth1: [ { key: 'consumerSecret', value: 'ab12cd34ef56ab78', type: 'string' }, { key: 'tokenSecret', value: '{{tokenSecret}}', type: 'string' }, { key: 'realm', value: '{{realm}}', type: 'string' } ] },
          item: [ { name: 'get', request: { method: 'GET', url: { raw: 'https://{{account}}.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1' } } } ],
        },
        null,
        2,
      );
      assert.deepEqual(found('orders.postman_collection.json', collection), [at(collection, 'ab12cd34ef56ab78')]);
    });

    it('YAML: block scalars, flow maps, anchors, multi-document streams', () => {
      const text = 'base: &ns\n  account: "1234567"\n  password: Anchor-Passw0rd\nnetsuite:\n  <<: *ns\n  client: {id: abc, secret: cs-77aa88bb99cc}\n  private_key: |-\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n    -----END PRIVATE KEY-----\n---\nnetsuite:\n  token_secret: \'ab12cd34ef56ab78\'\n';
      const pemStart = text.indexOf('-----BEGIN');
      const pemEnd = text.indexOf('KEY-----\n---') + 8;
      assert.deepEqual(found('netsuite.yaml', text), [at(text, 'Anchor-Passw0rd'), at(text, 'cs-77aa88bb99cc'), `${ID}@${rangeString(text, { start: pemStart, end: pemEnd })}`, at(text, 'ab12cd34ef56ab78')]);
    });

    it('docker-compose environment lists and maps; Kubernetes env name/value pairs', () => {
      const compose = 'services:\n  ns-sync:\n    environment:\n      - NETSUITE_TOKEN_SECRET=ab12cd34ef56ab78\n      - "NS_PASSWORD=Quoted-Passw0rd"\n      - DB_PASSWORD=Db-Passw0rd\n';
      assert.deepEqual(found('docker-compose.yml', compose), [at(compose, 'ab12cd34ef56ab78'), at(compose, 'Quoted-Passw0rd')]);
      const k8s = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: sync\n          env:\n            - name: NETSUITE_CLIENT_SECRET\n              value: "cs-77aa88bb99cc"\n            - name: NETSUITE_ACCOUNT_ID\n              value: "1234567"\n';
      assert.deepEqual(found('deployment.yaml', k8s), [at(k8s, 'cs-77aa88bb99cc')]);
      assert.deepEqual(fixesOf('deployment.yaml', k8s)[0].fixes, [], 'a manifest resolves no ${…}: the fix is a Secret, not a text edit');
    });

    it('.properties: separators, continuations, comments; other services by prefix', () => {
      const text = '# netsuite.password=Comment-Passw0rd\nnetsuite.password = Props-Passw0rd\nnetsuite.token.secret:ab12cd34ef56ab78\nns.consumer.secret cd34ef56ab78ab12\nnetsuite.client.secret=cs-77aa\\\n  88bb99cc\nspring.datasource.password=Ds-Passw0rd\nmail.password=Mail-Passw0rd\n';
      const contStart = text.indexOf('cs-77aa');
      const contEnd = text.indexOf('88bb99cc') + 8;
      assert.deepEqual(found('app.properties', text), [at(text, 'Props-Passw0rd'), at(text, 'ab12cd34ef56ab78'), at(text, 'cd34ef56ab78ab12'), `${ID}@${rangeString(text, { start: contStart, end: contEnd })}`]);
    });

    it('XML: MuleSoft attributes, SOAP passport elements, name/value properties; comments never', () => {
      const mule = '<mule xmlns:netsuite="http://www.mulesoft.org/schema/mule/netsuite">\n  <!-- <netsuite:config-login-authentication password="Comment-Passw0rd"/> -->\n  <netsuite:config name="c"><netsuite:config-login-authentication email="a@b.c" password="Mule-Passw0rd" account="1234567" roleId="3"/></netsuite:config>\n</mule>\n';
      assert.deepEqual(found('mule.xml', mule), [at(mule, 'Mule-Passw0rd')]);
      const soap = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><login><passport><email>a@b.c</email><password>Soap-Passw0rd</password><account>1234567</account></passport></login></soapenv:Body></soapenv:Envelope>';
      assert.deepEqual(found('login.xml', soap), [at(soap, 'Soap-Passw0rd')]);
      const spring = '<beans xmlns="http://www.springframework.org/schema/beans"><bean id="netsuiteClient" class="com.acme.NetSuiteClient"><property name="consumerSecret" value="ab12cd34ef56ab78"/><property name="account" value="1234567"/></bean></beans>';
      assert.deepEqual(found('beans.xml', spring), [at(spring, 'ab12cd34ef56ab78')]);
      const dotnet = '<configuration><appSettings><add key="NetSuite.Password" value="Net-Passw0rd"/><add key="Smtp.Password" value="Smtp-Passw0rd"/></appSettings></configuration>';
      assert.deepEqual(found('app.config.xml', dotnet), [at(dotnet, 'Net-Passw0rd')]);
    });

    it('never .env files, and no other-service or placeholder values', () => {
      assert.deepEqual(found('.env', 'NETSUITE_PASSWORD=Env-Passw0rd\n'), []);
      assert.deepEqual(found('.env.production', 'NS_TOKEN_SECRET=ab12cd34ef56ab78\n'), []);
      assert.deepEqual(found('.env.json', '{ "NS_TOKEN_SECRET": "ab12cd34ef56ab78" }'), []);
      const text = 'netsuite:\n  password: ${NS_PASSWORD}\n  token_secret: "{{ vault_ns_token_secret }}"\n  consumer_secret: ((ns-consumer-secret))\n  client_secret: ENC(abcdef0123)\n  private_key: /run/secrets/netsuite.pem\n  email_password: Mail-Passw0rd\ndatabase:\n  password: Db-Passw0rd\nredis:\n  password: Redis-Passw0rd\n';
      assert.deepEqual(found('settings.yaml', text), []);
      const noContext = 'auth:\n  password: Plain-Passw0rd\n  client_secret: ab12cd34ef56ab78\n';
      assert.deepEqual(found('settings.yaml', noContext), []);
    });

    it('a malformed file still gets the findings of the parts that parse', () => {
      const json = '{ "netsuite": { "tokenSecret": "ab12cd34ef56ab78", "password": ';
      assert.deepEqual(found('netsuite.json', json), [at(json, 'ab12cd34ef56ab78')]);
      const yaml = 'netsuite:\n  token_secret: ab12cd34ef56ab78\n  password: "unterminated\n';
      assert.deepEqual(found('netsuite.yaml', yaml).slice(0, 1), [at(yaml, 'ab12cd34ef56ab78')]);
      const xml = '<netsuite:config xmlns:netsuite="x"><netsuite:token-based-authentication-connection tokenSecret="ab12cd34ef56ab78"';
      assert.deepEqual(found('mule.xml', xml), [at(xml, 'ab12cd34ef56ab78')]);
    });
  });

  describe('config fixes', () => {
    function preferredOf(file: string, text: string): boolean[] {
      return fixesOf(file, text).map((x) => x.fixes[0]?.preferred ?? false);
    }

    it('.properties and Spring/compose YAML: ${NAME}, preferred', () => {
      assert.equal(fixed('app.properties', 'netsuite.token.secret = ab12cd34ef56ab78\n'), 'netsuite.token.secret = ${NETSUITE_TOKEN_SECRET}\n');
      assert.equal(fixed('application-prod.yml', 'netsuite:\n  consumer-secret: "ab12cd34ef56ab78"\n  auth: {password: Flow-Passw0rd}\n'), 'netsuite:\n  consumer-secret: "${NETSUITE_CONSUMER_SECRET}"\n  auth: {password: "${NETSUITE_PASSWORD}"}\n');
      assert.equal(fixed('compose.yaml', 'services:\n  ns:\n    environment:\n      - NS_TOKEN_SECRET=ab12cd34ef56ab78\n      NS_X: y\n'.replace('      NS_X: y\n', '')), 'services:\n  ns:\n    environment:\n      - NS_TOKEN_SECRET=${NS_TOKEN_SECRET}\n');
    });

    it('a YAML block scalar is replaced from its indicator', () => {
      const text = 'netsuite:\n  private_key: >-\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n    -----END PRIVATE KEY-----\n  account: "1234567"\n';
      assert.equal(fixed('application.yml', text), 'netsuite:\n  private_key: ${NETSUITE_PRIVATE_KEY}\n  account: "1234567"\n');
    });

    it('GitHub Actions: ${{ secrets.NAME }}; Serverless: ${env:NAME}; Postman: the vault', () => {
      assert.equal(fixed('.github/workflows/deploy.yml', 'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    env:\n      NS_TOKEN_SECRET: ab12cd34ef56ab78\n'), 'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    env:\n      NS_TOKEN_SECRET: ${{ secrets.NS_TOKEN_SECRET }}\n');
      assert.equal(fixed('serverless.yml', 'provider:\n  environment:\n    NETSUITE_CLIENT_SECRET: cs-77aa88bb99cc\n'), 'provider:\n  environment:\n    NETSUITE_CLIENT_SECRET: ${env:NETSUITE_CLIENT_SECRET}\n');
      const env = '{ "name": "NetSuite", "values": [ { "key": "token_secret", "value": "ab12cd34ef56ab78" }, { "key": "ck", "value": "{{vault:ns-consumer-key}}" } ] }';
      assert.equal(fixed('ns.postman_environment.json', env), '{ "name": "NetSuite", "values": [ { "key": "token_secret", "value": "{{vault:ns-token-secret}}" }, { "key": "ck", "value": "{{vault:ns-consumer-key}}" } ] }');
    });

    it('MuleSoft XML: ${NAME}, preferred; a SOAP envelope: offered, not applied', () => {
      const mule = '<mule xmlns:netsuite="http://www.mulesoft.org/schema/mule/netsuite"><netsuite:config><netsuite:token-based-authentication-connection tokenSecret="ab12cd34ef56ab78"/></netsuite:config></mule>';
      assert.equal(fixed('mule.xml', mule), mule.replace('ab12cd34ef56ab78', '${NETSUITE_TOKEN_SECRET}'));
      const soap = '<passport><email>a@b.c</email><password>Soap-Passw0rd</password><account>1234567</account></passport>';
      assert.deepEqual(preferredOf('login.xml', soap), [false]);
      assert.equal(fixAllText('login.xml', soap, ONLY), soap);
      const [only] = fixesOf('login.xml', soap);
      assert.equal(only.fixes[0].edits[0].newText, '${NETSUITE_PASSWORD}');
    });

    it('a JSON number becomes a quoted reference', () => {
      const text = '{ "netsuite": { "password": 123456789, "account": "${NS_ACCOUNT}" } }';
      assert.equal(fixed('netsuite.json', text), '{ "netsuite": { "password": "${NS_PASSWORD}", "account": "${NS_ACCOUNT}" } }', 'the file says NS_');
    });

    it('plain JSON and YAML: offered, not applied, unless the file already uses ${…}', () => {
      const tap = '{ "ns_account": "1234567", "ns_token_secret": "ab12cd34ef56ab78" }';
      assert.deepEqual(preferredOf('config.json', tap), [false]);
      assert.equal(fixAllText('config.json', tap, ONLY), tap);
      const withRefs = '{ "ns_account": "${NS_ACCOUNT}", "ns_token_secret": "ab12cd34ef56ab78" }';
      assert.equal(fixed('config.json', withRefs), '{ "ns_account": "${NS_ACCOUNT}", "ns_token_secret": "${NS_TOKEN_SECRET}" }');
      assert.deepEqual(preferredOf('netsuite.yaml', 'netsuite:\n  token_secret: ab12cd34ef56ab78\n'), [false]);
    });

    it('every config fix parses and clears its finding (also the ones only offered)', () => {
      const files: [string, string][] = [
        ['config.json', '{ "netsuite": { "password": "Js-Passw0rd", "tokenSecret": "ab12cd34ef56ab78" } }'],
        ['netsuite.yaml', 'netsuite:\n  password: Plain-Passw0rd\n  flow: {token_secret: ab12cd34ef56ab78}\n  quoted: {client_secret: "cs-77aa88bb99cc"}\n'],
        ['login.xml', '<passport><email>a@b.c</email><password>Soap&amp;Passw0rd</password><account>1234567</account></passport>'],
      ];
      for (const [file, text] of files) {
        for (const { finding, fixes } of fixesOf(file, text)) {
          assert.equal(fixes.length, 1, `${file}: one fix for ${rangeString(text, finding.range)}`);
          const after = fixes[0].edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
          assert.ok(parseProblems(file, after).length <= parseProblems(file, text).length, after);
          assert.ok(found(file, after).length < found(file, text).length, after);
        }
      }
    });
  });
});
