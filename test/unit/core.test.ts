import * as assert from 'node:assert/strict';
import { applyEdits, LineIndex, looksBinary } from '../../server/src/core/text';
import { findSuppressions } from '../../server/src/core/suppressions';
import { parseSettings, formatProblems, DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { kindFromPath } from '../../server/src/core/document';
import { findings, summary, onlyRules } from '../helpers/analyze';

describe('line index', () => {
  it('maps offsets to 0-based positions and back, with CRLF and a last line without newline', () => {
    const text = 'ab\r\ncd\nef';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(9), { line: 2, character: 2 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
  });
});

describe('text edits', () => {
  it('applies non-overlapping edits in any order', () => {
    assert.equal(applyEdits('hello world', [{ range: { start: 6, end: 11 }, newText: 'there' }, { range: { start: 0, end: 0 }, newText: '> ' }]), '> hello there');
  });
  it('recognises binary text', () => {
    assert.equal(looksBinary('abc\u0000def'), true);
    assert.equal(looksBinary('plain text'), false);
  });
});

describe('file kinds', () => {
  it('recognises code and config files by name', () => {
    const kinds = ['a.js', 'b.mjs', 'c.cts', 'd.tsx', 'e.d.ts', '.env', '.env.production', 'prod.env', 'x.json', 'x.jsonc', 'x.postman_environment.json', 'x.yml', 'x.properties', 'x.xml', 'x.wsdl', 'README.md'].map((f) => `${f}:${kindFromPath(`/w/${f}`) ?? '-'}`);
    assert.deepEqual(kinds, ['a.js:js', 'b.mjs:js', 'c.cts:ts', 'd.tsx:ts', 'e.d.ts:-', '.env:dotenv', '.env.production:dotenv', 'prod.env:dotenv', 'x.json:json', 'x.jsonc:json', 'x.postman_environment.json:json', 'x.yml:yaml', 'x.properties:properties', 'x.xml:xml', 'x.wsdl:xml', 'README.md:-']);
  });
});

describe('suppressions', () => {
  const text = [
    "// suiteauth-disable-next-line nlauth-header -- legacy partner, ticket OPS-12",
    "const a = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x';",
    "const b = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x'; // suiteauth-disable-line",
    "const c = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x'; /* suiteauth-disable-line tba-oauth1 */",
    "fetch('https://1.restlets.api.netsuite.com', { headers: { Authorization: a + b + c } });",
  ].join('\n');

  it('parses next-line and same-line directives with rule lists and reasons', () => {
    const s = findSuppressions(text, new LineIndex(text));
    assert.equal(s.isSuppressed('nlauth-header', 1), true);
    assert.equal(s.isSuppressed('tba-oauth1', 1), false);
    assert.equal(s.isSuppressed('anything', 2), true);
    assert.equal(s.isSuppressed('nlauth-header', 3), false);
    assert.equal(s.isSuppressed('tba-oauth1', 3), true);
  });

  it('hides suppressed findings from the analysis', () => {
    assert.deepEqual(summary('s.js', text, onlyRules('nlauth-header')).map((s) => s.split('@')[1].split(':')[0]), ['4']);
  });

  it('accepts # and <!-- --> comments for config files', () => {
    const yaml = '# suiteauth-disable-next-line credentials-in-config\nx: 1\n';
    assert.equal(findSuppressions(yaml, new LineIndex(yaml)).isSuppressed('credentials-in-config', 1), true);
    const xml = '<!-- suiteauth-disable-next-line soap-passport -- migrating in Q3 -->\n<a/>\n';
    const s = findSuppressions(xml, new LineIndex(xml));
    assert.equal(s.isSuppressed('soap-passport', 1), true);
    assert.equal(s.isSuppressed('migrating', 1), false);
  });
});

describe('settings', () => {
  it('fills defaults', () => {
    assert.deepEqual(parseSettings(undefined, ['nlauth-header']), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps valid values and reports each wrong one by key, replacing it by its default', () => {
    const { settings, problems } = parseSettings({ enable: 'yes', rules: { 'nlauth-header': 'warning', 'tba-oauth1': 'loud', 'no-such': 'off' }, maxFileSize: -1, exclude: ['**/vendor/**'] }, ['nlauth-header', 'tba-oauth1']);
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.rules, { 'nlauth-header': 'warning' });
    assert.deepEqual(settings.exclude, ['**/vendor/**']);
    assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    assert.deepEqual(problems.map((p) => p.key).sort(), ['enable', 'maxFileSize', 'rules.no-such', 'rules.tba-oauth1']);
    assert.match(formatProblems(problems), /unknown rule id 'no-such'/);
  });

  it('rejects a non-object', () => {
    assert.equal(parseSettings('on', []).problems[0].message, 'settings must be an object, got string');
  });
});

describe('analyzer guards', () => {
  it('skips files over maxFileSize, binary files and disabled analysis with a reason, never throwing', () => {
    const big = "const a = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=x';\n";
    assert.deepEqual(findings('a.js', big, { ...DEFAULT_SETTINGS, maxFileSize: 10 }), []);
    assert.deepEqual(findings('a.js', big + '\u0000\u0001', DEFAULT_SETTINGS), []);
    assert.deepEqual(findings('a.js', big, { ...DEFAULT_SETTINGS, enable: false }), []);
  });

  it('survives files that do not parse at all', () => {
    for (const text of ['}}}{{{', 'const = = ;', '<<<<<<< HEAD\nconst a = 1;\n=======\n', '\uFEFF' + 'x'.repeat(10000)]) {
      assert.doesNotThrow(() => findings('broken.js', text));
    }
  });
});
