import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../../config/model';
import { isReference } from '../../config/netsuiteContext';
import type { LanguageKind } from '../../core/document';
import type { TextEdit } from '../../core/text';
import { splitKey, TBA_ROLES, USER_ROLES, type KeyRole } from './keyRoles';
import { credentialSets, meaningOf, type CredentialSet, type SetMember } from './sets';

/**
 * The config rewrite of both credential rules: a user-credential or TBA set
 * becomes the OAuth 2.0 client-credentials (M2M) keys — client id,
 * certificate id, private key path — named in the file's style
 * (`NETSUITE_CLIENT_ID`, `clientId`, `client_id`, `client-id`, `ns.client.id`),
 * at the place of the old keys, which are removed. Account keys, comments and
 * every other key stay. Values are never copied: an environment reference in
 * the style the file already uses (`${NS_CLIENT_ID}`, `{{clientId}}`), else
 * an empty value in dotenv/Postman environments and `${NETSUITE_CLIENT_ID}`
 * elsewhere (the variables the token helper reads).
 *
 * The result is one text edit (the changed span), or undefined when the set
 * cannot be rewritten safely.
 */

interface NewKey {
  role: 'clientId' | 'certificateId' | 'privateKey';
  words: string[];
  envName: string;
}

const NEW_KEYS: readonly NewKey[] = [
  { role: 'clientId', words: ['client', 'id'], envName: 'NETSUITE_CLIENT_ID' },
  { role: 'certificateId', words: ['certificate', 'id'], envName: 'NETSUITE_CERTIFICATE_ID' },
  { role: 'privateKey', words: ['private', 'key', 'path'], envName: 'NETSUITE_PRIVATE_KEY_PATH' },
];

/** The value a selector (`type: tba`, `auth_type: password`) gets. */
export const CLIENT_CREDENTIALS = 'client_credentials';

interface Unit {
  start: number;
  end: number;
  /** Starts after a YAML sequence dash: what replaces it must start with a key, unindented. */
  dash?: boolean;
}

interface Rewrite {
  edits: TextEdit[];
}

export function rewriteSet(doc: ConfigDocument, text: string, set: CredentialSet): TextEdit | undefined {
  if (set.connector) return undefined;
  const rewrite = set.postman ? postmanRewrite(doc, text, set) : setRewrite(doc, text, set);
  if (!rewrite || rewrite.edits.length === 0) return undefined;
  let after = applyTextEdits(text, rewrite.edits);
  if (doc.kind === 'json') after = fixJsonCommas(text, after, set.postman ? set.postman.paramsBlock : set.block);
  const edit = minimalEdit(text, after);
  return edit && coverSiblingSets(doc, text, set, edit);
}

/**
 * Widens the edit over every credential set of the same block, so that the
 * two rules' rewrites of one block (user credentials and TBA side by side)
 * overlap: fix-all applies one per pass, and the second sees the new keys
 * already there instead of adding them twice.
 */
function coverSiblingSets(doc: ConfigDocument, text: string, set: CredentialSet, edit: TextEdit): TextEdit {
  let start = edit.range.start;
  let end = edit.range.end;
  for (const other of credentialSets(doc)) { // cached by the rule's call (with its file name)
    if (other.block !== set.block || other.postman) continue;
    for (const member of other.members) {
      start = Math.min(start, member.entry.keyRange.start);
      end = Math.max(end, member.entry.valueRange?.end ?? member.entry.keyRange.end, member.entry.keyRange.end);
    }
  }
  if (start === edit.range.start && end === edit.range.end) return edit;
  return { range: { start, end }, newText: text.slice(start, edit.range.start) + edit.newText + text.slice(edit.range.end, end) };
}

// ---------------------------------------------------------------------------

