import { visit as visitJson } from 'jsonc-parser';
import { normalizeKey } from '../config/keys';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../config/model';
import { ancestorBlocks, blocksOfEntry, documentHasNetSuiteContext, entryHasNetSuiteContext, isAccountId } from '../config/netsuiteContext';
import type { RuleContext } from '../core/rule';
import type { OffsetRange, TextEdit } from '../core/text';
import { NETSUITE_URL } from '../js/netsuiteContext';

/**
 * What the config sides of `nlauth-header`, `tba-hmac-sha1`,
 * `tba-token-endpoint`, `missing-pkce` and `pkce-plain` share: the string
 * values of a config file (entries and, in JSON, the lines of Postman
 * scripts), NetSuite context for them, and edits that keep the file's style.
 */

/** A string a rule may match: the value of an entry, or a string item of a JSON array (a line of a Postman script). */
export interface ConfigString {
  /** The decoded value. */
  value: string;
  /** The value as written (no quotes): what ranges and edits refer to. */
  range: OffsetRange;
  /** Undefined for a JSON array item. */
  entry?: ConfigEntry;
  /** Path of an array item: the keys down to the array and the item's index. */
  path: string[];
}

// ---------------------------------------------------------------------------
// Postman

/** A Postman collection, environment or globals export (by name or by content). */
export function isPostmanDocument(context: RuleContext): boolean {
  const cached = postmanCache.get(context.document);
  if (cached !== undefined) return cached;
  const uri = context.document.uri.toLowerCase();
  const text = context.document.text;
  const result =
    context.document.kind === 'json' &&
    (/\.postman_(?:collection|environment|globals)(?:\.[\w-]+)?\.json$/.test(uri) || /"_postman_id"|schema\.getpostman\.com|"_postman_variable_scope"|"_postman_exported_using"/.test(text));
  postmanCache.set(context.document, result);
  return result;
}
const postmanCache = new WeakMap<object, boolean>();

// ---------------------------------------------------------------------------
// NetSuite context

/**
 * NetSuite context of a config string (spec "NetSuite context"): the entry's
 * own key, path and value, its block and ancestors (config/netsuiteContext);
 * for flat files and for Postman exports (one API per collection or
 * environment) the whole document; a value that names NetSuite itself.
 */
export function hasNetSuiteContext(context: RuleContext, s: ConfigString): boolean {
  const doc = context.config();
  if (valueSaysNetSuite(s.value)) return true;
  if (s.entry && entryHasNetSuiteContext(doc, s.entry)) return true;
  if (!s.entry || isPostmanDocument(context)) return documentHasNetSuiteContext(doc);
  return false;
}

