import { ACCOUNT_ID, NETSUITE_URL } from '../js/netsuiteContext';
import { keyWords, normalizeKey } from './keys';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/**
 * NetSuite context of config files (spec: "NetSuite context"). Generic key
 * names (`password`, `token`, `consumer_key`) belong to NetSuite only when the
 * block they sit in, one of its ancestors or (for flat dotenv/.properties
 * files) the file shows NetSuite:
 *
 * - a NetSuite host or path in a value (`*.netsuite.com`, `/services/rest/`,
 *   `/app/site/hosting/restlet.nl`, `/app/login/oauth2/`, ...), `nlauth_`;
 * - a NetSuite-named key or path segment: `netsuite…`, `ns_…`, `NETSUITE_…`,
 *   `NS_…`, `nsAccountId` (word `ns` first), `suitetalk`; an XML name with the
 *   `netsuite:` prefix (MuleSoft connector) or an `xmlns:netsuite` declaration;
 * - `realm` (or a NetSuite/`account` key) holding an account id (`1234567`,
 *   `1234567_SB1`, `TSTDRV123`); an `account` key only with a sandbox/test-drive
 *   form, since bare digits are too common;
 * - a non-secret value naming NetSuite (`type: netsuite`, `name: NetSuite Sandbox`,
 *   `tap-netsuite`, `com.netsuite.…`) or an environment/template reference to a
 *   NetSuite-named variable (`${NS_TOKEN_ID}`, `{{netsuite_password}}`, `${ns.email}`).
 *
 * Ancestors contribute their own scalar entries and their key (the path), never
 * their other children: a sibling service named `netsuite-sync` in a
 * docker-compose file does not make the `db` service's password NetSuite's.
 * The block's own descendants count (an XML `<netsuite:config>` with a nested
 * connection element).
 *
 * Results are cached per parsed document, so rules may call these per entry.
 * This API is shared by several rules: keep it stable.
 */

/** Whether any part of the document shows NetSuite context (any key, path or non-secret value). */
export function documentHasNetSuiteContext(doc: ConfigDocument): boolean {
  return indexOf(doc).documentContext;
}

/**
 * Whether `block` shows NetSuite context: its entries and path, its
 * descendants, the scalar entries and keys of its ancestors, or — for flat
 * dotenv/.properties files (`file` and `prefix` blocks) — anything in the file.
 */
export function blockHasNetSuiteContext(doc: ConfigDocument, block: ConfigBlock): boolean {
  const index = indexOf(doc);
  let known = index.blockContext.get(block);
  if (known === undefined) {
    known = computeBlockContext(doc, index, block);
    index.blockContext.set(block, known);
  }
  return known;
}

/**
 * Whether `entry` shows NetSuite context: its own key, path or value, or the
 * context of any block it belongs to (see blockHasNetSuiteContext). An entry
 * of a flat dotenv/.properties file has the file's context.
 */
export function entryHasNetSuiteContext(doc: ConfigDocument, entry: ConfigEntry): boolean {
  if (entrySaysNetSuite(entry) || entry.path.some(isNetSuiteKey)) return true;
  if (isFlat(doc)) return documentHasNetSuiteContext(doc);
  const blocks = indexOf(doc).blocksOfEntry.get(entry);
  return blocks !== undefined && blocks.some((block) => blockHasNetSuiteContext(doc, block));
}

/** The blocks an entry is a direct member of (usually one; .properties entries are in their prefix block and the file block). */
export function blocksOfEntry(doc: ConfigDocument, entry: ConfigEntry): readonly ConfigBlock[] {
  return indexOf(doc).blocksOfEntry.get(entry) ?? [];
}

/** XML: the element block a block belongs to (itself, or the element whose `<property name value/>` items it holds). */
export function ownerElement(doc: ConfigDocument, block: ConfigBlock): ConfigBlock | undefined {
  if (doc.kind !== 'xml') return undefined;
  if (block.kind === 'element') return block;
  return indexOf(doc).elementsByRange.get(`${block.range.start}:${block.range.end}`);
}

/** Ancestor blocks of `block`, nearest first (same YAML document; XML: enclosing elements). */
export function ancestorBlocks(doc: ConfigDocument, block: ConfigBlock): ConfigBlock[] {
  const index = indexOf(doc);
  const result: ConfigBlock[] = [];
  for (let length = block.path.length - 1; length >= 0; length--) {
    const candidates = index.blocksByPath.get(pathKey(block.path.slice(0, length), block.documentIndex)) ?? [];
    for (const candidate of candidates) {
      if (candidate === block) continue;
      if (doc.kind === 'xml' && !(candidate.range.start <= block.range.start && block.range.end <= candidate.range.end)) continue;
      result.push(candidate);
    }
  }
  return result;
}

/**
 * A key that names NetSuite: `netsuite`, `NETSUITE_ACCOUNT`, `ns_account`,
 * `NS_TOKEN_ID`, `nsAccountId`, `ns.email`, `suitetalk`. `dns`, `ns1` and
 * `ns` alone (XML namespaces) are not.
 */
