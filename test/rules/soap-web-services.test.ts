import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, spanOf } from '../helpers/analyze';

const ID = 'soap-web-services';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end, severity: f.severity }));
}
/** The range of `sub` (default: all of `needle`) inside the `nth` occurrence of `needle`, with the expected severity. */
function at(text: string, needle: string, severity: 'info' | 'warning', sub = needle, nth = 0) {
  const span = spanOf(text, needle, nth);
  const offset = needle.indexOf(sub);
  assert.ok(offset >= 0, `'${sub}' is not in '${needle}'`);
  return { ruleId: ID, start: span.start + offset, end: span.start + offset + sub.length, severity };
}

const OLD_PORT = 'https://webservices.netsuite.com/services/NetSuitePort_2019_1';
const NEW_PORT = 'https://1234567.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2';
const OLD_WSDL = 'https://webservices.netsuite.com/wsdl/v2019_2_0/netsuite.wsdl';

describe('soap-web-services', () => {
  describe('JS/TS: one finding per endpoint URL or WSDL, on the URL inside the quotes', () => {
    it('endpoints older than 2025.2 are warnings, 2025.2 is info', () => {
      const text = `const a = '${OLD_PORT}';\nconst b = "${NEW_PORT}";\nconst c = \`${OLD_WSDL}\`;`;
      assert.deepEqual(found('a.js', text), [at(text, OLD_PORT, 'warning'), at(text, NEW_PORT, 'info'), at(text, OLD_WSDL, 'warning')]);
    });

    it('a template with holes, its version from a constant, the one version the file spells, or unknown', () => {
      const text = "const V = '2023_1';\nconst a = `https://${acct}.suitetalk.api.netsuite.com/services/NetSuitePort_${V}`;";
      assert.deepEqual(found('a.ts', text), [at(text, 'https://${acct}.suitetalk.api.netsuite.com/services/NetSuitePort_${V}', 'warning')]);
      assert.match(findings('a.ts', text, ONLY)[0].message, /version 2023\.1/);
      const defaulted = "const DEFAULT_VERSION = '2020_1';\nclass C {\n  constructor(cfg) { this.version = cfg.version ?? DEFAULT_VERSION; this.url = `https://${cfg.host}/services/NetSuitePort_${this.version}`; }\n}";
      assert.deepEqual(found('a.js', defaulted), [at(defaulted, 'https://${cfg.host}/services/NetSuitePort_${this.version}', 'warning')]);
      const unknown = "export const url = (version: string) => `https://${acct}.suitetalk.api.netsuite.com/services/NetSuitePort_${version}`;\nconst versions = ['2019_1', '2025_2'];";
      assert.deepEqual(found('a.ts', unknown), [at(unknown, 'https://${acct}.suitetalk.api.netsuite.com/services/NetSuitePort_${version}', 'info')]);
      assert.ok(!/version \d/.test(findings('a.ts', unknown, ONLY)[0].message));
    });

    it('a URL built from a shared host constant is one finding per URL, on its telling part', () => {
      const text = [
        "const BASE = 'https://webservices.netsuite.com';",
        "const API_VERSION = '2021_2';",
        "const ENDPOINT = BASE + '/services/NetSuitePort_' + API_VERSION;",
        "const WSDL = `${BASE}/wsdl/v${API_VERSION}_0/netsuite.wsdl`;",
      ].join('\n');
      assert.deepEqual(found('a.js', text), [at(text, "'/services/NetSuitePort_'", 'warning', '/services/NetSuitePort_'), at(text, '${BASE}/wsdl/v${API_VERSION}_0/netsuite.wsdl', 'warning')]);
    });

    it('a host alone, a sandbox host, a ?wsdl URL and a local netsuite.wsdl path', () => {
      const text = "const host = 'webservices.sandbox.netsuite.com';\nconst w = 'https://webservices.na1.netsuite.com/services/NetSuitePort_2024_2?wsdl';\nconst local = './wsdl/WSDL_v2019_2_0/netsuite.wsdl';";
      assert.deepEqual(found('a.js', text), [
        at(text, 'webservices.sandbox.netsuite.com', 'info'),
        at(text, 'https://webservices.na1.netsuite.com/services/NetSuitePort_2024_2?wsdl', 'warning', 'https://webservices.na1.netsuite.com/services/NetSuitePort_2024_2?wsdl'),
        at(text, './wsdl/WSDL_v2019_2_0/netsuite.wsdl', 'warning'),
      ]);
    });

    it('a WSDL path without a version takes the apiVersion of its settings object (node-suitetalk)', () => {
      const text = "const { Configuration } = require('node-suitetalk');\nnew Configuration({ account: '1', apiVersion: '2019_2', wsdlPath: './wsdl/netsuite.wsdl', token });";
      assert.deepEqual(found('a.js', text), [at(text, './wsdl/netsuite.wsdl', 'warning')]);
      assert.match(findings('a.js', text, ONLY)[0].message, /WSDL \(version 2019\.2\)/);
    });

    it('a constant sent from several places is one finding, where it is written', () => {
      const text = `const URL = '${OLD_PORT}';\nsoap.createClient(URL, cb);\naxios.post(URL, body);`;
      assert.deepEqual(found('a.js', text), [at(text, OLD_PORT, 'warning')]);
    });

    it('two URLs in one XML template are two findings', () => {
      const text = `const wsdl = \`<definitions><import location="${OLD_WSDL}"/><soap:address location="${OLD_PORT}"/></definitions>\`;`;
      assert.deepEqual(found('a.js', text), [at(text, OLD_WSDL, 'warning'), at(text, OLD_PORT, 'warning')]);
    });
  });

  describe('namespace URNs: once per file, on the first, only without an endpoint', () => {
    it('an envelope template alone', () => {
      const text = 'export const env = (b) => `<soapenv:Envelope xmlns:urn="urn:messages_2020_2.platform.webservices.netsuite.com" xmlns:urn1="urn:core_2020_2.platform.webservices.netsuite.com">${b}</soapenv:Envelope>`;\nconst L = \'urn:relationships_2020_2.lists.webservices.netsuite.com\';';
      assert.deepEqual(found('a.js', text), [at(text, 'urn:messages_2020_2.platform.webservices.netsuite.com', 'warning')]);
      assert.match(findings('a.js', text, ONLY)[0].message, /namespace \(version 2020\.2\)/);
    });
    it('a version from a template hole follows the constant', () => {
      const text = "const V = '2025_2';\nconst ns = `urn:messages_${V}.platform.webservices.netsuite.com`;";
      assert.deepEqual(found('a.js', text), [at(text, 'urn:messages_${V}.platform.webservices.netsuite.com', 'info')]);
    });
    it('not when the file names an endpoint', () => {
      const text = `const NS = 'urn:messages_2019_1.platform.webservices.netsuite.com';\nconst URL = '${OLD_PORT}';`;
      assert.deepEqual(found('a.js', text), [at(text, OLD_PORT, 'warning')]);
    });
  });

  describe('is not fooled', () => {
    it('by REST web services, RESTlets, the roles service, schema imports and port names', () => {
      const text = [
        "const rest = 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer';",
        "const restlet = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1';",
        "const roles = 'https://rest.netsuite.com/rest/roles';",
        "const xsd = 'https://webservices.netsuite.com/xsd/platform/v2019_1_0/core.xsd';",
        "const port = { name: 'NetSuitePort', binding: 'platformMsgs:NetSuiteBinding' };",
        "const other = 'https://www.webservicex.net/globalweather.asmx?wsdl';",
        "const cfg = { apiVersion: '2019_2' };",
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });
    it('by comments, logs, errors, searches and tests', () => {
      const text = [
        `// const OLD = '${OLD_PORT}';`,
        `/* ${OLD_WSDL} */`,
        `console.log('Connecting to ${OLD_PORT}');`,
        "if (url.includes('NetSuitePort_')) throw new Error('SOAP endpoint NetSuitePort_2019_1 is configured');",
        `it('calls ${OLD_PORT}', () => expect(url).toBe('${OLD_PORT}'));`,
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });
  });

  describe('config files', () => {
    it('XML: soap:address and element text, not the comment or xsd imports; namespaces only without endpoints', () => {
      const wsdl = `<definitions xmlns:platformMsgs="urn:messages_2023_1.platform.webservices.netsuite.com">\n  <!-- <soap:address location="${OLD_PORT}"/> -->\n  <xsd:import schemaLocation="https://webservices.netsuite.com/xsd/platform/v2023_1_0/messages.xsd"/>\n  <soap:address location="https://webservices.netsuite.com/services/NetSuitePort_2023_1"/>\n  <endpoint>${NEW_PORT}</endpoint>\n</definitions>\n`;
      assert.deepEqual(found('netsuite.wsdl', wsdl), [at(wsdl, 'https://webservices.netsuite.com/services/NetSuitePort_2023_1', 'warning'), at(wsdl, NEW_PORT, 'info')]);
      const envelope = '<soapenv:Envelope xmlns:urn="urn:messages_2021_1.platform.webservices.netsuite.com" xmlns:urn1="urn:core_2021_1.platform.webservices.netsuite.com"><soapenv:Body/></soapenv:Envelope>\n';
      assert.deepEqual(found('request.xml', envelope), [at(envelope, 'urn:messages_2021_1.platform.webservices.netsuite.com', 'warning')]);
    });
    it('a MuleSoft Web Service Consumer: the WSDL and the address', () => {
      const xml = `<mule><wsc:config name="NS"><wsc:connection wsdlLocation="${OLD_WSDL}" service="NetSuiteService" port="NetSuitePort" address="${NEW_PORT}"/></wsc:config></mule>\n`;
      assert.deepEqual(found('mule-config.xml', xml), [at(xml, OLD_WSDL, 'warning'), at(xml, NEW_PORT, 'info')]);
    });
    it('JSON and Postman: url.raw once, not its host/path parts', () => {
      const json = JSON.stringify({ values: [{ key: 'wsdl', value: OLD_WSDL }], item: [{ request: { url: { raw: OLD_PORT, host: ['webservices', 'netsuite', 'com'], path: ['services', 'NetSuitePort_2019_1'] } } }] }, null, 2);
      assert.deepEqual(found('soap.postman_collection.json', json), [at(json, OLD_WSDL, 'warning'), at(json, OLD_PORT, 'warning')]);
    });
    it('YAML, dotenv and .properties values, not comments', () => {
      const yaml = `soap:\n  endpoint: "${NEW_PORT}"\n  # endpoint: ${OLD_PORT}\n`;
      assert.deepEqual(found('application.yml', yaml), [at(yaml, NEW_PORT, 'info')]);
      const env = `# ${OLD_PORT}\nexport NETSUITE_WSDL='${OLD_WSDL}'\n`;
      assert.deepEqual(found('.env', env), [at(env, OLD_WSDL, 'warning')]);
      const properties = `netsuite.endpoint=${OLD_PORT}\n! netsuite.endpoint=${NEW_PORT}\n`;
      assert.deepEqual(found('soap.properties', properties), [at(properties, OLD_PORT, 'warning')]);
    });
  });

  it('cites the release dates and links the page', () => {
    const [old] = findings('a.js', `const a = '${OLD_PORT}';`, ONLY);
    assert.match(old.message, /^SOAP web services endpoint \(version 2019\.1\): as of 2027\.1 only the 2025\.2 endpoint is supported and no new SOAP integrations may be created; SOAP web services are removed in 2028\.2\./);
    const [current] = findings('a.js', `const a = '${NEW_PORT}';`, ONLY);
    assert.match(current.message, /^SOAP web services endpoint \(version 2025\.2\): 2025\.2 is the last SOAP endpoint; no new SOAP integrations may be created as of 2027\.1, and SOAP web services are removed in 2028\.2\./);
    assert.match(old.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/soap-web-services\.md\)$/);
  });

  it('a configured severity applies to every finding', () => {
    const settings = { ...ONLY, rules: { ...ONLY.rules, [ID]: 'error' as const } };
    assert.deepEqual(
      findings('a.js', `const a = '${OLD_PORT}';\nconst b = '${NEW_PORT}';`, settings).map((f) => f.severity),
      ['error', 'error'],
    );
  });

  it('offers only the migration guide (no version bump): --fix changes nothing', () => {
    const text = `const a = '${OLD_PORT}';\n`;
    const context = new FileContext(documentFor('a.js', text));
    const [finding] = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(analyzer.fixesFor(finding, context), [
      { title: 'Open the migration guide: SOAP → REST web services + OAuth 2.0', edits: [], preferred: false, openUrl: 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/soap-web-services.md' },
    ]);
    assert.equal(fixAllText('a.js', text, ONLY), text);
    const yaml = `endpoint: ${OLD_PORT}\n`;
    assert.equal(fixAllText('application.yml', yaml, ONLY), yaml);
  });
});
