import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/config/parse';
import { assertEntry, assertRangesWithin, block, entry, fixture, keysOf, span, spanFrom } from './helpers';

describe('config: dotenv', () => {
  it('reads the netsuite-php style fixture: export, quotes, comments', () => {
    const text = fixture('netsuite.env');
    const doc = parseConfig('dotenv', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'NETSUITE_ACCOUNT'), span(text, 'NETSUITE_ACCOUNT'), '1234567', span(text, '1234567'));
    // Double and single quotes are not part of the value or its range; the comment after them is ignored.
    assertEntry(text, entry(doc, 'NETSUITE_CONSUMER_KEY'), span(text, 'NETSUITE_CONSUMER_KEY'), 'ck-placeholder', span(text, 'ck-placeholder'));
    assertEntry(text, entry(doc, 'NETSUITE_CONSUMER_SECRET'), span(text, 'NETSUITE_CONSUMER_SECRET'), 'cs-placeholder', span(text, 'cs-placeholder'));
    assertEntry(text, entry(doc, 'NETSUITE_TOKEN_KEY'), span(text, 'NETSUITE_TOKEN_KEY'), 'tk-placeholder', span(text, 'tk-placeholder'));
    // `value # comment`: the comment and the blanks before it are not the value.
    assertEntry(text, entry(doc, 'NETSUITE_TOKEN_SECRET'), span(text, 'NETSUITE_TOKEN_SECRET'), 'ts-placeholder', span(text, 'ts-placeholder'));
    const file = block(doc, '', 'file');
    assert.deepEqual(keysOf(file), ['NETSUITE_ACCOUNT', 'NETSUITE_CONSUMER_KEY', 'NETSUITE_CONSUMER_SECRET', 'NETSUITE_TOKEN_KEY', 'NETSUITE_TOKEN_SECRET', 'NETSUITE_HASH_TYPE']);
    assert.deepEqual(file.range, { start: 0, end: text.length });
    assert.deepEqual(entry(doc, 'NETSUITE_ACCOUNT').path, ['NETSUITE_ACCOUNT']);
  });

  it('handles export with several blanks, spaces around =, and KEY: value', () => {
    const text = 'export\t  NS_EMAIL = dev@example.com   \nNS_ROLE: 3\n';
    const doc = parseConfig('dotenv', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'NS_EMAIL'), span(text, 'NS_EMAIL'), 'dev@example.com', span(text, 'dev@example.com'));
    assertEntry(text, entry(doc, 'NS_ROLE'), span(text, 'NS_ROLE'), '3', span(text, '3'));
  });

  it('keeps # inside quotes and inside an unquoted word, and ends a value at " #"', () => {
    const text = 'A="x # y" # note\nB=pa#ss\nC=pass #note\nD=#not-a-value\n';
    const doc = parseConfig('dotenv', text);
    assertEntry(text, entry(doc, 'A'), span(text, 'A'), 'x # y', span(text, 'x # y'));
    assertEntry(text, entry(doc, 'B'), span(text, 'B'), 'pa#ss', span(text, 'pa#ss'));
    assertEntry(text, entry(doc, 'C'), span(text, 'C'), 'pass', spanFrom(text, 'C=', 'pass'));
    // A value that starts with # is a comment: the entry has an empty value at that point.
    const d = entry(doc, 'D');
    assert.equal(d.value, '');
    assert.deepEqual(d.valueRange, { start: text.indexOf('D=#') + 2, end: text.indexOf('D=#') + 2 });
  });

  it('decodes escapes in double quotes only, and gives raw ranges', () => {
    const text = 'A="a\\nb\\"c"\nB=\'a\\nb\'\nC=`tick`\n';
    const doc = parseConfig('dotenv', text);
    assertEntry(text, entry(doc, 'A'), span(text, 'A'), 'a\nb"c', span(text, 'a\\nb\\"c'));
    assertEntry(text, entry(doc, 'B'), span(text, 'B'), 'a\\nb', spanFrom(text, "B='", 'a\\nb'));
    assertEntry(text, entry(doc, 'C'), span(text, 'C'), 'tick', span(text, 'tick'));
  });

  it('lets a quoted value span lines, and goes on after it', () => {
    const text = 'KEY="-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"\nNEXT=1\n';
    const doc = parseConfig('dotenv', text);
    assertEntry(text, entry(doc, 'KEY'), span(text, 'KEY'), '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----', { start: text.indexOf('-----BEGIN'), end: text.indexOf('"\nNEXT') });
    assertEntry(text, entry(doc, 'NEXT'), span(text, 'NEXT'), '1', spanFrom(text, 'NEXT=', '1'));
  });

  it('gives an empty value an empty range after the =, and skips blank and comment lines', () => {
    const text = '# header\n\n   \n  # indented comment\nEMPTY=\nQUOTED=""\n';
    const doc = parseConfig('dotenv', text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.entries.map((e) => e.key), ['EMPTY', 'QUOTED']);
    const empty = entry(doc, 'EMPTY');
    assert.equal(empty.value, '');
    assert.deepEqual(empty.valueRange, { start: text.indexOf('EMPTY=') + 6, end: text.indexOf('EMPTY=') + 6 });
    assert.deepEqual(entry(doc, 'QUOTED').valueRange, { start: text.indexOf('""') + 1, end: text.indexOf('""') + 1 });
  });

  it('handles CRLF line ends and a byte order mark', () => {
    const text = '\uFEFFNS_EMAIL=a@b.c\r\nNS_PASSWORD="p w"\r\n';
    const doc = parseConfig('dotenv', text);
    assert.deepEqual(doc.errors, []);
    assertEntry(text, entry(doc, 'NS_EMAIL'), span(text, 'NS_EMAIL'), 'a@b.c', span(text, 'a@b.c'));
    assertEntry(text, entry(doc, 'NS_PASSWORD'), span(text, 'NS_PASSWORD'), 'p w', span(text, 'p w'));
  });

  it('reports lines that are not assignments and keeps the others', () => {
    const text = 'NS_EMAIL=a@b.c\nthis is not an assignment\nexport ALREADY_SET\nNS_PASSWORD="unterminated\nNS_ROLE=3\n';
    const doc = parseConfig('dotenv', text);
    assert.equal(doc.errors.length, 2);
    assert.match(doc.errors[0].message, /KEY=value/);
    assert.match(doc.errors[1].message, /Unterminated/);
    // An unterminated quote ends at the end of its line (the quote is not part of the value).
    assertEntry(text, entry(doc, 'NS_PASSWORD'), span(text, 'NS_PASSWORD'), '"unterminated', span(text, '"unterminated'));
    assertEntry(text, entry(doc, 'NS_ROLE'), span(text, 'NS_ROLE'), '3', spanFrom(text, 'NS_ROLE=', '3'));
    assert.deepEqual(doc.entries.map((e) => e.key), ['NS_EMAIL', 'NS_PASSWORD', 'NS_ROLE']);
    assertRangesWithin(doc, text.length);
  });
});
