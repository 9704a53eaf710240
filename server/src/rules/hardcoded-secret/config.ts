import { isScalar, isSeq, isPair, isMap, parseAllDocuments, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { LineIndex, applyEdits, type OffsetRange, type TextEdit } from '../../core/text';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../../config/model';
import { parseConfig } from '../../config/parse';
import { normalizeKey } from '../../config/keys';
import { blocksOfEntry, documentHasNetSuiteContext, entryHasNetSuiteContext, isNetSuiteKey } from '../../config/netsuiteContext';
import { classifyName, distinctNames, envNameFor, nameWords, type EnvPrefix, type SecretKind, type SecretName } from './names';
import { isLiveSecret, isPem, isPemPrivateKey } from './values';
import { siblingKeys, siblingsSayNetSuite, siblingsSayOtherService, type Sibling } from './context';
import { ID, secretHover, secretMessage } from './messages';
import { envExampleAppend } from './envExample';
import { isExampleFile } from './js';

/**
 * `hardcoded-secret` in committed config: JSON/JSONC (Postman included),
 * YAML, .properties and XML. `.env` files are where secrets belong and are
 * never analysed by this rule (nor any file named `.env*`).
 */

export interface ConfigSecretData {
  /** The characters to replace (a YAML block scalar from its `|`/`>` indicator). */
  replace: OffsetRange;
  kind: SecretKind;
  label: string;
  envName: string;
}

interface Candidate {
  name: string;
  parent?: string;
  value: string;
  valueRange: OffsetRange;
  /** The entry holding the value (for block context); undefined for compose `- NAME=value` items. */
  entry?: ConfigEntry;
  /** The entry whose context stands for a synthesized candidate (the `environment` key of a compose list). */
  contextEntry?: ConfigEntry;
  path: string[];
  siblings: Sibling[];
  /** Keys around the value, nearest first, for environment names that must not collide. */
  qualifiers: string[];
  /** The name is an environment variable's (compose `environment`, Kubernetes `env`, GitHub `env`): the reference keeps it. */
  envKey?: boolean;
}

const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const ENV_PARENT = /^(?:environment|env|envs|variables|vars|envvars|environmentvariables|secrets|extraenv|containerenv)$/;

type Idiom = 'env' | 'postman' | 'github' | 'serverless';

export function checkConfig(context: RuleContext): Finding[] {
  const { document } = context;
  if (document.kind === 'dotenv' || isDotenvName(document.uri) || isExampleFile(document.uri)) return [];
  const doc = context.config();
  const text = document.text;
  const found: { c: Candidate; secret: SecretName | undefined; kind: SecretKind }[] = [];
  const seen = new Set<number>();
  const fileNamed = fileNameSaysNetSuite(document.uri);
  const idiom = idiomOf(document.uri, doc, text);
  const postman = idiom.idiom === 'postman';

  for (const c of candidates(doc, text)) {
    if (seen.has(c.valueRange.start)) continue;
    const secret = classifyName(c.name, c.parent, siblingKeys(c.siblings));
    const pem = isPem(c.value) && isPemPrivateKey(c.value);
    if (!secret && !pem) continue;
    if (!isLiveSecret(c.value, secret?.kind)) continue;
    if (!inContext(doc, c, secret, pem, fileNamed, postman)) continue;
    seen.add(c.valueRange.start);
    found.push({ c, secret, kind: secret?.kind ?? 'privateKey' });
  }
  found.sort((a, b) => a.c.valueRange.start - b.c.valueRange.start);

  const prefix = envPrefixOf(text);
  const names = environmentNames(text, found.map((f) => ({ c: f.c, secret: f.secret })), prefix);
  return found.map((f, i) => {
    const label = f.secret?.label ?? f.c.name;
    const envName = names[i];
    const reference = referenceText(idiom.idiom, envName, text);
    const data: ConfigSecretData = { replace: replaceRange(doc, text, f.c), kind: f.kind, label, envName };
    const length = f.c.value.length;
    return {
      ruleId: ID,
      range: f.c.valueRange,
      message: secretMessage(f.kind, label, length, { kind: 'config', name: reference }),
      hover: secretHover(f.kind, label, length, { kind: 'config', name: reference }),
      data,
    };
  });
}

export function configFixes(finding: Finding, context: RuleContext): Fix[] {
  const data = finding.data as ConfigSecretData;
  const { document } = context;
  const doc = context.config();
  const text = document.text;
  const { idiom, preferred } = idiomOf(document.uri, doc, text);
  // Kubernetes resolves nothing from the environment in a manifest: the fix is a Secret and `secretKeyRef`, not a text edit.
  if (document.kind === 'yaml' && /^apiVersion:/m.test(text) && /^kind:/m.test(text)) return [];
  const reference = referenceText(idiom, data.envName, text);
  const variants = [reference];
  const quotedAlready = /^["']/.test(text.slice(data.replace.start - 1, data.replace.start));
  // An unquoted JSON value (a number) becomes a string; a YAML plain scalar in a flow collection needs quotes.
  if (document.kind === 'json' && !quotedAlready) variants.unshift(`"${reference}"`);
  else if (document.kind === 'yaml' && !quotedAlready) variants.push(`"${reference}"`);
  for (const variant of variants) {
    const edit: TextEdit = { range: data.replace, newText: variant };
    if (!clears(context, finding, edit)) continue;
    const title = idiom === 'postman' ? `Keep ${data.label} in the Postman vault (${reference})` : idiom === 'github' ? `Read ${data.label} from the repository secret ${data.envName}` : `Reference ${data.envName} instead of the literal ${data.label}`;
    const fix: Fix = { title, edits: [edit], preferred };
    if (idiom === 'env' || idiom === 'serverless') {
      const append = envExampleAppend(document.uri, data.envName);
      if (append) fix.appendToFiles = [append];
    }
    return [fix];
  }
  return [];
}

// ---------------------------------------------------------------------------
// Candidates

function candidates(doc: ConfigDocument, text: string): Candidate[] {
  const out: Candidate[] = [];
  const blocksOf = (entry: ConfigEntry) => blocksOfEntry(doc, entry);
  const siblingsOfEntry = (entry: ConfigEntry): Sibling[] => {
    const blocks = blocksOf(entry);
    const block = blocks.find((b) => b.kind !== 'file') ?? blocks[0];
    return block ? siblingsOfBlock(block) : [];
  };
  // 1. Every scalar entry, by its own key (Postman `{ key, value }` items are entries of their own).
  for (const entry of doc.entries) {
    if (entry.value === undefined || !entry.valueRange) continue;
    const path = entry.path.filter((p) => !/^\d+$/.test(p));
    const parent = doc.kind === 'properties' ? undefined : path.length >= 2 ? path[path.length - 2] : undefined;
    const envKey = ENV_NAME.test(entry.key) && parent !== undefined && ENV_PARENT.test(normalizeKey(parent));
    out.push({ name: entry.key, parent, value: entry.value, valueRange: entry.valueRange, entry, path: entry.path, siblings: siblingsOfEntry(entry), qualifiers: path.slice(0, -1).reverse(), envKey });
  }
  // 2. Name/value pairs: Kubernetes and ECS `env` items, Spring/Mule `<property name="…" value="…"/>`
  //    (unless the parser already made the pair an entry of its own, in step 1).
  const itemValues = new Set(doc.entries.filter((e) => e.keyValueItem && e.valueRange).map((e) => e.valueRange!.start));
  for (const block of doc.blocks) {
    if (block.kind === 'keyValueItems' || block.kind === 'file' || block.kind === 'prefix') continue;
    const nameEntry = block.entries.find((e) => /^(?:name|key|parameterkey|paramname)$/.test(normalizeKey(e.key)) && e.value !== undefined && /^[A-Za-z_][\w.\-]*$/.test(e.value));
    const valueEntry = block.entries.find((e) => /^(?:value|parametervalue|defaultvalue)$/.test(normalizeKey(e.key)) && e.value !== undefined && e.valueRange);
    if (!nameEntry || !valueEntry || valueEntry.keyValueItem || itemValues.has(valueEntry.valueRange!.start)) continue;
    const path = block.path.filter((p) => !/^\d+$/.test(p));
    out.push({ name: nameEntry.value!, parent: path[path.length - 1], value: valueEntry.value!, valueRange: valueEntry.valueRange!, entry: valueEntry, path: [...block.path, nameEntry.value!], siblings: siblingsOfBlock(block), qualifiers: path.slice().reverse(), envKey: ENV_NAME.test(nameEntry.value!) });
  }
  // 3. YAML sequences of `NAME=value` strings (docker-compose `environment:` lists).
  if (doc.kind === 'yaml' && /^\s*-\s*["']?[A-Za-z_][\w.]*=/m.test(text)) out.push(...composeItems(doc, text));
  return out.sort((a, b) => a.valueRange.start - b.valueRange.start);
}

/** One list per block, shared by its entries (see `siblingKeys`). */
const blockSiblings = new WeakMap<ConfigBlock, Sibling[]>();

function siblingsOfBlock(block: ConfigBlock): Sibling[] {
  let siblings = blockSiblings.get(block);
  if (!siblings) blockSiblings.set(block, (siblings = block.entries.map((e) => ({ key: e.key, value: e.value }))));
  return siblings;
}

function composeItems(doc: ConfigDocument, text: string): Candidate[] {
  const out: Candidate[] = [];
  let streams;
  try {
    streams = parseAllDocuments(text);
  } catch {
    return out;
  }
  const docs = Array.isArray(streams) ? streams : [streams];
  const keyEntries = new Map<number, ConfigEntry>();
  for (const e of doc.entries) keyEntries.set(e.keyRange.start, e);
  const walk = (node: unknown, path: string[], keyStart: number | undefined, depth: number) => {
    if (depth > 64 || !node) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const keyNode = pair.key as YamlNode | null;
        walk(pair.value, key !== undefined ? [...path, key] : path, keyNode?.range?.[0], depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isScalar(item) && typeof item.value === 'string') {
          const c = composeItem(text, item as Scalar, path, keyStart !== undefined ? keyEntries.get(keyStart) : undefined);
          if (c) out.push(c);
        } else walk(item, path, undefined, depth + 1);
      }
    } else if (isPair(node)) walk((node as Pair).value, path, undefined, depth + 1);
  };
  for (const d of docs) walk(d.contents, [], undefined, 0);
  return out;
}

function composeItem(text: string, item: Scalar, path: string[], contextEntry: ConfigEntry | undefined): Candidate | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_.]*)=([\s\S]*)$/.exec(item.value as string);
  if (!m || !item.range) return undefined;
  const [start, end] = item.range;
  const source = text.slice(start, end);
  const quote = source[0] === '"' || source[0] === "'" ? 1 : 0;
  if (quote && source.includes('\\')) return undefined;
  const eq = source.indexOf('=');
  if (eq < 0) return undefined;
  const valueStart = start + eq + 1;
  const valueEnd = start + source.length - (quote && source.length > 1 && source[source.length - 1] === source[0] ? 1 : 0);
  const value = m[2];
  if (text.slice(valueStart, valueEnd).trimEnd() !== value.trimEnd()) return undefined;
  return { name: m[1], value, valueRange: { start: valueStart, end: valueStart + value.trimEnd().length }, contextEntry, path: [...path, m[1]], siblings: [], qualifiers: path.slice().reverse(), envKey: true };
}

