import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'soap-token-passport';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
/** The range of `sub` inside the `nth` occurrence of `needle`. */
function at(text: string, needle: string, sub = 'tokenPassport', nth = 0) {
  const span = spanOf(text, needle, nth);
  const offset = needle.indexOf(sub);
  assert.ok(offset >= 0, `'${sub}' is not in '${needle}'`);
  return { ruleId: ID, start: span.start + offset, end: span.start + offset + sub.length };
}

const CHILDREN = '<platformCore:account>1234567</platformCore:account><platformCore:consumerKey>ck</platformCore:consumerKey><platformCore:signature algorithm="HMAC-SHA256">sig</platformCore:signature>';

describe('soap-token-passport', () => {
  describe('finds <tokenPassport> elements in strings and templates, any prefix, on the local name', () => {
    const cases: [string, string, string][] = [
      ['no prefix, xmlns attribute', `const x = '<tokenPassport xmlns="urn:messages_2023_2.platform.webservices.netsuite.com">${CHILDREN}</tokenPassport>';`, '<tokenPassport xmlns'],
      ['platformMsgs prefix in double quotes', `const x = "<platformMsgs:tokenPassport>" + body + "</platformMsgs:tokenPassport>";`, '<platformMsgs:tokenPassport>'],
      ['ns prefix in a multi-line template', 'const x = `\n  <ns:tokenPassport>\n    <ns1:account>${account}</ns1:account>\n  </ns:tokenPassport>`;', '<ns:tokenPassport>'],
      ['prefix from a template hole', 'const x = `<${ns}:tokenPassport>${inner}</${ns}:tokenPassport>`;', '<${ns}:tokenPassport>'],
      ['prefix from a concatenation', "const x = '<' + ns + ':tokenPassport>' + inner;", "':tokenPassport>'"],
      ['in an array joined', "const x = ['<tokenPassport>', account, '</tokenPassport>'].join('');", "'<tokenPassport>'"],
    ];
    for (const [name, text, needle] of cases) {
      it(name, () => assert.deepEqual(found('a.js', text), [at(text, needle)]));
    }
  });

  it('reports a helper and the envelope that uses it once, where the element is written', () => {
    const text = [
      'function tokenPassport(sig) {',
      `  return \`<platformMsgs:tokenPassport>${CHILDREN}</platformMsgs:tokenPassport>\`;`,
      '}',
      'const body = `<soapenv:Envelope><soapenv:Header>${tokenPassport(sig)}</soapenv:Header></soapenv:Envelope>`;',
    ].join('\n');
    assert.deepEqual(found('a.ts', text), [at(text, '<platformMsgs:tokenPassport>')]);
  });

  describe('finds the element written as a JS object, on the key', () => {
    it('node-soap addSoapHeader', () => {
      const text = "client.addSoapHeader({ tokenPassport: { account, consumerKey, token, nonce, timestamp, signature: { attributes: { algorithm: 'HMAC-SHA256' }, $value: sig } } });";
      assert.deepEqual(found('a.js', text), [at(text, 'tokenPassport: {')]);
    });
    it('a namespaced key and a member assignment (node-suitetalk style)', () => {
      const text = "const soapObj = {};\nsoapObj['platformMsgs:tokenPassport'] = { 'platformCore:account': a };\nconst tree = { 'soapenv:Header': { 'ns:tokenPassport': build() } };";
      assert.deepEqual(found('a.js', text), [at(text, "['platformMsgs:tokenPassport']"), at(text, "'ns:tokenPassport'")]);
    });
    it('an xmlbuilder element', () => {
      const text = "const doc = create().ele('soapenv:Header').ele('platformMsgs:tokenPassport').ele('platformCore:account').txt(a);";
      assert.deepEqual(found('a.js', text), [at(text, "'platformMsgs:tokenPassport'")]);
    });
  });

  describe('XML files and config values', () => {
    it('a SOAP envelope, not the comment', () => {
      const xml = `<?xml version="1.0"?>\n<!-- <urn:tokenPassport/> -->\n<soapenv:Envelope xmlns:urn="urn:messages_2025_2.platform.webservices.netsuite.com">\n  <soapenv:Header>\n    <urn:tokenPassport>${CHILDREN}</urn:tokenPassport>\n  </soapenv:Header>\n</soapenv:Envelope>\n`;
      assert.deepEqual(found('request.xml', xml), [at(xml, '    <urn:tokenPassport>')]);
    });
    it('CDATA and DataWeave in a MuleSoft config', () => {
      const xml = '<mule><set-payload><![CDATA[<ns:tokenPassport/>]]></set-payload><ee:set-payload><![CDATA[%dw 2.0\n---\n{ platformMsgs#tokenPassport: { platformCore#account: p("a") } }]]></ee:set-payload></mule>\n';
      assert.deepEqual(found('mule.xml', xml), [at(xml, '<ns:tokenPassport/>'), at(xml, 'platformMsgs#tokenPassport:')]);
    });
    it('a Postman raw body, not a variable named tokenPassport', () => {
      const json = JSON.stringify(
        {
          event: [{ listen: 'prerequest', script: { exec: ["pm.environment.set('tokenPassport', signature);"] } }],
          item: [{ request: { body: { mode: 'raw', raw: `<soap:Envelope>\n<tokenPassport xmlns="urn:messages_2024_1.platform.webservices.netsuite.com">${CHILDREN}</tokenPassport>\n</soap:Envelope>` } } }],
        },
        null,
        2,
      );
      assert.deepEqual(found('soap.postman_collection.json', json), [at(json, '<tokenPassport xmlns')]);
    });
  });

  it('is not fooled by an exported builder function named tokenPassport', () => {
    const text = "function tokenPassport() { return build(); }\nconst passportFor = (a) => a;\nmodule.exports = { tokenPassport, helpers: { tokenPassport: passportFor } };\nexports.tokenPassport = tokenPassport;\nconst api = { tokenPassport() { return 1; }, get ['ns:tokenPassport']() { return 2; } };";
    assert.deepEqual(found('a.js', text), []);
  });

  it('is not fooled by comments, logs, searches, types, destructuring or other elements', () => {
    const text = [
      'interface Headers { tokenPassport?: string }',
      'type T = { tokenPassport: { account: string } };',
      'export function f(headers: Headers, body: string) {',
      '  const { tokenPassport } = headers;',
      '  // c.addSoapHeader({ tokenPassport: { account } });',
      '  /* <platformMsgs:tokenPassport/> */',
      "  console.warn('still signing with a <tokenPassport>');",
      "  if (body.includes('<tokenPassport>')) throw new Error('found <tokenPassport>');",
      "  const other = '<platformMsgs:passport><platformCore:email>e</platformCore:email></platformMsgs:passport><tokenPassportId>1</tokenPassportId>';",
      '  return tokenPassport ?? other;',
      '}',
    ].join('\n');
    assert.deepEqual(found('a.ts', text), []);
  });

  it('keeps finding the element while the code around it is half-typed', () => {
    const text = `const h = '<ns:tokenPassport>${CHILDREN}</ns:tokenPassport>';\nclient.addSoapHeader(h\n`;
    assert.ok(parseProblems('a.js', text).length > 0);
    assert.deepEqual(found('a.js', text), [at(text, '<ns:tokenPassport>')]);
  });

  it('cites the release dates, is a warning, links the page, and never shows a value', () => {
    const text = "client.addSoapHeader({ tokenPassport: { account: '1234567', consumerKey: 'c0ffee', token: 't0ken', signature: 's1gnature' } });";
    const [f] = findings('a.js', text, ONLY);
    for (const part of ['2027.1', '2025.2', '2028.2', 'OAuth 2.0 is not available for SOAP']) assert.ok(f.message.includes(part), `${part} in ${f.message}`);
    assert.equal(f.severity, 'warning');
    for (const secret of ['c0ffee', 't0ken', 's1gnature']) assert.ok(!f.message.includes(secret) && !(f.hover ?? '').includes(secret), secret);
    assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/soap-token-passport\.md\)$/);
  });

  it('offers only the migration guide: no edits, not preferred, and --fix changes nothing', () => {
    const text = `const xml = \`<ns:tokenPassport>${CHILDREN}</ns:tokenPassport>\`;\n`;
    const context = new FileContext(documentFor('a.js', text));
    const [finding] = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(analyzer.fixesFor(finding, context), [
      { title: 'Open the migration guide: SOAP → REST web services + OAuth 2.0', edits: [], preferred: false, openUrl: 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/soap-token-passport.md' },
    ]);
    assert.equal(fixAllText('a.js', text, ONLY), text);
  });
});
