import * as assert from 'node:assert/strict';
import type { LanguageKind } from '../../server/src/core/document';
import {
  blockHasNetSuiteContext,
  documentHasNetSuiteContext,
  entryHasNetSuiteContext,
  isAccountId,
  isNetSuiteKey,
  isNetSuiteValue,
  isPlaceholder,
  isReference,
} from '../../server/src/config/netsuiteContext';
import { parseConfig } from '../../server/src/config/parse';
import { block, entry, fixture } from './helpers';

function passwordContext(kind: LanguageKind, text: string, key = 'password'): boolean {
  const doc = parseConfig(kind, text);
  const found = doc.entries.find((e) => e.key.toLowerCase().endsWith(key));
  assert.ok(found, `no ${key} entry`);
  return entryHasNetSuiteContext(doc, found);
}

describe('config: NetSuite context', () => {
  it('recognises NetSuite-named keys by word, not by substring', () => {
    for (const key of ['netsuite', 'NETSUITE_ACCOUNT', 'ns_account', 'NS_TOKEN_ID', 'nsAccountId', 'ns.email', 'ns-token-secret', 'PROD_NS_EMAIL', 'suitetalk', 'NetSuiteConfig']) {
      assert.equal(isNetSuiteKey(key), true, key);
    }
    for (const key of ['dns', 'dns_server', 'ns', 'ns1', 'answers', 'DNS_NAME', 'password', 'tokenId']) assert.equal(isNetSuiteKey(key), false, key);
  });

  it('recognises NetSuite values: hosts, paths, the name, references to NetSuite-named variables', () => {
    for (const value of [
      'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1',
      'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1',
      'system.netsuite.com',
      '/app/login/oauth2/authorize.nl',
      'NetSuite Sandbox',
      'tap-netsuite',
      '${NS_TOKEN_ID}',
      '${env:NETSUITE_PASSWORD}',
      '{{netsuite_password}}',
      '${ns.password}',
      '%env(NS_EMAIL)%',
    ]) {
      assert.equal(isNetSuiteValue(value), true, value);
    }
    for (const value of ['https://api.example.com', 'postgres://db:5432', '${DB_PASSWORD}', 'secret', '']) assert.equal(isNetSuiteValue(value), false, value);
  });

  it('recognises account ids', () => {
    for (const value of ['1234567', '1234567_SB1', '1234567-sb2', 'TSTDRV1234567', '1234567_RP1']) assert.equal(isAccountId(value), true, value);
    for (const value of ['abc', '12', '1234567_XX1', undefined]) assert.equal(isAccountId(value), false, String(value));
  });

  it('gives a block context from its own entries, its path and its ancestors’ scalar entries', () => {
    assert.equal(passwordContext('yaml', 'netsuite:\n  auth:\n    password: x\n'), true);
    assert.equal(passwordContext('yaml', 'base_url: https://123.suitetalk.api.netsuite.com\nauth:\n  password: x\n'), true);
    assert.equal(passwordContext('yaml', 'auth:\n  realm: "1234567_SB1"\n  password: x\n'), true);
    assert.equal(passwordContext('yaml', 'auth:\n  realm: "1234567"\n  password: x\n'), true);
    assert.equal(passwordContext('yaml', 'auth:\n  password: ${NS_PASSWORD}\n'), true);
    assert.equal(passwordContext('json', '{"type": "netsuite", "credentials": {"email": "a", "password": "b"}}'), true);
  });

  it('does not take context from a sibling subtree, a secret value, or a bare account number', () => {
    const compose = 'services:\n  netsuite-sync:\n    image: sync\n  db:\n    environment:\n      POSTGRES_PASSWORD: x\n';
    assert.equal(passwordContext('yaml', compose), false);
    assert.equal(documentHasNetSuiteContext(parseConfig('yaml', compose)), true);
    assert.equal(passwordContext('yaml', 'db:\n  password: netsuite-rocks\n'), false);
    assert.equal(passwordContext('yaml', 'db:\n  account: "1234567"\n  password: x\n'), false);
    assert.equal(passwordContext('yaml', 'db:\n  host: localhost\n  password: x\nnetsuite:\n  account: "1"\n'), false);
  });

  it('keeps YAML documents apart', () => {
    const text = 'netsuite:\n  account: "1"\n---\ndatabase:\n  password: x\n';
    assert.equal(passwordContext('yaml', text), false);
  });

  it('takes context from descendants of the block (XML connector element)', () => {
    const text = '<config name="c"><user>u</user><netsuite:connection account="1"/></config>';
    const doc = parseConfig('xml', text);
    assert.equal(blockHasNetSuiteContext(doc, block(doc, 'config', 'element')), true);
  });

  it('takes context from the namespace prefix and the xmlns declaration in XML', () => {
    const text = fixture('mule-netsuite.xml');
    const doc = parseConfig('xml', text);
    assert.equal(entryHasNetSuiteContext(doc, entry(doc, 'mule/config/login-authentication-connection/password')), true);
    const plain = '<beans><bean id="ds"><property name="password" value="x"/></bean></beans>';
    const plainDoc = parseConfig('xml', plain);
    assert.equal(documentHasNetSuiteContext(plainDoc), false);
  });

  it('gives every entry of a flat dotenv or .properties file the file’s context', () => {
    assert.equal(passwordContext('dotenv', 'NS_ACCOUNT=1234567\nPASSWORD=x\n'), true);
    assert.equal(passwordContext('dotenv', 'API_URL=https://1234567.restlets.api.netsuite.com\nPASSWORD=x\n'), true);
    assert.equal(passwordContext('dotenv', 'DB_HOST=localhost\nPASSWORD=x\n'), false);
    assert.equal(passwordContext('properties', 'netsuite.account=1\napp.password=x\n'), true);
    assert.equal(passwordContext('properties', 'spring.datasource.password=x\n'), false);
  });

  it('takes Postman context from the environment name', () => {
    const doc = parseConfig('json', fixture('sandbox.postman_environment.json'));
    assert.equal(entryHasNetSuiteContext(doc, entry(doc, 'values/password')), true);
  });

  it('knows placeholders and references', () => {
    for (const value of ['', '  ', '${NS_PASSWORD}', '$NS_PASSWORD', '{{password}}', '%env(NS_PASSWORD)%', '#{ns.password}', '<password>', '<your password>', 'YOUR_PASSWORD', 'your-token-here', 'changeme', 'CHANGE_ME', 'xxx', '****', '...', 'placeholder-password', 'not-a-real-password', 'REPLACE_ME', undefined]) {
      assert.equal(isPlaceholder(value), true, String(value));
    }
    for (const value of ['hunter2', 'S3cr3t!', 'a1b2c3d4e5f6', 'dev@example.com']) assert.equal(isPlaceholder(value), false, value);
    assert.equal(isReference('${X}'), true);
    assert.equal(isReference('x${X}'), false);
  });
});
