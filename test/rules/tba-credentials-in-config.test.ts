import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'tba-credentials-in-config';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end };
}
/** The range of `needle` searched after the first `after`. */
function atAfter(text: string, after: string, needle: string) {
  const start = text.indexOf(needle, text.indexOf(after));
  assert.ok(start >= 0);
  return { ruleId: ID, start, end: start + needle.length };
}
function fixed(fileName: string, text: string): string {
  return fixAllText(fileName, text, ONLY);
}

const SET4 = (ck: string, cs: string, ti: string, ts: string, sep = '=', nl = '\n') => `${ck}${sep}a${nl}${cs}${sep}b${nl}${ti}${sep}c${nl}${ts}${sep}d${nl}`;

describe('tba-credentials-in-config', () => {
  describe('finds consumer key/secret + token id/secret sets in every kind and casing, on the token id key', () => {
    const cases: [string, string, string, () => ReturnType<typeof at>[]][] = [];
    const add = (name: string, fileName: string, text: string, expected: (text: string) => ReturnType<typeof at>[]) => cases.push([name, fileName, text, () => expected(text)]);
    add('NS_ upper snake .env', '.env', SET4('NS_CONSUMER_KEY', 'NS_CONSUMER_SECRET', 'NS_TOKEN_ID', 'NS_TOKEN_SECRET'), (t) => [at(t, 'NS_TOKEN_ID')]);
    add('NETSUITE_ .env with export, quotes and comments', '.env', 'export NETSUITE_CONSUMER_KEY="a" # x\nexport NETSUITE_CONSUMER_SECRET=\'b\'\nexport NETSUITE_TOKEN_ID="c"  # y\nexport NETSUITE_TOKEN_SECRET=d\n', (t) => [at(t, 'NETSUITE_TOKEN_ID')]);
    add('fylein-style NS_TOKEN_KEY', 'sdk.env', 'NS_ACCOUNT=1\nNS_CONSUMER_KEY=a\nNS_CONSUMER_SECRET=b\nNS_TOKEN_KEY=c\nNS_TOKEN_SECRET=d\n', (t) => [at(t, 'NS_TOKEN_KEY')]);
    add('netsuite-rest .env.sample, empty values and a realm key', '.env.sample', 'CONSUMER_KEY=\nCONSUMER_SECRET_KEY=\nTOKEN=\nTOKEN_SECRET=\nREALM=\nBASE_URL=\n', (t) => [at(t, 'TOKEN')]);
    add('camelCase JSON (nsconfig)', 'nsconfig.json', '{"account": "1234567", "consumerKey": "a", "consumerSecret": "b", "token": "c", "tokenSecret": "d"}', (t) => [at(t, 'token"')].map((r) => ({ ...r, end: r.end - 1 })));
    add('snake_case JSON (netsuite-rest)', 'ns.json', '{"realm": "1234567", "consumer_key": "a", "consumer_secret_key": "b", "token": "c", "token_secret": "d", "base_url": "https://1234567.suitetalk.api.netsuite.com"}', (t) => [atAfter(t, 'secret_key', 'token')]);
    add('nsrestlet tokenKey', 'restlet.json', '{"accountId": "1234567", "tokenKey": "a", "tokenSecret": "b", "consumerKey": "c", "consumerSecret": "d"}', (t) => [at(t, 'tokenKey')]);
    add('Singer tap-netsuite ns_ keys', 'config.json', '{"ns_account": "1", "ns_consumer_key": "a", "ns_consumer_secret": "b", "ns_token_key": "c", "ns_token_secret": "d"}', (t) => [at(t, 'ns_token_key')]);
    add('Airbyte realm + token_key', 'source.json', '{"realm": "1234567_SB1", "consumer_key": "a", "consumer_secret": "b", "token_key": "c", "token_secret": "d"}', (t) => [at(t, 'token_key')]);
    add('Celigo tokenId/tokenSecret with authType token-auto', 'conn.json', '{"type": "netsuite", "netsuite": {"account": "1", "authType": "token-auto", "tokenId": "a", "tokenSecret": "b"}}', (t) => [at(t, 'tokenId')]);
    add('Workato connection', 'conn.json', '{"provider": "netsuite", "account_id": "1", "consumer_key": "a", "consumer_secret": "b", "token_id": "c", "token_secret": "d"}', (t) => [at(t, 'token_id')]);
    add('kebab-case YAML', 'app.yml', 'netsuite:\n  consumer-key: a\n  consumer-secret: b\n  token-id: c\n  token-secret: d\n', (t) => [at(t, 'token-id')]);
    add('nested authentication block with type: tba', 'app.yml', 'netsuite:\n  account: "1"\n  authentication:\n    type: tba\n    consumer_key: ${NS_CONSUMER_KEY}\n    consumer_secret: ${NS_CONSUMER_SECRET}\n    token_id: ${NS_TOKEN_ID}\n    token_secret: ${NS_TOKEN_SECRET}\n', (t) => [at(t, 'token_id')]);
    add('consumer: {key, secret} and token: {id, secret} maps', 'app.yml', 'netsuite:\n  consumer:\n    key: a\n    secret: b\n  token:\n    id: c\n    secret: d\n', (t) => [atAfter(t, 'token:', 'id')]);
    add('a YAML flow map with type: oauth1', 'app.yml', 'ns_sync:\n  auth: {type: oauth1, consumerKey: a, consumerSecret: b, tokenId: c, tokenSecret: d}\n', (t) => [at(t, 'tokenId')]);
    add('token id + token secret alone (no consumer)', '.env', 'NETSUITE_TOKEN_ID=a\nNETSUITE_TOKEN_SECRET=b\n', (t) => [at(t, 'NETSUITE_TOKEN_ID')]);
    add('two qualified sets', '.env', SET4('NS_SB_CONSUMER_KEY', 'NS_SB_CONSUMER_SECRET', 'NS_SB_TOKEN_ID', 'NS_SB_TOKEN_SECRET') + SET4('NS_PROD_CONSUMER_KEY', 'NS_PROD_CONSUMER_SECRET', 'NS_PROD_TOKEN_ID', 'NS_PROD_TOKEN_SECRET'), (t) => [at(t, 'NS_SB_TOKEN_ID'), at(t, 'NS_PROD_TOKEN_ID')]);
    add('.properties with dotted words', 'app.properties', SET4('ns.consumer.key', 'ns.consumer.secret', 'ns.token.id', 'ns.token.secret'), (t) => [at(t, 'ns.token.id')]);
    add('.properties with : separators', 'app.properties', SET4('netsuite.consumerKey', 'netsuite.consumerSecret', 'netsuite.tokenId', 'netsuite.tokenSecret', ': '), (t) => [at(t, 'netsuite.tokenId')]);
    add('docker-compose environment list', 'docker-compose.yml', 'services:\n  sync:\n    environment:\n      - NETSUITE_CONSUMER_KEY=a\n      - NETSUITE_CONSUMER_SECRET=b\n      - NETSUITE_TOKEN_ID=c\n      - NETSUITE_TOKEN_SECRET=d\n', (t) => [at(t, 'NETSUITE_TOKEN_ID')]);
    add('MuleSoft token-based connection', 'mule.xml', '<mule xmlns:netsuite="x"><netsuite:config><netsuite:token-based-authentication-connection consumerKey="a" consumerSecret="b" tokenId="c" tokenSecret="d" account="1"/></netsuite:config></mule>', (t) => [at(t, 'tokenId')]);
    add('XML elements', 'config.xml', '<netsuite><consumerKey>a</consumerKey><consumerSecret>b</consumerSecret><tokenId>c</tokenId><tokenSecret>d</tokenSecret></netsuite>', (t) => [at(t, 'tokenId')]);
    add('OAuth 1.0a access token naming with NetSuite context', '.env', 'NETSUITE_ACCOUNT=1234567\nNETSUITE_CONSUMER_KEY=a\nNETSUITE_CONSUMER_SECRET=b\nNETSUITE_ACCESS_TOKEN=c\nNETSUITE_ACCESS_TOKEN_SECRET=d\n', (t) => [at(t, 'NETSUITE_ACCESS_TOKEN')]);
    add('GitHub Actions env with secrets references', 'sync.yml', 'jobs:\n  sync:\n    env:\n      NS_TOKEN_ID: ${{ secrets.NS_TOKEN_ID }}\n      NS_TOKEN_SECRET: ${{ secrets.NS_TOKEN_SECRET }}\n', (t) => [at(t, 'NS_TOKEN_ID')]);
    add('Kubernetes env items (name/value, valueFrom)', 'deployment.yaml', 'env:\n  - name: NETSUITE_TOKEN_ID\n    valueFrom:\n      secretKeyRef: {name: ns, key: token-id}\n  - name: NETSUITE_TOKEN_SECRET\n    value: "x"\n', (t) => [at(t, 'NETSUITE_TOKEN_ID')]);
    add('a file named after NetSuite gives context', 'netsuite.json', '{"consumerKey": "a", "token": "b", "tokenSecret": "c"}', (t) => [at(t, 'token"')].map((r) => ({ ...r, end: r.end - 1 })));
    add('Postman environment values', 'x.postman_environment.json', '{"name": "NetSuite", "values": [{"key": "consumerKey", "value": "a"}, {"key": "consumerSecret", "value": "b"}, {"key": "tokenId", "value": "c"}, {"key": "tokenSecret", "value": "d"}]}', (t) => [at(t, 'tokenId')]);
    add('Postman collection auth.type oauth1: on the value', 'c.postman_collection.json', '{"auth": {"type": "oauth1", "oauth1": [{"key": "realm", "value": "1234567"}, {"key": "token", "value": "{{t}}"}]}}', (t) => [at(t, 'oauth1')]);
    add('Postman request-level oauth1 with a NetSuite URL elsewhere', 'c.postman_collection.json', '{"item": [{"request": {"auth": {"type": "oauth1", "oauth1": [{"key": "consumerKey", "value": "{{ck}}"}]}, "url": {"raw": "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl"}}}]}', (t) => [at(t, 'oauth1')]);
    add('a bare type: tba selector in a NetSuite block: on its value', 'app.yml', 'netsuite:\n  authentication:\n    type: tba\n    secret_ref: ns-tba\n', (t) => [at(t, 'tba\n')].map((r) => ({ ...r, end: r.end - 1 })));
    for (const [name, fileName, text, expected] of cases) {
      it(name, () => assert.deepEqual(found(fileName, text), expected()));
    }
  });

  describe('needs NetSuite context and a TBA shape', () => {
    const negatives: [string, string, string][] = [
      ['Twitter keys in a NetSuite .env', '.env', 'NETSUITE_ACCOUNT=1\nTWITTER_CONSUMER_KEY=a\nTWITTER_CONSUMER_SECRET=b\nTWITTER_ACCESS_TOKEN=c\nTWITTER_ACCESS_TOKEN_SECRET=d\n'],
      ['OAuth 1.0 access tokens without NetSuite context', 'oauth.env', 'CONSUMER_KEY=a\nCONSUMER_SECRET=b\nACCESS_TOKEN=c\nACCESS_TOKEN_SECRET=d\n'],
      ['legacy QuickBooks OAuth 1.0 with a realm id', 'qb.json', '{"consumer_key": "a", "consumer_secret": "b", "access_token": "c", "access_token_secret": "d", "realm_id": "123145678901234"}'],
      ['Magento OAuth 1.0 in JSON', 'magento.json', '{"consumer_key": "a", "consumer_secret": "b", "access_token": "c", "access_token_secret": "d"}'],
      ['a generic OAuth 1.0 token without NetSuite context', 'oauth.json', '{"consumerKey": "a", "token": "b", "tokenSecret": "c"}'],
      ['a consumer key used as an M2M client id', '.env', 'NETSUITE_CONSUMER_KEY=a\nNETSUITE_CERTIFICATE_ID=b\nNETSUITE_PRIVATE_KEY_PATH=c\n'],
      ['consumer key and secret alone', '.env', 'NETSUITE_CONSUMER_KEY=a\nNETSUITE_CONSUMER_SECRET=b\n'],
      ['OAuth 2.0 access and refresh tokens', '.env', 'NETSUITE_ACCESS_TOKEN=a\nNETSUITE_REFRESH_TOKEN=b\nNETSUITE_CLIENT_SECRET=c\n'],
      ['OAuth 2.0 PKCE config', 'app.yml', 'netsuite:\n  oauth2:\n    grant_type: authorization_code\n    client_id: a\n    pkce: true\n    code_challenge_method: S256\n'],
      ['Kafka consumer and GitHub token', 'app.yml', 'kafka:\n  consumer:\n    group: a\n    key: b\ngithub:\n  token: c\n  token_secret: d\nnetsuite:\n  account: "1"\n'],
      ['a Postman collection with oauth1 for Twitter', 'c.postman_collection.json', '{"auth": {"type": "oauth1", "oauth1": [{"key": "consumerKey", "value": "{{ck}}"}]}, "item": [{"request": {"url": "https://api.twitter.com"}}]}'],
      ['Postman oauth2 with PKCE', 'c.postman_collection.json', '{"auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code_with_pkce"}]}, "item": [{"request": {"url": "https://1.restlets.api.netsuite.com"}}]}'],
      ['an SDF integration object', 'custinteg_sync.xml', '<integration scriptid="custinteg_sync"><name>TBA sync</name></integration>'],
      ['a commented-out set', '.env', '# NS_TOKEN_ID=a\n# NS_TOKEN_SECRET=b\n'],
      ['type: token in a non-NetSuite block', 'app.yml', 'vault:\n  auth:\n    type: token\n'],
    ];
    for (const [name, fileName, text] of negatives) {
      it(`not: ${name}`, () => assert.deepEqual(found(fileName, text), []));
    }
  });

  it('says TBA with its dates, warns by default, and never shows a value', () => {
    const text = 'NS_CONSUMER_KEY=ck-aaaaaaaa\nNS_CONSUMER_SECRET=cs-bbbbbbbb\nNS_TOKEN_ID=tk-cccccccc\nNS_TOKEN_SECRET=ts-dddddddd\n';
    const [f] = findings('.env', text, ONLY);
    assert.equal(f.ruleId, ID);
    assert.equal(f.severity, 'warning');
    for (const part of ['TBA', '`NS_TOKEN_ID`', '2027.1', '2028.2', 'OAuth 2.0']) assert.ok(f.message.includes(part), part);
    for (const value of ['ck-aaaaaaaa', 'cs-bbbbbbbb', 'tk-cccccccc', 'ts-dddddddd']) {
      assert.ok(!f.message.includes(value));
      assert.ok(!(f.hover ?? '').includes(value));
    }
    assert.match(f.hover ?? '', /2023\.1/);
    assert.match(f.hover ?? '', /\[Rule documentation\]\(.*docs\/rules\/tba-credentials-in-config\.md\)$/);
  });

  it('names Postman and MuleSoft in their messages', () => {
    const postman = findings('c.postman_collection.json', '{"auth": {"type": "oauth1", "oauth1": [{"key": "realm", "value": "1234567"}]}}', ONLY)[0];
    assert.match(postman.message, /Postman auth type `oauth1`/);
    const mule = findings('mule.xml', '<m xmlns:netsuite="x"><netsuite:token-based-authentication-connection consumerKey="a" tokenId="c" tokenSecret="d"/></m>', ONLY)[0];
    assert.match(mule.message, /MuleSoft NetSuite connector/);
  });

  it('still finds sets in malformed files', () => {
    const yaml = 'netsuite:\n  token_id: a\n  token_secret: "b\n  consumer_key: [\n';
    assert.deepEqual(found('app.yml', yaml), [at(yaml, 'token_id')]);
    const json = '{"ns_consumer_key": "a", "ns_token_key": "b", "ns_token_secret": "c",,';
    assert.deepEqual(found('c.json', json), [at(json, 'ns_token_key')]);
    const xml = '<mule><netsuite:token-based-authentication-connection consumerKey="a" tokenId="b" tokenSecret="c';
    assert.deepEqual(found('m.xml', xml), [at(xml, 'tokenId')]);
  });

  describe('fix (exact output)', () => {
    const cases: [string, string, string, string][] = [
      [
        'upper snake .env: signature method removed, account and other keys kept',
        '.env',
        '# TBA\nexport NETSUITE_ACCOUNT=1234567\nNETSUITE_CONSUMER_KEY="a"  # integration record\nNETSUITE_CONSUMER_SECRET=\'b\'\nNETSUITE_TOKEN_ID=c\nNETSUITE_TOKEN_SECRET=d # rotate\nNETSUITE_SIGNATURE_METHOD=HMAC-SHA256\nNETSUITE_TIMEOUT=30\n',
        '# TBA\nexport NETSUITE_ACCOUNT=1234567\nNETSUITE_CLIENT_ID=\nNETSUITE_CERTIFICATE_ID=\nNETSUITE_PRIVATE_KEY_PATH=\nNETSUITE_TIMEOUT=30\n',
      ],
      [
        'snake_case JSON with an ns_ prefix',
        'config.json',
        '{\n  "ns_account": "1",\n  "ns_consumer_key": "a",\n  "ns_consumer_secret": "b",\n  "ns_token_key": "c",\n  "ns_token_secret": "d"\n}\n',
        '{\n  "ns_account": "1",\n  "ns_client_id": "${NETSUITE_CLIENT_ID}",\n  "ns_certificate_id": "${NETSUITE_CERTIFICATE_ID}",\n  "ns_private_key_path": "${NETSUITE_PRIVATE_KEY_PATH}"\n}\n',
      ],
      [
        'netsuite-rest names (token, consumer_secret_key) and a kept base_url',
        'ns.json',
        '{\n  "realm": "1234567",\n  "consumer_key": "a",\n  "consumer_secret_key": "b",\n  "token": "c",\n  "token_secret": "d",\n  "base_url": "https://1234567.suitetalk.api.netsuite.com"\n}\n',
        '{\n  "realm": "1234567",\n  "client_id": "${NETSUITE_CLIENT_ID}",\n  "certificate_id": "${NETSUITE_CERTIFICATE_ID}",\n  "private_key_path": "${NETSUITE_PRIVATE_KEY_PATH}",\n  "base_url": "https://1234567.suitetalk.api.netsuite.com"\n}\n',
      ],
      [
        'nested YAML authentication: selector and references in their style',
        'app.yml',
        'netsuite:\n  account: "1"\n  authentication:\n    type: tba\n    consumer_key: ${NS_CONSUMER_KEY}\n    consumer_secret: ${NS_CONSUMER_SECRET}\n    token_id: ${NS_TOKEN_ID}\n    token_secret: ${NS_TOKEN_SECRET}\n',
        'netsuite:\n  account: "1"\n  authentication:\n    type: client_credentials\n    client_id: ${NS_CLIENT_ID}\n    certificate_id: ${NS_CERTIFICATE_ID}\n    private_key_path: ${NS_PRIVATE_KEY_PATH}\n',
      ],
      [
        'consumer/token maps removed whole',
        'app.yml',
        'netsuite:\n  realm: "1"\n  consumer:\n    key: a\n    secret: b\n  token:\n    id: c\n    secret: d\n  timeout: 30\n',
        'netsuite:\n  realm: "1"\n  clientId: "${NETSUITE_CLIENT_ID}"\n  certificateId: "${NETSUITE_CERTIFICATE_ID}"\n  privateKeyPath: "${NETSUITE_PRIVATE_KEY_PATH}"\n  timeout: 30\n',
      ],
      [
        'YAML flow map: quoted values, selector replaced',
        'app.yml',
        'ns_sync:\n  auth: {type: oauth1, tokenId: a, tokenSecret: b, consumerKey: c}\n',
        'ns_sync:\n  auth: {type: client_credentials, clientId: "${NETSUITE_CLIENT_ID}", certificateId: "${NETSUITE_CERTIFICATE_ID}", privateKeyPath: "${NETSUITE_PRIVATE_KEY_PATH}"}\n',
      ],
      [
        'kebab-case YAML with MuleSoft secure references',
        'mule.yaml',
        'netsuite:\n  consumer-key: "${secure::ns.consumerKey}"\n  consumer-secret: "${secure::ns.consumerSecret}"\n  token-id: "${secure::ns.tokenId}"\n  token-secret: "${secure::ns.tokenSecret}"\n',
        'netsuite:\n  client-id: "${secure::ns.clientId}"\n  certificate-id: "${secure::ns.certificateId}"\n  private-key-path: "${secure::ns.privateKeyPath}"\n',
      ],
      [
        '.properties with dotted words and references',
        'app.properties',
        'ns.account.id=1\nns.consumer.key=${NS_CONSUMER_KEY}\nns.consumer.secret=${NS_CONSUMER_SECRET}\nns.token.id=${NS_TOKEN_ID}\nns.token.secret=${NS_TOKEN_SECRET}\n',
        'ns.account.id=1\nns.client.id=${NS_CLIENT_ID}\nns.certificate.id=${NS_CERTIFICATE_ID}\nns.private.key.path=${NS_PRIVATE_KEY_PATH}\n',
      ],
      [
        'Postman environment values',
        'x.postman_environment.json',
        '{\n  "name": "NetSuite",\n  "values": [\n    { "key": "account", "value": "1" },\n    { "key": "consumerKey", "value": "a" },\n    { "key": "consumerSecret", "value": "b" },\n    { "key": "tokenId", "value": "c" },\n    { "key": "tokenSecret", "value": "d" }\n  ]\n}\n',
        '{\n  "name": "NetSuite",\n  "values": [\n    { "key": "account", "value": "1" },\n    { "key": "clientId", "value": "" },\n    { "key": "certificateId", "value": "" },\n    { "key": "privateKeyPath", "value": "" }\n  ]\n}\n',
      ],
      [
        'Postman collection: oauth1 → oauth2 with PKCE and the realm as host, a variable realm kept as a variable',
        'c.postman_collection.json',
        '{"auth": {"type": "oauth1", "oauth1": [{"key": "realm", "value": "{{accountId}}"}, {"key": "token", "value": "{{tokenId}}"}]}, "item": [{"request": {"url": "https://x.restlets.api.netsuite.com"}}]}',
        '{"auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code_with_pkce"}, {"key": "authUrl", "value": "https://{{accountId}}.app.netsuite.com/app/login/oauth2/authorize.nl"}, {"key": "accessTokenUrl", "value": "https://{{accountId}}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"}, {"key": "clientId", "value": "{{clientId}}"}, {"key": "clientSecret", "value": "{{clientSecret}}"}, {"key": "scope", "value": "rest_webservices restlets"}, {"key": "challengeAlgorithm", "value": "S256"}, {"key": "redirect_uri", "value": "https://oauth.pstmn.io/v1/callback"}, {"key": "addTokenTo", "value": "header"}]}, "item": [{"request": {"url": "https://x.restlets.api.netsuite.com"}}]}',
      ],
      [
        'Postman collection with UPPER_SNAKE variables: the new client variables in that style',
        'c.postman_collection.json',
        '{"auth": {"type": "oauth1", "oauth1": [{"key": "realm", "value": "{{NS_ACCOUNT_ID}}"}, {"key": "consumerKey", "value": "{{NS_CONSUMER_KEY}}"}, {"key": "token", "value": "{{NS_TOKEN_ID}}"}]}, "item": [{"request": {"url": "https://x.restlets.api.netsuite.com"}}]}',
        '{"auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code_with_pkce"}, {"key": "authUrl", "value": "https://{{NS_ACCOUNT_ID}}.app.netsuite.com/app/login/oauth2/authorize.nl"}, {"key": "accessTokenUrl", "value": "https://{{NS_ACCOUNT_ID}}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"}, {"key": "clientId", "value": "{{NS_CLIENT_ID}}"}, {"key": "clientSecret", "value": "{{NS_CLIENT_SECRET}}"}, {"key": "scope", "value": "rest_webservices restlets"}, {"key": "challengeAlgorithm", "value": "S256"}, {"key": "redirect_uri", "value": "https://oauth.pstmn.io/v1/callback"}, {"key": "addTokenTo", "value": "header"}]}, "item": [{"request": {"url": "https://x.restlets.api.netsuite.com"}}]}',
      ],
      [
        'docker-compose list items',
        'docker-compose.yml',
        'services:\n  sync:\n    environment:\n      - NETSUITE_ACCOUNT=1\n      - NETSUITE_TOKEN_ID=${NETSUITE_TOKEN_ID}\n      - NETSUITE_TOKEN_SECRET=${NETSUITE_TOKEN_SECRET}\n',
        'services:\n  sync:\n    environment:\n      - NETSUITE_ACCOUNT=1\n      - NETSUITE_CLIENT_ID=${NETSUITE_CLIENT_ID}\n      - NETSUITE_CERTIFICATE_ID=${NETSUITE_CERTIFICATE_ID}\n      - NETSUITE_PRIVATE_KEY_PATH=${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'GitHub Actions secrets references keep their form',
        'sync.yml',
        'jobs:\n  sync:\n    env:\n      NS_TOKEN_ID: ${{ secrets.NS_TOKEN_ID }}\n      NS_TOKEN_SECRET: ${{ secrets.NS_TOKEN_SECRET }}\n',
        'jobs:\n  sync:\n    env:\n      NS_CLIENT_ID: ${{ secrets.NS_CLIENT_ID }}\n      NS_CERTIFICATE_ID: ${{ secrets.NS_CERTIFICATE_ID }}\n      NS_PRIVATE_KEY_PATH: ${{ secrets.NS_PRIVATE_KEY_PATH }}\n',
      ],
      [
        'Kubernetes env items copied whole from a two-line item',
        'deployment.yaml',
        'env:\n  - name: NETSUITE_ACCOUNT\n    value: "1234567"\n  - name: NETSUITE_TOKEN_ID\n    valueFrom:\n      secretKeyRef: {name: ns, key: token-id}\n  - name: NETSUITE_TOKEN_SECRET\n    value: "x"\n',
        'env:\n  - name: NETSUITE_ACCOUNT\n    value: "1234567"\n  - name: NETSUITE_CLIENT_ID\n    value: ""\n  - name: NETSUITE_CERTIFICATE_ID\n    value: ""\n  - name: NETSUITE_PRIVATE_KEY_PATH\n    value: ""\n',
      ],
      [
        'XML elements under <netsuite>, tab indentation kept',
        'config.xml',
        '<netsuite>\n\t<account>1</account>\n\t<tokenId>a</tokenId>\n\t<tokenSecret>b</tokenSecret>\n</netsuite>\n',
        '<netsuite>\n\t<account>1</account>\n\t<clientId>${NETSUITE_CLIENT_ID}</clientId>\n\t<certificateId>${NETSUITE_CERTIFICATE_ID}</certificateId>\n\t<privateKeyPath>${NETSUITE_PRIVATE_KEY_PATH}</privateKeyPath>\n</netsuite>\n',
      ],
    ];
    for (const [name, fileName, text, expected] of cases) {
      it(name, () => {
        const out = fixed(fileName, text);
        assert.equal(out, expected);
        assert.deepEqual(found(fileName, out), [], 'the rewritten set is not reported again');
        assert.equal(fixed(fileName, out), out, 'idempotent');
        assert.ok(parseProblems(fileName, out).length <= parseProblems(fileName, text).length, 'parses');
      });
    }
  });

  it('a single fix clears its finding (not only fix-all), and leaves other sets alone', () => {
    const text = SET4('NS_SB_CONSUMER_KEY', 'NS_SB_CONSUMER_SECRET', 'NS_SB_TOKEN_ID', 'NS_SB_TOKEN_SECRET') + SET4('NS_PROD_CONSUMER_KEY', 'NS_PROD_CONSUMER_SECRET', 'NS_PROD_TOKEN_ID', 'NS_PROD_TOKEN_SECRET');
    const context = new FileContext(documentFor('.env', text));
    const [first] = analyzer.analyze(context, ONLY).findings;
    const [fix] = analyzer.fixesFor(first, context);
    assert.equal(fix.preferred, true);
    let out = text;
    for (const edit of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
    assert.equal(out, 'NS_SB_CLIENT_ID=\nNS_SB_CERTIFICATE_ID=\nNS_SB_PRIVATE_KEY_PATH=\n' + SET4('NS_PROD_CONSUMER_KEY', 'NS_PROD_CONSUMER_SECRET', 'NS_PROD_TOKEN_ID', 'NS_PROD_TOKEN_SECRET'));
    assert.deepEqual(found('.env', out), [at(out, 'NS_PROD_TOKEN_ID')]);
  });

  it('offers only the rule page for a MuleSoft connection', () => {
    const text = '<m xmlns:netsuite="x"><netsuite:token-based-authentication-connection consumerKey="a" tokenId="c" tokenSecret="d"/></m>';
    const context = new FileContext(documentFor('mule.xml', text));
    const fixes = analyzer.fixesFor(analyzer.analyze(context, ONLY).findings[0], context);
    assert.deepEqual(fixes.map((f) => [f.preferred, f.edits.length, /tba-credentials-in-config\.md$/.test(f.openUrl ?? '')]), [[false, 0, true]]);
  });
  describe('a set for a SOAP web services client: the migration guide, no rewrite', () => {
    const cases: [string, string, string, string][] = [
      ['netsuite-php .env with a webservices host', '.env.production', 'NETSUITE_HOST=https://webservices.netsuite.com\nNETSUITE_ACCOUNT=1234567\nNETSUITE_CONSUMER_KEY=a\nNETSUITE_CONSUMER_SECRET=b\nNETSUITE_TOKEN_KEY=c\nNETSUITE_TOKEN_SECRET=d\n', 'NETSUITE_TOKEN_KEY'],
      ['YAML with a WSDL', 'soap-client.yaml', 'netsuite:\n  wsdl: https://webservices.netsuite.com/wsdl/v2025_2_0/netsuite.wsdl\n  account: "1234567"\n  consumer_key: ${NS_CONSUMER_KEY}\n  consumer_secret: ${NS_CONSUMER_SECRET}\n  token_id: ${NS_TOKEN_ID}\n  token_secret: ${NS_TOKEN_SECRET}\n', 'token_id'],
      ['Workato SOAP connection named SOAP', 'workato.json', '{ "name": "NetSuite (SOAP) - prod", "provider": "netsuite", "input": { "account_id": "1234567", "consumer_key": "a", "consumer_secret": "b", "token_id": "c", "token_secret": "d" } }', 'token_id'],
    ];
    for (const [name, fileName, text, key] of cases) {
      it(name, () => {
        const context = new FileContext(documentFor(fileName, text));
        const all = analyzer.analyze(context, ONLY).findings;
        assert.deepEqual(all.map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end })), [at(text, key)]);
        assert.match(all[0].message, /SOAP web services, which have no OAuth 2\.0 \(and SOAP is removed in 2028\.2\): move it to REST web services or RESTlets/);
        const fixes = analyzer.fixesFor(all[0], context);
        assert.deepEqual(fixes.map((f) => [f.preferred, f.edits.length, /tba-credentials-in-config\.md$/.test(f.openUrl ?? '')]), [[false, 0, true]]);
        assert.equal(fixed(fileName, text), text);
      });
    }
  });
  it('finds a Spring bean\'s <property name value/> TBA set on the tokenId name; a SOAP endpoint in the bean gets the guide', () => {
    const text = '<beans>\n  <bean id="netSuiteClient" class="com.acme.erp.netsuite.NetSuiteSoapClientFactory">\n    <property name="endpoint" value="https://webservices.netsuite.com/services/NetSuitePort_2024_2"/>\n    <property name="consumerKey" value="${netsuite.consumerKey}"/>\n    <property name="consumerSecret" value="${netsuite.consumerSecret}"/>\n    <property name="tokenId" value="${netsuite.tokenId}"/>\n    <property name="tokenSecret" value="${netsuite.tokenSecret}"/>\n  </bean>\n</beans>\n';
    const context = new FileContext(documentFor('netsuite-context.xml', text));
    const all = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(all.map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end })), [atAfter(text, 'name="', 'tokenId')]);
    assert.deepEqual(analyzer.fixesFor(all[0], context).map((f) => [f.preferred, f.edits.length]), [[false, 0]]);
  });
});