function setRewrite(doc: ConfigDocument, text: string, set: CredentialSet): Rewrite | undefined {
  const removedRoles: readonly KeyRole[] = set.kind === 'user' ? USER_ROLES : TBA_ROLES;
  const candidates = set.members.filter((m) => removedRoles.includes(m.meaning.role));
  // Keys merged in from a YAML anchor (`<<: *defaults`) live in the anchor, which other maps share: leave them there.
  const own = candidates.filter((m) => !m.entry.aliased);
  const removed = own.length > 0 ? own : candidates;
  const selectors = set.members.filter((m) => m.meaning.role === (set.kind === 'user' ? 'userSelector' : 'tbaSelector'));
  if (removed.length === 0 && selectors.length === 0) return undefined;

  // What to write.
  const present = new Set<KeyRole>();
  for (const entry of set.block.entries) {
    const meaning = meaningOf(doc, entry);
    if (meaning && meaning.qualifier === set.qualifier) present.add(meaning.role);
  }
  const newKeys = NEW_KEYS.filter((k) => !present.has(k.role));
  const style = keyStyle(doc, set);
  const values = valueStyle(doc, set);
  const names = newKeys.map((k) => renameKey(style, k.words));

  const edits: TextEdit[] = [];
  for (const selector of selectors) {
    if (!selector.entry.valueRange) return undefined;
    edits.push({ range: selector.entry.valueRange, newText: CLIENT_CREDENTIALS });
  }

  const lineUnits = removalUnits(doc, text, set, removed);
  if (lineUnits) {
    for (const unit of lineUnits) edits.push({ range: unit, newText: '' });
    const template = templateFor(doc, text, set);
    if (!template) return undefined;
    const insertAt = lineUnits.length > 0 ? Math.min(...lineUnits.map((u) => u.start)) : selectorInsertionPoint(text, selectors);
    if (insertAt === undefined) return undefined;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    let lines = newKeys.map((k, i) => template(names[i], values(k), eol)).join('');
    if (lineUnits.some((u) => u.dash)) {
      const first = lineUnits.find((u) => u.start === insertAt);
      // The dash stays: something must follow it, starting on the dash's line.
      if (!first?.dash || lines === '') return undefined;
      lines = lines.replace(/^[ \t]+/, '');
    }
    if (lines) edits.push({ range: { start: insertAt, end: insertAt }, newText: lines });
    return { edits: sortEdits(edits) };
  }
  const replaced = new Map(selectors.map((m) => [m.entry, CLIENT_CREDENTIALS] as const));
  const inline = inlineRewrite(doc, text, set, removed, newKeys.map((k, i) => ({ name: names[i], value: values(k) })), replaced);
  if (!inline) return undefined;
  // Selector values inside the rebuilt span are part of it; the others stay separate edits.
  const outside = edits.filter((e) => e.range.end <= inline.range.start || e.range.start >= inline.range.end);
  return { edits: sortEdits([...outside, inline]) };
}

