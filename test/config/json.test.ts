import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/config/parse';
import { assertEntry, block, entry, fixture, keysOf, span, spanAfter, spanFrom } from './helpers';

describe('config: JSON / JSONC', () => {
  it('gives keys and string values without their quotes, and nested paths', () => {
    const text = '{\n  "netsuite": {\n    "email": "dev@example.com",\n    "password": "s\\"cret"\n  }\n}';
    const doc = parseConfig('json', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'dev@example.com', span(text, 'dev@example.com'));
    // The value is decoded; its range is the raw characters between the quotes.
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 's"cret', span(text, 's\\"cret'));
    assert.equal(entry(doc, 'netsuite').value, undefined);
    const nested = block(doc, 'netsuite', 'object');
    assert.deepEqual(keysOf(nested), ['email', 'password']);
    assert.deepEqual(nested.range, { start: text.indexOf('{', 1), end: text.lastIndexOf('}', text.length - 2) + 1 });
    assert.deepEqual(block(doc, '', 'object').range, { start: 0, end: text.length });
  });

  it('keeps numbers and booleans as written and gives null no value', () => {
    const text = '{"role": 3, "version": 1.0, "sandbox": true, "token": null}';
    const doc = parseConfig('json', text);
    assertEntry(text, entry(doc, 'role'), span(text, 'role'), '3', span(text, '3'));
    assertEntry(text, entry(doc, 'version'), span(text, 'version'), '1.0', span(text, '1.0'));
    assertEntry(text, entry(doc, 'sandbox'), span(text, 'sandbox'), 'true', span(text, 'true'));
    assertEntry(text, entry(doc, 'token'), span(text, 'token'), undefined, span(text, 'null'));
  });

  it('puts array items under their index and makes objects in arrays blocks', () => {
    const text = '{"accounts": [{"id": "1"}, {"id": "2", "tokenId": "t"}]}';
    const doc = parseConfig('json', text);
    assertEntry(text, entry(doc, 'accounts/1/tokenId'), span(text, 'tokenId'), 't', spanFrom(text, '"tokenId": "', 't'));
    assert.deepEqual(keysOf(block(doc, 'accounts/1')), ['id', 'tokenId']);
  });

  it('accepts comments and trailing commas (JSONC)', () => {
    const text = '// settings\n{\n  /* TBA */ "tokenId": "abc", // inline\n  "tokenSecret": "def",\n}\n';
    const doc = parseConfig('json', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'tokenId'), span(text, 'tokenId'), 'abc', span(text, 'abc'));
    assertEntry(text, entry(doc, 'tokenSecret'), span(text, 'tokenSecret'), 'def', span(text, 'def'));
  });

  it('still yields the entries of a malformed file, with errors', () => {
    const text = '{\n  "netsuite": {\n    "email": "dev@example.com",\n    "password": "x",\n    "role": ,\n    "account": "123"\n';
    const doc = parseConfig('json', text);
    assert.ok(doc.errors.length > 0);
    assert.ok(doc.errors.some((e) => /expected/i.test(e.message)));
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'dev@example.com', span(text, 'dev@example.com'));
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'x', spanFrom(text, '"password": "', 'x'));
    assertEntry(text, entry(doc, 'netsuite/account'), span(text, 'account'), '123', span(text, '123'));
    assert.deepEqual(keysOf(block(doc, 'netsuite')), ['email', 'password', 'role', 'account']);
  });

  it('ends an unterminated string value at the end of its line', () => {
    const text = '{"password": "abc\n, "email": "e"}';
    const doc = parseConfig('json', text);
    assert.ok(doc.errors.length > 0);
    assertEntry(text, entry(doc, 'password'), span(text, 'password'), 'abc', span(text, 'abc'));
  });

  it('returns an empty document for empty text', () => {
    const doc = parseConfig('json', '');
    assert.deepEqual(doc, { kind: 'json', entries: [], blocks: [], errors: [] });
  });

  describe('Postman key/value items', () => {
    it('exposes environment values as entries named by their key, and keeps the raw entries', () => {
      const text = fixture('sandbox.postman_environment.json');
      const doc = parseConfig('json', text);
      assert.deepEqual(doc.errors, []);
      const password = entry(doc, 'values/password');
      assert.equal(password.keyValueItem, true);
      assertEntry(text, password, span(text, 'password', 0), 'placeholder-password', span(text, 'placeholder-password'));
      assertEntry(text, entry(doc, 'values/email'), spanAfter(text, '"key": "email"', 'email'), 'integration@example.com', span(text, 'integration@example.com'));
      const items = block(doc, 'values', 'keyValueItems');
      assert.deepEqual(keysOf(items), ['account', 'email', 'password', 'role']);
      assert.deepEqual(items.range, { start: text.indexOf('['), end: text.indexOf(']') + 1 });
      // The raw shape is still there for rules that want it (e.g. `enabled`).
      assertEntry(text, entry(doc, 'values/3/enabled'), spanAfter(text, '"key": "role"', 'enabled'), 'false', spanAfter(text, '"key": "role"', 'false'));
      assert.equal(entry(doc, 'values/2/key').keyValueItem, undefined);
    });

    it('exposes collection auth parameters, tolerating a trailing comma', () => {
      const text = fixture('restlet.postman_collection.json');
      const doc = parseConfig('json', text);
      assert.deepEqual(doc.errors, []);
      assertEntry(text, entry(doc, 'auth/type'), span(text, 'type'), 'oauth1', span(text, 'oauth1'));
      assertEntry(text, entry(doc, 'auth/oauth1/consumerKey'), span(text, 'consumerKey'), '{{consumerKey}}', span(text, '{{consumerKey}}'));
      assertEntry(text, entry(doc, 'auth/oauth1/token'), spanAfter(text, '"key": "token"', 'token'), '{{tokenId}}', span(text, '{{tokenId}}'));
      assertEntry(text, entry(doc, 'auth/oauth1/signatureMethod'), span(text, 'signatureMethod'), 'HMAC-SHA256', span(text, 'HMAC-SHA256'));
      assert.deepEqual(keysOf(block(doc, 'auth/oauth1', 'keyValueItems')), ['realm', 'consumerKey', 'consumerSecret', 'token', 'tokenSecret', 'signatureMethod']);
      assert.deepEqual(keysOf(block(doc, 'auth', 'object')), ['type', 'oauth1']);
      // Headers are key/value items too: an NLAuth header in a collection is found the same way.
      assertEntry(text, entry(doc, 'item/0/request/header/Content-Type'), span(text, 'Content-Type'), 'application/json', span(text, 'application/json'));
    });

    it('exposes ECS-style environment arrays of { name, value } items, and only those', () => {
      const text = '{"environment": [{"name": "NS_PASSWORD", "value": "x"}], "containers": [{"name": "web", "value": "y"}]}';
      const doc = parseConfig('json', text);
      const password = entry(doc, 'environment/NS_PASSWORD');
      assert.equal(password.keyValueItem, true);
      assertEntry(text, password, span(text, 'NS_PASSWORD'), 'x', spanFrom(text, '"value": "', 'x'));
      assert.equal(doc.entries.some((e) => e.path.join('/') === 'containers/web'), false);
    });

    it('gives an item without a value a key and no value, and skips items without a string key', () => {
      const text = '{"values": [{"key": "password"}, {"key": 3, "value": "x"}, "plain"]}';
      const doc = parseConfig('json', text);
      const password = entry(doc, 'values/password');
      assert.deepEqual(password.keyRange, span(text, 'password'));
      assert.equal(password.value, undefined);
      assert.deepEqual(keysOf(block(doc, 'values', 'keyValueItems')), ['password']);
    });
  });
});
