import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDotenvConfig } from '../../server/src/config/dotenv';
import { parseJsonConfig } from '../../server/src/config/json';
import type { ConfigDocument } from '../../server/src/config/model';
import { parseConfig } from '../../server/src/config/parse';
import { parsePropertiesConfig } from '../../server/src/config/properties';
import { parseXmlConfig } from '../../server/src/config/xml';
import { parseYamlConfig } from '../../server/src/config/yaml';
import { assertEntry, assertRangesWithin, entry, fixture, span, spanFrom } from './helpers';

const PARSERS: Record<string, (text: string) => ConfigDocument> = {
  dotenv: parseDotenvConfig,
  properties: parsePropertiesConfig,
  json: parseJsonConfig,
  yaml: parseYamlConfig,
  xml: parseXmlConfig,
};

const FIXTURES: [string, string][] = [
  ['dotenv', 'netsuite.env'],
  ['properties', 'netsuite.properties'],
  ['json', 'sandbox.postman_environment.json'],
  ['json', 'restlet.postman_collection.json'],
  ['yaml', 'application.yml'],
  ['xml', 'mule-netsuite.xml'],
  ['xml', 'soap-login.xml'],
];

describe('config: malformed and half-typed input', () => {
  it('half-typed YAML: entries before and after the broken line', () => {
    const text = 'netsuite:\n  email: dev@example.com\n  password: "half\n  role: 3\nother:\n  tokenId: abc\n  tokenSecret:';
    const doc = parseYamlConfig(text);
    assert.ok(doc.errors.some((e) => /quote/i.test(e.message)));
    assertEntry(text, entry(doc, 'netsuite/email'), span(text, 'email'), 'dev@example.com', span(text, 'dev@example.com'));
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'half', span(text, 'half'));
    assertEntry(text, entry(doc, 'netsuite/role'), span(text, 'role'), '3', spanFrom(text, 'role: ', '3'));
    assertEntry(text, entry(doc, 'other/tokenId'), span(text, 'tokenId'), 'abc', span(text, 'abc'));
    assert.equal(entry(doc, 'other/tokenSecret').value, undefined);
  });

  it('half-typed YAML: a key without its colon yet, and a bad indent', () => {
    const text = 'ns:\n  email: a@b.c\n  passw\n  account: "123"\n';
    const doc = parseYamlConfig(text);
    assert.ok(doc.errors.length > 0);
    assert.ok(doc.entries.some((e) => e.key === 'email' && e.value === 'a@b.c'));
    assertRangesWithin(doc, text.length);
  });

  it('JSON with trailing commas, a missing value and a missing closing brace', () => {
    const text = '{\n  "netsuite": {\n    "email": "a@b.c",\n    "password": "x",\n  },\n  "tba": { "tokenId": "t", "tokenSecret": },\n  "more": [1, 2,],\n';
    const doc = parseJsonConfig(text);
    assert.ok(doc.errors.length > 0);
    assertEntry(text, entry(doc, 'netsuite/password'), span(text, 'password'), 'x', spanFrom(text, '"password": "', 'x'));
    assertEntry(text, entry(doc, 'tba/tokenId'), span(text, 'tokenId'), 't', spanFrom(text, '"tokenId": "', 't'));
    assert.equal(entry(doc, 'tba/tokenSecret').value, undefined);
    assertRangesWithin(doc, text.length);
  });

  it('XML with unclosed tags and a tag cut off mid-attribute', () => {
    const text = '<mule>\n  <netsuite:config name="c">\n    <netsuite:login-authentication-connection email="a@b.c" password="x" account="1"\n';
    const doc = parseXmlConfig(text);
    assert.ok(doc.errors.length > 0);
    assertEntry(text, entry(doc, 'mule/config/login-authentication-connection/password'), span(text, 'password'), 'x', spanFrom(text, 'password="', 'x'));
    assertEntry(text, entry(doc, 'mule/config/login-authentication-connection/account'), span(text, 'account'), '1', spanFrom(text, 'account="', '1'));
    assertRangesWithin(doc, text.length);
  });

  it('every prefix of every fixture parses without throwing, with ranges inside the text (typing it out)', () => {
    for (const [kind, name] of FIXTURES) {
      const full = fixture(name);
      for (let length = 0; length <= full.length; length++) {
        const text = full.slice(0, length);
        let doc: ConfigDocument;
        try {
          doc = PARSERS[kind](text);
        } catch (error) {
          assert.fail(`${name} cut at ${length} threw: ${String(error)}`);
        }
        assertRangesWithin(doc, text.length);
      }
    }
  });

  it('arbitrary text never throws in any parser and keeps ranges inside the text', () => {
    const alphabet = fc.constantFrom(...'ab:=#"\'\\ \t\n\r{}[],<>/!&;-?*|%$`@.'.split(''), 'password', 'NS_', '<<', '&a', '*a', '---', '<![CDATA[', ']]>', '<!--', '-->', '\\u00', 'export ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
        for (const parse of Object.values(PARSERS)) assertRangesWithin(parse(text), text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('an unterminated block comment keeps its error range inside the text (a fast-check counterexample)', () => {
    for (const text of ['/*', 'a/*', '{/*', '{"a": 1 /* x']) {
      const doc = parseJsonConfig(text);
      assert.ok(doc.errors.length > 0, text);
      assertRangesWithin(doc, text.length);
    }
  });

  it('parseConfig never throws and gives an empty document for kinds it does not parse', () => {
    assert.deepEqual(parseConfig('js', 'const a = 1;'), { kind: 'js', entries: [], blocks: [], errors: [] });
    for (const kind of ['dotenv', 'properties', 'json', 'yaml', 'xml'] as const) assert.doesNotThrow(() => parseConfig(kind, '\u0000\uFFFF\uD800'));
  });

  it('parses thousands of entries of every kind (speed is measured by `npm run bench`)', () => {
    const n = 2000;
    const texts: Record<string, string> = {
      dotenv: Array.from({ length: n }, (_, i) => `export NS_KEY_${i}="value ${i}" # c`).join('\n'),
      properties: Array.from({ length: n }, (_, i) => `netsuite.b${i % 50}.key${i} = value ${i}\\\n  more`).join('\n'),
      json: JSON.stringify({ values: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}`, nested: { a: i } })) }, null, 2),
      yaml: 'items:\n' + Array.from({ length: n }, (_, i) => `  - key: k${i}\n    value: "v${i}"\n    nested: {a: ${i}}`).join('\n'),
      xml: '<root>' + Array.from({ length: n }, (_, i) => `<item key="k${i}"><value>v${i}</value><n a="${i}"/></item>`).join('\n') + '</root>',
    };
    for (const [kind, text] of Object.entries(texts)) {
      const doc = PARSERS[kind](text);
      assert.ok(doc.entries.length >= n, kind);
      assert.deepEqual(doc.errors, [], kind);
      assertRangesWithin(doc, text.length);
    }
  });
});
