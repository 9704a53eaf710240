import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, applyEdits, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'credentials-in-config';
const ONLY = onlyRules(ID);
const BOTH = onlyRules(ID, 'tba-credentials-in-config');

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
function at(text: string, needle: string, nth = 0) {
  const s = spanOf(text, needle, nth);
  return { ruleId: ID, start: s.start, end: s.end };
}
function fixed(fileName: string, text: string): string {
  return fixAllText(fileName, text, ONLY);
}

describe('credentials-in-config', () => {
  describe('finds email + password sets in every config kind, on the password key', () => {
    const cases: [string, string, string, [string, number?][]][] = [
      ['.env with export, quotes and comments', '.env', '# login\nexport NETSUITE_EMAIL="a@example.com"  # user\nexport NETSUITE_PASSWORD="pw-1"  # secret\n', [['NETSUITE_PASSWORD']]],
      ['.env.local with single quotes and KEY: value', '.env.local', "NS_USERNAME: 'a@example.com'\nNS_PASSWORD: 'pw-1'\n", [['NS_PASSWORD']]],
      ['a NetSuite-named password alone', 'prod.env', 'NETSUITE_PASSWORD=\n', [['NETSUITE_PASSWORD']]],
      ['two qualified sets in one .env', '.env', 'NS_SB_EMAIL=a\nNS_SB_PASSWORD=b\nNS_PROD_EMAIL=c\nNS_PROD_PASSWORD=d\n', [['NS_SB_PASSWORD'], ['NS_PROD_PASSWORD']]],
      ['JSON under a netsuite key', 'config.json', '{"netsuite": {"email": "a@b.c", "password": "pw-1", "role": "3"}}', [['password']]],
      ['JSONC with comments and a trailing comma', 'settings.jsonc', '{\n  // NetSuite\n  "nsEmail": "a@b.c", /* user */\n  "nsPassword": "pw-1",\n}\n', [['nsPassword']]],
      ['nsrestlet shape: account id and numeric role', 'restlet.json', '{"accountId": "1234567", "email": "a@b.c", "password": "pw-1", "role": "3"}', [['password']]],
      ['netsuite-restlet shape with username', 'restlet.json', '{"account": "TSTDRV123", "username": "a@b.c", "password": "pw-1", "role": 18}', [['password']]],
      ['node-suitetalk credentials block under a SOAP endpoint', 'suitetalk.json', '{"endpoint": "https://webservices.netsuite.com/services/NetSuitePort_2019_2", "credentials": {"email": "a@b.c", "password": "pw-1", "applicationId": "X"}}', [['password']]],
      ['YAML with a realm holding an account id', 'app.yaml', 'auth:\n  realm: 1234567_SB1\n  email: a@b.c\n  password: pw-1\n', [['password']]],
      ['YAML multi-document: each document its own set', 'app.yml', 'netsuite:\n  email: a\n  password: b\n---\nnetsuite:\n  email: c\n  password: d\n', [['password', 0], ['password', 1]]],
      ['YAML merge key from an earlier document', 'app.yml', 'base: &b\n  account: "1234567"\n  role: 3\n---\nnetsuite:\n  <<: *b\n  email: a\n  password: b\n', [['password']]],
      ['YAML kebab and snake case, quoted keys', 'app.yml', 'netsuite:\n  "user-name": a\n  \'pass-word\': b\n', []],
      ['YAML sequence items', 'app.yml', 'netsuite:\n  logins:\n    - email: a\n      password: b\n', [['password']]],
      ['docker-compose environment list', 'docker-compose.yml', 'services:\n  sync:\n    environment:\n      - NETSUITE_EMAIL=a@b.c\n      - NETSUITE_PASSWORD=pw-1\n', [['NETSUITE_PASSWORD']]],
      ['.properties with : and blank separators', 'app.properties', 'netsuite.email: a@b.c\nnetsuite.password  pw-1\n', [['netsuite.password']]],
      ['.properties with a continuation', 'app.properties', 'ns.user=a\nns.pwd=p\\\n  w\n', [['ns.pwd']]],
      ['Spring <property name value/> of a NetSuite bean', 'context.xml', '<beans><bean id="netSuiteClient" class="com.acme.NetSuiteRestClient">\n  <property name="email" value="a@b.c"/>\n  <property name="password" value="${netsuite.password}"/>\n</bean></beans>', [['password']]],
      ['XML elements under <netsuite>', 'config.xml', '<config><netsuite><email>a@b.c</email><password>pw-1</password></netsuite></config>', [['password', 0]]],
      ['MuleSoft 4 login connection', 'mule.xml', '<mule xmlns:netsuite="x"><netsuite:config><netsuite:login-authentication-connection email="a" password="b" account="1" roleId="3"/></netsuite:config></mule>', [['password']]],
      ['MuleSoft 3 config-login-authentication', 'mule.xml', '<mule xmlns:netsuite="x"><netsuite:config-login-authentication email="a" password="b" account="1"/></mule>', [['password']]],
      ['Postman environment', 'x.postman_environment.json', '{"name": "NetSuite", "values": [{"key": "email", "value": "a"}, {"key": "password", "value": "b"}]}', [['password']]],
      ['Postman environment shaped by account and role', 'x.postman_environment.json', '{"name": "Prod", "values": [{"key": "account", "value": "1234567"}, {"key": "email", "value": "a"}, {"key": "password", "value": "b"}, {"key": "role", "value": "3"}]}', [['password']]],
      ['MuleSoft properties with their own prefix: shaped by role and application id', 'mule-app.properties', 'nets.email=a@b.c\nnets.password=pw\nnets.account=1234567\nnets.roleId=3\nnets.applicationId=ABC\n', [['nets.password']]],
      ['AWS ECS task definition environment', 'taskdef.json', '{"environment": [{"name": "NETSUITE_EMAIL", "value": "a"}, {"name": "NETSUITE_PASSWORD", "value": "b"}]}', [['NETSUITE_PASSWORD']]],
      ['Kubernetes env items', 'deployment.yaml', 'env:\n  - name: NETSUITE_EMAIL\n    value: a\n  - name: NETSUITE_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: ns, key: pw}\n', [['NETSUITE_PASSWORD']]],
      ['a file named after NetSuite gives context', 'config/netsuite.yml', 'development:\n  email: a\n  password: b\n', [['password']]],
      ['node-suitetalk shape: role and application id', 'suitetalk.json', '{"credentials": {"email": "a", "password": "b", "role": "3", "applicationId": "X"}}', [['password']]],
      ['an account id next to the block and a numeric role', 'app.json', '{"account": "1234567", "login": {"email": "a", "password": "b", "role": 3}}', [['password']]],
      ['a reference to a NetSuite-named variable gives context', 'app.yml', 'login:\n  email: ${NS_EMAIL}\n  password: ${NS_PASSWORD}\n', [['password']]],
      ['nlauth_email and nlauth_signature keys', 'app.json', '{"nlauth_email": "a", "nlauth_signature": "b"}', [['nlauth_signature']]],
    ];
    for (const [name, fileName, text, needles] of cases) {
      it(name, () => {
        assert.deepEqual(found(fileName, text), needles.map(([needle, nth]) => at(text, needle, nth ?? 0)));
      });
    }
  });

  it('counts placeholders, empty values and references (the method is the problem)', () => {
    for (const value of ['', 'changeme', '<password>', '${NS_PASSWORD}', '{{password}}', 'xxx']) {
      const text = `NETSUITE_EMAIL=a@b.c\nNETSUITE_PASSWORD=${value}\n`;
      assert.deepEqual(found('.env', text), [at(text, 'NETSUITE_PASSWORD')], value);
    }
  });

  it('reports a YAML anchor merged into two maps once, where it is written', () => {
    const text = 'creds: &c\n  email: a\n  password: b\nnetsuite:\n  sb:\n    <<: *c\n  prod:\n    <<: *c\n';
    assert.deepEqual(found('app.yml', text), [at(text, 'password')]);
  });

  describe('needs NetSuite context for generic names', () => {
    const negatives: [string, string, string][] = [
      ['a generic login', 'app.json', '{"email": "a@b.c", "password": "pw"}'],
      ['a database block under a NetSuite config', 'app.yml', 'netsuite:\n  account: "1234567"\n  database:\n    username: etl\n    password: pw\n'],
      ['a datasource in a Spring file with NetSuite keys', 'application.properties', 'netsuite.account=1234567\nspring.datasource.username=etl\nspring.datasource.password=pw\n'],
      ['foreign-qualified keys in a NetSuite .env', '.env', 'NETSUITE_ACCOUNT=1234567\nDB_USER=a\nDB_PASSWORD=b\nSMTP_USER=c\nSMTP_PASSWORD=d\nPROXY_PASSWORD=e\nAPP_USER=f\nAPP_PASSWORD=g\n'],
      ['a sibling service in docker-compose', 'docker-compose.yml', 'services:\n  netsuite-sync:\n    image: x\n  db:\n    environment:\n      USER: a\n      PASSWORD: b\n'],
      ['another YAML document', 'app.yml', 'netsuite:\n  account: "1"\n---\nlogin:\n  email: a\n  password: b\n'],
      ['password rules and grants', 'app.yml', 'netsuite:\n  password-policy: strict\n  reset-password-url: https://x\n  password_grant: false\n  min_password_length: 12\n'],
      ['OAuth 2.0 client credentials', '.env', 'NETSUITE_ACCOUNT_ID=1\nNETSUITE_CLIENT_ID=a\nNETSUITE_CERTIFICATE_ID=b\nNETSUITE_PRIVATE_KEY_PATH=c\n'],
      ['OAuth 2.0 authorization code with PKCE', 'app.json', '{"netsuite": {"clientId": "a", "clientSecret": "b", "redirectUri": "https://x", "pkce": true, "codeChallengeMethod": "S256"}}'],
      ['a keystore password and a private key passphrase', '.env', 'NETSUITE_KEYSTORE_PASSWORD=a\nNETSUITE_PRIVATE_KEY_PASSWORD=b\n'],
      ['an SDF integration object', 'custinteg_app.xml', '<integration scriptid="custinteg_app"><name>App</name></integration>'],
      ['a Spring dataSource bean in a file named after NetSuite', 'netsuite-context.xml', '<beans><bean id="dataSource" class="org.apache.commons.dbcp2.BasicDataSource"><property name="url" value="jdbc:mysql://db/erp"/><property name="username" value="erp"/><property name="password" value="pw"/></bean></beans>'],
      ['Spring XML datasource bean', 'beans.xml', '<beans><bean id="ds"><property name="password" value="x"/><property name="url" value="https://1.suitetalk.api.netsuite.com"/></bean></beans>'],
      ['a Postman basic auth block', 'c.postman_collection.json', '{"auth": {"type": "basic", "basic": [{"key": "username", "value": "a"}, {"key": "password", "value": "b"}]}, "item": [{"request": {"url": "https://1.restlets.api.netsuite.com"}}]}'],
      ['a commented-out password', '.env', '# NETSUITE_EMAIL=a\n# NETSUITE_PASSWORD=b\n'],
      ['email alone', '.env', 'NETSUITE_EMAIL=a@b.c\n'],
      ['a SOAP passport (soap-passport reports it)', 'login.xml', '<soapenv:Envelope><soapenv:Body><urn:login><urn:passport><urn1:email>a</urn1:email><urn1:password>b</urn1:password><urn1:account>1234567</urn1:account></urn:passport></urn:login></soapenv:Body></soapenv:Envelope>'],
      ['an OpenAPI schema of a NetSuite login', 'openapi.yaml', 'components:\n  schemas:\n    NetSuiteLogin:\n      properties:\n        email:\n          type: string\n        password:\n          type: string\n          format: password\n'],
      ['form field definitions asking for credentials', 'fields.json', '{"netsuite": {"fields": [{"key": "email", "label": "Email"}, {"key": "password", "label": "Password"}]}}'],
      ['a Restlet-framework (not NetSuite) file name', 'restlet-client.json', '{"email": "a", "password": "b"}'],
      ['a generic Kubernetes env', 'deployment.yaml', 'env:\n  - name: USER\n    value: a\n  - name: PASSWORD\n    value: b\n'],
    ];
    for (const [name, fileName, text] of negatives) {
      it(`not: ${name}`, () => assert.deepEqual(found(fileName, text), []));
    }
  });

  it('names the role and the dates in the message, and never the password or any value', () => {
    const text = 'NETSUITE_EMAIL=ops@example.com\nNETSUITE_PASSWORD=Hunter2-Hunter2\nNETSUITE_ROLE=3\n';
    const [f] = findings('.env', text, ONLY);
    assert.equal(f.ruleId, ID);
    assert.equal(f.severity, 'error');
    for (const part of ['`NETSUITE_PASSWORD`', '<redacted, 15 chars>', 'role 3 (Administrator)', '2018.2', '2021.1', '2020.2', 'OAuth 2.0']) assert.ok(f.message.includes(part), `${part} in ${f.message}`);
    for (const secret of ['Hunter2', 'ops@example.com']) {
      assert.ok(!f.message.includes(secret));
      assert.ok(!(f.hover ?? '').includes(secret));
    }
    assert.match(f.hover ?? '', /\[Rule documentation\]\(.*docs\/rules\/credentials-in-config\.md\)$/);
  });

  it('describes references and placeholders without showing them', () => {
    const ref = findings('.env', 'NETSUITE_EMAIL=a\nNETSUITE_PASSWORD=${VAULT_NS_PW}\n', ONLY)[0];
    assert.ok(ref.message.includes('environment or template reference'));
    assert.ok(!ref.message.includes('VAULT_NS_PW'));
    assert.ok(findings('.env', 'NETSUITE_EMAIL=a\nNETSUITE_PASSWORD=changeme\n', ONLY)[0].message.includes('a placeholder'));
  });

  it('still finds sets in malformed files', () => {
    const yaml = 'netsuite:\n  email: a@b.c\n  password: "half\n  role: [3,\n';
    assert.deepEqual(found('app.yml', yaml), [at(yaml, 'password')]);
    const json = '{\n  "netsuite": {\n    "email": "a@b.c",\n    "password": "x",\n  },\n  "other": \n';
    assert.deepEqual(found('app.json', json), [at(json, 'password')]);
    const xml = '<config>\n  <netsuite>\n    <email>a</email>\n    <password>b</password>\n';
    assert.deepEqual(found('app.xml', xml), [at(xml, 'password', 0)]);
  });

  describe('fix: OAuth 2.0 client-credentials keys in the file style (exact output)', () => {
    const cases: [string, string, string, string][] = [
      [
        'upper snake .env with export, quotes and a full-line comment kept',
        '.env',
        '# NetSuite\nexport NETSUITE_ACCOUNT=1234567\nexport NETSUITE_EMAIL="a@b.c"  # user\nexport NETSUITE_PASSWORD="pw-1"  # secret\nNETSUITE_ROLE=3\nLOG_LEVEL=debug\n',
        '# NetSuite\nexport NETSUITE_ACCOUNT=1234567\nexport NETSUITE_CLIENT_ID=""\nexport NETSUITE_CERTIFICATE_ID=""\nexport NETSUITE_PRIVATE_KEY_PATH=""\nLOG_LEVEL=debug\n',
      ],
      ['unquoted .env without a prefix', '.env', 'NS_ACCOUNT=1\nEMAIL=a\nPASSWORD=b\n', 'NS_ACCOUNT=1\nCLIENT_ID=\nCERTIFICATE_ID=\nPRIVATE_KEY_PATH=\n'],
      ['CRLF line ends are kept', '.env', 'NETSUITE_EMAIL=a\r\nNETSUITE_PASSWORD=b\r\nX=1\r\n', 'NETSUITE_CLIENT_ID=\r\nNETSUITE_CERTIFICATE_ID=\r\nNETSUITE_PRIVATE_KEY_PATH=\r\nX=1\r\n'],
      [
        'camelCase JSON with the commas fixed',
        'app.json',
        '{\n  "netsuite": {\n    "account": "1234567",\n    "email": "a@b.c",\n    "password": "pw-1"\n  }\n}\n',
        '{\n  "netsuite": {\n    "account": "1234567",\n    "clientId": "${NETSUITE_CLIENT_ID}",\n    "certificateId": "${NETSUITE_CERTIFICATE_ID}",\n    "privateKeyPath": "${NETSUITE_PRIVATE_KEY_PATH}"\n  }\n}\n',
      ],
      [
        'prefixed camelCase JSON, last member removed',
        'app.json',
        '{\n  "nsAccountId": "1234567",\n  "other": 1,\n  "nsEmail": "a@b.c",\n  "nsPassword": "pw-1"\n}\n',
        '{\n  "nsAccountId": "1234567",\n  "other": 1,\n  "nsClientId": "${NETSUITE_CLIENT_ID}",\n  "nsCertificateId": "${NETSUITE_CERTIFICATE_ID}",\n  "nsPrivateKeyPath": "${NETSUITE_PRIVATE_KEY_PATH}"\n}\n',
      ],
      [
        'one-line JSON',
        'app.json',
        '{"netsuite": {"account": "1234567", "email": "a", "password": "b", "role": 3}}',
        '{"netsuite": {"account": "1234567", "clientId": "${NETSUITE_CLIENT_ID}", "certificateId": "${NETSUITE_CERTIFICATE_ID}", "privateKeyPath": "${NETSUITE_PRIVATE_KEY_PATH}"}}',
      ],
      [
        'snake_case YAML: login words go with the role, references renamed in their own style',
        'app.yml',
        'netsuite:\n  account_id: "1234567"\n  user_email: ${NS_USER_EMAIL}\n  user_password: ${NS_USER_PASSWORD}  # vault\n  timeout: 30\n',
        'netsuite:\n  account_id: "1234567"\n  client_id: ${NS_CLIENT_ID}\n  certificate_id: ${NS_CERTIFICATE_ID}\n  private_key_path: ${NS_PRIVATE_KEY_PATH}\n  timeout: 30\n',
      ],
      [
        'MuleSoft secure properties in YAML',
        'mule.yaml',
        'netsuite:\n  email: "${secure::netsuite.email}"\n  password: "${secure::netsuite.password}"\n',
        'netsuite:\n  clientId: "${secure::netsuite.client.id}"\n  certificateId: "${secure::netsuite.certificate.id}"\n  privateKeyPath: "${secure::netsuite.private.key.path}"\n',
      ],
      [
        'a multi-line JSON object with two members on one line: each kept member keeps its separator and comment',
        'app.json',
        '{\n  "netsuite": {\n    "account": "1", "email": "a",\n    "password": "b", // old\n    "timeout": 3\n  }\n}\n',
        '{\n  "netsuite": {\n    "account": "1", "clientId": "${NETSUITE_CLIENT_ID}", "certificateId": "${NETSUITE_CERTIFICATE_ID}", "privateKeyPath": "${NETSUITE_PRIVATE_KEY_PATH}", // old\n    "timeout": 3\n  }\n}\n',
      ],
      [
        'a YAML sequence item keeps its dash',
        'app.yml',
        'netsuite:\n  logins:\n    - email: a\n      password: b\n      account: "1"\n',
        'netsuite:\n  logins:\n    - clientId: ${NETSUITE_CLIENT_ID}\n      certificateId: ${NETSUITE_CERTIFICATE_ID}\n      privateKeyPath: ${NETSUITE_PRIVATE_KEY_PATH}\n      account: "1"\n',
      ],
      [
        'a merged anchor stays untouched',
        'app.yml',
        'base: &b\n  role: 3\nnetsuite:\n  <<: *b\n  email: a\n  password: b\n',
        'base: &b\n  role: 3\nnetsuite:\n  <<: *b\n  clientId: ${NETSUITE_CLIENT_ID}\n  certificateId: ${NETSUITE_CERTIFICATE_ID}\n  privateKeyPath: ${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'kebab-case YAML',
        'app.yml',
        'netsuite:\n  user-email: a\n  user-password: b\n  account-id: "1"\n',
        'netsuite:\n  client-id: ${NETSUITE_CLIENT_ID}\n  certificate-id: ${NETSUITE_CERTIFICATE_ID}\n  private-key-path: ${NETSUITE_PRIVATE_KEY_PATH}\n  account-id: "1"\n',
      ],
      [
        'a selector becomes client_credentials',
        'app.yml',
        'netsuite:\n  auth_type: password\n  email: a\n  password: b\n',
        'netsuite:\n  auth_type: client_credentials\n  client_id: ${NETSUITE_CLIENT_ID}\n  certificate_id: ${NETSUITE_CERTIFICATE_ID}\n  private_key_path: ${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'dotted .properties keep their prefix and the camelCase of their segments',
        'app.properties',
        'netsuite.auth.accountId = 1\nnetsuite.auth.email = a\nnetsuite.auth.password = b\n',
        // The file writes multi-word segments in camelCase (`accountId`).
        'netsuite.auth.accountId = 1\nnetsuite.auth.clientId = ${NETSUITE_CLIENT_ID}\nnetsuite.auth.certificateId = ${NETSUITE_CERTIFICATE_ID}\nnetsuite.auth.privateKeyPath = ${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'dotted .properties with one-word segments keep the dots',
        'app.properties',
        'netsuite.account=1\nnetsuite.email=a\nnetsuite.password=b\n',
        'netsuite.account=1\nnetsuite.client.id=${NETSUITE_CLIENT_ID}\nnetsuite.certificate.id=${NETSUITE_CERTIFICATE_ID}\nnetsuite.private.key.path=${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'camelCase .properties',
        'app.properties',
        'netsuite.nsEmail=a\nnetsuite.nsPassword=b\n',
        'netsuite.nsClientId=${NETSUITE_CLIENT_ID}\nnetsuite.nsCertificateId=${NETSUITE_CERTIFICATE_ID}\nnetsuite.nsPrivateKeyPath=${NETSUITE_PRIVATE_KEY_PATH}\n',
      ],
      [
        'XML elements with their closing tags renamed',
        'config.xml',
        '<config>\n  <netsuite>\n    <email>a</email>\n    <password>b</password>\n  </netsuite>\n</config>\n',
        '<config>\n  <netsuite>\n    <clientId>${NETSUITE_CLIENT_ID}</clientId>\n    <certificateId>${NETSUITE_CERTIFICATE_ID}</certificateId>\n    <privateKeyPath>${NETSUITE_PRIVATE_KEY_PATH}</privateKeyPath>\n  </netsuite>\n</config>\n',
      ],
      [
        'docker-compose list items with literal values: the host variable, never KEY=""',
        'docker-compose.yml',
        'services:\n  sync:\n    environment:\n      - NETSUITE_ACCOUNT=1234567\n      - NETSUITE_EMAIL=a@b.c\n      - NETSUITE_PASSWORD=pw-1\n      - LOG=info\n',
        'services:\n  sync:\n    environment:\n      - NETSUITE_ACCOUNT=1234567\n      - NETSUITE_CLIENT_ID=${NETSUITE_CLIENT_ID}\n      - NETSUITE_CERTIFICATE_ID=${NETSUITE_CERTIFICATE_ID}\n      - NETSUITE_PRIVATE_KEY_PATH=${NETSUITE_PRIVATE_KEY_PATH}\n      - LOG=info\n',
      ],
      [
        'XML attributes of a non-MuleSoft element',
        'config.xml',
        '<netsuite account="1234567" email="a" password="b" timeout="30"/>\n',
        '<netsuite account="1234567" clientId="${NETSUITE_CLIENT_ID}" certificateId="${NETSUITE_CERTIFICATE_ID}" privateKeyPath="${NETSUITE_PRIVATE_KEY_PATH}" timeout="30"/>\n',
      ],
      [
        'Postman environment items: empty values, nothing copied',
        'x.postman_environment.json',
        '{\n  "name": "NetSuite",\n  "values": [\n    { "key": "email", "value": "a", "enabled": true },\n    { "key": "password", "value": "b", "enabled": true }\n  ]\n}\n',
        '{\n  "name": "NetSuite",\n  "values": [\n    { "key": "clientId", "value": "", "enabled": true },\n    { "key": "certificateId", "value": "", "enabled": true },\n    { "key": "privateKeyPath", "value": "", "enabled": true }\n  ]\n}\n',
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

  it('never copies a value into the fix', () => {
    const text = 'NETSUITE_EMAIL=ops@example.com\nNETSUITE_PASSWORD=Hunter2-Hunter2\n';
    const out = fixed('.env', text);
    assert.ok(!out.includes('Hunter2') && !out.includes('ops@example.com'));
  });

  it('writes one set of OAuth 2.0 keys for a block with user and TBA credentials', () => {
    const text = '{\n  "netsuite": {\n    "account": "1234567",\n    "email": "a",\n    "password": "b",\n    "consumerKey": "c",\n    "consumerSecret": "d",\n    "tokenId": "e",\n    "tokenSecret": "f"\n  }\n}\n';
    assert.equal(
      fixAllText('app.json', text, BOTH),
      '{\n  "netsuite": {\n    "account": "1234567",\n    "clientId": "${NETSUITE_CLIENT_ID}",\n    "certificateId": "${NETSUITE_CERTIFICATE_ID}",\n    "privateKeyPath": "${NETSUITE_PRIVATE_KEY_PATH}"\n  }\n}\n',
    );
  });

  it('does not add a key that is already there', () => {
    const text = 'NETSUITE_CLIENT_ID=abc\nNETSUITE_EMAIL=a\nNETSUITE_PASSWORD=b\n';
    assert.equal(fixed('.env', text), 'NETSUITE_CLIENT_ID=abc\nNETSUITE_CERTIFICATE_ID=\nNETSUITE_PRIVATE_KEY_PATH=\n');
  });

  it('offers only the rule page for MuleSoft connector elements, and the rewrite first elsewhere', () => {
    const mule = '<mule xmlns:netsuite="x"><netsuite:config><netsuite:login-authentication-connection email="a" password="b"/></netsuite:config></mule>';
    const context = new FileContext(documentFor('mule.xml', mule));
    const [finding] = analyzer.analyze(context, ONLY).findings;
    const fixes = analyzer.fixesFor(finding, context);
    assert.deepEqual(fixes.map((f) => [f.preferred, f.edits.length, /credentials-in-config\.md$/.test(f.openUrl ?? '')]), [[false, 0, true]]);
    const env = 'NETSUITE_EMAIL=a\nNETSUITE_PASSWORD=b\n';
    const envContext = new FileContext(documentFor('.env', env));
    const envFixes = analyzer.fixesFor(analyzer.analyze(envContext, ONLY).findings[0], envContext);
    assert.deepEqual(envFixes.map((f) => f.preferred), [true, false]);
    assert.equal(applyEdits(env, envFixes[0].edits), 'NETSUITE_CLIENT_ID=\nNETSUITE_CERTIFICATE_ID=\nNETSUITE_PRIVATE_KEY_PATH=\n');
  });

  it('is honoured by suppression comments', () => {
    const text = 'NETSUITE_EMAIL=a\n# suiteauth-disable-next-line credentials-in-config -- test account\nNETSUITE_PASSWORD=b\n';
    assert.deepEqual(found('.env', text), []);
  });

  it('finds the one set among thousands of unrelated lines (speed is in npm run bench)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`SERVICE_${i}_URL=https://example.com/${i}`);
    lines.push('NETSUITE_EMAIL=a', 'NETSUITE_PASSWORD=b');
    const text = lines.join('\n') + '\n';
    assert.deepEqual(found('.env', text), [at(text, 'NETSUITE_PASSWORD')]);
  });

  describe('a set for a SOAP web services client: no OAuth 2.0 rewrite (SOAP has no OAuth 2.0), the migration guide instead', () => {
    const cases: [string, string, string, string][] = [
      ['password', 'JSON: the endpoint next to the credentials block', 'suitetalk.json', '{\n  "endpoint": "https://webservices.netsuite.com/services/NetSuitePort_2016_2",\n  "credentials": { "email": "a@b.c", "password": "pw-1", "role": "3" }\n}\n'],
      ['netsuite.password', '.properties: a NetSuitePort endpoint anywhere in the file', 'mule-app.properties', 'netsuite.endpoint=https://webservices.netsuite.com/services/NetSuitePort_2018_2\nnetsuite.email=a@b.c\nnetsuite.password=pw-1\nhttp.port=8081\n'],
      ['password', 'YAML: the endpoint in the same block', 'application.yml', 'netsuite:\n  account: 1234567_SB1\n  email: a@b.c\n  password: ${NETSUITE_PASSWORD}\n  endpoint: https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2019_2\n'],
      ['password', 'JSON: a wsdl version key', 'celigo.json', '{ "type": "netsuite", "netsuite": { "account": "1234567", "roleId": "3", "email": "a@b.c", "password": "pw-1", "wsdlVersion": "2018.1" } }'],
    ];
    for (const [needle, name, fileName, text] of cases) {
      it(name, () => {
        assert.deepEqual(found(fileName, text), [at(text, needle)]);
        const context = new FileContext(documentFor(fileName, text));
        const [finding] = analyzer.analyze(context, ONLY).findings;
        assert.match(finding.message, /SOAP web services, which have no OAuth 2\.0: move it to REST web services or RESTlets/);
        const fixes = analyzer.fixesFor(finding, context);
        assert.deepEqual(fixes.map((f) => [f.preferred, f.edits.length, /credentials-in-config\.md$/.test(f.openUrl ?? '')]), [[false, 0, true]]);
        assert.equal(fixed(fileName, text), text, '--fix leaves it alone');
      });
    }

    it('not for a REST client: a "soap" product name in lower case, REST endpoints', () => {
      const text = '{ "product": "soap dispenser", "netsuite": { "account": "1234567", "role": "3", "email": "a@b.c", "password": "pw-1", "restletUrl": "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl" } }';
      assert.deepEqual(found('app.json', text), [at(text, 'password')]);
      const context = new FileContext(documentFor('app.json', text));
      const [finding] = analyzer.analyze(context, ONLY).findings;
      assert.deepEqual(analyzer.fixesFor(finding, context).map((f) => f.preferred), [true, false]);
    });
  });
});