// ---------------------------------------------------------------------------
// Context

const OTHER_PREFIX = /^(?:spring\.(?:datasource|mail|redis|data|rabbitmq|kafka|ldap|r2dbc|flyway|liquibase|security\.oauth2\.client\.registration\.(?!netsuite)\w+)|db|database|datasource|jdbc|mail|smtp|redis|mongo|mongodb|ldap|ftp|sftp|rabbitmq|amqp|kafka|mysql|postgres|postgresql|oracle|mssql|elasticsearch|keystore|truststore|ssl|server\.ssl)(?:\.|$)/i;

function inContext(doc: ConfigDocument, c: Candidate, secret: SecretName | undefined, pem: boolean, fileNamed: boolean, postman: boolean): boolean {
  if (secret?.netsuiteNamed) return true;
  if (c.path.some((p) => isNetSuiteKey(p))) return true;
  if (siblingsSayNetSuite(c.siblings)) return true;
  if (doc.kind === 'xml' && c.path.some((p) => /^(?:passport|tokenpassport)$/i.test(p))) return true;
  const generic = !secret || secret.kind === 'password' || secret.kind === 'secret' || pem;
  if (generic && siblingsSayOtherService(c.siblings)) return false;
  if (doc.kind === 'properties') {
    const dot = c.name.lastIndexOf('.');
    const prefix = dot > 0 ? c.name.slice(0, dot) : '';
    if (prefix === '') return documentHasNetSuiteContext(doc) || fileNamed;
    if (OTHER_PREFIX.test(prefix)) return false;
    const siblings = doc.entries.filter((e) => e.key.startsWith(`${prefix}.`)).map((e) => ({ key: e.key.slice(prefix.length + 1), value: e.value }));
    if (siblingsSayNetSuite(siblings)) return true;
    if (siblingsSayOtherService(siblings)) return false;
    return documentHasNetSuiteContext(doc) || fileNamed;
  }
  const entry = c.entry ?? c.contextEntry;
  if (entry && entryHasNetSuiteContext(doc, entry)) return true;
  // A Postman collection or environment is about one API: its requests elsewhere in the file are the context.
  if (postman && documentHasNetSuiteContext(doc)) return true;
  if (!entry && documentHasNetSuiteContext(doc) && c.path.length <= 3) return true;
  if (fileNamed && c.path.filter((p) => !/^\d+$/.test(p)).length <= 2) return true;
  return false;
}

