import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, applyEdits, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

/**
 * The config-file side of nlauth-header, tba-hmac-sha1, tba-token-endpoint,
 * missing-pkce and pkce-plain: exact ranges in every config kind, the
 * negatives, and the exact text of every fix.
 */

const IDS = ['nlauth-header', 'tba-hmac-sha1', 'tba-token-endpoint', 'missing-pkce', 'pkce-plain'] as const;
type Id = (typeof IDS)[number];
const ALL = onlyRules(...IDS);

interface Hit {
  ruleId: string;
  start: number;
  end: number;
}

function found(fileName: string, text: string, ...ids: Id[]): Hit[] {
  const settings = ids.length > 0 ? onlyRules(...ids) : ALL;
  return findings(fileName, text, settings).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}

/** The expected finding of `ruleId` on the `nth` occurrence of `needle`. */
function at(text: string, ruleId: Id, needle: string, nth = 0): Hit {
  const s = spanOf(text, needle, nth);
  return { ruleId, start: s.start, end: s.end };
}

function fixed(fileName: string, text: string, ...ids: Id[]): string {
  return fixAllText(fileName, text, ids.length > 0 ? onlyRules(...ids) : ALL);
}

/** Every fix offered for the findings of a file (also those only offered, not applied). */
function fixesOf(fileName: string, text: string, id: Id) {
  const context = new FileContext(documentFor(fileName, text));
  return analyzer
    .analyze(context, onlyRules(id))
    .findings.filter((f) => f.ruleId === id)
    .map((f) => ({ finding: f, fixes: analyzer.fixesFor(f, context) }));
}

// ---------------------------------------------------------------------------

describe('config side: nlauth-header', () => {
  const HEADER = 'NLAuth nlauth_account=1234567, nlauth_email=ops@example.com, nlauth_signature=Zr5-Pq8-Lm2, nlauth_role=3';

  it('dotenv: quoted, exported and bare values, never comments', () => {
    const text = `# ${HEADER}\nexport NETSUITE_AUTH="${HEADER}"\nNS_HEADER=${HEADER}\nOTHER='Bearer x'\n`;
    assert.deepEqual(found('.env', text), [at(text, 'nlauth-header', HEADER, 1), at(text, 'nlauth-header', HEADER, 2)]);
  });

  it('JSON and JSONC: a nested header value, not a commented one', () => {
    const text = `{\n  // "Authorization": "${HEADER}",\n  "restlet": { "headers": { "Authorization": "${HEADER}" } }\n}\n`;
    assert.deepEqual(found('config.jsonc', text), [at(text, 'nlauth-header', HEADER, 1)]);
  });

  it('YAML: a header value, and the line of a multi-line script', () => {
    const curl = 'curl -H "Authorization: NLAuth nlauth_account=1,nlauth_email=$E,nlauth_signature=$P" "$URL"';
    const text = `netsuite:\n  headers:\n    Authorization: '${HEADER}'\nsteps:\n  - run: |\n      echo start\n      ${curl}\n`;
    assert.deepEqual(found('ci.yml', text), [at(text, 'nlauth-header', HEADER), at(text, 'nlauth-header', curl)]);
  });

  it('.properties and XML attributes and elements', () => {
    const props = `netsuite.restlet.url=https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl\nnetsuite.restlet.authorization = ${HEADER}\n`;
    assert.deepEqual(found('app.properties', props), [at(props, 'nlauth-header', HEADER)]);
    const dataWeave = "#['NLAuth nlauth_account=' ++ p('ns.account') ++ ', nlauth_signature=' ++ p('ns.password')]";
    const xml = `<mule>\n  <!-- <header value="${HEADER}"/> -->\n  <http:header headerName="Authorization" value="${dataWeave}"/>\n  <authorization>${HEADER}</authorization>\n</mule>\n`;
    assert.deepEqual(found('mule-config.xml', xml), [at(xml, 'nlauth-header', dataWeave), at(xml, 'nlauth-header', HEADER, 1)]);
  });

  it('the fields without the scheme, and a variable first', () => {
    const text = 'NS_AUTH_PARAMS=nlauth_account=1,nlauth_email=a@b.c,nlauth_signature=x\nNS_AUTH=NLAuth {{nlauth_params}}\n';
    assert.deepEqual(found('.env', text), [at(text, 'nlauth-header', 'nlauth_account=1,nlauth_email=a@b.c,nlauth_signature=x'), at(text, 'nlauth-header', 'NLAuth {{nlauth_params}}')]);
  });

  it('Postman: request headers, environment values and script literals; not disabled items, descriptions or names', () => {
    const text = [
      '{',
      '  "info": { "name": "NLAuth nlauth_account=1", "description": "' + HEADER + '", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },',
      '  "event": [{ "listen": "prerequest", "script": { "exec": ["pm.request.headers.add({ key: \'Authorization\', value: \'NLAuth nlauth_account=\' + acct });"] } }],',
      '  "item": [{ "name": "' + HEADER + '", "request": { "header": [',
      '    { "key": "Authorization", "value": "' + HEADER + '" },',
      '    { "key": "Authorization", "value": "' + HEADER + '", "disabled": true }',
      '  ] } }]',
      '}',
    ].join('\n');
    // In a script line, the JS string literal without its quotes.
    const literal = spanOf(text, "NLAuth nlauth_account=' + acct");
    assert.deepEqual(found('api.postman_collection.json', text), [
      { ruleId: 'nlauth-header', start: literal.start, end: literal.start + 'NLAuth nlauth_account='.length },
      at(text, 'nlauth-header', HEADER, 2),
    ]);
    const env = `{ "name": "NetSuite", "values": [\n  { "key": "auth_header", "value": "${HEADER}", "enabled": true },\n  { "key": "old_header", "value": "${HEADER}", "enabled": false },\n  { "key": "notes", "value": "${HEADER}", "enabled": true }\n], "_postman_variable_scope": "environment" }\n`;
    assert.deepEqual(found('ns.postman_environment.json', env), [at(env, 'nlauth-header', HEADER, 0)]);
  });

  it('says where the header is, names role 3 as Administrator, and never shows the password', () => {
    const text = `netsuite:\n  authorization: "${HEADER}"\n`;
    const [f] = findings('a.yml', text, onlyRules('nlauth-header'));
    assert.equal(f.ruleId, 'nlauth-header');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /config value `authorization`/);
    assert.match(f.message, /role 3 \(Administrator\)/);
    assert.match(f.message, /2021\.1/);
    assert.ok(!f.message.includes('Zr5-Pq8-Lm2') && !(f.hover ?? '').includes('Zr5-Pq8-Lm2'));
    assert.match(f.hover ?? '', /docs\/rules\/nlauth-header\.md/);
  });

  it('not: Bearer headers, NLAuth as a word, other kinds of values', () => {
    const text = 'NETSUITE_AUTH_SCHEME=NLAuth\nNETSUITE_HEADER="Bearer ${TOKEN}"\nNETSUITE_NOTE=no nlauth here\n';
    assert.deepEqual(found('.env', text, 'nlauth-header'), []);
  });

  it('fix: a Postman request header becomes Bearer {{netsuite_access_token}} (preferred); elsewhere only the guide is offered', () => {
    const text = `{\n  "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },\n  "item": [{ "request": { "header": [\n    { "key": "Authorization", "value": "${HEADER}", "type": "text" }\n  ] } }]\n}\n`;
    assert.equal(
      fixed('restlet.postman_collection.json', text, 'nlauth-header'),
      `{\n  "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },\n  "item": [{ "request": { "header": [\n    { "key": "Authorization", "value": "Bearer {{netsuite_access_token}}", "type": "text" }\n  ] } }]\n}\n`,
    );
    const yaml = `netsuite:\n  authorization: "${HEADER}"\n`;
    assert.equal(fixed('a.yml', yaml, 'nlauth-header'), yaml);
    const [{ fixes }] = fixesOf('a.yml', yaml, 'nlauth-header');
    assert.deepEqual(
      fixes.map((f) => ({ preferred: f.preferred, edits: f.edits.length, openUrl: f.openUrl?.endsWith('docs/rules/nlauth-header.md') })),
      [{ preferred: false, edits: 0, openUrl: true }],
    );
    // A Postman environment value is referenced from elsewhere: no rewrite.
    const env = `{ "values": [ { "key": "auth", "value": "${HEADER}" } ], "_postman_variable_scope": "environment" }`;
    assert.equal(fixed('x.postman_environment.json', env, 'nlauth-header'), env);
  });
});

