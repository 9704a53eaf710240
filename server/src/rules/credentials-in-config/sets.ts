import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../../config/model';
import { ancestorBlocks, blockHasNetSuiteContext, ownerElement, documentHasNetSuiteContext, entryHasNetSuiteContext, isAccountId, isNetSuiteValue, isPlaceholder, isReference } from '../../config/netsuiteContext';
import type { OffsetRange } from '../../core/text';
import { namesSoapEndpoint } from '../soap-web-services/references';
import { isForeignSegment, keyMeaning, splitKey, type KeyMeaning, type KeyRole } from './keyRoles';

/**
 * Credential sets in a parsed config file: the entries of one block (one
 * object, XML element, Postman item list, or — in flat dotenv/.properties
 * files — the keys sharing a qualifier such as `SB` in `NS_SB_EMAIL`) that
 * together log in to NetSuite. Shared by `credentials-in-config` (user
 * credentials) and `tba-credentials-in-config` (TBA).
 */

export type SetKind = 'user' | 'tba';

export interface SetMember {
  entry: ConfigEntry;
  meaning: KeyMeaning;
  /** The member sits in a nested `consumer: { key, secret }` / `token: { id, secret }` map: the entry of that map. */
  parent?: ConfigEntry;
}

export interface CredentialSet {
  kind: SetKind;
  /** The block the set's entries belong to. */
  block: ConfigBlock;
  members: SetMember[];
  /** The entry the finding is on (password, token id, or the Postman/selector `type`). */
  reportEntry: ConfigEntry;
  /** The finding's range: the report entry's key (its value for Postman `type: oauth1` and bare selectors). */
  range: OffsetRange;
  /** The set's qualifier (`sb` for `NS_SB_PASSWORD`), '' for most. */
  qualifier: string;
  /** Postman collection `auth: { type: oauth1, oauth1: [...] }`. */
  postman?: { typeEntry: ConfigEntry; paramsEntry: ConfigEntry; paramsBlock: ConfigBlock };
  /** A connector element that only speaks SOAP (MuleSoft NetSuite connector): no OAuth 2.0 rewrite exists. */
  connector?: 'mulesoft';
  /** Only a selector (`type: tba`) shows the method; the secrets are elsewhere. */
  selectorOnly?: boolean;
}

const POSTMAN_AUTH_TYPES = new Set(['basic', 'digest', 'ntlm', 'oauth2', 'apikey', 'bearer', 'awsv4', 'hawk', 'akamai', 'edgegrid', 'jwt', 'asap', 'noauth', 'oauth1']);
/** Qualifiers of flat files that only tell environments apart. */
const ENVIRONMENT_WORDS = new Set(['prod', 'production', 'prd', 'sandbox', 'sb', 'dev', 'development', 'test', 'testing', 'qa', 'uat', 'staging', 'stage', 'stg', 'live', 'release', 'preview', 'rp', 'local', 'demo', 'primary', 'secondary', 'main', 'old', 'new', 'legacy', 'tstdrv', 'account', 'company', 'source', 'target', 'src', 'dst', 'dest', 'email', 'name', 'id']);

const meaningCache = new WeakMap<ConfigDocument, Map<ConfigEntry, KeyMeaning | null>>();
const setCache = new WeakMap<ConfigDocument, CredentialSet[]>();

export function meaningOf(doc: ConfigDocument, entry: ConfigEntry): KeyMeaning | undefined {
  let cache = meaningCache.get(doc);
  if (!cache) {
    cache = new Map();
    meaningCache.set(doc, cache);
  }
  let known = cache.get(entry);
  if (known === undefined) {
    known = keyMeaning(entry.key, entry.value) ?? null;
    cache.set(entry, known);
  }
  return known ?? undefined;
}

/**
 * Every NetSuite credential set of the document, both kinds, in source order
 * of their findings. `uri` (or a file name) gives context when the file is
 * named after NetSuite (`netsuite.yml`, `.env.netsuite`, `nsconfig.json`).
 */
