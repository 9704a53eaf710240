import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, spanOf } from '../helpers/analyze';

const ID = 'inbound-sso';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
/** The range of `sub` inside the `nth` occurrence of `needle`. */
function at(text: string, needle: string, sub: string, nth = 0) {
  const span = spanOf(text, needle, nth);
  const offset = needle.indexOf(sub);
  assert.ok(offset >= 0, `'${sub}' is not in '${needle}'`);
  return { ruleId: ID, start: span.start + offset, end: span.start + offset + sub.length };
}

const SOAP = "const soap = require('soap');\n";
const NS = "const WSDL = 'https://webservices.netsuite.com/wsdl/v2019_1_0/netsuite.wsdl';\n";

describe('inbound-sso', () => {
  describe('finds SOAP client calls, on the method name', () => {
    const cases: [string, string, string, string][] = [
      ['client.mapSso', `${SOAP}client.mapSso({ ssoCredentials }, cb);`, 'client.mapSso(', 'mapSso'],
      ['client.mapSsoAsync', `${SOAP}await client.mapSsoAsync({ ssoCredentials });`, 'client.mapSsoAsync(', 'mapSsoAsync'],
      ['client.ssoLogin', `${NS}client.ssoLogin({ ssoPassport }, cb);`, 'client.ssoLogin(', 'ssoLogin'],
      ['client.ssoLoginAsync', `${SOAP}const [r] = await client.ssoLoginAsync({ ssoPassport });`, 'client.ssoLoginAsync(', 'ssoLoginAsync'],
      ['a port of the service', `${SOAP}client.NetSuiteService.NetSuitePort.ssoLogin(args, cb);`, 'NetSuitePort.ssoLogin(', 'ssoLogin'],
      ['a computed name, inside the quotes', `${SOAP}client['mapSso'](args);`, "['mapSso']", 'mapSso'],
      ['a method passed on', `${SOAP}const map = util.promisify(client.mapSso);`, 'client.mapSso)', 'mapSso'],
      ['optional chaining in TypeScript', `${SOAP}await client?.ssoLoginAsync!({ ssoPassport });`, 'ssoLoginAsync!', 'ssoLoginAsync'],
    ];
    for (const [name, text, needle, sub] of cases) {
      it(name, () => assert.deepEqual(found('a.ts', text), [at(text, needle, sub)]));
    }
  });

  describe('finds the elements in strings and templates, on the local name', () => {
    it('prefixed, unprefixed, from a template hole', () => {
      const text = [
        NS,
        'const a = `<platformMsgs:ssoLogin><platformMsgs:ssoPassport>${t}</platformMsgs:ssoPassport></platformMsgs:ssoLogin>`;',
        "const b = '<mapSso xmlns=\"urn:messages_2019_1.platform.webservices.netsuite.com\"><ssoCredentials/></mapSso>';",
        'const c = `<${ns}:ssoLogin/>`;',
      ].join('\n');
      assert.deepEqual(found('a.js', text), [at(text, '<platformMsgs:ssoLogin>', 'ssoLogin'), at(text, '<mapSso xmlns', 'mapSso'), at(text, '<${ns}:ssoLogin/>', 'ssoLogin')]);
    });
  });

  it('finds the operation named by a value: SOAPAction, invoke', () => {
    const text = `${SOAP}const headers = { SOAPAction: 'ssoLogin' };\nconst quoted = { SOAPAction: '"mapSso"' };\nclient.invoke('ssoLogin', args);`;
    assert.deepEqual(found('a.js', text), [at(text, "'ssoLogin' }", 'ssoLogin'), at(text, '\'"mapSso"\'', 'mapSso'), at(text, "invoke('ssoLogin'", 'ssoLogin')]);
  });

  it('finds an xml2js tree key and an xmlbuilder element', () => {
    const text = `${SOAP}const tree = { 'soapenv:Body': { 'platformMsgs:mapSso': { ssoCredentials: c } } };\nconst body = { ssoLogin: { ssoPassport: p } };\ncreate().ele('platformMsgs:ssoLogin');`;
    assert.deepEqual(found('a.js', text), [
      at(text, "'platformMsgs:mapSso'", 'mapSso'),
      at(text, '{ ssoLogin: {', 'ssoLogin'),
      at(text, "ele('platformMsgs:ssoLogin')", 'ssoLogin'),
    ]);
  });

  it('names the release dates per operation, and never a value', () => {
    const text = `${SOAP}client.mapSso({ ssoCredentials: { email: 'jane@example.com', password: 'Winter2020!' } });\nclient.ssoLogin({ ssoPassport: { authenticationToken: 'partner-token-123' } });`;
    const [map, login] = findings('a.js', text, ONLY);
    assert.match(map.message, /mapSso .*no longer works on any endpoint since 2021\.1/);
    assert.match(login.message, /ssoLogin .*deprecated/);
    for (const f of [map, login]) {
      assert.equal(f.severity, 'error');
      for (const part of ['2021.1', '2027.1', '2028.2', 'PKCE']) assert.ok(f.message.includes(part), `${part} in ${f.message}`);
      for (const secret of ['jane@example.com', 'Winter2020!', 'partner-token-123']) assert.ok(!f.message.includes(secret) && !(f.hover ?? '').includes(secret));
      assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/inbound-sso\.md\)$/);
    }
  });

  describe('is not fooled', () => {
    it("by an application's own ssoLogin without SOAP context", () => {
      const text = "import { AuthService } from './auth';\nconst auth = new AuthService();\nexport async function cb(t) { await auth.ssoLogin(t); this.ssoLogin(); return auth.mapSsoGroups(t); }";
      assert.deepEqual(found('a.js', text), []);
    });
    it('by ssoLogin in REST-only NetSuite code', () => {
      const text = "const BASE = 'https://1234567.suitetalk.api.netsuite.com/services/rest';\nexport const login = (t) => portal.ssoLogin(t);";
      assert.deepEqual(found('a.js', text), []);
    });
    it('by definitions, wrappers, checks, comparisons, comments and logs', () => {
      const text = [
        SOAP,
        'class NetSuiteSso {',
        '  async ssoLogin(token) { return this.client.ssoLoginAsync({ ssoPassport: { authenticationToken: token } }); }',
        '  start(token) { return this.ssoLogin(token); }',
        '}',
        'Service.prototype.mapSso = function () {};',
        "if (typeof client?.mapSso === 'function') console.log('mapSso is still in the WSDL');",
        "switch (operation) { case 'ssoLogin': break; }",
        "if (op === 'mapSso') throw new Error('mapSso was removed in 2021.1');",
        '// client.mapSso({ ssoCredentials });',
        '/* <platformMsgs:ssoLogin/> */',
        "const routes = { ssoLogin: '/auth/sso', mapSso: () => null };",
        "const text = '<ssoLoginResponse/><mapSsoResponse/>';",
      ].join('\n');
      assert.deepEqual(found('a.js', text), [at(text, 'this.client.ssoLoginAsync', 'ssoLoginAsync')]);
    });
  });

  describe('XML files and config values', () => {
    it('an envelope, not the comment', () => {
      const xml = '<soapenv:Envelope xmlns:urn="urn:messages_2020_2.platform.webservices.netsuite.com">\n  <!-- <urn:ssoLogin/> -->\n  <soapenv:Body>\n    <urn:mapSso><urn:ssoCredentials/></urn:mapSso>\n  </soapenv:Body>\n</soapenv:Envelope>\n';
      assert.deepEqual(found('sso.xml', xml), [at(xml, '<urn:mapSso>', 'mapSso')]);
    });
    it('a MuleSoft consumer operation, not the WSDL declaring the operations', () => {
      const xml = '<mule xmlns:wsc="http://www.mulesoft.org/schema/mule/wsc">\n  <wsc:config name="NS"><wsc:connection wsdlLocation="https://webservices.netsuite.com/wsdl/v2020_2_0/netsuite.wsdl"/></wsc:config>\n  <flow><wsc:consume config-ref="NS" operation="ssoLogin"/></flow>\n</mule>\n';
      assert.deepEqual(found('mule.xml', xml), [at(xml, 'operation="ssoLogin"', 'ssoLogin')]);
      const wsdl = '<definitions targetNamespace="urn:platform_2020_2.webservices.netsuite.com">\n  <portType><operation name="mapSso"/><operation name="ssoLogin"/></portType>\n  <binding><operation name="ssoLogin"><soap:operation soapAction="ssoLogin"/></operation></binding>\n</definitions>\n';
      assert.deepEqual(found('netsuite.wsdl', wsdl), []);
    });
    it('needs NetSuite in the file', () => {
      assert.deepEqual(found('other.xml', '<Envelope><Body><ssoLogin/></Body></Envelope>\n'), []);
    });
    it('a Postman SOAPAction header and raw body', () => {
      const json = JSON.stringify(
        { item: [{ request: { header: [{ key: 'SOAPAction', value: 'mapSso' }], body: { mode: 'raw', raw: '<ssoLogin xmlns="urn:messages_2020_2.platform.webservices.netsuite.com"/>' } } }] },
        null,
        2,
      );
      assert.deepEqual(found('sso.postman_collection.json', json), [at(json, '"value": "mapSso"', 'mapSso'), at(json, '<ssoLogin xmlns', 'ssoLogin')]);
    });
    it('a YAML operation value, not a name', () => {
      const yaml = 'netsuite:\n  endpoint: https://webservices.netsuite.com/services/NetSuitePort_2020_2\n  operation: ssoLogin\n  name: mapSso\n';
      assert.deepEqual(found('soap.yaml', yaml), [at(yaml, 'operation: ssoLogin', 'ssoLogin')]);
    });
  });

  it('offers only the migration guide: no edits, not preferred, and --fix changes nothing', () => {
    const text = `${SOAP}client.mapSso(args);\n`;
    const context = new FileContext(documentFor('a.js', text));
    const [finding] = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(analyzer.fixesFor(finding, context), [
      { title: 'Open the migration guide: inbound SSO → OAuth 2.0 authorization code with PKCE', edits: [], preferred: false, openUrl: 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/inbound-sso.md' },
    ]);
    assert.equal(fixAllText('a.js', text, ONLY), text);
  });
});
