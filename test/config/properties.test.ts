import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/config/parse';
import { assertEntry, assertRangesWithin, block, entry, fixture, keysOf, span, spanFrom } from './helpers';

describe('config: .properties', () => {
  it('reads the nsrestlet-style fixture: = : and blank separators, continuations, escapes', () => {
    const text = fixture('netsuite.properties');
    const doc = parseConfig('properties', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'netsuite.auth.accountId'), span(text, 'netsuite.auth.accountId'), '1234567', span(text, '1234567'));
    assertEntry(text, entry(doc, 'netsuite.auth.email'), span(text, 'netsuite.auth.email'), 'dev@example.com', span(text, 'dev@example.com'));
    // Blank separator, and a continuation whose next line's leading blanks are dropped.
    assertEntry(text, entry(doc, 'netsuite.auth.password'), span(text, 'netsuite.auth.password'), 'not-real', { start: text.indexOf('not\\'), end: text.indexOf('-real') + 5 });
    // `\:` is an escaped colon inside the value.
    assertEntry(text, entry(doc, 'netsuite.endpoint'), span(text, 'netsuite.endpoint'), 'https://1234567.restlets.api.netsuite.com', span(text, 'https\\://1234567.restlets.api.netsuite.com'));
    // Dotted keys stay one key; the part before the last dot groups them.
    assert.deepEqual(entry(doc, 'netsuite.auth.email').path, ['netsuite.auth.email']);
    assert.deepEqual(keysOf(block(doc, 'netsuite.auth', 'prefix')), ['netsuite.auth.accountId', 'netsuite.auth.email', 'netsuite.auth.password']);
    const prefix = block(doc, 'netsuite.auth', 'prefix');
    assert.deepEqual(prefix.range, { start: text.indexOf('netsuite.auth.accountId'), end: text.indexOf('-real') + 5 });
    assert.deepEqual(keysOf(block(doc, 'netsuite', 'prefix')), ['netsuite.endpoint']);
    assert.equal(block(doc, '', 'file').entries.length, 4);
  });

  it('separates on the first unescaped =, : or blank, with blanks around it', () => {
    const text = 'a.b = 1\na.c:2\na.d   3\na.e=x=y\na.f : = z\n';
    const doc = parseConfig('properties', text);
    assertEntry(text, entry(doc, 'a.b'), span(text, 'a.b'), '1', span(text, '1'));
    assertEntry(text, entry(doc, 'a.c'), span(text, 'a.c'), '2', span(text, '2'));
    assertEntry(text, entry(doc, 'a.d'), span(text, 'a.d'), '3', span(text, '3'));
    assertEntry(text, entry(doc, 'a.e'), span(text, 'a.e'), 'x=y', span(text, 'x=y'));
    // Only one separator is consumed: the `=` after `:` starts the value.
    assertEntry(text, entry(doc, 'a.f'), span(text, 'a.f'), '= z', span(text, '= z'));
  });

  it('decodes escapes in keys and values (\\t, \\uXXXX, escaped blanks and separators)', () => {
    const text = 'key\\ with\\:colon=tab\\there\nunicode=caf\\u00e9\n';
    const doc = parseConfig('properties', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'key with:colon'), span(text, 'key\\ with\\:colon'), 'tab\there', span(text, 'tab\\there'));
    assertEntry(text, entry(doc, 'unicode'), span(text, 'unicode'), 'café', span(text, 'caf\\u00e9'));
  });

  it('continues keys and values over several lines, and not after a comment', () => {
    const text = '# comment \\\nns.password = one\\\n    two\\\n\tthree\n! bang comment\nns.email=e\n';
    const doc = parseConfig('properties', text);
    assert.deepEqual(doc.entries.map((e) => e.key), ['ns.password', 'ns.email']);
    assertEntry(text, entry(doc, 'ns.password'), span(text, 'ns.password'), 'onetwothree', { start: text.indexOf('one'), end: text.indexOf('three') + 5 });
    assertEntry(text, entry(doc, 'ns.email'), span(text, 'ns.email'), 'e', spanFrom(text, 'ns.email=', 'e'));
  });

  it('gives a key without a value an empty value, and handles CRLF', () => {
    const text = 'empty=\r\nlonely\r\nns.role=3\r\n';
    const doc = parseConfig('properties', text);
    assert.equal(entry(doc, 'empty').value, '');
    assert.equal(entry(doc, 'lonely').value, '');
    assertEntry(text, entry(doc, 'ns.role'), span(text, 'ns.role'), '3', span(text, '3'));
  });

  it('reports a malformed \\u escape and keeps the entry', () => {
    const text = 'bad=\\u12G4\nnext=1\n';
    const doc = parseConfig('properties', text);
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0].message, /uXXXX/);
    assert.equal(entry(doc, 'next').value, '1');
    assert.ok(entry(doc, 'bad').value?.startsWith('u'));
    assertRangesWithin(doc, text.length);
  });
});