export function credentialSets(doc: ConfigDocument, uri?: string): CredentialSet[] {
  let sets = setCache.get(doc);
  if (!sets) {
    sets = findSets(doc, uri !== undefined && isNetSuiteFileName(uri));
    setCache.set(doc, sets);
  }
  return sets;
}

/** A file named after NetSuite or one of its tools: its keys are NetSuite's. */
export function isNetSuiteFileName(uri: string): boolean {
  let name = uri.replace(/\\/g, '/').split('/').pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as it is
  }
  return /netsuite|suitetalk|suitecloud|nsconfig|nsrestlet/i.test(name);
}

let fileContext = false;

function findSets(doc: ConfigDocument, namedFile: boolean): CredentialSet[] {
  fileContext = namedFile;
  try {
    return findSetsIn(doc);
  } finally {
    fileContext = false;
  }
}

function findSetsIn(doc: ConfigDocument): CredentialSet[] {
  const flat = doc.kind === 'dotenv' || doc.kind === 'properties';
  const sets: CredentialSet[] = [];
  const consumed = new Set<ConfigBlock>();
  if (doc.kind === 'json') sets.push(...postmanAuthSets(doc, consumed));
  const childBlocks = flat ? undefined : blocksByPath(doc);
  for (const block of doc.blocks) {
    if (consumed.has(block)) continue;
    if (flat ? block.kind !== 'file' : block.kind === 'prefix' || block.kind === 'file') continue;
    if (isPostmanAuthParams(doc, block)) continue;
    // A SOAP `<passport>`/`<tokenPassport>` is soap-passport's and soap-token-passport's finding.
    if (doc.kind === 'xml' && (block.path[0] === 'Envelope' || block.path.some((p) => /^(passport|tokenPassport)$/i.test(p)))) continue;
    // `database: { user, password }` under a NetSuite config is the database's.
    if (block.path.some(isForeignSegment) || (block.prefix !== undefined && isForeignSegment(block.prefix))) continue;
    // Spring `<bean id="dataSource" class="…BasicDataSource">`: the element's own name says whose properties these are.
    if (ownerNamesForeign(doc, block)) continue;
    const members = membersOf(doc, block, childBlocks);
    if (members.length === 0) continue;
    for (const set of setsOfBlock(doc, block, members, flat)) sets.push(set);
  }
  // An anchor merged into several maps is one set, reported where it is written.
  const seen = new Set<string>();
  const unique = sets.filter((set) => {
    const id = `${set.kind}:${set.range.start}:${set.range.end}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => a.range.start - b.range.start);
}

/** The `id`/`name`/`class` of the XML element a block belongs to name another system (`dataSource`, `…BasicDataSource`, `mailSender`). */
function ownerNamesForeign(doc: ConfigDocument, block: ConfigBlock): boolean {
  const owner = ownerElement(doc, block);
  if (!owner) return false;
  for (const e of owner.entries) {
    if (e.xml !== 'attribute' || e.value === undefined || !/^(id|name|class|type)$/.test(e.key)) continue;
    if (/netsuite|suitetalk/i.test(e.value)) return false;
    for (const part of e.value.split(/[.$:]/)) {
      const words = splitKey(part).map((w) => w.word);
      // `dataSource` is the word `datasource` written in two.
      const joined = words.slice(1).map((w, i) => words[i] + w);
      if (isForeignSegment(part) || joined.some(isForeignSegment)) return true;
    }
  }
  return false;
}

/** Entries of a block with a credential meaning, including `consumer: {key, secret}` / `token: {id, secret}` children. */
function membersOf(doc: ConfigDocument, block: ConfigBlock, childBlocks: Map<string, ConfigBlock[]> | undefined): SetMember[] {
  const members: SetMember[] = [];
  for (const entry of block.entries) {
    const meaning = meaningOf(doc, entry);
    if (meaning && entry.keyValueItem && entry.valueRange === undefined && isFieldDefinition(doc, block, entry)) continue;
    if (meaning) {
      // A map under `token:` is a nested set, not a bare token id.
      if (meaning.role === 'token' && entry.value === undefined && entry.xml !== 'attribute') {
        members.push(...nestedMembers(doc, entry, childBlocks));
        continue;
      }
      // `password: { type: string }` (a JSON/OpenAPI schema, a nested map) describes a field; it holds no credential.
      if (entry.value === undefined && childBlocks?.get(childKey(entry.path, entry.documentIndex))?.some((b) => b.range.start >= entry.keyRange.end)) continue;
      members.push({ entry, meaning });
      continue;
    }
    if (entry.value === undefined && childBlocks && /^(consumer|token)$/i.test(entry.key)) members.push(...nestedMembers(doc, entry, childBlocks));
  }
  return members;
}

/** `{ "key": "token_secret", "label": "Token Secret" }`: a form field that asks for a credential, not one. */
function isFieldDefinition(doc: ConfigDocument, block: ConfigBlock, entry: ConfigEntry): boolean {
  const item = itemOf(doc, block, entry);
  return item !== undefined && item.entries.some((e) => /^(label|placeholder|description|title|required|secure|hint|help)$/i.test(e.key));
}

function nestedMembers(doc: ConfigDocument, parent: ConfigEntry, childBlocks: Map<string, ConfigBlock[]> | undefined): SetMember[] {
  const child = childBlocks?.get(childKey(parent.path, parent.documentIndex))?.find((b) => b.kind === 'object' || b.kind === 'element');
  if (!child) return [];
  const out: SetMember[] = [];
  for (const entry of child.entries) {
    if (!/^(key|secret|id)$/i.test(entry.key)) continue;
    const meaning = keyMeaning(`${parent.key}_${entry.key}`);
    if (meaning && (meaning.role === 'consumerKey' || meaning.role === 'consumerSecret' || meaning.role === 'tokenId' || meaning.role === 'tokenSecret')) out.push({ entry, meaning, parent });
  }
  return out;
}

/** The `{ key, value }` / `{ name, value }` object of an item entry. */
function itemOf(doc: ConfigDocument, block: ConfigBlock, entry: ConfigEntry): ConfigBlock | undefined {
  const byPath = blocksByPath(doc);
  // Items sit under `<array path>/<index>`; the index is not in the entry's path, so look at the array's children.
  for (const [key, blocks] of itemBlocksOf(doc, block, byPath)) {
    void key;
    for (const b of blocks) if (b.kind === 'object' && b.range.start < entry.keyRange.start && entry.keyRange.end <= b.range.end) return b;
  }
  return undefined;
}

const itemCache = new WeakMap<ConfigBlock, Map<string, ConfigBlock[]>>();

function itemBlocksOf(doc: ConfigDocument, block: ConfigBlock, byPath: Map<string, ConfigBlock[]>): Map<string, ConfigBlock[]> {
  let items = itemCache.get(block);
  if (!items) {
    items = new Map();
    for (let i = 0; i < 100_000; i++) {
      const key = childKey([...block.path, String(i)], block.documentIndex);
      const found = byPath.get(key);
      if (!found) break;
      items.set(key, found);
    }
    itemCache.set(block, items);
  }
  return items;
}

const pathIndexCache = new WeakMap<ConfigDocument, Map<string, ConfigBlock[]>>();

function blocksByPath(doc: ConfigDocument): Map<string, ConfigBlock[]> {
  let index = pathIndexCache.get(doc);
  if (!index) {
    index = indexChildBlocks(doc);
    pathIndexCache.set(doc, index);
  }
  return index;
}

function indexChildBlocks(doc: ConfigDocument): Map<string, ConfigBlock[]> {
  const map = new Map<string, ConfigBlock[]>();
  for (const block of doc.blocks) {
    const key = childKey(block.path, block.documentIndex);
    const list = map.get(key);
    if (list) list.push(block);
    else map.set(key, [block]);
  }
  return map;
}

function childKey(path: readonly string[], documentIndex: number | undefined): string {
  return `${documentIndex ?? ''}\u0000${path.join('\u0000')}`;
}

function setsOfBlock(doc: ConfigDocument, block: ConfigBlock, members: SetMember[], flat: boolean): CredentialSet[] {
  // Group by qualifier: `NS_SB_EMAIL` + `NS_SB_PASSWORD` and `NS_PROD_EMAIL` + `NS_PROD_PASSWORD` are two sets.
  const groups = new Map<string, SetMember[]>();
  for (const member of members) {
    const q = member.meaning.qualifier;
    const list = groups.get(q);
    if (list) list.push(member);
    else groups.set(q, [member]);
  }
  const shared = members.filter((m) => m.meaning.qualifier === '' && (m.meaning.role === 'account' || m.meaning.role === 'tbaSelector' || m.meaning.role === 'userSelector'));
  const out: CredentialSet[] = [];
  for (const [qualifier, group] of groups) {
    // In a flat file, `APP_USER`/`APP_PASSWORD` next to NetSuite keys belong to the app: the file's
    // context does not reach a set qualified by another word; only the set's own evidence counts.
    const ownEvidenceOnly = (flat || block.kind === 'keyValueItems') && qualifier !== '' && !group.some((m) => m.meaning.netsuiteNamed) && qualifier.split(' ').some((w) => !ENVIRONMENT_WORDS.has(w.replace(/\d+$/, '')));
    const all = qualifier === '' || ownEvidenceOnly ? group : [...group, ...shared.filter((m) => !group.includes(m))];
    const user = userSet(doc, block, all, qualifier, ownEvidenceOnly);
    if (user) out.push(user);
    const tba = tbaSet(doc, block, all, qualifier, ownEvidenceOnly);
    if (tba) out.push(tba);
  }
  return out;
}

function roles(members: SetMember[], ...wanted: KeyRole[]): SetMember[] {
  return members.filter((m) => wanted.includes(m.meaning.role));
}

function userSet(doc: ConfigDocument, block: ConfigBlock, all: SetMember[], qualifier: string, ownEvidenceOnly: boolean): CredentialSet | undefined {
  const passwords = roles(all, 'password');
  if (passwords.length === 0) return undefined;
  const companions = roles(all, 'email', 'account', 'role', 'applicationId', 'userSelector');
  if (companions.length === 0 && !passwords.some((p) => p.meaning.netsuiteNamed)) return undefined;
  const members = roles(all, 'email', 'password', 'account', 'role', 'applicationId', 'userSelector');
  const report = passwords[0].entry;
  if (!hasContext(doc, block, members, 'user', ownEvidenceOnly)) return undefined;
  const set: CredentialSet = { kind: 'user', block, members, reportEntry: report, range: report.keyRange, qualifier };
  if (isSoapConnector(block)) set.connector = 'mulesoft';
  return set;
}

function tbaSet(doc: ConfigDocument, block: ConfigBlock, all: SetMember[], qualifier: string, ownEvidenceOnly: boolean): CredentialSet | undefined {
  const tokenIds = roles(all, 'tokenId');
  const bareTokens = roles(all, 'token');
  const tokenSecrets = roles(all, 'tokenSecret');
  const consumers = roles(all, 'consumerKey', 'consumerSecret');
  const selectors = roles(all, 'tbaSelector');
  const hasTokenSecret = tokenSecrets.length > 0;
  const ids = hasTokenSecret ? [...tokenIds, ...bareTokens].sort((a, b) => a.entry.keyRange.start - b.entry.keyRange.start) : tokenIds;
  const isSet = (ids.length > 0 && (hasTokenSecret || consumers.length > 0)) || (hasTokenSecret && consumers.length > 0);
  if (!isSet) {
    // `type: tba` alone (the secrets come from elsewhere) in a NetSuite block.
    if (selectors.length === 0 || qualifier !== '') return undefined;
    const selector = selectors[0].entry;
    if (!selector.valueRange || !(blockHasNetSuiteContext(doc, block) || selectors.some((s) => s.meaning.netsuiteNamed))) return undefined;
    if (consumers.length > 0 || tokenIds.length > 0) return undefined;
    return { kind: 'tba', block, members: selectors, reportEntry: selector, range: selector.valueRange, qualifier, selectorOnly: true };
  }
  const members = all.filter((m) => ['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'signatureMethod', 'account', 'tbaSelector'].includes(m.meaning.role) || (m.meaning.role === 'token' && hasTokenSecret));
  if (!hasContext(doc, block, members, 'tba', ownEvidenceOnly)) return undefined;
  const report = (ids[0] ?? tokenSecrets[0] ?? consumers[0]).entry;
  const set: CredentialSet = { kind: 'tba', block, members, reportEntry: report, range: report.keyRange, qualifier };
  if (isSoapConnector(block)) set.connector = 'mulesoft';
  return set;
}

/** NetSuite context of a set: NetSuite-named keys, the block's context, or a NetSuite-only shape. */
function hasContext(doc: ConfigDocument, block: ConfigBlock, members: SetMember[], kind: SetKind, ownEvidenceOnly = false): boolean {
  if (members.some((m) => m.meaning.netsuiteNamed || m.parent?.key.match(/netsuite/i))) return true;
  // `${NS_PASSWORD}`: a reference to a NetSuite-named variable.
  if (members.some((m) => m.entry.value !== undefined && isReference(m.entry.value) && isNetSuiteValue(m.entry.value))) return true;
  if (!ownEvidenceOnly) {
    if (fileContext) return true;
    if (blockHasNetSuiteContext(doc, block)) return true;
    if (members.some((m) => entryHasNetSuiteContext(doc, m.entry))) return true;
    // A Postman environment or variable list is one flat list: the file is the context.
    if (block.kind === 'keyValueItems' && doc.kind === 'json' && documentHasNetSuiteContext(doc)) return true;
  }
  const account = roles(members, 'account').find((m) => isAccountId(m.entry.value) || (m.entry.value !== undefined && isReference(m.entry.value)));
  if (kind === 'user') {
    // nsrestlet/netsuite-restlet shape: an account id (in the set or next to its block) and a numeric role
    // next to the email and password; node-suitetalk/SOAP shape: an application id next to them.
    if (roles(members, 'email').length === 0) return false;
    if (roles(members, 'applicationId').length > 0 && roles(members, 'role').length > 0) return true;
    const role = roles(members, 'role').find((m) => m.entry.value !== undefined && /^\s*\d{1,4}\s*$/.test(m.entry.value));
    if (role === undefined) return false;
    if (account !== undefined && isAccountId(account.entry.value)) return true;
    return ancestorBlocks(doc, block).some((a) => a.entries.some((e) => meaningOf(doc, e)?.role === 'account' && isAccountId(e.value)));
  }
  // NetSuite's TBA shapes (Twitter- and Magento-style OAuth 1.0 sets have access tokens instead):
  // consumer key/secret + token id/secret + account id, or + a `realm` key (even empty, as in
  // netsuite-rest's .env.sample), or consumer + a token *id*/*key* + a token secret.
  const hasConsumer = roles(members, 'consumerKey', 'consumerSecret').length > 0;
  const hasToken = roles(members, 'tokenId', 'tokenSecret', 'token').length > 0;
  // (QuickBooks' OAuth 1.0 `realm_id` holds a 15-digit company id and goes with access tokens.)
  const accessNamed = members.some((m) => /access/i.test(m.entry.key) && (m.meaning.role === 'token' || m.meaning.role === 'tokenSecret'));
  const realm = !accessNamed && roles(members, 'account').some((m) => /realm/i.test(m.entry.key) && (m.entry.value === undefined || isPlaceholder(m.entry.value) || isAccountId(m.entry.value)));
  const namedTokenId = roles(members, 'tokenId').length > 0 && roles(members, 'tokenSecret').length > 0;
  return hasConsumer && hasToken && (account !== undefined || realm || namedTokenId);
}

/** `"name": "NetSuite (SOAP) - prod"`: upper case only, so a product called "soap" is not SOAP. */
const SOAP_WORD = /\bSOAP\b/;
const SOAP_KEY = /^(?:wsdl|soap)|(?:wsdl|soap)(?:url|uri|endpoint|version)?$/i;

/**
 * The set configures a SOAP web services client: its block, an enclosing block or (for dotenv and
 * .properties, one flat list) the file names a SOAP endpoint, a WSDL or SOAP itself. OAuth 2.0 is not
 * offered for SOAP, so rewriting such a set to client-credentials keys would leave a client that cannot log in.
 */
export function isSoapBound(doc: ConfigDocument, set: CredentialSet): boolean {
  if (set.connector) return true;
  const flat = doc.kind === 'dotenv' || doc.kind === 'properties';
  const scopes = flat ? doc.blocks : [set.block, ...ancestorBlocks(doc, set.block)];
  return scopes.some((b) => b.entries.some((e) => SOAP_KEY.test(e.key.replace(/[-_.\s]/g, '')) || (e.value !== undefined && (namesSoapEndpoint(e.value) || SOAP_WORD.test(e.value)))));
}

/** A MuleSoft NetSuite connector element (`<netsuite:login-authentication-connection>`, `<netsuite:config-login-authentication>`). */
function isSoapConnector(block: ConfigBlock): boolean {
  if (block.kind !== 'element') return false;
  const name = block.path[block.path.length - 1] ?? '';
  return block.prefix !== undefined && /netsuite/i.test(block.prefix) && /authentication|connection|config/i.test(name);
}

// ---------------------------------------------------------------------------
// Postman collections: `auth: { type: "oauth1", oauth1: [ {key, value}, ... ] }`

function postmanAuthSets(doc: ConfigDocument, consumed: Set<ConfigBlock>): CredentialSet[] {
  const out: CredentialSet[] = [];
  const byPath = blocksByPath(doc);
  for (const block of doc.blocks) {
    if (block.kind !== 'object') continue;
    const typeEntry = block.entries.find((e) => e.key === 'type' && e.value !== undefined && e.value.trim().toLowerCase() === 'oauth1');
    if (!typeEntry || !typeEntry.valueRange) continue;
    const paramsEntry = block.entries.find((e) => e.key === 'oauth1' && e.value === undefined);
    if (!paramsEntry) continue;
    const candidates = byPath.get(childKey(paramsEntry.path, paramsEntry.documentIndex)) ?? [];
    const paramsBlock = candidates.find((b) => b.kind === 'keyValueItems') ?? candidates.find((b) => b.kind === 'object');
    if (!paramsBlock) continue;
    consumed.add(paramsBlock);
    if (!(fileContext || blockHasNetSuiteContext(doc, paramsBlock) || blockHasNetSuiteContext(doc, block) || documentHasNetSuiteContext(doc))) continue;
    const members: SetMember[] = [];
    for (const entry of paramsBlock.entries) {
      const meaning = meaningOf(doc, entry);
      if (meaning) members.push({ entry, meaning });
    }
    out.push({ kind: 'tba', block, members, reportEntry: typeEntry, range: typeEntry.valueRange, qualifier: '', postman: { typeEntry, paramsEntry, paramsBlock } });
  }
  return out;
}

/** `auth/basic`, `auth/oauth2`... item lists of a Postman auth block: parameters of another method, not a credential set of ours. */
function isPostmanAuthParams(doc: ConfigDocument, block: ConfigBlock): boolean {
  if (block.kind !== 'keyValueItems' || block.path.length < 2) return false;
  const last = block.path[block.path.length - 1];
  if (!POSTMAN_AUTH_TYPES.has(last)) return false;
  return block.path[block.path.length - 2] === 'auth';
}

/** How a value is shown in messages: never the value itself. */
export function describeValue(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return 'empty';
  if (isReference(value)) return 'an environment or template reference';
  if (isPlaceholder(value)) return 'a placeholder';
  return `<redacted, ${value.length} chars>`;
}

/** The role id of a user-credential set, when it is a literal number. */
export function roleIdOf(set: CredentialSet): string | undefined {
  const role = set.members.find((m) => m.meaning.role === 'role' && m.entry.value !== undefined && /^\s*\d{1,4}\s*$/.test(m.entry.value));
  return role?.entry.value?.trim();
}

export { splitKey };
