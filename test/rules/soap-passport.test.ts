import * as assert from 'node:assert/strict';
import { FileContext } from '../../server/src/core/analyzer';
import { analyzer, documentFor, findings, fixAllText, onlyRules, parseProblems, spanOf } from '../helpers/analyze';

const ID = 'soap-passport';
const ONLY = onlyRules(ID);

function found(fileName: string, text: string) {
  return findings(fileName, text, ONLY).map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
}
/** The range of `sub` inside the `nth` occurrence of `needle`. */
function at(text: string, needle: string, sub = 'passport', nth = 0) {
  const span = spanOf(text, needle, nth);
  const offset = needle.indexOf(sub);
  assert.ok(offset >= 0, `'${sub}' is not in '${needle}'`);
  return { ruleId: ID, start: span.start + offset, end: span.start + offset + sub.length };
}

const CHILDREN = '<platformCore:email>a@example.com</platformCore:email><platformCore:password>pw</platformCore:password>';

describe('soap-passport', () => {
  describe('finds <passport> elements in strings and templates, with any prefix, on the local name', () => {
    const cases: [string, string, string][] = [
      ['no prefix, xmlns attribute', `const x = '<passport xmlns="urn:messages_2019_1.platform.webservices.netsuite.com"><email>a@b.c</email><password>p</password></passport>';`, '<passport xmlns'],
      ['platformMsgs prefix', `const x = "<platformMsgs:passport>${CHILDREN}</platformMsgs:passport>";`, '<platformMsgs:passport>'],
      ['urn prefix in a template with holes', 'const x = `<urn:passport>\n  <urn1:email>${email}</urn1:email>\n  <urn1:password>${password}</urn1:password>\n</urn:passport>`;', '<urn:passport>'],
      ['ns prefix', `const x = '<ns:passport><ns2:account>1</ns2:account></ns:passport>';`, '<ns:passport>'],
      ['prefix from a template hole', 'const x = `<${ns}:passport><${core}:email>${e}</${core}:email></${ns}:passport>`;', '<${ns}:passport>'],
      ['open tag cut before its attributes', `const x = '<platformMsgs:passport' + attrs + '>' + body;`, "'<platformMsgs:passport'"],
    ];
    for (const [name, text, needle] of cases) {
      it(name, () => assert.deepEqual(found('a.js', text), [at(text, needle)]));
    }
  });

  it('follows a header built by concatenation, an array join and a prefix from a variable', () => {
    const concat = [
      'function header(email, password) {',
      "  return '<platformMsgs:passport>' +",
      "    '<platformCore:email>' + email + '</platformCore:email>' +",
      "    '<platformCore:password>' + password + '</platformCore:password>' +",
      "    '</platformMsgs:passport>';",
      '}',
    ].join('\n');
    assert.deepEqual(found('a.js', concat), [at(concat, "'<platformMsgs:passport>'")]);
    const joined = "const xml = ['<passport>', '<email>', email, '</email>', '<password>', pw, '</password>', '</passport>'].join('');";
    assert.deepEqual(found('a.js', joined), [at(joined, "'<passport>'")]);
    const prefixed = "const xml = '<' + ns + ':passport>' + '<' + ns + ':email>' + email + '</' + ns + ':email></' + ns + ':passport>';";
    assert.deepEqual(found('a.js', prefixed), [at(prefixed, "':passport>'")]);
  });

  it('reports a passport constant used in an envelope once, where it is written', () => {
    const text = [
      `const PASSPORT = '<platformMsgs:passport>${CHILDREN}</platformMsgs:passport>';`,
      "const ENVELOPE = '<soapenv:Envelope><soapenv:Header>' + PASSPORT + '</soapenv:Header></soapenv:Envelope>';",
      "fetch(url, { method: 'POST', body: ENVELOPE });",
      "fetch(url2, { method: 'POST', body: ENVELOPE });",
    ].join('\n');
    assert.deepEqual(found('a.js', text), [at(text, '<platformMsgs:passport>')]);
  });

  it('reports two passports in one template twice', () => {
    const text = `const x = \`<a:passport>${CHILDREN}</a:passport><b:passport>${CHILDREN}</b:passport>\`;`;
    assert.deepEqual(found('a.ts', text), [at(text, '<a:passport>'), at(text, '<b:passport>')]);
  });

  describe('finds the passport written as a JS object', () => {
    it('node-soap addSoapHeader, on the key', () => {
      const text = "client.addSoapHeader({ passport: { email: 'a@b.c', password: pw, account: '1', role: { attributes: { internalId: '3' } } } });";
      assert.deepEqual(found('a.js', text), [at(text, 'passport: {')]);
    });
    it('login / loginAsync with a passport whose value is not known', () => {
      const text = 'async function f(client, creds) {\n  await client.login({ passport: creds });\n  return client.loginAsync({ passport: creds });\n}';
      assert.deepEqual(found('a.js', text), [at(text, 'login({ passport'), at(text, 'loginAsync({ passport')]);
    });
    it('a shorthand key whose constant has an email and password', () => {
      const text = "const passport = { email: process.env.NS_EMAIL, password: process.env.NS_PASSWORD, account: '1' };\nclient.addSoapHeader({ passport });";
      assert.deepEqual(found('a.js', text), [at(text, '{ passport }')]);
    });
    it('a namespaced key (xml2js, xmlbuilder trees), on the local name inside the quotes', () => {
      const text = "const tree = { 'soapenv:Header': { 'platformMsgs:passport': { 'platformCore:email': e, 'platformCore:password': p } } };";
      assert.deepEqual(found('a.js', text), [at(text, "'platformMsgs:passport'")]);
    });
    it('a member assignment with a namespaced key', () => {
      const text = "const h = {};\nh['platformMsgs:passport'] = { 'platformCore:email': e, 'platformCore:password': p };";
      assert.deepEqual(found('a.js', text), [at(text, "['platformMsgs:passport']")]);
    });
    it('an xmlbuilder element in a NetSuite SOAP file', () => {
      const text = "const { create } = require('xmlbuilder2');\nconst NS = 'urn:messages_2019_1.platform.webservices.netsuite.com';\nconst doc = create().ele(NS, 'soapenv:Envelope').ele('platformMsgs:passport').ele('platformCore:email').txt(email);";
      assert.deepEqual(found('a.js', text), [at(text, "ele('platformMsgs:passport')")]);
    });
  });

  describe('finds SuiteTalk SOAP libraries configured with an email and password, on the object with them', () => {
    it('node-suitetalk Configuration credentials (require, alias)', () => {
      const text = "const NetSuite = require('node-suitetalk');\nconst Configuration = NetSuite.Configuration;\nconst config = new Configuration({ account: '1', apiVersion: '2019_2', credentials: { email: 'a@b.c', password: 'pw', role: '3' }, wsdlPath: p });";
      const hit = at(text, "{ email: 'a@b.c', password: 'pw', role: '3' }", "{ email: 'a@b.c', password: 'pw', role: '3' }");
      assert.deepEqual(found('a.js', text), [hit]);
      assert.match(findings('a.js', text, ONLY)[0].message, /node-suitetalk is configured .* role 3 \(Administrator\)/);
    });
    it('node-suitetalk with ES imports', () => {
      const text = "import { Configuration } from 'node-suitetalk';\nexport const config = new Configuration({ account: '1', credentials: { email: e, password: p } });";
      assert.deepEqual(found('a.ts', text), [at(text, '{ email: e, password: p }', '{ email: e, password: p }')]);
    });
    it('the netsuite package (username/password)', () => {
      const text = "import NetSuite from 'netsuite';\nconst client = new NetSuite({ accountId: 1, username: u, password: p, roleId: 14 });";
      assert.deepEqual(found('a.js', text), [at(text, '{ accountId: 1, username: u, password: p, roleId: 14 }', '{ accountId: 1, username: u, password: p, roleId: 14 }')]);
      assert.match(findings('a.js', text, ONLY)[0].message, /netsuite is configured .*role 14 \(Customer Center\)/);
    });
    it('suitetalk.setCredentials with a constant', () => {
      const text = "const suitetalk = require('suitetalk');\nconst credentials = { email: e, password: p, roleId: '3', account: '1' };\nsuitetalk.setCredentials(credentials);";
      assert.deepEqual(found('a.js', text), [at(text, "{ email: e, password: p, roleId: '3', account: '1' }", "{ email: e, password: p, roleId: '3', account: '1' }")]);
    });
    it('netsuite-uploader-util with positional credentials, on the login call', () => {
      const text = "var nsutil = require('netsuite-uploader-util');\nvar client = new nsutil.SuiteTalk();\nvar creds = nsutil.Credentials;\nclient.init(creds.email, creds.password, '3690872', 3).then(upload);";
      assert.deepEqual(found('gulpfile.js', text), [at(text, "client.init(creds.email, creds.password, '3690872', 3)", "client.init(creds.email, creds.password, '3690872', 3)")]);
      assert.match(findings('gulpfile.js', text, ONLY)[0].message, /netsuite-uploader-util is configured .*role 3 \(Administrator\)/);
      const other = "const client = new Other();\nclient.init(email, password);";
      assert.deepEqual(found('a.js', other), []);
    });
    it('not a library configured with tokens', () => {
      const text = "const NetSuite = require('node-suitetalk');\nnew NetSuite.Configuration({ account: '1', apiVersion: '2021_2', token: { consumer_key: a, consumer_secret: b, token_key: c, token_secret: d } });";
      assert.deepEqual(found('a.js', text), []);
    });
  });

  describe('XML files and config values', () => {
    const envelope = [
      '<?xml version="1.0"?>',
      '<!-- <platformMsgs:passport><platformCore:email/></platformMsgs:passport> -->',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:platformMsgs="urn:messages_2020_1.platform.webservices.netsuite.com">',
      '  <soapenv:Body><platformMsgs:login>',
      '    <platformMsgs:passport>',
      '      <platformCore:email>jane@example.com</platformCore:email>',
      '      <platformCore:password>Winter2020!</platformCore:password>',
      '      <platformCore:role internalId="3"/>',
      '    </platformMsgs:passport>',
      '  </platformMsgs:login></soapenv:Body>',
      '</soapenv:Envelope>',
      '',
    ].join('\n');

    it('a SOAP envelope: the element, not the comment', () => {
      assert.deepEqual(found('login.xml', envelope), [at(envelope, '    <platformMsgs:passport>')]);
      const [f] = findings('login.xml', envelope, ONLY);
      assert.match(f.message, /role 3 \(Administrator\)/);
      assert.ok(!f.message.includes('Winter2020!') && !(f.hover ?? '').includes('Winter2020!'));
      assert.ok(!f.message.includes('jane@example.com'));
    });

    it('a WSDL-adjacent .wsdl file and a payload in CDATA', () => {
      const cdata = `<mule><set-payload><![CDATA[<soapenv:Envelope><soapenv:Header><ns:passport>${CHILDREN}</ns:passport></soapenv:Header></soapenv:Envelope>]]></set-payload></mule>\n`;
      assert.deepEqual(found('mule-config.xml', cdata), [at(cdata, '<ns:passport>')]);
      assert.deepEqual(found('request.wsdl', envelope), [at(envelope, '    <platformMsgs:passport>')]);
    });

    it('a SoapUI project: requests in CDATA and escaped, not an escaped travel passport', () => {
      const xml = [
        '<con:soapui-project xmlns:con="http://eviware.com/soapui/config">',
        '<con:request>&lt;soapenv:Envelope>&lt;urn:passport>&lt;urn1:email>a&lt;/urn1:email>&lt;/urn:passport>&lt;passport>X1&lt;/passport>&lt;/soapenv:Envelope></con:request>',
        `<con:request><![CDATA[<soapenv:Envelope><urn:passport>${CHILDREN}</urn:passport></soapenv:Envelope>]]></con:request>`,
        '</con:soapui-project>',
        '',
      ].join('\n');
      assert.deepEqual(found('NetSuite-soapui-project.xml', xml), [at(xml, '&lt;urn:passport>'), at(xml, '<urn:passport>')]);
    });

    it('a DataWeave script in a MuleSoft config', () => {
      const text = '<mule><ee:set-payload><![CDATA[%dw 2.0\n---\n{ platformMsgs#login: { platformMsgs#passport: { platformCore#email: p("e") } } }]]></ee:set-payload></mule>\n';
      assert.deepEqual(found('flow.xml', text), [at(text, 'platformMsgs#passport:')]);
    });

    it('a Postman raw body and a YAML block scalar', () => {
      const json = JSON.stringify({ item: [{ request: { body: { mode: 'raw', raw: `<soapenv:Envelope>\n<urn:passport>\n${CHILDREN}\n</urn:passport>\n</soapenv:Envelope>` } } }] }, null, 2);
      assert.deepEqual(found('ns.postman_collection.json', json), [at(json, '<urn:passport>')]);
      const yaml = `request:\n  body: |\n    <soapenv:Envelope>\n      <platformMsgs:passport>\n        ${CHILDREN}\n      </platformMsgs:passport>\n    </soapenv:Envelope>\n`;
      assert.deepEqual(found('soap.yaml', yaml), [at(yaml, '<platformMsgs:passport>')]);
    });

    it('not a travel passport, a schema declaring one, or a passport in a comment', () => {
      const text = '<root><!-- <passport><email/></passport> --><traveller><passport>X1234567</passport></traveller><xs:element name="passport" type="xs:string"/><passport/></root>\n';
      assert.deepEqual(found('travel.xml', text), []);
      const yaml = '# body: <platformMsgs:passport><platformCore:email/></platformMsgs:passport>\nname: passport\n';
      assert.deepEqual(found('c.yaml', yaml), []);
    });
  });

  describe('is not fooled', () => {
    it('by the Node passport authentication library', () => {
      const text = [
        "const passport = require('passport');",
        "const LocalStrategy = require('passport-local').Strategy;",
        "passport.use(new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, verify));",
        "app.post('/login', passport.authenticate('local', { failureRedirect: '/login' }));",
        'app.use(passport.initialize());',
        'app.use(passport.session());',
        'const id = req.session.passport.user;',
        'req.session.passport = { user: id };',
        "module.exports = { passport, strategies: { local: { passport: passport } } };",
      ].join('\n');
      assert.deepEqual(found('auth.js', text), []);
    });

    it('by comments, logs, errors, searches, tests, travel documents and other elements', () => {
      const text = [
        `// client.addSoapHeader('<platformMsgs:passport>${CHILDREN}</platformMsgs:passport>');`,
        `/** @example <passport>${CHILDREN}</passport> */`,
        "console.log('SOAP <passport> logins are rejected since 2020.2');",
        "if (xml.indexOf('<platformMsgs:passport>') >= 0) throw new Error('found <passport><email/></passport>');",
        "it('removes the <passport><email/></passport> header', () => expect(xml).not.toContain('<passport><email>'));",
        "const traveller = { passport: { number: 'X1', expires: '2031' } };",
        "const html = '<label for=\"passport\">Passport</label><passport-form></passport-form><passport>X123</passport>';",
        "const tokenXml = '<platformMsgs:tokenPassport><platformCore:account>1</platformCore:account></platformMsgs:tokenPassport>';",
        "const sso = '<platformMsgs:ssoPassport><platformCore:email>a</platformCore:email></platformMsgs:ssoPassport>';",
      ].join('\n');
      assert.deepEqual(found('a.js', text), []);
    });

    it('by JSX and TypeScript types', () => {
      const text = "type Passport = { email: string; password: string };\ninterface Header { passport: Passport }\nexport const View = () => <Passport email={e} />;\n";
      assert.deepEqual(found('a.tsx', text), []);
    });
  });

  it('keeps finding the element while the code around it is half-typed', () => {
    const text = `const xml = '<platformMsgs:passport>${CHILDREN}</platformMsgs:passport>';\nclient.addSoapHeader(xml\n`;
    assert.ok(parseProblems('a.js', text).length > 0);
    assert.deepEqual(found('a.js', text), [at(text, '<platformMsgs:passport>')]);
  });

  it('cites the release dates, links the page, and never shows a value', () => {
    const text = "client.addSoapHeader({ passport: { email: 'ops@example.com', password: 'Sup3rS3cret!', account: '1234567', role: '3' } });";
    const [f] = findings('a.js', text, ONLY);
    for (const part of ['2020.2', '2027.1', '2025.2', '2028.2', '2018.2', 'OAuth 2.0 is not available for SOAP']) assert.ok(f.message.includes(part), `${part} in ${f.message}`);
    assert.equal(f.severity, 'error');
    for (const secret of ['Sup3rS3cret!', 'ops@example.com', '1234567']) {
      assert.ok(!f.message.includes(secret) && !(f.hover ?? '').includes(secret), secret);
    }
    assert.match(f.hover ?? '', /\[Rule documentation\]\(https:\/\/github\.com\/suiteauth\/suiteauth\/blob\/main\/docs\/rules\/soap-passport\.md\)$/);
  });

  it('offers only the migration guide: no edits, not preferred, and --fix changes nothing', () => {
    const text = `const xml = '<platformMsgs:passport>${CHILDREN}</platformMsgs:passport>';\n`;
    const context = new FileContext(documentFor('a.js', text));
    const [finding] = analyzer.analyze(context, ONLY).findings;
    assert.deepEqual(analyzer.fixesFor(finding, context), [
      { title: 'Open the migration guide: SOAP → REST web services + OAuth 2.0', edits: [], preferred: false, openUrl: 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/soap-passport.md' },
    ]);
    assert.equal(fixAllText('a.js', text, ONLY), text);
    const xml = `<e><ns:passport>${CHILDREN}</ns:passport></e>\n`;
    const xmlContext = new FileContext(documentFor('a.xml', xml));
    const [xmlFinding] = analyzer.analyze(xmlContext, ONLY).findings;
    assert.equal(analyzer.fixesFor(xmlFinding, xmlContext)[0].openUrl, 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/soap-passport.md');
    assert.equal(fixAllText('a.xml', xml, ONLY), xml);
  });

  it('can be suppressed on the line', () => {
    const text = `// suiteauth-disable-next-line soap-passport -- partner moves to REST in Q3\nconst xml = '<ns:passport>${CHILDREN}</ns:passport>';\n`;
    assert.deepEqual(found('a.js', text), []);
    const xml = `<e>\n<!-- suiteauth-disable-next-line soap-passport -- legacy sandbox -->\n<ns:passport>${CHILDREN}</ns:passport></e>\n`;
    assert.deepEqual(found('a.xml', xml), []);
  });
});
