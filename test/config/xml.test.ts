import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/config/parse';
import { assertEntry, assertRangesWithin, block, entry, fixture, keysOf, span, spanAfter, spanFrom } from './helpers';

describe('config: XML', () => {
  it('reads a MuleSoft NetSuite connector: login and token-based connections as attribute blocks', () => {
    const text = fixture('mule-netsuite.xml');
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.errors, []);
    const login = 'mule/config/login-authentication-connection';
    const email = entry(doc, `${login}/email`);
    assert.equal(email.xml, 'attribute');
    assert.equal(email.prefix, undefined);
    assertEntry(text, email, span(text, 'email'), '${ns.email}', span(text, '${ns.email}'));
    assertEntry(text, entry(doc, `${login}/password`), span(text, 'password'), '${ns.password}', span(text, '${ns.password}'));
    assertEntry(text, entry(doc, `${login}/account`), span(text, 'account'), '1234567', span(text, '1234567'));
    assertEntry(text, entry(doc, `${login}/roleId`), span(text, 'roleId'), '3', spanFrom(text, 'roleId="', '3'));
    const loginBlock = block(doc, login, 'element');
    assert.equal(loginBlock.prefix, 'netsuite');
    assert.deepEqual(keysOf(loginBlock), ['email', 'password', 'account', 'roleId', 'applicationId']);
    const loginStart = text.indexOf('<netsuite:login-authentication-connection');
    assert.deepEqual(loginBlock.range, { start: loginStart, end: text.indexOf('/>', loginStart) + 2 });

    const tba = 'mule/config/token-based-authentication-connection';
    assertEntry(text, entry(doc, `${tba}/consumerKey`), span(text, 'consumerKey'), 'ck', spanFrom(text, 'consumerKey="', 'ck'));
    assertEntry(text, entry(doc, `${tba}/consumerSecret`), span(text, 'consumerSecret'), 'cs', spanFrom(text, 'consumerSecret="', 'cs'));
    assertEntry(text, entry(doc, `${tba}/tokenId`), span(text, 'tokenId'), 'tid', span(text, 'tid'));
    assertEntry(text, entry(doc, `${tba}/tokenSecret`), span(text, 'tokenSecret'), 'ts', spanFrom(text, 'tokenSecret="', 'ts'));
    assert.deepEqual(keysOf(block(doc, tba, 'element')), ['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'account']);

    // The connection element is an entry (local name, prefix) of its <netsuite:config>, which has two blocks.
    const connection = entry(doc, login);
    assert.equal(connection.prefix, 'netsuite');
    assert.equal(connection.xml, 'element');
    assert.deepEqual(connection.keyRange, span(text, 'login-authentication-connection'));
    assert.equal(doc.blocks.filter((b) => b.path.join('/') === 'mule/config').length, 2);
    // Namespace declarations and prefixed attributes: `xmlns:netsuite` is key `netsuite` with prefix `xmlns`.
    const xmlns = entry(doc, 'mule/netsuite');
    assert.equal(xmlns.prefix, 'xmlns');
    assert.deepEqual(xmlns.keyRange, spanFrom(text, 'xmlns:', 'netsuite'));
    const docName = entry(doc, 'mule/config/name', (e) => e.prefix === 'doc');
    assertEntry(text, docName, spanFrom(text, 'doc:', 'name'), 'NetSuite Config', span(text, 'NetSuite Config'));
  });

  it('makes each Spring <property name value/> (and <entry key value/>) the setting it names, in a block of its element', () => {
    const text = '<beans>\n  <bean id="ns" class="x.NetSuiteClient">\n    <property name="tokenId" value="${ns.tokenId}"/>\n    <property name="tokenSecret" value=\'ts\'/>\n    <entry key="consumerKey" value="ck"/>\n    <property name="other"><value>v</value></property>\n  </bean>\n</beans>\n';
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.errors, []);
    const tokenId = entry(doc, 'beans/bean/tokenId');
    assert.equal(tokenId.keyValueItem, true);
    assertEntry(text, tokenId, spanFrom(text, 'name="', 'tokenId'), '${ns.tokenId}', span(text, '${ns.tokenId}'));
    assertEntry(text, entry(doc, 'beans/bean/tokenSecret'), spanFrom(text, 'name="tokenId" value="${ns.tokenId}"/>\n    <property name="', 'tokenSecret'), 'ts', spanFrom(text, "value='", 'ts'));
    assertEntry(text, entry(doc, 'beans/bean/consumerKey'), span(text, 'consumerKey'), 'ck', spanFrom(text, 'consumerKey" value="', 'ck'));
    const items = block(doc, 'beans/bean', 'keyValueItems');
    assert.deepEqual(keysOf(items), ['tokenId', 'tokenSecret', 'consumerKey']);
    const beanStart = text.indexOf('<bean ');
    assert.deepEqual(items.range, { start: beanStart, end: text.indexOf('</bean>') + '</bean>'.length });
    // The attributes themselves stay entries of their element too.
    assert.equal(doc.entries.filter((e) => e.path.join('/') === 'beans/bean/property/name').length, 3);
  });

  it('reads the Mule 3 config-login-authentication element', () => {
    const text =
      '<mule xmlns:netsuite="http://www.mulesoft.org/schema/mule/netsuite">\n' +
      '  <netsuite:config-login-authentication name="NS" email="dev@example.com" password="${netsuite.password}" account="TSTDRV123" roleId="3" applicationId="A"/>\n' +
      '</mule>\n';
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.errors, []);
    const login = block(doc, 'mule/config-login-authentication', 'element');
    assert.equal(login.prefix, 'netsuite');
    assert.deepEqual(keysOf(login), ['name', 'email', 'password', 'account', 'roleId', 'applicationId']);
    assertEntry(text, entry(doc, 'mule/config-login-authentication/password'), span(text, 'password'), '${netsuite.password}', span(text, '${netsuite.password}'));
  });

  it('gives namespaced text-only elements their local name, prefix and trimmed text, entities decoded', () => {
    const text = fixture('soap-login.xml');
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.errors, []);
    const email = entry(doc, 'Envelope/Body/login/passport/email');
    assert.equal(email.prefix, 'urn1');
    assert.equal(email.xml, 'element');
    assertEntry(text, email, spanFrom(text, '<urn1:', 'email'), 'user@example.com', span(text, 'user@example.com'));
    // The value is decoded; its range is the raw text.
    assertEntry(text, entry(doc, 'Envelope/Body/login/passport/password'), spanFrom(text, '<urn1:', 'password'), 'p&ssw0rd', span(text, 'p&amp;ssw0rd'));
    assertEntry(text, entry(doc, 'Envelope/Body/login/passport/role/internalId'), span(text, 'internalId'), '3', spanFrom(text, 'internalId="', '3'));
    const passport = block(doc, 'Envelope/Body/login/passport', 'element');
    assert.equal(passport.prefix, 'urn');
    assert.deepEqual(keysOf(passport), ['email', 'password', 'account', 'role']);
    // A self-closing element is an entry without a value.
    assert.equal(entry(doc, 'Envelope/Body/login/passport/role').value, undefined);
  });

  it('reads element text with CDATA, comments, single quotes and unquoted-looking whitespace', () => {
    const text = "<cfg>\n  <!-- <password>commented</password> -->\n  <password><![CDATA[a<b]]></password>\n  <email attr = 'x' >  e@x.io  </email>\n  <empty></empty>\n</cfg>";
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'cfg/password'), spanAfter(text, '<password><!', 'password'), 'a<b', span(text, 'a<b'));
    assertEntry(text, entry(doc, 'cfg/email'), spanFrom(text, '-->\n', 'email'), 'e@x.io', span(text, 'e@x.io'));
    assertEntry(text, entry(doc, 'cfg/email/attr'), span(text, 'attr'), 'x', spanFrom(text, "attr = '", 'x'));
    const empty = entry(doc, 'cfg/empty');
    assert.equal(empty.value, '');
    const at = text.indexOf('<empty>') + '<empty>'.length;
    assert.deepEqual(empty.valueRange, { start: at, end: at });
    // The commented-out password is not an entry.
    assert.equal(doc.entries.filter((e) => e.key === 'password').length, 1);
  });

  it('does not make an element with element children an entry', () => {
    const text = '<a><b><c>1</c></b></a>';
    const doc = parseConfig('xml', text);
    assert.deepEqual(doc.entries.map((e) => e.path.join('/')), ['a/b/c']);
    assert.deepEqual(keysOf(block(doc, 'a/b', 'element')), ['c']);
  });

  it('keeps the parts of an unclosed or truncated document, with errors', () => {
    const text = '<netsuite:config>\n  <netsuite:login-authentication-connection email="a@b.c" password="x"/>\n  <other><p>v</p>\n  <netsuite:token-based-authentication-connection tokenId="t" tokenSecret="half';
    const doc = parseConfig('xml', text);
    assert.ok(doc.errors.some((e) => /Unterminated tag/.test(e.message)));
    assert.ok(doc.errors.some((e) => /<other> is not closed/.test(e.message)));
    assertEntry(text, entry(doc, 'config/login-authentication-connection/password'), span(text, 'password'), 'x', spanFrom(text, 'password="', 'x'));
    assertEntry(text, entry(doc, 'config/other/p'), spanFrom(text, '<other><', 'p'), 'v', spanFrom(text, '<p>', 'v'));
    assertEntry(text, entry(doc, 'config/other/token-based-authentication-connection/tokenId'), span(text, 'tokenId'), 't', spanFrom(text, 'tokenId="', 't'));
    // The attribute being typed when the text ends is recovered, up to the end.
    assertEntry(text, entry(doc, 'config/other/token-based-authentication-connection/tokenSecret'), span(text, 'tokenSecret'), 'half', span(text, 'half'));
    assertRangesWithin(doc, text.length);
  });

  it('recovers attributes of a tag cut off by the end of the text', () => {
    for (const [tail, value] of [['tokenSecret=', ''], ['tokenSecret', undefined], ["tokenSecret='ab", 'ab'], ['tokenSecret=ab', 'ab']] as const) {
      const text = `<conn tokenId="t" ${tail}`;
      const doc = parseConfig('xml', text);
      const secret = entry(doc, 'conn/tokenSecret');
      assert.deepEqual(secret.keyRange, span(text, 'tokenSecret'), tail);
      assert.equal(secret.value, value, tail);
      if (value !== undefined) assert.deepEqual(secret.valueRange, { start: text.length - value.length, end: text.length }, tail);
      assert.equal(entry(doc, 'conn/tokenId').value, 't');
    }
  });

  it('reports a closing tag that closes nothing and mismatched nesting', () => {
    const text = '<a><b>1</c><d>2</d></a>';
    const doc = parseConfig('xml', text);
    assert.ok(doc.errors.some((e) => /Unexpected closing tag <\/c>/.test(e.message)));
    // `</c>` closes nothing and is skipped, so <d> is inside <b>, which `</a>` closes.
    assert.equal(entry(doc, 'a/b/d').value, '2');
    assert.ok(doc.errors.some((e) => /<b> is not closed/.test(e.message)));
    assertRangesWithin(doc, text.length);
  });
});