// ---------------------------------------------------------------------------

describe('config side: tba-hmac-sha1', () => {
  it('signature method keys in every kind, on the value', () => {
    const env = "NS_ACCOUNT=1234567\nNS_SIGNATURE_METHOD=HMAC-SHA1\nexport NETSUITE_SIGNATURE_METHOD='HMAC_SHA1' # old\n";
    assert.deepEqual(found('.env', env), [at(env, 'tba-hmac-sha1', 'HMAC-SHA1'), at(env, 'tba-hmac-sha1', 'HMAC_SHA1')]);
    const json = '{ "netsuite": { "realm": "1234567_SB1", "signatureMethod": "HMAC-SHA1", "signature_method": "HmacSHA1" } }';
    assert.deepEqual(found('c.json', json), [at(json, 'tba-hmac-sha1', 'HMAC-SHA1'), at(json, 'tba-hmac-sha1', 'HmacSHA1')]);
    const yaml = 'netsuite:\n  tba:\n    signature_method: "HMAC-SHA1"\n';
    assert.deepEqual(found('c.yml', yaml), [at(yaml, 'tba-hmac-sha1', 'HMAC-SHA1')]);
    const props = 'netsuite.tba.signatureMethod: HMAC-SHA1\n';
    assert.deepEqual(found('c.properties', props), [at(props, 'tba-hmac-sha1', 'HMAC-SHA1')]);
  });

  it('a SHA-1 hash name under a signature/hash key: NETSUITE_HASH_TYPE=sha1, signatureAlgorithm: sha1', () => {
    const env = 'NETSUITE_HASH_TYPE=sha1\n';
    assert.deepEqual(found('.env', env), [at(env, 'tba-hmac-sha1', 'sha1')]);
    const json = '{ "netsuite": { "signatureAlgorithm": "SHA-1", "checksum": "sha1" } }';
    assert.deepEqual(found('c.json', json), [at(json, 'tba-hmac-sha1', 'SHA-1')]);
  });

  it('Postman oauth1 signatureMethod, a stored OAuth header, and script lines that sign', () => {
    const text = [
      '{ "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },',
      '  "auth": { "type": "oauth1", "oauth1": [ { "key": "realm", "value": "1234567", "type": "string" }, { "key": "signatureMethod", "value": "HMAC-SHA1", "type": "string" } ] },',
      '  "event": [{ "script": { "exec": ["var s = CryptoJS.HmacSHA1(base, key);", "var m = \'oauth_signature_method\';"] } }],',
      '  "item": [{ "request": { "header": [{ "key": "Authorization", "value": "OAuth realm=\\"1234567\\",oauth_signature_method=\\"HMAC-SHA1\\"" }] } }]',
      '}',
    ].join('\n');
    assert.deepEqual(found('tba.postman_collection.json', text), [at(text, 'tba-hmac-sha1', 'HMAC-SHA1', 0), at(text, 'tba-hmac-sha1', 'HmacSHA1'), at(text, 'tba-hmac-sha1', 'HMAC-SHA1', 1)]);
  });

  it('MuleSoft signatureAlgorithm and a token passport signature algorithm in XML', () => {
    const mule = '<mule xmlns:netsuite="http://www.mulesoft.org/schema/mule/netsuite">\n  <netsuite:token-based-authentication-connection consumerKey="${ck}" signatureAlgorithm="HMAC_SHA1"/>\n</mule>\n';
    assert.deepEqual(found('mule.xml', mule), [at(mule, 'tba-hmac-sha1', 'HMAC_SHA1')]);
    const soap = '<soap:Envelope xmlns:core="urn:core_2019_1.platform.webservices.netsuite.com">\n  <tokenPassport><core:signature algorithm="HMAC-SHA1">x=</core:signature></tokenPassport>\n</soap:Envelope>\n';
    assert.deepEqual(found('envelope.xml', soap), [at(soap, 'tba-hmac-sha1', 'HMAC-SHA1')]);
  });

  it('not: HMAC-SHA256, other providers, comments, SHA-1 for something else', () => {
    const yaml = '# signature_method: HMAC-SHA1\nnetsuite:\n  realm: "1234567"\n  signature_method: HMAC-SHA256\n  file_checksum: sha1\ntwitter:\n  signature_method: HMAC-SHA1\n';
    assert.deepEqual(found('c.yml', yaml, 'tba-hmac-sha1'), []);
    const postman = '{ "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, "auth": { "type": "oauth1", "oauth1": [ { "key": "signatureMethod", "value": "HMAC-SHA1" } ] }, "item": [{ "request": { "url": "https://api.twitter.com/1.1/statuses" } }] }';
    assert.deepEqual(found('twitter.postman_collection.json', postman, 'tba-hmac-sha1'), []);
    const script = '{ "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, "event": [{ "script": { "exec": ["var d = CryptoJS.HmacSHA1(body, secret);"] } }], "item": [{ "request": { "url": "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl" } }] }';
    assert.deepEqual(found('hook.postman_collection.json', script, 'tba-hmac-sha1'), [], 'an HMAC in a script that signs no OAuth request');
  });

  it('is an error naming 2023.1 and 2027.1', () => {
    const [f] = findings('.env', 'NS_SIGNATURE_METHOD=HMAC-SHA1\n', onlyRules('tba-hmac-sha1'));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /`NS_SIGNATURE_METHOD` selects HMAC-SHA1/);
    assert.match(f.message, /2023\.1/);
    assert.match(f.message, /2027\.1/);
  });

  it('fix: HMAC-SHA256 in the value\'s own spelling, nothing else touched', () => {
    assert.equal(fixed('.env', "NS_SIGNATURE_METHOD='HMAC_SHA1' # old\nNETSUITE_HASH_TYPE=SHA1\n"), "NS_SIGNATURE_METHOD='HMAC_SHA256' # old\nNETSUITE_HASH_TYPE=SHA256\n");
    assert.equal(fixed('c.yml', 'netsuite:\n  signature_method: "HMAC-SHA1"  # TBA\n'), 'netsuite:\n  signature_method: "HMAC-SHA256"  # TBA\n');
    const postman = '{ "auth": { "type": "oauth1", "oauth1": [ { "key": "realm", "value": "1234567" }, { "key": "signatureMethod", "value": "HMAC-SHA1" } ] }, "_postman_id": "x" }';
    assert.equal(fixed('a.postman_collection.json', postman), postman.replace('HMAC-SHA1', 'HMAC-SHA256'));
    const header = 'NS_AUTH=OAuth realm="1234567",oauth_signature_method="HMAC-SHA1",oauth_version="1.0"\n';
    assert.equal(fixed('.env', header), header.replace('HMAC-SHA1', 'HMAC-SHA256'));
    const mule = '<mule><netsuite:token-based-authentication-connection signatureAlgorithm="HMAC_SHA1"/></mule>';
    assert.equal(fixed('m.xml', mule), mule.replace('HMAC_SHA1', 'HMAC_SHA256'));
  });
});