function fileNameSaysNetSuite(uri: string): boolean {
  const name = (uri.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  return /netsuite|suitetalk|suitecloud|nsconfig|^ns[-_.]/.test(name);
}

function isDotenvName(uri: string): boolean {
  const name = (uri.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  return name.startsWith('.env') || name.endsWith('.env');
}

// ---------------------------------------------------------------------------
// References and names

/** How the file refers to the environment, and whether its format resolves that on its own (then the fix is preferred). */
function idiomOf(uri: string, doc: ConfigDocument, text: string): { idiom: Idiom; preferred: boolean } {
  const path = safeDecode(uri).replace(/\\/g, '/');
  const name = (path.split('/').pop() ?? '').toLowerCase();
  const usesEnvRefs = /\$\{[A-Za-z_][\w.:-]*\}/.test(text);
  switch (doc.kind) {
    case 'json':
      if (/\.postman_(?:environment|collection|globals)\.json$/.test(name) || /"_postman_(?:variable_scope|id|exported_using)"|schema\.getpostman\.com/.test(text)) return { idiom: 'postman', preferred: true };
      return { idiom: 'env', preferred: usesEnvRefs };
    case 'yaml':
      if (/\/\.github\/workflows\//.test(path) || (/^jobs:/m.test(text) && /^\s*runs-on:/m.test(text))) return { idiom: 'github', preferred: true };
      if (/^serverless\.ya?ml$/.test(name)) return { idiom: 'serverless', preferred: true };
      if (/^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/.test(name) || /^(?:application|bootstrap)(?:-[\w.-]+)?\.ya?ml$/.test(name)) return { idiom: 'env', preferred: true };
      return { idiom: 'env', preferred: usesEnvRefs };
    case 'properties':
      return { idiom: 'env', preferred: true };
    case 'xml':
      return { idiom: 'env', preferred: usesEnvRefs || /mulesoft\.org\/schema\/mule|springframework\.org\/schema/.test(text) };
    default:
      return { idiom: 'env', preferred: false };
  }
}

function referenceText(idiom: Idiom, envName: string, text: string): string {
  switch (idiom) {
    case 'postman': {
      const nsVault = (text.match(/\{\{vault:ns-/g) ?? []).length > (text.match(/\{\{vault:netsuite-/g) ?? []).length;
      const kebab = envName.toLowerCase().replace(/_/g, '-');
      return `{{vault:${nsVault ? kebab.replace(/^netsuite-/, 'ns-') : kebab}}}`;
    }
    case 'github':
      return `\${{ secrets.${envName} }}`;
    case 'serverless':
      return `\${env:${envName}}`;
    default:
      return `\${${envName}}`;
  }
}

/** `NS_` when the file's references and keys use it (and not `NETSUITE_`), else `NETSUITE_`. */
function envPrefixOf(text: string): EnvPrefix {
  const ns = (text.match(/\bNS_[A-Z0-9_]+/g) ?? []).length + (text.match(/\{\{vault:ns-/g) ?? []).length;
  const netsuite = (text.match(/\bNETSUITE_[A-Z0-9_]+/g) ?? []).length + (text.match(/\{\{vault:netsuite-/g) ?? []).length;
  return ns > netsuite ? 'NS_' : 'NETSUITE_';
}

function environmentNames(text: string, list: { c: Candidate; secret: SecretName | undefined }[], prefix: EnvPrefix): string[] {
  // Variables the file already references are not reused for a different value.
  const taken = new Set<string>();
  for (const m of text.matchAll(/\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}|\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) taken.add(m[1] ?? m[2]);
  for (const m of text.matchAll(/\{\{vault:([\w-]+)\}\}/g)) taken.add(m[1].toUpperCase().replace(/-/g, '_'));
  const nameOf = (item: { c: Candidate; secret: SecretName | undefined }, qualifiers: string[]) => {
    const key = item.c.name.includes('.') ? item.c.name.split('.').filter((p) => p).join('_') : item.c.name;
    const secret = item.secret ?? { kind: 'privateKey' as const, label: key, words: ['private', 'key'], netsuiteNamed: false };
    return envNameFor(secret, key, prefix, qualifiers);
  };
  const names = list.map((item) => (item.c.envKey ? item.c.name : nameOf(item, [])));
  return distinctNames(
    names,
    list.map((item) => item.c.value),
    (i, round) => {
      const own = new Set(list[i].secret?.words ?? []);
      const qualifiers = list[i].c.qualifiers.filter((q) => q.length > 2 && !nameWords(q).every((w) => own.has(w))).slice(0, round).reverse();
      return nameOf(list[i], qualifiers);
    },
    list.map((item) => !!item.c.envKey),
    (name) => taken.has(name),
  );
}

/** The value's characters; for a YAML block scalar, from its `|`/`>` indicator, so the reference replaces the whole scalar. */
function replaceRange(doc: ConfigDocument, text: string, c: Candidate): OffsetRange {
  const range = c.valueRange;
  if (doc.kind === 'yaml' && c.entry) {
    const between = text.slice(c.entry.keyRange.end, range.start);
    const m = /^["']?\s*:[ \t]*(?:[!&]\S*[ \t]+)*([|>][-+0-9]*)/.exec(between);
    if (m && between.slice(m[0].length).trim().replace(/^#.*$/m, '').trim() === '') {
      return { start: c.entry.keyRange.end + m.index + m[0].length - m[1].length, end: range.end };
    }
  }
  return range;
}

/** The edit leaves a file that parses as well as before and no longer has a secret there. */
function clears(context: RuleContext, finding: Finding, edit: TextEdit): boolean {
  const { document } = context;
  const before = context.config().errors.length;
  const text = applyEdits(document.text, [edit]);
  const parsed = parseConfig(document.kind, text);
  if (parsed.errors.length > before) return false;
  const next: RuleContext = {
    document: { ...document, text, version: document.version + 1 },
    lines: new LineIndex(text),
    js: () => context.js(),
    config: () => parsed,
  };
  const end = edit.range.start + edit.newText.length;
  return !checkConfig(next).some((f) => f.range.start < end && edit.range.start < f.range.end) && finding.range.start >= 0;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
