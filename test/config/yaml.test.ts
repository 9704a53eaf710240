import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/config/parse';
import { assertEntry, block, entry, fixture, keysOf, span, spanFrom } from './helpers';

describe('config: YAML', () => {
  it('gives keys and scalar values with exact ranges, without quotes', () => {
    const text = 'netsuite:\n  email: dev@example.com\n  "password": "p\\"w"\n  secret: \'it\'\'s\'\n  role: 3\n  empty:\n  none: ~\n';
    const doc = parseConfig('yaml', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'dev@example.com', span(text, 'dev@example.com'));
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'p"w', span(text, 'p\\"w'));
    assertEntry(text, entry(doc, 'netsuite/secret'), span(text, 'secret'), "it's", span(text, "it''s"));
    assertEntry(text, entry(doc, 'netsuite/role'), span(text, 'role'), '3', span(text, '3'));
    const empty = entry(doc, 'netsuite/empty');
    assert.equal(empty.value, undefined);
    assert.equal(empty.valueRange, undefined);
    assertEntry(text, entry(doc, 'netsuite/none'), span(text, 'none'), undefined, span(text, '~'));
    assert.equal(entry(doc, 'netsuite').value, undefined);
    assert.deepEqual(keysOf(block(doc, 'netsuite')), ['email', 'password', 'secret', 'role', 'empty', 'none']);
    assert.deepEqual(block(doc, '').range.start, 0);
  });

  it('gives a block scalar its content range', () => {
    const text = 'privateKey: |\n  -----BEGIN PRIVATE KEY-----\n  abc\n  -----END PRIVATE KEY-----\nnext: 1\n';
    const doc = parseConfig('yaml', text);
    const key = entry(doc, 'privateKey');
    assert.equal(key.value, '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
    assert.deepEqual(key.valueRange, { start: text.indexOf('-----BEGIN'), end: text.indexOf('KEY-----\nnext') + 'KEY-----'.length });
  });

  it('walks sequences and flow collections', () => {
    const text = 'accounts:\n  - id: "1"\n    auth: {tokenId: abc, tokenSecret: def}\n';
    const doc = parseConfig('yaml', text);
    assertEntry(text, entry(doc, 'accounts/0/auth/tokenId'), span(text, 'tokenId'), 'abc', span(text, 'abc'));
    assert.deepEqual(keysOf(block(doc, 'accounts/0/auth')), ['tokenId', 'tokenSecret']);
    assert.deepEqual(keysOf(block(doc, 'accounts/0')), ['id', 'auth']);
  });

  it('numbers the documents of a multi-document stream', () => {
    const text = fixture('application.yml');
    const doc = parseConfig('yaml', text);
    assert.deepEqual(doc.errors, []);
    const password = entry(doc, 'netsuite/password');
    assert.equal(password.documentIndex, 1);
    assertEntry(text, password, span(text, 'password'), 'not-a-real-password', span(text, 'not-a-real-password'));
    const tokenId = entry(doc, 'netsuite/authentication/token_id');
    assert.equal(tokenId.documentIndex, 2);
    assertEntry(text, tokenId, span(text, 'token_id'), '${NS_TOKEN_ID}', span(text, '${NS_TOKEN_ID}'));
    assert.deepEqual(keysOf(block(doc, 'netsuite/authentication', 'object', 2)), ['type', 'consumer_key', 'consumer_secret', 'token_id', 'token_secret']);
    assert.deepEqual(keysOf(block(doc, '', 'object', 0)), ['defaults']);
    assert.equal(doc.blocks.filter((b) => b.path.length === 0).length, 3);
  });

  describe('anchors, aliases and merge keys', () => {
    it('counts a merged key in the block it is merged into, with the ranges of its definition', () => {
      const text = fixture('application.yml');
      const doc = parseConfig('yaml', text);
      const merged = entry(doc, 'netsuite/account');
      assert.equal(merged.aliased, true);
      assert.equal(merged.documentIndex, 1);
      assertEntry(text, merged, span(text, 'account'), '1234567', span(text, '1234567'));
      assert.deepEqual(keysOf(block(doc, 'netsuite', 'object', 1)), ['email', 'password', 'account', 'role', 'signature-method']);
      // The anchor's own entry is there too, with the same ranges.
      const defined = entry(doc, 'defaults/account');
      assert.equal(defined.aliased, undefined);
      assert.deepEqual(defined.keyRange, merged.keyRange);
      // The merge key itself is not an entry.
      assert.equal(doc.entries.some((e) => e.key === '<<'), false);
    });

    it('lets explicit keys override merged ones, and earlier merge sources override later ones', () => {
      const text = 'a: &a {user: ua, pass: pa}\nb: &b {user: ub, role: rb}\nc:\n  <<: [*a, *b]\n  pass: pc\n';
      const doc = parseConfig('yaml', text);
      assertEntry(text, entry(doc, 'c/pass'), spanFrom(text, 'c:', 'pass'), 'pc', span(text, 'pc'));
      assertEntry(text, entry(doc, 'c/user'), span(text, 'user'), 'ua', span(text, 'ua'));
      assertEntry(text, entry(doc, 'c/role'), span(text, 'role'), 'rb', span(text, 'rb'));
      assert.deepEqual(keysOf(block(doc, 'c')).sort(), ['pass', 'role', 'user']);
    });

    it('follows merges of maps that merge themselves', () => {
      const text = 'base: &base {account: "1"}\nmid: &mid\n  <<: *base\n  email: e\nleaf:\n  <<: *mid\n  password: p\n';
      const doc = parseConfig('yaml', text);
      assert.deepEqual(keysOf(block(doc, 'leaf')).sort(), ['account', 'email', 'password']);
      assertEntry(text, entry(doc, 'leaf/account'), span(text, 'account'), '1', spanFrom(text, 'account: "', '1'));
    });

    it('resolves an aliased value to the text that defines it', () => {
      const text = 'secrets:\n  pw: &pw "hunter2"\nnetsuite:\n  password: *pw\n';
      const doc = parseConfig('yaml', text);
      const password = entry(doc, 'netsuite/password');
      assert.equal(password.aliased, true);
      assertEntry(text, password, span(text, 'password'), 'hunter2', span(text, 'hunter2'));
    });

    it('walks an aliased map under the key that refers to it', () => {
      const text = 'base: &creds\n  tokenId: t\n  tokenSecret: s\nprod:\n  auth: *creds\n';
      const doc = parseConfig('yaml', text);
      const tokenId = entry(doc, 'prod/auth/tokenId');
      assert.equal(tokenId.aliased, true);
      assertEntry(text, tokenId, span(text, 'tokenId'), 't', spanFrom(text, 'tokenId: ', 't'));
      assert.deepEqual(keysOf(block(doc, 'prod/auth')), ['tokenId', 'tokenSecret']);
    });

    it('uses the latest definition of a redefined anchor', () => {
      const text = 'a: &x one\nb: *x\nc: &x two\nd: *x\n';
      const doc = parseConfig('yaml', text);
      assert.equal(entry(doc, 'b').value, 'one');
      assert.equal(entry(doc, 'd').value, 'two');
    });

    it('does not loop on a self-referencing alias and bounds exponential expansion', () => {
      const loop = parseConfig('yaml', 'a: &a\n  b: *a\n');
      assert.ok(loop.entries.some((e) => e.path.join('/') === 'a/b'));
      let text = 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i <= 9; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
      text += 'bomb:\n  k: *l9\n';
      const doc = parseConfig('yaml', text);
      // Fully expanded, bomb/k alone would be 10^10 entries.
      assert.ok(doc.entries.length < 20_000, `alias expansion is bounded: ${doc.entries.length} entries`);
      assert.ok(doc.errors.some((e) => /alias/i.test(e.message)));
    });
  });

  it('makes docker-compose KEY=value lists and Kubernetes name/value lists entries', () => {
    const text = 'environment:\n  - NS_EMAIL=a@b.c\n  - "NS_PASSWORD=${PW}"\n  - plain\nenv:\n  - name: NS_TOKEN_ID\n    value: "t"\n  - name: NS_TOKEN_SECRET\n    valueFrom: {secretKeyRef: {name: s, key: k}}\n';
    const doc = parseConfig('yaml', text);
    assert.deepEqual(doc.errors, []);
    const email = entry(doc, 'environment/NS_EMAIL');
    assert.equal(email.assignment, true);
    assertEntry(text, email, span(text, 'NS_EMAIL'), 'a@b.c', span(text, 'a@b.c'));
    assertEntry(text, entry(doc, 'environment/NS_PASSWORD'), span(text, 'NS_PASSWORD'), '${PW}', span(text, '${PW}'));
    assert.deepEqual(keysOf(block(doc, 'environment', 'keyValueItems')), ['NS_EMAIL', 'NS_PASSWORD']);
    const tokenId = entry(doc, 'env/NS_TOKEN_ID');
    assert.equal(tokenId.keyValueItem, true);
    assertEntry(text, tokenId, span(text, 'NS_TOKEN_ID'), 't', spanFrom(text, 'value: "', 't'));
    const secret = entry(doc, 'env/NS_TOKEN_SECRET');
    assert.equal(secret.value, undefined);
    assert.deepEqual(keysOf(block(doc, 'env', 'keyValueItems')), ['NS_TOKEN_ID', 'NS_TOKEN_SECRET']);
  });

  it('still yields the entries of half-typed YAML, with errors', () => {
    const text = 'netsuite:\n  email: dev@example.com\n  password: secret\n  role: [3, \nother:\n  tokenId: abc\n  tokenSecr';
    const doc = parseConfig('yaml', text);
    assert.ok(doc.errors.length > 0);
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'dev@example.com', span(text, 'dev@example.com'));
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'secret', span(text, 'secret'));
    assertEntry(text, entry(doc, 'other/tokenId'), span(text, 'tokenId'), 'abc', span(text, 'abc'));
  });

  it('ends an unterminated quoted value at the end of the text', () => {
    const text = 'netsuite:\n  email: a@b.c\n  password: "abc';
    const doc = parseConfig('yaml', text);
    assert.ok(doc.errors.length > 0);
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'a@b.c', span(text, 'a@b.c'));
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'abc', { start: text.indexOf('abc'), end: text.length });
  });
});