// ---------------------------------------------------------------------------

describe('config side: tba-token-endpoint', () => {
  const REQUEST = 'https://1234567.restlets.api.netsuite.com/rest/requesttoken';
  const AUTHORIZE = 'https://1234567.app.netsuite.com/app/login/secure/authorizetoken.nl';
  const ACCESS = 'https://1234567.restlets.api.netsuite.com/rest/accesstoken';
  const ISSUE = 'https://system.netsuite.com/rest/issuetoken?consumerKey=abc';

  it('the four endpoints in YAML, on the value; issuetoken is an error', () => {
    const text = `netsuite:\n  request_token_url: ${REQUEST}\n  authorize_url: "${AUTHORIZE}"\n  access_token_url: ${ACCESS}\n  issue_token_url: ${ISSUE}\n`;
    const found_ = findings('c.yml', text, onlyRules('tba-token-endpoint'));
    assert.deepEqual(
      found_.map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end })),
      [at(text, 'tba-token-endpoint', REQUEST), at(text, 'tba-token-endpoint', AUTHORIZE), at(text, 'tba-token-endpoint', ACCESS), at(text, 'tba-token-endpoint', ISSUE)],
    );
    assert.deepEqual(found_.map((f) => f.severity), ['warning', 'warning', 'warning', 'error']);
    assert.match(found_[3].message, /issuetoken/);
    assert.match(found_[0].message, /2027\.1/);
  });

  it('dotenv paths in a NetSuite file, .properties, XML, JSON', () => {
    const env = 'NS_ACCOUNT=1234567\nNS_REQUEST_TOKEN_PATH=/rest/requesttoken\n';
    assert.deepEqual(found('.env', env), [at(env, 'tba-token-endpoint', '/rest/requesttoken')]);
    const props = `netsuite.tba.access-token-url=${ACCESS}\n`;
    assert.deepEqual(found('a.properties', props), [at(props, 'tba-token-endpoint', ACCESS)]);
    const xml = `<config><tba accessTokenUrl="${ACCESS}"><authorize>${AUTHORIZE}</authorize></tba></config>`;
    assert.deepEqual(found('a.xml', xml), [at(xml, 'tba-token-endpoint', ACCESS), at(xml, 'tba-token-endpoint', AUTHORIZE)]);
    const json = `{ "netsuite": { "tokenEndpoints": { "request": "${REQUEST}" } } }`;
    assert.deepEqual(found('a.json', json), [at(json, 'tba-token-endpoint', REQUEST)]);
  });

  it('Postman: raw URLs, string URLs and script literals; not names, descriptions or path segments', () => {
    const text = [
      '{ "info": { "description": "Step 1: /rest/requesttoken", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },',
      '  "item": [',
      '    { "name": "/rest/requesttoken", "request": { "url": { "raw": "https://{{account}}.restlets.api.netsuite.com/rest/requesttoken", "path": ["rest", "requesttoken"] } } },',
      '    { "name": "authorize", "request": { "url": "https://{{account}}.app.netsuite.com/app/login/secure/authorizetoken.nl?oauth_token={{t}}" } },',
      '    { "event": [{ "script": { "exec": ["pm.sendRequest({ url: base + \'/rest/accesstoken\', method: \'POST\' });"] } }] }',
      '  ]',
      '}',
    ].join('\n');
    assert.deepEqual(found('tba.postman_collection.json', text), [
      at(text, 'tba-token-endpoint', 'https://{{account}}.restlets.api.netsuite.com/rest/requesttoken'),
      at(text, 'tba-token-endpoint', 'https://{{account}}.app.netsuite.com/app/login/secure/authorizetoken.nl?oauth_token={{t}}'),
      at(text, 'tba-token-endpoint', '/rest/accesstoken'),
    ]);
  });

  it('a URL inside a multi-line YAML script is reported on the URL', () => {
    const text = `jobs:\n  token:\n    run: |\n      set -e\n      curl -X POST "${ISSUE}" -H "$H"\n`;
    assert.deepEqual(found('ci.yml', text, 'tba-token-endpoint'), [at(text, 'tba-token-endpoint', ISSUE)]);
  });

  it('not: the same paths of another product in a file without NetSuite, comments, OAuth 2.0 endpoints', () => {
    const props = '# netsuite: https://1234567.restlets.api.netsuite.com/rest/requesttoken\npartner.request-token-url=https://api.partner.example.com/rest/requesttoken\n';
    assert.deepEqual(found('a.properties', props, 'tba-token-endpoint'), []);
    const yaml = 'netsuite:\n  authorize_url: https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl\n  token_url: https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token\n';
    assert.deepEqual(found('a.yml', yaml, 'tba-token-endpoint'), []);
  });

  it('fix: opens the guides, never edits, so --fix leaves the file alone', () => {
    const text = `NS_TOKEN_URL=${ACCESS}\n`;
    assert.equal(fixed('.env', text), text);
    const [{ fixes }] = fixesOf('.env', text, 'tba-token-endpoint');
    assert.ok(fixes.length >= 1);
    assert.ok(fixes.every((f) => !f.preferred && f.edits.length === 0 && f.openUrl));
  });
});