export function isNetSuiteKey(key: string): boolean {
  if (!/ns|netsuite|suitetalk|suitescript/i.test(key)) return false;
  const normalized = normalizeKey(key);
  if (/netsuite|suitetalk|suitescript/.test(normalized)) return true;
  const words = keyWords(key);
  for (let i = 0; i < words.length - 1; i++) if (words[i] === 'ns') return true;
  return false;
}

/**
 * A value that names NetSuite by itself: a NetSuite host or path, `nlauth_`,
 * the word NetSuite/SuiteTalk, or a reference to a NetSuite-named variable.
 * Callers must not pass secret values (a password that happens to contain
 * "netsuite" is no context); entry-level helpers skip secret-named keys.
 */
export function isNetSuiteValue(value: string): boolean {
  if (value.length === 0 || value.length > 4096) return false;
  if (!/netsuite|suitetalk|nlauth_|\/app\/|\/services\/|[$%{#]/i.test(value)) return false;
  if (NETSUITE_URL.test(value) || /\bnlauth_/i.test(value) || /netsuite|suitetalk/i.test(value)) return true;
  for (const name of referencedNames(value)) if (isNetSuiteKey(name)) return true;
  return false;
}

/** A NetSuite account id (`1234567`, `1234567_SB1`, `1234567-sb1`, `TSTDRV123`). */
export function isAccountId(value: string | undefined): boolean {
  if (value === undefined) return false;
  return ACCOUNT_ID.test(value.trim().replace(/-(sb|rp)(\d+)$/i, '_$1$2'));
}

/**
 * A value that is not a real secret: empty, an environment/template reference
 * (`${NAME}`, `$NAME`, `{{name}}`, `%env(NAME)%`, `#{name}`, `env:NAME`), an
 * angle-bracket or all-caps instruction (`<password>`, `YOUR_PASSWORD`,
 * `REPLACE_ME`), masks (`***`, `xxx`) and common filler (`changeme`, `secret`,
 * `password`, `placeholder`, `example`, `todo`, `...`).
 */
export function isPlaceholder(value: string | undefined): boolean {
  if (value === undefined) return true;
  const v = value.trim();
  if (v === '') return true;
  if (isReference(v)) return true;
  if (/^<[^<>]*>$/.test(v) || /^\[[^\[\]]*\]$/.test(v)) return true;
  if (/^[*x.•#\-_?]+$/i.test(v)) return true;
  const lower = v.toLowerCase();
  if (/^(?:your|my|enter|insert|put|add|replace|set)[\s_\-]/.test(lower)) return true;
  if (/(?:^|[\s_\-])(?:here|goes[\s_\-]here)$/.test(lower)) return true;
  if (/^(?:change[\s_\-]?me|changeit|replace[\s_\-]?me|placeholder|example|sample|dummy|fake|todo|tbd|fixme|none|null|undefined|nil|redacted|secret|password|passwd|pass|token|tokensecret|token_secret|consumersecret|consumer_secret|clientsecret|client_secret|key|value|test|xxx+)$/.test(lower)) return true;
  if (/placeholder|changeme|change_me|replace_me|replaceme|redacted|not[\s_\-]?a[\s_\-]?real/.test(lower)) return true;
  return false;
}

/** An environment, template or secret-manager reference rather than a literal value. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\{[^}]*\}?$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^\{\{[^}]*\}\}$/.test(v) ||
    /^%env\([^)]*\)%$/.test(v) ||
    /^%[A-Za-z_][A-Za-z0-9_.]*%$/.test(v) ||
    /^#\{[^}]*\}$/.test(v) ||
    /^\$\{\{[^}]*\}\}$/.test(v) ||
    /^(?:env|secret|secrets|vault|ssm|aws-secretsmanager|op):/i.test(v) ||
    /^process\.env\.[A-Za-z_][A-Za-z0-9_]*$/.test(v)
  );
}

// ---------------------------------------------------------------------------

interface ContextIndex {
  documentContext: boolean;
  blocksOfEntry: Map<ConfigEntry, ConfigBlock[]>;
  blocksByPath: Map<string, ConfigBlock[]>;
  blockContext: Map<ConfigBlock, boolean>;
  descendantContext?: Set<ConfigBlock>;
  /** XML: element blocks by their range, for the `keyValueItems` block of the same element. */
  elementsByRange: Map<string, ConfigBlock>;
}

const indexes = new WeakMap<ConfigDocument, ContextIndex>();

function indexOf(doc: ConfigDocument): ContextIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = buildIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}

function buildIndex(doc: ConfigDocument): ContextIndex {
  const blocksOfEntry = new Map<ConfigEntry, ConfigBlock[]>();
  const blocksByPath = new Map<string, ConfigBlock[]>();
  const elementsByRange = new Map<string, ConfigBlock>();
  for (const block of doc.blocks) {
    for (const entry of block.entries) {
      const list = blocksOfEntry.get(entry);
      if (list) list.push(block);
      else blocksOfEntry.set(entry, [block]);
    }
    if (block.kind === 'element') elementsByRange.set(`${block.range.start}:${block.range.end}`, block);
    const key = pathKey(block.path, block.documentIndex);
    const list = blocksByPath.get(key);
    if (list) list.push(block);
    else blocksByPath.set(key, [block]);
  }
  let documentContext = false;
  for (const entry of doc.entries) {
    if (entrySaysNetSuite(entry) || entry.path.some(isNetSuiteKey)) {
      documentContext = true;
      break;
    }
  }
  if (!documentContext) documentContext = doc.blocks.some((block) => block.prefix !== undefined && isNetSuitePrefix(block.prefix));
  return { documentContext, blocksOfEntry, blocksByPath, blockContext: new Map(), elementsByRange };
}

function computeBlockContext(doc: ConfigDocument, index: ContextIndex, block: ConfigBlock): boolean {
  if (isFlat(doc) || block.kind === 'file' || block.kind === 'prefix') return index.documentContext;
  if (!index.documentContext) return false;
  if (blockSaysNetSuite(block)) return true;
  // Spring `<bean class="…NetSuiteClient">`: the items' element says whose properties they are.
  if (block.kind === 'keyValueItems') {
    const owner = ownerElement(doc, block);
    if (owner && blockSaysNetSuite(owner)) return true;
  }
  for (const ancestor of ancestorBlocks(doc, block)) {
    if (ancestor.prefix !== undefined && isNetSuitePrefix(ancestor.prefix)) return true;
    for (const entry of ancestor.entries) if (isScalarEntry(entry) && entrySaysNetSuite(entry)) return true;
  }
  return descendantContext(doc, index).has(block);
}

/** Blocks with a descendant block that says NetSuite (computed once per document, linear in blocks × depth). */
function descendantContext(doc: ConfigDocument, index: ContextIndex): Set<ConfigBlock> {
  if (index.descendantContext) return index.descendantContext;
  const result = new Set<ConfigBlock>();
  for (const block of doc.blocks) {
    if (!blockSaysNetSuite(block)) continue;
    for (const ancestor of ancestorBlocks(doc, block)) result.add(ancestor);
  }
  index.descendantContext = result;
  return result;
}

/** The block's own entries, path and prefix. */
function blockSaysNetSuite(block: ConfigBlock): boolean {
  if (block.path.some(isNetSuiteKey)) return true;
  if (block.prefix !== undefined && isNetSuitePrefix(block.prefix)) return true;
  return block.entries.some(entrySaysNetSuite);
}

/** The entry's key, XML prefix, or (for keys that do not hold secrets) value. */
function entrySaysNetSuite(entry: ConfigEntry): boolean {
  if (isNetSuiteKey(entry.key)) return true;
  if (entry.prefix !== undefined && isNetSuitePrefix(entry.prefix)) return true;
  const value = entry.value;
  if (value === undefined || value === '') return false;
  const normalized = normalizeKey(entry.key);
  if ((normalized.endsWith('realm') || normalized === 'account' || normalized === 'accountid') && isAccountId(value)) {
    if (normalized.endsWith('realm') || /_(?:sb|rp)\d+$|^tstdrv/i.test(value.trim())) return true;
  }
  // A secret's content is no context, but a reference to a NetSuite-named variable is not a secret.
  if (isSecretKey(entry.key)) return isReference(value) && referencedNames(value).some(isNetSuiteKey);
  return isNetSuiteValue(value);
}

function isNetSuitePrefix(prefix: string): boolean {
  return /netsuite|suitetalk/i.test(prefix);
}

/** Keys whose values are secrets: their content is never context (and never shown). */
function isSecretKey(key: string): boolean {
  return /pass(?:word|wd)?|pwd|secret|token|signature|private|credential|apikey|api_key/i.test(normalizeKey(key));
}

function isScalarEntry(entry: ConfigEntry): boolean {
  return entry.value !== undefined || entry.xml === 'attribute';
}

function isFlat(doc: ConfigDocument): boolean {
  return doc.kind === 'dotenv' || doc.kind === 'properties';
}

function pathKey(path: readonly string[], documentIndex: number | undefined): string {
  return `${documentIndex ?? ''}\u0000${path.join('\u0000')}`;
}

/** Variable names referenced by a value: `${NS_X}`, `${env:NS_X}`, `$NS_X`, `{{ns_x}}`, `%env(NS_X)%`, `#{ns.x}`. */
function referencedNames(value: string): string[] {
  const names: string[] = [];
  const pattern = /\$\{(?:env:|secure::)?([A-Za-z_][\w.\-]*)|\$([A-Za-z_]\w*)|\{\{\s*([A-Za-z_][\w.\-]*)\s*\}\}|%env\(([^)]+)\)%|#\{([A-Za-z_][\w.\-]*)\}/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value)) !== null) {
    const name = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5];
    if (name) names.push(name);
    if (names.length > 32) break;
  }
  return names;
}
