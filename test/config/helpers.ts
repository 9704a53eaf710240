import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../../server/src/config/model';
import type { OffsetRange } from '../../server/src/core/text';

/** The range of the `nth` occurrence of `needle` in `text`. */
export function span(text: string, needle: string, nth = 0): OffsetRange {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(needle, start + 1);
    assert.ok(start >= 0, `"${needle}" (#${nth}) not in the text`);
  }
  return { start, end: start + needle.length };
}

/** The range of `needle` searched from the first occurrence of `after`. */
export function spanAfter(text: string, after: string, needle: string): OffsetRange {
  const from = text.indexOf(after);
  assert.ok(from >= 0, `"${after}" not in the text`);
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" not after "${after}"`);
  return { start, end: start + needle.length };
}

/** The range of `needle` searched from the end of the first occurrence of `before`. */
export function spanFrom(text: string, before: string, needle: string): OffsetRange {
  const from = text.indexOf(before);
  assert.ok(from >= 0, `"${before}" not in the text`);
  const start = text.indexOf(needle, from + before.length);
  assert.ok(start >= 0, `"${needle}" not after "${before}"`);
  return { start, end: start + needle.length };
}

export function entry(doc: ConfigDocument, path: string, predicate: (entry: ConfigEntry) => boolean = () => true): ConfigEntry {
  const found = doc.entries.filter((candidate) => candidate.path.join('/') === path && predicate(candidate));
  assert.equal(found.length, 1, `expected one entry at ${path}, found ${found.length}: ${doc.entries.map((e) => e.path.join('/')).join(', ')}`);
  return found[0];
}

export function block(doc: ConfigDocument, path: string, kind?: ConfigBlock['kind'], documentIndex?: number): ConfigBlock {
  const found = doc.blocks.filter(
    (candidate) => candidate.path.join('/') === path && (kind === undefined || candidate.kind === kind) && (documentIndex === undefined || candidate.documentIndex === documentIndex),
  );
  assert.equal(found.length, 1, `expected one block at ${path}, found ${found.length}`);
  return found[0];
}

export function keysOf(block: ConfigBlock): string[] {
  return block.entries.map((e) => e.key);
}

/** Asserts both ranges by the text they cover, then by offsets (offsets are what the rules use). */
export function assertEntry(text: string, actual: ConfigEntry, keyRange: OffsetRange, value: string | undefined, valueRange?: OffsetRange): void {
  assert.deepEqual(actual.keyRange, keyRange, `key range of ${actual.path.join('/')}: got "${text.slice(actual.keyRange.start, actual.keyRange.end)}"`);
  assert.equal(actual.value, value, `value of ${actual.path.join('/')}`);
  if (valueRange) {
    assert.ok(actual.valueRange, `value range of ${actual.path.join('/')}`);
    assert.deepEqual(actual.valueRange, valueRange, `value range of ${actual.path.join('/')}: got "${text.slice(actual.valueRange.start, actual.valueRange.end)}"`);
  }
}

/** Fixtures live in the source tree; tests run from a build folder, so look upwards for them. */
export function fixture(name: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'test', 'fixtures', 'config', name);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
    const parent = path.dirname(dir);
    assert.notEqual(parent, dir, `fixture ${name} not found above ${__dirname}`);
    dir = parent;
  }
}

/** Every range of the document lies within the text and is not reversed. */
export function assertRangesWithin(doc: ConfigDocument, length: number): void {
  const check = (range: OffsetRange | undefined, what: string) => {
    if (!range) return;
    assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), `${what}: integer offsets`);
    assert.ok(range.start >= 0 && range.start <= range.end && range.end <= length, `${what}: ${range.start}-${range.end} within 0-${length}`);
  };
  for (const e of doc.entries) {
    check(e.keyRange, `key ${e.path.join('/')}`);
    check(e.valueRange, `value ${e.path.join('/')}`);
  }
  for (const b of doc.blocks) {
    check(b.range, `block ${b.path.join('/')}`);
    for (const e of b.entries) check(e.keyRange, `block entry ${e.path.join('/')}`);
  }
  for (const error of doc.errors) check(error.range, `error ${error.message}`);
}