// ---------------------------------------------------------------------------

describe('config side: missing-pkce', () => {
  const AUTHORIZE = 'https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl';
  const TOKEN = 'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';

  it('grant type authorization_code in every kind and key spelling, on the grant value', () => {
    const yaml = `netsuite:\n  oauth:\n    grant_type: authorization_code\n    authorize_url: ${AUTHORIZE}\n`;
    assert.deepEqual(found('a.yml', yaml), [at(yaml, 'missing-pkce', 'authorization_code')]);
    const json = `{ "netsuite": { "grantType": "authorization_code", "tokenUrl": "${TOKEN}" } }`;
    assert.deepEqual(found('a.json', json), [at(json, 'missing-pkce', 'authorization_code')]);
    const env = `NETSUITE_GRANT_TYPE=authorization_code\nNETSUITE_AUTH_URL=${AUTHORIZE}\n`;
    assert.deepEqual(found('.env', env), [at(env, 'missing-pkce', 'authorization_code')]);
    const props = `ns.oauth.grant-type=AuthorizationCode\nns.oauth.authorize-url=${AUTHORIZE}\n`;
    assert.deepEqual(found('a.properties', props), [at(props, 'missing-pkce', 'AuthorizationCode')]);
    const xml = `<netsuite><oauth grantType="authorization_code" authorizeUrl="${AUTHORIZE}"/></netsuite>`;
    assert.deepEqual(found('a.xml', xml), [at(xml, 'missing-pkce', 'authorization_code')]);
    const list = `netsuite:\n  grant_types: "authorization_code refresh_token"\n  token_url: ${TOKEN}\n`;
    assert.deepEqual(found('b.yml', list), [at(list, 'missing-pkce', 'authorization_code')]);
  });

  it('PKCE switched off is a finding, and its fix switches it on', () => {
    const yaml = `netsuite:\n  grantType: authorization_code\n  usePkce: false\n  authorizeUrl: ${AUTHORIZE}\n`;
    const [f] = findings('a.yml', yaml, onlyRules('missing-pkce'));
    assert.deepEqual({ start: f.range.start, end: f.range.end }, spanOf(yaml, 'authorization_code'));
    assert.match(f.message, /switched off \(`usePkce`\)/);
    assert.equal(fixed('a.yml', yaml), yaml.replace('usePkce: false', 'usePkce: true'));
    const env = `NS_GRANT_TYPE=authorization_code\nNS_PKCE_ENABLED=FALSE\n`;
    assert.equal(fixed('.env', env), env.replace('FALSE', 'TRUE'));
  });

  it('Postman: the oauth2 grant_type, an auth left at the default grant, a token request body, a raw form body, an authorize URL', () => {
    const text = [
      '{ "info": { "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },',
      '  "auth": { "type": "oauth2", "oauth2": [ { "key": "grant_type", "value": "authorization_code", "type": "string" }, { "key": "challengeAlgorithm", "value": "S256", "type": "string" } ] },',
      '  "item": [',
      `    { "request": { "auth": { "type": "oauth2", "oauth2": [ { "key": "authUrl", "value": "${AUTHORIZE}", "type": "string" } ] } } },`,
      `    { "request": { "body": { "mode": "urlencoded", "urlencoded": [ { "key": "grant_type", "value": "authorization_code" }, { "key": "code", "value": "{{code}}" } ] }, "url": "${TOKEN}" } },`,
      `    { "request": { "body": { "mode": "raw", "raw": "grant_type=authorization_code&code={{code}}" }, "url": "${TOKEN}" } },`,
      `    { "request": { "url": "${AUTHORIZE}?response_type=code&client_id={{id}}&state=1" } }`,
      '  ]',
      '}',
    ].join('\n');
    assert.deepEqual(found('ns.postman_collection.json', text, 'missing-pkce'), [
      at(text, 'missing-pkce', 'authorization_code', 0),
      at(text, 'missing-pkce', 'oauth2', 2),
      at(text, 'missing-pkce', 'authorization_code', 1),
      at(text, 'missing-pkce', 'authorization_code', 2),
      at(text, 'missing-pkce', `${AUTHORIZE}?response_type=code&client_id={{id}}&state=1`),
    ]);
  });

  it('a response_type code without a grant type in its block', () => {
    const yaml = `netsuite:\n  login:\n    response_type: code\n    authorize_url: ${AUTHORIZE}\n`;
    assert.deepEqual(found('a.yml', yaml), [at(yaml, 'missing-pkce', 'code')]);
    assert.equal(fixed('a.yml', yaml), yaml.replace('response_type: code\n', 'response_type: code\n    code_challenge_method: S256\n'));
  });

  it('not: PKCE switches, challenge methods, verifiers, public Spring clients, PKCE grants, client credentials, other providers, comments', () => {
    const cases: [string, string][] = [
      ['a.yml', `netsuite:\n  grant_type: authorization_code\n  pkce: true\n  authorize_url: ${AUTHORIZE}\n`],
      ['a.yml', `netsuite:\n  grant_type: authorization_code\n  code_challenge_method: S256\n`],
      ['a.yml', `netsuite:\n  grant_type: authorization_code\n  pkce:\n    enabled: true\n`],
      ['a.yml', `netsuite:\n  grant_type: authorization_code\n  checks: [pkce, state]\n`],
      ['a.yml', `netsuite:\n  grant_type: client_credentials\n  token_url: ${TOKEN}\n`],
      ['a.yml', `netsuite:\n  grant_type: authorization_code_with_pkce\n`],
      ['a.yml', `google:\n  grant_type: authorization_code\n  auth_url: https://accounts.google.com/o/oauth2/v2/auth\n`],
      ['a.yml', `# grant_type: authorization_code\nnetsuite:\n  token_url: ${TOKEN}\n`],
      ['a.yml', `spring.security.oauth2.client.registration.netsuite:\n  client-authentication-method: none\n  authorization-grant-type: authorization_code\n`],
      ['.env', `NETSUITE_GRANT_TYPE=authorization_code\nNETSUITE_CODE_CHALLENGE_METHOD=S256\n`],
      ['.env', `NETSUITE_GRANT_TYPE=authorization_code\nNETSUITE_USE_PKCE=true\n`],
      ['a.json', `{ "netsuite": { "grantType": "authorization_code", "codeVerifier": "{{verifier}}" } }`],
      ['a.postman_collection.json', `{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [ { "key": "grant_type", "value": "authorization_code_with_pkce" }, { "key": "authUrl", "value": "${AUTHORIZE}" } ] } }`],
      ['a.postman_collection.json', `{ "_postman_id": "x", "item": [{ "request": { "body": { "urlencoded": [ { "key": "grant_type", "value": "authorization_code" }, { "key": "code_verifier", "value": "{{v}}" } ] }, "url": "${TOKEN}" } }] }`],
      ['a.postman_collection.json', `{ "_postman_id": "x", "item": [{ "request": { "url": "${AUTHORIZE}?response_type=code&code_challenge={{c}}&code_challenge_method=S256" } }] }`],
    ];
    for (const [file, text] of cases) assert.deepEqual(found(file, text, 'missing-pkce'), [], `${file}:\n${text}`);
  });

  it('says what is missing with the 2027.1 deadline', () => {
    const [f] = findings('a.yml', `netsuite:\n  grant_type: authorization_code\n`, onlyRules('missing-pkce'));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /`grant_type` selects the NetSuite OAuth 2\.0 authorization code grant without PKCE/);
    assert.match(f.message, /2027\.1/);
    assert.match(f.hover ?? '', /docs\/rules\/missing-pkce\.md/);
  });

  describe('fixes', () => {
    it('YAML: code_challenge_method: S256 on the line after the grant, keeping comments, quotes and key style', () => {
      assert.equal(
        fixed('a.yml', 'netsuite:\n  oauth:\n    grant_type: authorization_code  # users\n    client_id: x\n'),
        'netsuite:\n  oauth:\n    grant_type: authorization_code  # users\n    code_challenge_method: S256\n    client_id: x\n',
      );
      assert.equal(fixed('a.yml', 'netsuite:\n  "grant-type": "authorization_code"\n'), 'netsuite:\n  "grant-type": "authorization_code"\n  "code-challenge-method": "S256"\n');
      assert.equal(fixed('a.yml', 'clients:\n  - name: netsuite\n    grantType: authorization_code\n'), 'clients:\n  - name: netsuite\n    grantType: authorization_code\n    codeChallengeMethod: S256\n');
      assert.equal(fixed('a.yml', 'netsuite: { grant_type: authorization_code, scope: restlets }\n'), 'netsuite: { grant_type: authorization_code, code_challenge_method: S256, scope: restlets }\n');
      assert.equal(fixed('a.yml', 'netsuite:\r\n  grant_type: authorization_code\r\n'), 'netsuite:\r\n  grant_type: authorization_code\r\n  code_challenge_method: S256\r\n');
    });

    it('YAML: a docker-compose environment list gets a new item', () => {
      const text = 'services:\n  sync:\n    environment:\n      - NETSUITE_GRANT_TYPE=authorization_code\n      - OTHER=1\n';
      assert.equal(fixed('docker-compose.yml', text), text.replace('authorization_code\n', 'authorization_code\n      - NETSUITE_CODE_CHALLENGE_METHOD=S256\n'));
    });

    it('JSON: a new member after the grant, with or without a following comma, or inline', () => {
      assert.equal(
        fixed('a.json', '{\n  "netsuite": {\n    "grantType": "authorization_code", // users\n    "clientId": "x"\n  }\n}\n'),
        '{\n  "netsuite": {\n    "grantType": "authorization_code", // users\n    "codeChallengeMethod": "S256",\n    "clientId": "x"\n  }\n}\n',
      );
      assert.equal(fixed('a.json', '{\n\t"netsuite": {\n\t\t"grant_type": "authorization_code"\n\t}\n}'), '{\n\t"netsuite": {\n\t\t"grant_type": "authorization_code",\n\t\t"code_challenge_method": "S256"\n\t}\n}');
      assert.equal(fixed('a.json', '{ "netsuite": { "GRANT_TYPE": "authorization_code", "x": 1 } }'), '{ "netsuite": { "GRANT_TYPE": "authorization_code", "CODE_CHALLENGE_METHOD": "S256", "x": 1 } }');
    });

    it('dotenv and .properties: a new line in the file\'s style', () => {
      assert.equal(fixed('.env', 'export NS_GRANT_TYPE="authorization_code" # users\nNS_X=1\n'), 'export NS_GRANT_TYPE="authorization_code" # users\nexport NS_CODE_CHALLENGE_METHOD="S256"\nNS_X=1\n');
      assert.equal(fixed('a.properties', 'netsuite.oauth.grantType : authorization_code\n'), 'netsuite.oauth.grantType : authorization_code\nnetsuite.oauth.codeChallengeMethod : S256\n');
    });

    it('Postman: authorization_code_with_pkce, and a challenge algorithm S256 added or corrected', () => {
      const add = '{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [\n  { "key": "grant_type", "value": "authorization_code", "type": "string" },\n  { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl", "type": "string" }\n] } }';
      assert.equal(
        fixed('a.postman_collection.json', add),
        '{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [\n  { "key": "grant_type", "value": "authorization_code_with_pkce", "type": "string" },\n  { "key": "challengeAlgorithm", "value": "S256", "type": "string" },\n  { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl", "type": "string" }\n] } }',
      );
      const plain = '{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [ { "key": "challengeAlgorithm", "value": "plain" }, { "key": "grant_type", "value": "authorization_code" }, { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl" } ] } }';
      assert.equal(fixed('a.postman_collection.json', plain, 'missing-pkce'), plain.replace('"plain"', '"S256"').replace('"authorization_code"', '"authorization_code_with_pkce"'));
      const byDefault = '{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [ { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl", "type": "string" } ] } }';
      assert.equal(
        fixed('a.postman_collection.json', byDefault),
        '{ "_postman_id": "x", "auth": { "type": "oauth2", "oauth2": [ { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl", "type": "string" }, { "key": "grant_type", "value": "authorization_code_with_pkce", "type": "string" }, { "key": "challengeAlgorithm", "value": "S256", "type": "string" } ] } }',
      );
    });

    it('offered, not applied: a Postman token request body gets code_verifier; XML gets an attribute; Spring only the guide', () => {
      const body = `{ "_postman_id": "x", "item": [{ "request": { "body": { "urlencoded": [ { "key": "grant_type", "value": "authorization_code", "type": "text" } ] }, "url": "${TOKEN}" } }] }`;
      assert.equal(fixed('a.postman_collection.json', body), body);
      const [{ fixes }] = fixesOf('a.postman_collection.json', body, 'missing-pkce');
      assert.equal(fixes[0].preferred, false);
      assert.equal(applyEdits(body, fixes[0].edits), body.replace('"type": "text" }', '"type": "text" }, { "key": "code_verifier", "value": "{{code_verifier}}", "type": "text" }'));
      const xml = `<netsuite><oauth grantType="authorization_code" authorizeUrl="${AUTHORIZE}"/></netsuite>`;
      assert.equal(fixed('a.xml', xml), xml);
      const [{ fixes: xmlFixes }] = fixesOf('a.xml', xml, 'missing-pkce');
      assert.equal(applyEdits(xml, xmlFixes[0].edits), xml.replace('"authorization_code"', '"authorization_code" codeChallengeMethod="S256"'));
      const spring = `spring.security.oauth2.client.registration.netsuite.authorization-grant-type=authorization_code\nspring.security.oauth2.client.provider.netsuite.authorization-uri=${AUTHORIZE}\n`;
      assert.equal(fixed('a.properties', spring), spring);
      const [{ fixes: springFixes }] = fixesOf('a.properties', spring, 'missing-pkce');
      assert.deepEqual(springFixes.map((f) => [f.preferred, f.edits.length, /withPkce/.test(f.title)]), [[false, 0, true]]);
    });

    it('every offered edit parses and clears its finding; fix-all is idempotent', () => {
      const inputs: [string, string][] = [
        ['a.yml', `netsuite:\n  grant_type: authorization_code\n`],
        ['a.json', `{ "netsuite": { "grant_type": "authorization_code" } }`],
        ['a.xml', `<netsuite><grant_type>authorization_code</grant_type></netsuite>`],
        ['a.postman_collection.json', `{ "_postman_id": "x", "item": [{ "request": { "body": { "urlencoded": [ { "key": "grant_type", "value": "authorization_code" } ] }, "url": "${TOKEN}" } }] }`],
      ];
      for (const [file, text] of inputs) {
        for (const { fixes } of fixesOf(file, text, 'missing-pkce')) {
          for (const fix of fixes.filter((f) => f.edits.length > 0)) {
            const out = applyEdits(text, fix.edits);
            assert.deepEqual(parseProblems(file, out), [], out);
            assert.deepEqual(found(file, out, 'missing-pkce'), [], out);
          }
        }
        const once = fixed(file, text);
        assert.equal(fixed(file, once), once);
      }
    });
  });
});