/** A value that shows NetSuite by itself: a NetSuite host or path, `nlauth_`, a `realm` holding an account id. */
export function valueSaysNetSuite(value: string): boolean {
  if (value.length > 20000) return false;
  if (NETSUITE_URL.test(value) || /\bnlauth_/i.test(value)) return true;
  const realm = /\brealm\s*[=:]\s*\\?["']?([\w-]+)/i.exec(value);
  return realm !== null && isAccountId(realm[1]);
}

// ---------------------------------------------------------------------------
// The strings of a config file

/** Keys whose values are prose or labels, never settings: a URL in a description is not a call. */
const DESCRIPTIVE = /^(?:description|desc|comments?|notes?|summary|title|name|label|help|remarks?|docs?|documentation|displayname|info)$/;

export function isDescriptiveKey(key: string): boolean {
  return DESCRIPTIVE.test(normalizeKey(key));
}

/**
 * The string values of a config file, each once: a Postman `{ key, value }`
 * item stands for itself (not also as its `value` property), a YAML alias is
 * its definition. Values under descriptive keys (descriptions, names) and
 * Postman items switched off (`"disabled": true`, `"enabled": false`) are left
 * out: prose and disabled items are not what is sent.
 */
export function configStrings(context: RuleContext): ConfigString[] {
  const doc = context.config();
  let cached = stringsCache.get(doc);
  if (cached) return cached;
  const byRange = new Map<string, ConfigString>();
  const skipped = disabledItemValues(doc);
  for (const entry of doc.entries) {
    if (entry.value === undefined || !entry.valueRange || entry.valueRange.end <= entry.valueRange.start) continue;
    const id = `${entry.valueRange.start}:${entry.valueRange.end}`;
    // A Postman item is named by its `key`; other entries by their path.
    const descriptive = entry.keyValueItem ? isDescriptiveKey(entry.key) || entry.path.slice(0, -1).some(isDescriptiveKey) : entry.path.some(isDescriptiveKey);
    if (descriptive) {
      skipped.add(id);
      continue;
    }
    const known = byRange.get(id);
    if (known && (known.entry?.keyValueItem || !entry.keyValueItem)) continue;
    byRange.set(id, { value: entry.value, range: entry.valueRange, entry, path: entry.path });
  }
  const out = [...byRange.values()].filter((s) => !skipped.has(`${s.range.start}:${s.range.end}`));
  if (doc.kind === 'json') out.push(...jsonArrayStrings(context.document.text));
  out.sort((a, b) => a.range.start - b.range.start);
  cached = out;
  stringsCache.set(doc, cached);
  return cached;
}
const stringsCache = new WeakMap<ConfigDocument, ConfigString[]>();

/** Value ranges of Postman items that are switched off. */
function disabledItemValues(doc: ConfigDocument): Set<string> {
  const out = new Set<string>();
  for (const block of doc.blocks) {
    if (block.kind !== 'object') continue;
    const off = block.entries.some((e) => (e.key === 'disabled' && e.value === 'true') || (e.key === 'enabled' && e.value === 'false'));
    if (!off || !block.entries.some((e) => e.key === 'key')) continue;
    const value = block.entries.find((e) => e.key === 'value');
    if (value?.valueRange) out.add(`${value.valueRange.start}:${value.valueRange.end}`);
  }
  return out;
}

/** String items of JSON arrays (Postman `exec` script lines, raw header lists), as written. */
function jsonArrayStrings(text: string): ConfigString[] {
  const out: ConfigString[] = [];
  visitJson(
    text,
    {
      onLiteralValue: (value: unknown, offset: number, length: number, _line: number, _column: number, pathSupplier: () => (string | number)[]) => {
        if (typeof value !== 'string' || length < 3) return;
        const path = pathSupplier();
        if (typeof path[path.length - 1] !== 'number') return;
        if (path.some((p) => typeof p === 'string' && isDescriptiveKey(p))) return;
        const closed = text.charCodeAt(offset + length - 1) === 0x22 && length >= 2;
        out.push({ value, range: { start: offset + 1, end: offset + length - (closed ? 1 : 0) }, path: path.map(String) });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return out;
}

/** Whether a string is a line of a Postman script (`event[].script.exec[]`). */
export function isScriptLine(s: ConfigString): boolean {
  return !s.entry && s.path.includes('exec');
}

/** The text of every Postman script line of the file, for evidence such as `oauth_` in a pre-request script. */
export function scriptText(context: RuleContext): string {
  return configStrings(context)
    .filter(isScriptLine)
    .map((s) => s.value)
    .join('\n');
}

// ---------------------------------------------------------------------------
// Ranges

/**
 * The range of the first match of `pattern` in a string as written; when only
 * the decoded value matches (escapes, entities), the whole string.
 */
export function matchRange(text: string, s: ConfigString, pattern: RegExp, group = 0): OffsetRange | undefined {
  const raw = text.slice(s.range.start, s.range.end);
  const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(raw);
  if (m) {
    const part = m[group] ?? m[0];
    const at = m.index + (group > 0 ? m[0].indexOf(part) : 0);
    return { start: s.range.start + at, end: s.range.start + at + part.length };
  }
  return new RegExp(pattern.source, pattern.flags.replace('g', '')).test(s.value) ? s.range : undefined;
}

/**
 * In a Postman script line, the JS string literal around a match (its content,
 * without quotes); the match itself when no literal encloses it.
 */
export function literalAround(text: string, s: ConfigString, match: OffsetRange): OffsetRange {
  const raw = text.slice(s.range.start, s.range.end);
  const at = match.start - s.range.start;
  const quotes = [/\\"/g, /'/g, /`/g];
  let best: OffsetRange | undefined;
  for (const quote of quotes) {
    const positions: { index: number; length: number }[] = [];
    for (const m of raw.matchAll(quote)) {
      // A `\'` inside a JS string does not end it.
      if (m[0] === "'" && raw[m.index - 1] === '\\' && raw[m.index - 2] !== '\\') continue;
      positions.push({ index: m.index, length: m[0].length });
    }
    for (let i = 0; i + 1 < positions.length; i += 2) {
      const open = positions[i];
      const close = positions[i + 1];
      if (open.index + open.length <= at && at < close.index) {
        const start = s.range.start + open.index + open.length;
        const end = s.range.start + close.index;
        if (end >= match.end && (!best || start > best.start)) best = { start, end };
      }
    }
  }
  return best ?? match;
}

/**
 * The range to report for a match in a string: the whole string when it is
 * one line, else the line of the match (a header in a YAML `run: |` script).
 */
export function lineOfMatch(text: string, s: ConfigString, match: OffsetRange): OffsetRange {
  const raw = text.slice(s.range.start, s.range.end);
  if (!/[\r\n]/.test(raw)) return s.range;
  let start = match.start;
  while (start > s.range.start && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = match.end;
  while (end < s.range.end && text[end] !== '\n' && text[end] !== '\r') end++;
  while (start < match.start && /\s/.test(text[start])) start++;
  while (end > match.end && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// ---------------------------------------------------------------------------
// Blocks

/** The block an entry is a member of (the object, XML element, item array or flat file). */
export function blockOf(doc: ConfigDocument, entry: ConfigEntry): ConfigBlock | undefined {
  const blocks = blocksOfEntry(doc, entry);
  return blocks.find((b) => b.kind !== 'file') ?? blocks[0];
}

/** Entries of a block and of the blocks nested in it (same YAML document). */
export function entriesUnder(doc: ConfigDocument, block: ConfigBlock): ConfigEntry[] {
  if (block.kind === 'file') return doc.entries;
  const out: ConfigEntry[] = [];
  for (const other of doc.blocks) {
    if (other.documentIndex !== block.documentIndex) continue;
    if (other === block || (other.range.start >= block.range.start && other.range.end <= block.range.end && isPrefix(block.path, other.path))) out.push(...other.entries);
  }
  return [...new Set(out)];
}

/** Scalar entries of the ancestors of a block. */
export function ancestorEntries(doc: ConfigDocument, block: ConfigBlock): ConfigEntry[] {
  return ancestorBlocks(doc, block).flatMap((b) => b.entries.filter((e) => e.value !== undefined));
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The object block of a Postman `{ key, value }` item (the item itself, not the array). */
export function itemObjectOf(doc: ConfigDocument, entry: ConfigEntry): ConfigBlock | undefined {
  if (!entry.keyValueItem) return undefined;
  return doc.blocks.find((b) => b.kind === 'object' && b.path.length === entry.path.length && b.range.start <= entry.keyRange.start && entry.keyRange.end <= b.range.end && b.entries.some((e) => e.key === 'key'));
}

/** The object blocks of the items of a Postman item array, in order. */
export function itemObjectsOf(doc: ConfigDocument, items: ConfigBlock): ConfigBlock[] {
  return doc.blocks
    .filter((b) => b.kind === 'object' && b.path.length === items.path.length + 1 && isPrefix(items.path, b.path) && b.range.start > items.range.start && b.range.end <= items.range.end)
    .sort((a, b) => a.range.start - b.range.start);
}

// ---------------------------------------------------------------------------
// Edits

/** Replaces a range with text. */
export function replace(range: OffsetRange, newText: string): TextEdit {
  return { range: { start: range.start, end: range.end }, newText };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * A key named like `like`, with its trailing words replaced: `grant_type` →
 * `code_challenge_method`, `NETSUITE_GRANT_TYPE` → `NETSUITE_CODE_CHALLENGE_METHOD`,
 * `grantType` → `codeChallengeMethod`, `authorization-grant-type` →
 * `code-challenge-method`. `replaced` matches the words to replace at the end
 * of the key (the last dotted segment).
 */
export function keyLike(like: string, replaced: RegExp, words: readonly string[]): string {
  const dot = like.lastIndexOf('.');
  const base = dot >= 0 ? like.slice(0, dot + 1) : '';
  const segment = dot >= 0 ? like.slice(dot + 1) : like;
  const m = new RegExp(`(?:${replaced.source})$`, 'i').exec(segment);
  const head = m ? segment.slice(0, m.index) : segment.length > 0 ? segment + (/[_-]$/.test(segment) ? '' : separatorOf(segment)) : '';
  const sample = m ? m[0] : segment;
  const separator = separatorOf(sample) || separatorOf(segment) || separatorOf(like);
  let styled: string;
  if (sample.length > 0 && sample === sample.toUpperCase() && /[A-Z]/.test(sample)) styled = words.map((w) => w.toUpperCase()).join(separator);
  else if (separator) styled = words.join(separator);
  else if (/[a-z][A-Z]/.test(sample) || /^[A-Z][a-z]/.test(sample)) {
    const camel = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
    styled = /^[A-Z]/.test(sample) ? camel[0].toUpperCase() + camel.slice(1) : camel;
  } else if (/[a-z]/.test(head) && /[A-Z]/.test(head)) {
    styled = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  } else styled = words.join('');
  // `oauthGrantType` → `oauth` + `CodeChallengeMethod`
  if (head.length > 0 && /[a-z0-9]$/.test(head) && !separator && /^[a-z]/.test(styled)) styled = styled[0].toUpperCase() + styled.slice(1);
  return base + head + styled;
}

function separatorOf(key: string): string {
  if (key.includes('_')) return '_';
  if (key.includes('-')) return '-';
  return '';
}

/**
 * An edit that adds `key: value` as a sibling right after `entry`, written
 * like the entry (indentation, quotes, separator, `export`, XML attribute or
 * element). Undefined where the file's shape makes that unsafe.
 */
export function insertSiblingAfter(doc: ConfigDocument, text: string, entry: ConfigEntry, key: string, value: string): TextEdit | undefined {
  if (!entry.valueRange || entry.keyValueItem || entry.aliased) return undefined;
  const eol = eolOf(text);
  const kr = entry.keyRange;
  const vr = entry.valueRange;
  if (entry.assignment) {
    // docker-compose `environment:` list item `- KEY=value` (quoted or not): a new item below it.
    const lineStart = lineStartOf(text, kr.start);
    const head = text.slice(lineStart, kr.start);
    if (!/^[ \t]*-[ \t]+["']?$/.test(head)) return undefined;
    const quote = head.endsWith('"') || head.endsWith("'") ? head[head.length - 1] : '';
    const end = vr.end + quote.length;
    if (quote && text[vr.end] !== quote) return undefined;
    if (!/^[ \t]*(?:#.*)?$/.test(text.slice(end, lineEndOf(text, end)))) return undefined;
    return { range: { start: lineEndOf(text, end), end: lineEndOf(text, end) }, newText: `${eol}${head}${key}=${value}${quote}` };
  }
  switch (doc.kind) {
    case 'json': {
      if (text[kr.start - 1] !== '"' || text[vr.start - 1] !== '"' || text[vr.end] !== '"') return undefined;
      const keyStart = kr.start - 1;
      const valueEnd = vr.end + 1;
      const middle = text.slice(kr.end + 1, vr.start - 1);
      if (!/^\s*:\s*$/.test(middle) || /[\r\n]/.test(middle)) return undefined;
      const item = `"${key}"${middle}"${value}"`;
      const lineStart = lineStartOf(text, keyStart);
      const head = text.slice(lineStart, keyStart);
      const lineEnd = lineEndOf(text, valueEnd);
      const rest = text.slice(valueEnd, lineEnd);
      if (/^[ \t]*$/.test(head) && /^[ \t]*,?[ \t]*(?:\/\/.*|\/\*.*\*\/[ \t]*)?$/.test(rest)) {
        if (/^[ \t]*,/.test(rest)) return { range: { start: lineEnd, end: lineEnd }, newText: `${eol}${head}${item},` };
        return { range: { start: valueEnd, end: valueEnd }, newText: `,${eol}${head}${item}` };
      }
      return { range: { start: valueEnd, end: valueEnd }, newText: `, ${item}` };
    }
    case 'yaml': {
      const keyQuote = text[kr.start - 1] === '"' || text[kr.start - 1] === "'" ? text[kr.start - 1] : '';
      const keyStart = kr.start - keyQuote.length;
      const keyEnd = kr.end + keyQuote.length;
      const valueQuote = text[vr.start - 1] === '"' || text[vr.start - 1] === "'" ? text[vr.start - 1] : '';
      if (valueQuote && text[vr.end] !== valueQuote) return undefined;
      const valueEnd = vr.end + valueQuote.length;
      const middle = text.slice(keyEnd, vr.start - valueQuote.length);
      if (!/^[ \t]*:[ \t]+$/.test(middle) && !(valueQuote && /^[ \t]*:[ \t]*$/.test(middle))) return undefined;
      if (/[\r\n]/.test(text.slice(vr.start, vr.end))) return undefined;
      const item = `${keyQuote}${key}${keyQuote}${middle}${valueQuote}${value}${valueQuote}`;
      const lineStart = lineStartOf(text, keyStart);
      const head = text.slice(lineStart, keyStart);
      const lineEnd = lineEndOf(text, valueEnd);
      const rest = text.slice(valueEnd, lineEnd);
      if (/^[ \t]*(?:-[ \t]+)*$/.test(head) && /^[ \t]*(?:#.*)?$/.test(rest)) {
        return { range: { start: lineEnd, end: lineEnd }, newText: `${eol}${head.replace(/-/g, ' ')}${item}` };
      }
      // A flow map: `{ grant_type: authorization_code, ... }`.
      if (/^[ \t]*[,}]/.test(rest) && /[{,][ \t]*$/.test(head)) return { range: { start: valueEnd, end: valueEnd }, newText: `, ${item}` };
      return undefined;
    }
    case 'dotenv':
    case 'properties': {
      const lineStart = lineStartOf(text, kr.start);
      const head = text.slice(lineStart, kr.start);
      if (!/^[ \t]*(?:export[ \t]+)?$/.test(head)) return undefined;
      const quote = doc.kind === 'dotenv' && /["'`]/.test(text[vr.start - 1] ?? '') && text[vr.end] === text[vr.start - 1] ? text[vr.start - 1] : '';
      const middle = text.slice(kr.end, vr.start - quote.length);
      if (/[\r\n\\]/.test(middle) || /[\r\n]/.test(text.slice(vr.start, vr.end))) return undefined;
      const separator = middle.trim() === '' ? (doc.kind === 'properties' ? middle || '=' : '=') : middle;
      const lineEnd = lineEndOf(text, vr.end + quote.length);
      if (text[lineEnd - 1] === '\\') return undefined;
      return { range: { start: lineEnd, end: lineEnd }, newText: `${eol}${head}${key}${separator}${quote}${value}${quote}` };
    }
    case 'xml': {
      const prefix = entry.prefix !== undefined ? `${entry.prefix}:` : '';
      if (entry.xml === 'attribute') {
        const quote = text[vr.start - 1];
        if ((quote !== '"' && quote !== "'") || text[vr.end] !== quote) return undefined;
        return { range: { start: vr.end + 1, end: vr.end + 1 }, newText: ` ${prefix}${key}=${quote}${value}${quote}` };
      }
      if (entry.xml === 'element') {
        const open = kr.start - prefix.length - 1;
        if (text[open] !== '<') return undefined;
        const close = /^[ \t]*<\/[\w.:-]+[ \t]*>/.exec(text.slice(vr.end));
        if (!close) return undefined;
        const end = vr.end + close[0].length;
        const lineStart = lineStartOf(text, open);
        const head = text.slice(lineStart, open);
        const element = `<${prefix}${key}>${value}</${prefix}${key}>`;
        const rest = text.slice(end, lineEndOf(text, end));
        if (/^[ \t]*$/.test(head) && /^[ \t]*(?:<!--.*-->[ \t]*)?$/.test(rest)) return { range: { start: lineEndOf(text, end), end: lineEndOf(text, end) }, newText: `${eol}${head}${element}` };
        return { range: { start: end, end }, newText: element };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * An edit that adds a Postman `{ key, value }` item after `after` (an item
 * object of the same array), copied from `template` (formatting, `type`
 * and other properties kept) with its key and value replaced.
 */
export function insertItemAfter(text: string, template: ConfigBlock, after: ConfigBlock, key: string, value: string): TextEdit | undefined {
  const keyEntry = template.entries.find((e) => e.key === 'key');
  const valueEntry = template.entries.find((e) => e.key === 'value');
  if (!keyEntry?.valueRange || !valueEntry?.valueRange || text[valueEntry.valueRange.start - 1] !== '"' || text[keyEntry.valueRange.start - 1] !== '"') return undefined;
  const parts = [
    { range: keyEntry.valueRange, text: key },
    { range: valueEntry.valueRange, text: value },
  ].sort((a, b) => a.range.start - b.range.start);
  let item = '';
  let at = template.range.start;
  for (const part of parts) {
    item += text.slice(at, part.range.start) + part.text.replace(/["\\]/g, (c) => `\\${c}`);
    at = part.range.end;
  }
  item += text.slice(at, template.range.end);
  // Switched-off items are copied switched on.
  item = item.replace(/("disabled"\s*:\s*)true/, '$1false').replace(/("enabled"\s*:\s*)false/, '$1true');
  let before = after.range.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  const gap = text.slice(before, after.range.start);
  const opener = text[before - 1];
  if (opener !== ',' && opener !== '[') return undefined;
  return { range: { start: after.range.end, end: after.range.end }, newText: `,${gap.length > 0 ? gap : ' '}${item}` };
}