function sortEdits(edits: TextEdit[]): TextEdit[] {
  return edits.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** After the selector's line, when nothing is removed (a `type: tba` whose secrets are elsewhere). */
function selectorInsertionPoint(text: string, selectors: SetMember[]): number | undefined {
  const last = selectors[selectors.length - 1]?.entry;
  if (!last?.valueRange) return undefined;
  return lineEndAfter(text, last.valueRange.end);
}

// ---------------------------------------------------------------------------
// Line units: every removed entry stands on its own line(s).

function removalUnits(doc: ConfigDocument, text: string, set: CredentialSet, removed: SetMember[]): Unit[] | undefined {
  const units: Unit[] = [];
  const seenParents = new Set<ConfigEntry>();
  for (const member of removed) {
    if (member.parent) {
      if (seenParents.has(member.parent)) continue;
      seenParents.add(member.parent);
      // The whole `token:` / `consumer:` map goes when all its keys are credentials.
      const child = doc.blocks.find((b) => b.path.join('\u0000') === member.parent!.path.join('\u0000') && b.documentIndex === member.parent!.documentIndex && b.kind !== 'prefix');
      if (!child) return undefined;
      const allRemoved = child.entries.every((e) => removed.some((m) => m.entry === e));
      if (allRemoved) {
        const unit = entryUnit(doc, text, set.block, member.parent, child.range.end);
        if (!unit) return undefined;
        units.push(unit);
      } else {
        for (const m of removed.filter((r) => r.parent === member.parent)) {
          const unit = entryUnit(doc, text, child, m.entry);
          if (!unit) return undefined;
          units.push(unit);
        }
      }
      continue;
    }
    const unit = entryUnit(doc, text, set.block, member.entry);
    if (!unit) return undefined;
    units.push(unit);
  }
  units.sort((a, b) => a.start - b.start);
  for (let i = 1; i < units.length; i++) if (units[i].start < units[i - 1].end) return undefined;
  return units;
}

/** The lines an entry occupies, when nothing else shares them; undefined otherwise. */
function entryUnit(doc: ConfigDocument, text: string, block: ConfigBlock, entry: ConfigEntry, endAt?: number): Unit | undefined {
  if (doc.kind === 'xml' && entry.xml === 'attribute') return undefined;
  const span = entrySpan(doc, text, block, entry);
  if (!span) return undefined;
  let lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const before = text.slice(lineStart, span.start);
  // `- email: x`: the first key of a YAML sequence item keeps the dash; the unit starts after it.
  let dash = false;
  if ((entry.assignment || entry.keyValueItem) && /^[ \t]*-[ \t]*$/.test(before)) {
    // `- KEY=value` of a docker-compose list: the whole item line is the entry.
  } else if (doc.kind === 'yaml' && /^[ \t]*(-[ \t]+)+$/.test(before)) {
    dash = true;
    lineStart = span.start;
  } else if (!/^[ \t]*$/.test(before)) return undefined;
  if (doc.kind === 'dotenv' && /^[ \t]*export[ \t]/.test(before)) return undefined;
  let anchor = Math.max(span.end, endAt ?? 0);
  // Block ranges (YAML maps) may end after the line break that closes them.
  while (anchor > span.start && /\s/.test(text[anchor - 1])) anchor--;
  const lineEnd = lineEndAfter(text, anchor);
  const rest = text.slice(anchor, lineEnd).replace(/\r?\n$/, '');
  if (!restIsTrivia(doc.kind, rest)) return undefined;
  // Nothing else of the block may start inside the unit.
  for (const other of doc.entries) {
    if (other === entry || other.keyRange.start < lineStart || other.keyRange.start >= lineEnd) continue;
    // The entry's own parts: its nested map, a Postman item's `key`/`value`.
    if (other.keyRange.start >= span.start && other.keyRange.start < anchor) continue;
    return undefined;
  }
  return dash ? { start: lineStart, end: lineEnd, dash } : { start: lineStart, end: lineEnd };
}

/**
 * Where an entry's text starts and ends: the key with its quote, `export `,
 * XML `<prefix:`, to the end of its value with the closing quote or tag.
 */
function entrySpan(doc: ConfigDocument, text: string, block: ConfigBlock, entry: ConfigEntry): Unit | undefined {
  let start = entry.keyRange.start;
  if (entry.keyValueItem) {
    // The whole `{ "key": ..., "value": ... }` / `- name: ...\n  value: ...` item.
    const item = itemBlockOf(doc, block, entry);
    if (!item) return undefined;
    let end = item.range.end;
    while (end > item.range.start && /\s/.test(text[end - 1])) end--;
    return { start: item.range.start, end };
  }
  switch (doc.kind) {
    case 'json':
      if (text[start - 1] === '"') start--;
      break;
    case 'yaml':
      if (text[start - 1] === '"' || text[start - 1] === "'") start--;
      break;
    case 'dotenv': {
      const m = /(?:^|\n)([ \t]*export[ \t]+)$/.exec(text.slice(Math.max(0, start - 64), start));
      if (m) start -= m[1].length;
      break;
    }
    case 'xml':
      if (entry.prefix !== undefined) start -= entry.prefix.length + 1;
      if (text[start - 1] !== '<') return undefined;
      start--;
      break;
  }
  let end = entry.keyRange.end;
  const value = entry.valueRange;
  if (value && value.start >= entry.keyRange.end && !(entry.aliased && value.start < entry.keyRange.start)) {
    // A value written after its key (not an alias pointing back to an anchor).
    const between = text.slice(entry.keyRange.end, value.start);
    if (!/[\n\r]/.test(between) || doc.kind === 'properties' || doc.kind === 'yaml' || doc.kind === 'xml') end = value.end;
  }
  if (doc.kind === 'xml' && entry.xml === 'element') {
    const close = /^\s*<\/[^>]*>/.exec(text.slice(end));
    if (close) end += close[0].length;
  }
  const child = entry.value === undefined ? doc.blocks.find((b) => b.path.length === entry.path.length && b.path.join('\u0000') === entry.path.join('\u0000') && b.range.start >= entry.keyRange.end) : undefined;
  if (child) end = Math.max(end, child.range.end);
  return { start, end };
}

/** What may follow an entry on its last line: a closing quote, a comma, a comment. */
function restIsTrivia(kind: LanguageKind, rest: string): boolean {
  switch (kind) {
    case 'dotenv':
      return /^["'`]?[ \t]*(#.*)?$/.test(rest);
    case 'yaml':
      return /^["']?[ \t]*(#.*)?$/.test(rest);
    case 'properties':
      return /^[ \t]*$/.test(rest);
    case 'json':
      return /^"?[ \t]*,?[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?$/.test(rest);
    case 'xml':
      return /^[ \t]*(<!--.*-->[ \t]*)?$/.test(rest);
    default:
      return false;
  }
}

function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The `{ "key": ..., "value": ... }` object of a Postman item entry. */
function itemBlockOf(doc: ConfigDocument, block: ConfigBlock, entry: ConfigEntry): ConfigBlock | undefined {
  return doc.blocks.find(
    (b) => b.kind === 'object' && b.path.length === block.path.length + 1 && b.range.start < entry.keyRange.start && entry.keyRange.end < b.range.end && b.path.slice(0, -1).join('\u0000') === block.path.join('\u0000'),
  );
}

/**
 * A line for a new key, made from a line of the set itself so that it keeps
 * the file's indentation, quotes, `export`, separators: the key and the value
 * are swapped, any trailing comment or comma dropped.
 */
function templateFor(doc: ConfigDocument, text: string, set: CredentialSet): ((name: string, value: string, eol: string) => string) | undefined {
  // The line of the reported key, else of another removed key, else of any key of the block.
  const removedRoles: readonly KeyRole[] = set.kind === 'user' ? USER_ROLES : TBA_ROLES;
  const removedFirst = [...set.members.filter((m) => removedRoles.includes(m.meaning.role)), ...set.members].map((m) => m.entry);
  const candidates = [set.reportEntry, ...removedFirst, ...set.block.entries].filter((e, i, all) => all.indexOf(e) === i);
  for (const entry of candidates) {
    if (set.members.find((m) => m.entry === entry)?.parent) continue;
    if (entry.value === undefined || !entry.valueRange) continue;
    if (meaningOf(doc, entry)?.role === 'tbaSelector' || meaningOf(doc, entry)?.role === 'userSelector') continue;
    const span = entrySpan(doc, text, set.block, entry);
    if (!span) continue;
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    const body = text.slice(lineStart, span.end);
    // A variable item (`- name: X` / `value: y` on two lines) is copied whole; other templates are one line.
    if (/[\r\n]/.test(body) && !entry.keyValueItem) continue;
    if (!(entry.assignment || entry.keyValueItem ? /^[ \t]*(-[ \t]*)?$/ : /^[ \t]*$/).test(text.slice(lineStart, span.start))) continue;
    const keyAt = entry.keyValueItem ? keyStringIn(text, span, entry) : entry.keyRange;
    const valueAt = entry.valueRange;
    if (!keyAt || valueAt.start < keyAt.end || valueAt.end > span.end) continue;
    const head = text.slice(lineStart, keyAt.start);
    const middle = text.slice(keyAt.end, valueAt.start);
    let tail = text.slice(valueAt.end, span.end);
    const closing = doc.kind === 'xml' && entry.xml === 'element';
    if (doc.kind === 'json' && !entry.keyValueItem) tail = /^"?/.exec(text.slice(valueAt.end))![0];
    if ((doc.kind === 'yaml' && !entry.keyValueItem) || doc.kind === 'dotenv') tail = /^["'`]?/.exec(text.slice(valueAt.end))![0];
    return (name, value, eol) => {
      let t = tail;
      if (closing) t = tail.replace(/<\/(?:([\w.-]+):)?[^>]*>$/, (_m, p?: string) => `</${p ? `${p}:` : ''}${name}>`);
      let m = middle;
      // An unquoted empty value in YAML would be null: quote it.
      if (doc.kind === 'yaml' && value === '' && !/["']$/.test(m)) return `${head}${name}${m}""${eol}`;
      if (doc.kind === 'xml' && entry.xml === 'element') m = middle;
      return `${head}${name}${m}${escapeFor(doc.kind, value, text[valueAt.start - 1])}${t}${eol}`;
    };
  }
  // No usable line: write one in the kind's plain syntax, indented like the block's first entry.
  const first = set.block.entries[0];
  const indent = first ? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', first.keyRange.start - 1) + 1))![0] : '';
  switch (doc.kind) {
    case 'dotenv':
    case 'properties':
      return (name, value, eol) => `${name}=${value}${eol}`;
    case 'yaml':
      return (name, value, eol) => `${indent}${name}: ${value === '' ? '""' : value}${eol}`;
    case 'json':
      return set.block.kind === 'keyValueItems' ? undefined : (name, value, eol) => `${indent}"${name}": "${value}"${eol}`;
    default:
      return undefined;
  }
}

function keyStringIn(text: string, span: Unit, entry: ConfigEntry): Unit | undefined {
  return entry.keyRange.start >= span.start && entry.keyRange.end <= span.end ? entry.keyRange : undefined;
}

/** New values never contain quotes or backslashes; escape anyway for safety. */
function escapeFor(kind: LanguageKind, value: string, quote: string | undefined): string {
  if (kind === 'json') return value.replace(/["\\]/g, (c) => `\\${c}`);
  if (kind === 'xml') return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  if (quote === "'" && kind === 'yaml') return value.replace(/'/g, "''");
  return value;
}

// ---------------------------------------------------------------------------
// Inline: a one-line JSON object, a YAML flow map, XML attributes.

function inlineRewrite(
  doc: ConfigDocument,
  text: string,
  set: CredentialSet,
  removed: SetMember[],
  added: { name: string; value: string }[],
  replaced: Map<ConfigEntry, string>,
): TextEdit | undefined {
  if (doc.kind !== 'json' && doc.kind !== 'yaml' && doc.kind !== 'xml') return undefined;
  if (removed.some((m) => m.parent)) return undefined;
  const members = doc.kind === 'xml' ? set.block.entries.filter((e) => e.xml === 'attribute') : set.block.entries;
  if (removed.some((m) => !members.includes(m.entry))) return undefined;
  if (members.some((e) => e.keyValueItem)) return undefined;
  const spans: Unit[] = [];
  for (const entry of members) {
    const span = inlineSpan(doc, text, set.block, entry);
    if (!span) return undefined;
    spans.push(span);
  }
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) return undefined;
  // The text between members: a comma (JSON, YAML flow) with blanks, line breaks and comments.
  const separators = spans.slice(1).map((span, i) => text.slice(spans[i].end, span.start));
  for (const separator of separators) {
    const commas = countCommas(separator);
    if (doc.kind === 'xml' ? !/^\s+$/.test(separator) : commas !== 1) return undefined;
    if (doc.kind === 'yaml' && /#/.test(separator)) return undefined;
  }
  const fallback = separators[0] ?? (doc.kind === 'xml' ? ' ' : ', ');
  const templateEntry = [set.reportEntry, ...removed.map((m) => m.entry)].find((e) => e.valueRange && members.includes(e));
  if (!templateEntry?.valueRange) return undefined;
  const tSpan = spans[members.indexOf(templateEntry)];
  const quoteBefore = text[templateEntry.valueRange.start - 1];
  // Plain scalars in a YAML flow map cannot hold `{`, `}`, `,`: quote what the template left bare.
  const bare = doc.kind === 'yaml' && quoteBefore !== '"' && quoteBefore !== "'";
  const make = (name: string, value: string) =>
    text.slice(tSpan.start, templateEntry.keyRange.start) +
    name +
    text.slice(templateEntry.keyRange.end, templateEntry.valueRange!.start) +
    (bare ? JSON.stringify(value) : escapeFor(doc.kind, value, quoteBefore)) +
    text.slice(templateEntry.valueRange!.end, tSpan.end);
  const removedSet = new Set(removed.map((m) => m.entry));
  const firstRemoved = members.findIndex((e) => removedSet.has(e));
  // A kept member keeps the separator written before it; new members take the one before the first removed key.
  const insertSeparator = firstRemoved > 0 ? separators[firstRemoved - 1] : fallback;
  const parts: { text: string; before: string }[] = [];
  let inserted = false;
  members.forEach((entry, i) => {
    if (removedSet.has(entry)) {
      if (!inserted) {
        for (const a of added) parts.push({ text: make(a.name, a.value), before: insertSeparator });
        inserted = true;
      }
      return;
    }
    const before = i > 0 ? separators[i - 1] : fallback;
    const value = replaced.get(entry);
    if (value !== undefined && entry.valueRange && entry.valueRange.start >= spans[i].start && entry.valueRange.end <= spans[i].end) {
      parts.push({ text: text.slice(spans[i].start, entry.valueRange.start) + value + text.slice(entry.valueRange.end, spans[i].end), before });
    } else parts.push({ text: text.slice(spans[i].start, spans[i].end), before });
  });
  if (!inserted) for (const a of added) parts.push({ text: make(a.name, a.value), before: fallback });
  const newText = parts.map((part, i) => (i === 0 ? '' : part.before) + part.text).join('');
  return { range: { start: spans[0].start, end: spans[spans.length - 1].end }, newText };
}

/** Commas outside `//` and block comments. */
function countCommas(separator: string): number {
  let count = 0;
  let rest = separator;
  for (;;) {
    const at = commaOffset(rest);
    if (at < 0) return count;
    count++;
    rest = rest.slice(at + 1);
  }
}

function inlineSpan(doc: ConfigDocument, text: string, block: ConfigBlock, entry: ConfigEntry): Unit | undefined {
  let start = entry.keyRange.start;
  if (doc.kind === 'xml' && entry.prefix !== undefined) start -= entry.prefix.length + 1;
  if ((doc.kind === 'json' || doc.kind === 'yaml') && (text[start - 1] === '"' || text[start - 1] === "'")) start--;
  let end: number;
  if (entry.valueRange && entry.valueRange.start >= entry.keyRange.end) {
    end = entry.valueRange.end;
    if (text[end] === '"' || text[end] === "'") end++;
  } else {
    const child = doc.blocks.find((b) => b.path.join('\u0000') === entry.path.join('\u0000') && b.range.start >= entry.keyRange.end && b.range.end <= block.range.end);
    if (!child) return undefined;
    end = child.range.end;
  }
  return { start, end };
}

// ---------------------------------------------------------------------------
// Postman collection auth: oauth1 → oauth2 (authorization code with PKCE).

function postmanRewrite(doc: ConfigDocument, text: string, set: CredentialSet): Rewrite | undefined {
  const postman = set.postman!;
  const params = postman.paramsBlock;
  if (params.kind !== 'keyValueItems' || !postman.typeEntry.valueRange) return undefined;
  const items = doc.blocks
    .filter((b) => b.kind === 'object' && b.path.length === params.path.length + 1 && b.path.slice(0, -1).join('\u0000') === params.path.join('\u0000') && b.range.start > params.range.start && b.range.end < params.range.end)
    .sort((a, b) => a.range.start - b.range.start);
  if (items.length === 0) return undefined;
  const template = items.find((item) => {
    const key = item.entries.find((e) => e.key === 'key');
    const value = item.entries.find((e) => e.key === 'value');
    return key?.valueRange && value?.valueRange && text[value.valueRange.start - 1] === '"';
  });
  if (!template) return undefined;
  const keyEntry = template.entries.find((e) => e.key === 'key')!;
  const valueEntry = template.entries.find((e) => e.key === 'value')!;
  const realm = params.entries.find((e) => /^(realm|account|accountid)$/i.test(e.key))?.value;
  const host = accountHost(realm);
  // New variables in the naming style of the ones the TBA block used (`{{CONSUMER_KEY}}` → `{{CLIENT_ID}}`).
  const used = params.entries.map((e) => /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(e.value?.trim() ?? '')?.[1]).filter((v): v is string => !!v && /[_-]|[a-z][A-Z]/.test(v));
  const variable = (a: string, b: string): string => {
    const sample = used[0];
    if (sample === undefined || /[a-z][A-Z]/.test(sample)) return a + capitalize(b);
    const sep = sample.includes('_') ? '_' : '-';
    const prefix = /^(NETSUITE|NS)[_-]/i.exec(sample)?.[0] ?? '';
    const name = `${prefix}${a}${sep}${b}`;
    return sample === sample.toUpperCase() ? name.toUpperCase() : name.toLowerCase();
  };
  const newItems: [string, string][] = [
    ['grant_type', 'authorization_code_with_pkce'],
    ['authUrl', `https://${host}.app.netsuite.com/app/login/oauth2/authorize.nl`],
    ['accessTokenUrl', `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`],
    ['clientId', `{{${variable('client', 'id')}}}`],
    ['clientSecret', `{{${variable('client', 'secret')}}}`],
    ['scope', 'rest_webservices restlets'],
    ['challengeAlgorithm', 'S256'],
    ['redirect_uri', 'https://oauth.pstmn.io/v1/callback'],
    ['addTokenTo', 'header'],
  ];
  const t = { start: template.range.start, end: template.range.end };
  const ordered = [
    { range: keyEntry.valueRange!, index: 0 },
    { range: valueEntry.valueRange!, index: 1 },
  ].sort((a, b) => a.range.start - b.range.start);
  const make = (key: string, value: string) => {
    const values = [key, value];
    let out = '';
    let at = t.start;
    for (const part of ordered) {
      out += text.slice(at, part.range.start) + values[part.index].replace(/["\\]/g, (c) => `\\${c}`);
      at = part.range.end;
    }
    return out + text.slice(at, t.end);
  };
  const separator = items.length > 1 ? text.slice(items[0].range.end, items[1].range.start) : ', ';
  if (!/^[\s,]*$/.test(separator) || !separator.includes(',')) return undefined;
  const body = newItems.map(([k, v]) => make(k, v)).join(separator);
  return {
    edits: [
      { range: postman.typeEntry.valueRange, newText: 'oauth2' },
      { range: postman.paramsEntry.keyRange, newText: 'oauth2' },
      { range: { start: items[0].range.start, end: items[items.length - 1].range.end }, newText: body },
    ],
  };
}

/** `1234567_SB1` → `1234567-sb1`; `{{realm}}` stays a variable; unknown → `{{accountId}}`. */
function accountHost(realm: string | undefined): string {
  const value = realm?.trim() ?? '';
  if (/^\{\{[\w.-]+\}\}$/.test(value)) return value;
  if (/^(?:\d{4,10}|TSTDRV\d+)(?:[_-](?:SB|RP)\d+)?$/i.test(value)) return value.toLowerCase().replace(/_/g, '-');
  return '{{accountId}}';
}

// ---------------------------------------------------------------------------
// Naming style

interface KeyStyle {
  /** Text before and after the role words of the template key. */
  prefix: string;
  suffix: string;
  separator: string;
  casing: 'upper' | 'lower' | 'camel' | 'pascal';
}

function keyStyle(doc: ConfigDocument, set: CredentialSet): KeyStyle {
  const candidates = [set.reportEntry, ...set.members.map((m) => m.entry)].filter((e) => !set.members.find((m) => m.entry === e)?.parent);
  // A key whose role has several words shows the separator (`token_id`); a one-word role (`password`) shows it only through its prefix.
  const styled = candidates.map((entry) => ({ entry, meaning: meaningOf(doc, entry) })).filter((c) => c.meaning && c.meaning.role !== 'tbaSelector' && c.meaning.role !== 'userSelector');
  const primary = styled.find((c) => c.entry === set.reportEntry) ?? styled[0];
  let prefix = '';
  let suffix = '';
  let roleText = '';
  if (primary?.meaning && primary.meaning.roleWords.length > 0) {
    const words = primary.meaning.words;
    const first = words[primary.meaning.roleWords[0]];
    const last = words[primary.meaning.roleWords[primary.meaning.roleWords.length - 1]];
    prefix = primary.entry.key.slice(0, first.start);
    suffix = primary.entry.key.slice(last.end);
    roleText = primary.entry.key.slice(first.start, last.end);
  }
  let separator: string | undefined;
  let casing: KeyStyle['casing'] | undefined;
  for (const c of [primary, ...styled]) {
    if (!c?.meaning || c.meaning.roleWords.length < 2) continue;
    const words = c.meaning.words;
    const a = words[c.meaning.roleWords[0]];
    const b = words[c.meaning.roleWords[1]];
    separator = c.entry.key.slice(a.end, b.start);
    if (!/^[_.\-]?$/.test(separator)) separator = undefined;
    if (separator !== undefined) {
      casing = casingOf(c.entry.key.slice(a.start, words[c.meaning.roleWords[c.meaning.roleWords.length - 1]].end), separator);
      if (c === primary) break;
      // Another key's separator, with the primary's own casing (NETSUITE_PASSWORD next to token_id is rare).
      break;
    }
  }
  if (roleText && primary?.meaning && primary.meaning.roleWords.length === 1) {
    const single = casingOf(roleText, '');
    // `NETSUITE_PASSWORD`: the prefix shows the separator; `nsPassword`: camel; `password`: whatever the others show.
    const prefixSeparator = /[_.\-]$/.exec(prefix)?.[0];
    if (single === 'upper') {
      casing = 'upper';
      separator = prefixSeparator ?? (separator && separator !== '' ? separator : '_');
    } else if (single === 'pascal') {
      casing = 'pascal';
      separator = '';
    } else {
      if (prefixSeparator !== undefined && separator === undefined) separator = prefixSeparator;
      if (separator === undefined) separator = defaultSeparator(doc, set);
      casing = separator === '' ? 'camel' : 'lower';
    }
  }
  if (separator === undefined || casing === undefined) {
    separator = defaultSeparator(doc, set);
    casing = doc.kind === 'dotenv' ? 'upper' : separator === '' ? 'camel' : 'lower';
  }
  if (casing === 'upper' && separator === '') separator = '_';
  return { prefix, suffix, separator, casing };
}

/** The separator most keys of the block use; camelCase by default, `_` in dotenv. */
function defaultSeparator(doc: ConfigDocument, set: CredentialSet): string {
  if (doc.kind === 'dotenv') return '_';
  let underscore = 0;
  let dash = 0;
  let camel = 0;
  for (const entry of set.block.entries) {
    if (entry.key.includes('_')) underscore++;
    else if (entry.key.includes('-')) dash++;
    else if (/[a-z][A-Z]/.test(entry.key)) camel++;
  }
  if (underscore > camel && underscore >= dash) return '_';
  if (dash > camel && dash > underscore) return '-';
  if (doc.kind === 'properties' && camel === 0) return '.';
  return '';
}

function casingOf(text: string, separator: string): KeyStyle['casing'] {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters === letters.toUpperCase() && letters.length > 1) return 'upper';
  if (separator === '' && /^[A-Z]/.test(text)) return 'pascal';
  if (separator === '' && /[a-z][A-Z]/.test(text)) return 'camel';
  return 'lower';
}

function renameKey(style: KeyStyle, words: string[]): string {
  let role: string;
  switch (style.casing) {
    case 'upper':
      role = words.map((w) => w.toUpperCase()).join(style.separator);
      break;
    case 'pascal':
      role = words.map(capitalize).join(style.separator);
      break;
    case 'camel':
      role = words[0] + words.slice(1).map(capitalize).join('');
      break;
    default:
      role = words.join(style.separator);
  }
  return style.prefix + role + style.suffix;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------------------
// Values

function valueStyle(doc: ConfigDocument, set: CredentialSet): (key: NewKey) => string {
  const removed = set.members.filter((m) => m.meaning.role !== 'account' && m.entry.value !== undefined);
  for (const member of removed) {
    const value = member.entry.value!.trim();
    if (!isReference(value)) continue;
    const m =
      /^(\$\{\{\s*(?:secrets|vars|env)\.)([A-Za-z_]\w*)(\s*\}\})$/.exec(value) ??
      /^(\$\{(?:env:|secure::)?)([A-Za-z_][\w.\-]*)(\})$/.exec(value) ??
      /^(\{\{\s*)([A-Za-z_][\w.\-]*)(\s*\}\})$/.exec(value) ??
      /^(%env\()([A-Za-z_][\w.\-]*)(\)%)$/.exec(value) ??
      /^(\$)([A-Za-z_]\w*)()$/.exec(value) ??
      /^(#\{)([A-Za-z_][\w.\-]*)(\})$/.exec(value);
    if (!m) continue;
    const [, open, name, close] = m;
    const meaning = meaningOf(doc, { key: name, path: [name], keyRange: { start: 0, end: 0 } });
    if (!meaning || meaning.roleWords.length === 0) continue;
    const refStyle = styleOfName(name, meaning);
    return (key) => `${open}${renameKey(refStyle, key.words)}${close}`;
  }
  // docker-compose `- KEY=value` items take the host's variable (`KEY=""` would set two quote characters);
  // Postman and Kubernetes `{ name, value }` items expand no `${…}`: they get an empty value to fill.
  const composeList = set.members.some((m) => m.entry.assignment);
  const itemList = set.block.kind === 'keyValueItems' && !composeList;
  return (key) => (doc.kind === 'dotenv' || itemList ? '' : `\${${key.envName}}`);
}

function styleOfName(name: string, meaning: NonNullable<ReturnType<typeof meaningOf>>): KeyStyle {
  const words = meaning.words;
  const first = words[meaning.roleWords[0]];
  const last = words[meaning.roleWords[meaning.roleWords.length - 1]];
  const roleText = name.slice(first.start, last.end);
  const prefix = name.slice(0, first.start);
  const suffix = name.slice(last.end);
  let separator = meaning.roleWords.length > 1 ? name.slice(first.end, words[meaning.roleWords[1]].start) : /[_.\-]$/.exec(prefix)?.[0] ?? '_';
  if (!/^[_.\-]?$/.test(separator)) separator = '_';
  let casing = casingOf(roleText, separator);
  if (casing === 'lower' && separator === '' && meaning.roleWords.length === 1) casing = prefix === '' ? 'camel' : 'pascal';
  if (casing === 'upper' && separator === '') separator = '_';
  return { prefix, suffix, separator, casing };
}

export { splitKey };

// ---------------------------------------------------------------------------
// Text helpers

function applyTextEdits(text: string, edits: TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    if (edit.range.start < at) continue;
    out += text.slice(at, edit.range.start) + edit.newText;
    at = edit.range.end;
  }
  return out + text.slice(at);
}

/** One edit covering what changed between two texts. */
function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Keep \r\n pairs whole.
  if (start > 0 && before[start - 1] === '\r') start--;
  return { range: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}

/**
 * Commas after line edits in a JSON object or array: one between members,
 * none after the last unless the original block had a trailing comma.
 */
function fixJsonCommas(original: string, edited: string, block: ConfigBlock): string {
  const hadTrailing = /,\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*[}\]]$/.test(original.slice(block.range.start, block.range.end));
  const root = parseTree(edited, [], { allowTrailingComma: true, disallowComments: false });
  const container = root && findNodeAt(root, block.range.start);
  if (!container || (container.type !== 'object' && container.type !== 'array')) return edited;
  const children = container.children ?? [];
  const edits: TextEdit[] = [];
  for (let i = 0; i < children.length; i++) {
    const end = children[i].offset + children[i].length;
    const nextStart = i + 1 < children.length ? children[i + 1].offset : container.offset + container.length - 1;
    const between = edited.slice(end, nextStart);
    const comma = commaOffset(between);
    if (i + 1 < children.length) {
      if (comma < 0) edits.push({ range: { start: end, end }, newText: ',' });
    } else if (comma >= 0 && !hadTrailing) {
      edits.push({ range: { start: end + comma, end: end + comma + 1 }, newText: '' });
    }
  }
  return edits.length > 0 ? applyTextEdits(edited, edits) : edited;
}

/** The offset of the first comma outside comments, or -1. */
function commaOffset(between: string): number {
  for (let i = 0; i < between.length; i++) {
    if (between.startsWith('//', i)) {
      const nl = between.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (between.startsWith('/*', i)) {
      const close = between.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (between[i] === ',') return i;
  }
  return -1;
}

function findNodeAt(node: JsonNode, offset: number): JsonNode | undefined {
  if (node.offset === offset && (node.type === 'object' || node.type === 'array')) return node;
  for (const child of node.children ?? []) {
    if (child.offset <= offset && offset < child.offset + child.length) {
      const found = findNodeAt(child, offset);
      if (found) return found;
    }
  }
  return undefined;
}