// ---------------------------------------------------------------------------

describe('config side: pkce-plain', () => {
  it('challenge method keys in every kind, on `plain`', () => {
    const yaml = 'netsuite:\n  code_challenge_method: plain\n';
    assert.deepEqual(found('a.yml', yaml), [at(yaml, 'pkce-plain', 'plain')]);
    const env = 'NETSUITE_CODE_CHALLENGE_METHOD="PLAIN"\n';
    assert.deepEqual(found('.env', env), [at(env, 'pkce-plain', 'PLAIN')]);
    const json = '{ "netsuite": { "pkce": { "method": "plain" }, "codeChallengeMethod": "plain" } }';
    assert.deepEqual(found('a.json', json, 'pkce-plain'), [at(json, 'pkce-plain', 'plain', 1)]);
    const props = 'netsuite.oauth.code-challenge-method=plain\n';
    assert.deepEqual(found('a.properties', props), [at(props, 'pkce-plain', 'plain')]);
    const xml = '<netsuite><oauth codeChallengeMethod="plain"/></netsuite>';
    assert.deepEqual(found('a.xml', xml), [at(xml, 'pkce-plain', 'plain')]);
  });

  it('a stored authorize URL, and Postman: challengeAlgorithm, a raw URL once (not again on its query item)', () => {
    const env = 'NS_LOGIN_URL=https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl?response_type=code&code_challenge={{c}}&code_challenge_method=plain\n';
    assert.deepEqual(found('.env', env, 'pkce-plain'), [at(env, 'pkce-plain', 'plain')]);
    const text = [
      '{ "_postman_id": "x",',
      '  "auth": { "type": "oauth2", "oauth2": [ { "key": "grant_type", "value": "authorization_code_with_pkce" }, { "key": "challengeAlgorithm", "value": "plain" } ] },',
      '  "item": [{ "request": { "url": { "raw": "https://{{account}}.app.netsuite.com/app/login/oauth2/authorize.nl?code_challenge_method=plain", "query": [ { "key": "code_challenge_method", "value": "plain" } ] } } }]',
      '}',
    ].join('\n');
    assert.deepEqual(found('a.postman_collection.json', text, 'pkce-plain'), [at(text, 'pkce-plain', 'plain', 0), at(text, 'pkce-plain', 'plain', 1)]);
    assert.equal(fixed('a.postman_collection.json', text, 'pkce-plain'), text.replace(/"plain"|=plain/g, (m) => m.replace('plain', 'S256')));
  });

  it('not: S256, other providers, text/plain, comments', () => {
    const yaml = '# code_challenge_method: plain\nnetsuite:\n  code_challenge_method: S256\n  content_type: text/plain\n  format: plain\nokta:\n  code_challenge_method: plain\n';
    assert.deepEqual(found('a.yml', yaml, 'pkce-plain'), []);
  });

  it('is a warning naming S256 and 2027.1; the fix writes S256', () => {
    const text = 'netsuite:\n  code_challenge_method: "plain"  # for now\n';
    const [f] = findings('a.yml', text, onlyRules('pkce-plain'));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /`code_challenge_method` is `plain`/);
    assert.match(f.message, /S256/);
    assert.match(f.message, /2027\.1/);
    assert.equal(fixed('a.yml', text), 'netsuite:\n  code_challenge_method: "S256"  # for now\n');
  });
});

// ---------------------------------------------------------------------------

describe('config side: nlauth-header|tba-hmac-sha1|tba-token-endpoint|missing-pkce|pkce-plain together', () => {
  it('malformed configs still get the findings of the parts that parse, and never throw', () => {
    const yaml = 'netsuite:\n  signature_method: HMAC-SHA1\n  grant_type: authorization_code\n  code_challenge_method: plain\n  broken: "unterminated\n';
    const hits = found('a.yml', yaml).map((h) => h.ruleId);
    assert.ok(hits.includes('tba-hmac-sha1') && hits.includes('pkce-plain'), hits.join());
    const json = '{ "netsuite": { "signature_method": "HMAC-SHA1", "token_url": "https://1234567.restlets.api.netsuite.com/rest/accesstoken", } ';
    assert.deepEqual(found('a.json', json).map((h) => h.ruleId), ['tba-hmac-sha1', 'tba-token-endpoint']);
    const xml = '<netsuite><tba signatureAlgorithm="HMAC_SHA1"><url>https://1234567.restlets.api.netsuite.com/rest/requesttoken';
    assert.deepEqual(found('a.xml', xml).map((h) => h.ruleId), ['tba-hmac-sha1', 'tba-token-endpoint']);
    for (const text of ['', '{', 'a: [', '<', '=', '"', '{"_postman_id": "x", "auth": {"type": "oauth2", "oauth2": [ {"key": "authUrl"']) {
      for (const file of ['a.json', 'a.yml', 'a.xml', '.env', 'a.properties', 'a.postman_collection.json']) assert.doesNotThrow(() => found(file, text));
    }
  });

  it('fix-all over every rule at once: each file parses and a second run changes nothing', () => {
    const text = [
      '{ "_postman_id": "x",',
      '  "auth": { "type": "oauth2", "oauth2": [ { "key": "grant_type", "value": "authorization_code", "type": "string" }, { "key": "challengeAlgorithm", "value": "plain", "type": "string" }, { "key": "authUrl", "value": "https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl", "type": "string" } ] },',
      '  "item": [{ "request": { "header": [ { "key": "Authorization", "value": "NLAuth nlauth_account=1, nlauth_email=a, nlauth_signature=b" } ], "url": "https://1234567.restlets.api.netsuite.com/rest/requesttoken" } }],',
      '  "variable": [ { "key": "signature_method", "value": "HMAC-SHA1" } ]',
      '}',
    ].join('\n');
    const once = fixed('all.postman_collection.json', text);
    assert.deepEqual(parseProblems('all.postman_collection.json', once), []);
    assert.equal(fixed('all.postman_collection.json', once), once);
    assert.deepEqual(
      found('all.postman_collection.json', once).map((h) => h.ruleId),
      ['tba-token-endpoint'],
      'only the endpoint (no automatic fix) is left',
    );
    assert.ok(once.includes('"authorization_code_with_pkce"') && once.includes('"S256"') && once.includes('Bearer {{netsuite_access_token}}') && once.includes('"HMAC-SHA256"'));
  });
});
