import { normalizeKey } from '../../config/keys';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from '../../config/model';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange, TextEdit } from '../../core/text';
import { ancestorEntries, blockOf, configStrings, entriesUnder, hasNetSuiteContext, insertItemAfter, insertSiblingAfter, isPostmanDocument, isScriptLine, itemObjectOf, itemObjectsOf, keyLike, matchRange, replace, valueSaysNetSuite } from '../configShared';
import { METHOD_KEY } from '../pkce-plain/config';

const ID = 'missing-pkce';

/** Keys that select the OAuth 2.0 grant or flow: `grant_type`, `grantType`, `NETSUITE_GRANT_TYPE`, Spring's `authorization-grant-type`, `grant_types`, `oauth_flow`. */
const GRANT_KEY = /(?:granttypes?|^grant|^(?:oauth2?|auth|authorization)?flow)$/;
/** The part of a grant key the PKCE key replaces, in `keyLike`. */
const GRANT_WORDS = /(?:authorization[-_]?)?grant[-_]?types?|grant|flow/;
const RESPONSE_WORDS = /response[-_]?type/;
/** `authorization_code` in any spelling, as one word of the value. */
const AUTH_CODE_WORD = /(?:^|[\s,;|])(authori[sz]ation[-_ ]?code|auth[-_]?code)(?=$|[\s,;|])/i;
/** A form-encoded token request: `grant_type=authorization_code`. */
const FORM_GRANT = /\bgrant_type=(authorization_code)(?![\w-])/i;
/** An authorize request to NetSuite asking for a code. */
const AUTHORIZE_URL = /\/app\/login\/oauth2\/authorize\.nl\b[^#]*[?&]response_type=code(?![\w-])/i;
const POSTMAN_PKCE_GRANT = 'authorization_code_with_pkce';
const FALSY = /^\s*(?:false|no|off|0|disabled?|none|n)\s*$/i;
const TRUTHY_FLIP: Record<string, string> = { false: 'true', no: 'yes', off: 'on', '0': '1', disabled: 'enabled', disable: 'enable', none: 'S256', n: 'y' };

type Kind = 'postman' | 'postmanDefault' | 'grant' | 'responseType' | 'disabled' | 'tokenRequest' | 'authorizeUrl';

interface PkceFix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
}

interface PkceData {
  fixes: PkceFix[];
}

/**
 * Config-file side of `missing-pkce`: OAuth 2.0 authorization code grants to
 * NetSuite without PKCE —
 * - a grant type `authorization_code` (any spelling, any grant key) with no
 *   PKCE switch, challenge method, verifier or public-client setting in its
 *   block (flat files: in the file), or with PKCE switched off;
 * - Postman's OAuth 2.0 `grant_type` `authorization_code` (rather than
 *   `authorization_code_with_pkce`), also when left at that default;
 * - a stored token request `grant_type=authorization_code` without
 *   `code_verifier`, and a stored authorize URL with `response_type=code`
 *   and no `code_challenge`.
 * Reported on the grant type value (the authorize URL; the `oauth2` type of a
 * Postman auth left at its default grant).
 */
export function checkConfig(context: RuleContext): Finding[] {
  const doc = context.config();
  const text = context.document.text;
  const postman = isPostmanDocument(context);
  const out: Finding[] = [];
  const add = (range: OffsetRange, kind: Kind, fixes: PkceFix[], key?: string) => {
    if (out.some((f) => f.range.start === range.start)) return;
    out.push({ ruleId: ID, range, message: message(kind, key), hover: hover(kind), data: { fixes } satisfies PkceData });
  };
  for (const s of configStrings(context)) {
    if (isScriptLine(s)) continue;
    const entry = s.entry;
    if (entry && GRANT_KEY.test(normalizeKey(entry.key)) && AUTH_CODE_WORD.test(s.value)) {
      if (!hasNetSuiteContext(context, s)) continue;
      const range = matchRange(text, s, AUTH_CODE_WORD, 1)!;
      const items = entry.keyValueItem ? blockOf(doc, entry) : undefined;
      const itemsName = entry.keyValueItem ? entry.path[entry.path.length - 2] : undefined;
      if (postman && itemsName === 'oauth2' && items) {
        add(range, 'postman', postmanFixes(doc, text, items, entry, range));
        continue;
      }
      if (itemsName !== undefined && /^(?:urlencoded|formdata|query)$/.test(itemsName) && items) {
        // A Postman token request body: PKCE is the `code_verifier` next to the grant.
        if (items.entries.some((e) => /^codeverifier$/.test(normalizeKey(e.key)))) continue;
        add(range, 'tokenRequest', tokenRequestFixes(doc, text, items, entry));
        continue;
      }
      const evidence = pkceEvidence(doc, text, entry);
      if (evidence === true) continue;
      if (evidence) {
        add(range, 'disabled', [{ title: 'Switch PKCE on', edits: [replace(evidence.range, evidence.newText)], preferred: true }, guide()], evidence.key);
        continue;
      }
      add(range, 'grant', grantFixes(doc, text, entry), entry.key);
      continue;
    }
    const form = FORM_GRANT.exec(s.value);
    if (form && !/code_verifier/i.test(s.value) && hasNetSuiteContext(context, s)) {
      const range = matchRange(text, s, FORM_GRANT, 1);
      if (range) add(range, 'tokenRequest', [guide()]);
      continue;
    }
    if (AUTHORIZE_URL.test(s.value) && !/[?&]code_challenge(?:_method)?=/i.test(s.value)) {
      add(s.range, 'authorizeUrl', [guide()]);
      continue;
    }
    // The authorize side configured on its own: `response_type: code` with no grant type in its block.
    if (entry && !entry.keyValueItem && normalizeKey(entry.key).endsWith('responsetype') && /^\s*code\s*$/.test(s.value) && hasNetSuiteContext(context, s)) {
      const block = blockOf(doc, entry);
      if (block && block.kind !== 'file' && block.entries.some((e) => GRANT_KEY.test(normalizeKey(e.key)))) continue;
      if (doc.kind === 'dotenv' || doc.kind === 'properties' ? doc.entries.some((e) => GRANT_KEY.test(normalizeKey(e.key))) : false) continue;
      const evidence = pkceEvidence(doc, text, entry);
      if (evidence === true) continue;
      const range = matchRange(text, s, /code/)!;
      if (evidence) add(range, 'disabled', [{ title: 'Switch PKCE on', edits: [replace(evidence.range, evidence.newText)], preferred: true }, guide()], evidence.key);
      else add(range, 'responseType', grantFixes(doc, text, entry, RESPONSE_WORDS), entry.key);
    }
  }
  if (postman) for (const finding of postmanDefaultGrants(context, doc, text)) add(finding.range, 'postmanDefault', finding.fixes);
  return out.sort((a, b) => a.range.start - b.range.start);
}

export function configFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as PkceData | undefined;
  return (data?.fixes ?? []).map((f) => (f.edits.length > 0 ? { title: f.title, edits: f.edits, preferred: f.preferred } : { title: f.title, edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }));
}

function guide(): PkceFix {
  return { title: 'Open the missing-pkce guide: add PKCE (S256) to this NetSuite authorization code flow', edits: [], preferred: false };
}

// ---------------------------------------------------------------------------
// PKCE evidence

/** True when PKCE is configured; an edit that switches it on when it is explicitly off; undefined when absent. */
function pkceEvidence(doc: ConfigDocument, text: string, grant: ConfigEntry): true | { range: OffsetRange; newText: string; key: string } | undefined {
  const block = blockOf(doc, grant);
  const flat = doc.kind === 'dotenv' || doc.kind === 'properties';
  const entries = flat || !block ? doc.entries : [...entriesUnder(doc, block), ...ancestorEntries(doc, block)];
  let disabled: { range: OffsetRange; newText: string; key: string } | undefined;
  for (const e of entries) {
    if (e === grant) continue;
    const key = normalizeKey(e.key);
    const value = e.value;
    if (/pkce|proofkey/.test(key)) {
      if (value === undefined) {
        // `pkce: { enabled: false }` is off; any other PKCE block is on.
        const off = entries.find((c) => c.path.length === e.path.length + 1 && c.path.slice(0, -1).join('\u0000') === e.path.join('\u0000') && /^(?:enabled?|on|use)$/.test(normalizeKey(c.key)) && c.value !== undefined && FALSY.test(c.value));
        if (!off) return true;
        disabled ??= flip(text, off);
        continue;
      }
      if (value.trim() !== '' && !FALSY.test(value)) return true;
      disabled ??= flip(text, e);
      continue;
    }
    if (value === undefined) continue;
    if (METHOD_KEY.test(key)) {
      if (value.trim() !== '' && !FALSY.test(value)) return true;
      continue;
    }
    if (/(?:codechallenge|codeverifier)$/.test(key) && value.trim() !== '') return true;
    // Spring Security applies PKCE to public clients (`client-authentication-method: none`).
    if (key.endsWith('clientauthenticationmethod') && /^\s*none\s*$/i.test(value)) return true;
    if (/pkce/i.test(value)) return true;
  }
  if (disabled) return disabled;
  // Scalar lists (`checks: [pkce, state]`) are not entries: look at the block's own lines.
  if (!flat && block && block.kind === 'object' && doc.kind !== 'json') {
    const own = text.slice(block.range.start, block.range.end).replace(/(^|\s)#.*$/gm, '$1');
    if (/\bpkce\b|code_challenge|code_verifier/i.test(own)) return true;
  }
  if (!flat && block && block.kind === 'object' && doc.kind === 'json') {
    const own = text.slice(block.range.start, block.range.end).replace(/\/\/.*$/gm, '');
    if (/"[^"\n]*\bpkce\b[^"\n]*"(?!\s*:)/i.test(own)) return true;
  }
  return undefined;
}

function flip(text: string, entry: ConfigEntry): { range: OffsetRange; newText: string; key: string } | undefined {
  if (!entry.valueRange) return undefined;
  const raw = text.slice(entry.valueRange.start, entry.valueRange.end);
  const word = raw.trim();
  const lower = word.toLowerCase();
  let replacement = TRUTHY_FLIP[lower];
  if (replacement === undefined) return undefined;
  if (METHOD_KEY.test(normalizeKey(entry.key))) replacement = 'S256';
  else if (word === word.toUpperCase() && /[A-Z]/.test(word)) replacement = replacement.toUpperCase();
  else if (/^[A-Z]/.test(word)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
  const start = entry.valueRange.start + raw.indexOf(word);
  return { range: { start, end: start + word.length }, newText: replacement, key: entry.key };
}

// ---------------------------------------------------------------------------
// Fixes

/**
 * Adds `code_challenge_method: S256` next to the grant type, named and written
 * in the file's style. Spring Security has no such property (confidential
 * clients need `OAuth2AuthorizationRequestCustomizers.withPkce()` in code):
 * there the action only opens the guide.
 */
function grantFixes(doc: ConfigDocument, text: string, grant: ConfigEntry, words: RegExp = GRANT_WORDS): PkceFix[] {
  if (normalizeKey(grant.key).endsWith('authorizationgranttype')) {
    return [{ title: 'Open the missing-pkce guide: Spring Security adds PKCE for confidential clients with OAuth2AuthorizationRequestCustomizers.withPkce()', edits: [], preferred: false }];
  }
  const key = keyLike(grant.key, words, ['code', 'challenge', 'method']);
  let edit: TextEdit | undefined;
  if (grant.keyValueItem) {
    const item = itemObjectOf(doc, grant);
    if (item) edit = insertItemAfter(text, item, item, key, 'S256');
  } else edit = insertSiblingAfter(doc, text, grant, key, 'S256');
  const fixes: PkceFix[] = [];
  // XML configs are usually validated against their schema: an unknown attribute or element can stop the application, so it is only offered.
  if (edit) fixes.push({ title: `Add PKCE: ${key} = S256 next to the ${words === RESPONSE_WORDS ? 'response type' : 'grant type'}`, edits: [edit], preferred: doc.kind !== 'xml' });
  fixes.push(guide());
  return fixes;
}

/** Postman: `authorization_code` → `authorization_code_with_pkce`, and the challenge algorithm `S256`. */
function postmanFixes(doc: ConfigDocument, text: string, items: ConfigBlock, grant: ConfigEntry, grantRange: OffsetRange): PkceFix[] {
  const edits: TextEdit[] = [replace(grantRange, POSTMAN_PKCE_GRANT)];
  const algorithm = challengeEdit(text, items, itemObjectOf(doc, grant));
  if (algorithm === undefined) return [guide()];
  if (algorithm) edits.push(algorithm);
  return [{ title: `Use Postman's ${POSTMAN_PKCE_GRANT} grant with the S256 challenge algorithm`, edits, preferred: true }, guide()];
}

/** The edit that makes a Postman oauth2 item array's challenge algorithm S256: null when it already is, undefined when impossible. */
function challengeEdit(text: string, items: ConfigBlock, after: ConfigBlock | undefined): TextEdit | null | undefined {
  const algorithm = items.entries.find((e) => e.key === 'challengeAlgorithm');
  if (algorithm?.valueRange && algorithm.value !== undefined) {
    if (algorithm.value === 'S256') return null;
    return text[algorithm.valueRange.start - 1] === '"' ? replace(algorithm.valueRange, 'S256') : undefined;
  }
  if (!after) return undefined;
  return insertItemAfter(text, after, after, 'challengeAlgorithm', 'S256');
}

/** A Postman token request body: the `code_verifier` item, offered but not applied (the authorize request needs its challenge too). */
function tokenRequestFixes(doc: ConfigDocument, text: string, items: ConfigBlock, grant: ConfigEntry): PkceFix[] {
  const item = itemObjectOf(doc, grant);
  const edit = item ? insertItemAfter(text, item, item, 'code_verifier', '{{code_verifier}}') : undefined;
  const fixes: PkceFix[] = [];
  if (edit && items.kind === 'keyValueItems') fixes.push({ title: 'Send the PKCE code_verifier ({{code_verifier}}) with this token request', edits: [edit], preferred: false });
  fixes.push(guide());
  return fixes;
}

/**
 * Postman OAuth 2.0 auth with no `grant_type` item uses Postman's default,
 * the authorization code grant without PKCE. Reported on the auth's `type`
 * value `oauth2` when its URLs are NetSuite's.
 */
function postmanDefaultGrants(context: RuleContext, doc: ConfigDocument, text: string): { range: OffsetRange; fixes: PkceFix[] }[] {
  const out: { range: OffsetRange; fixes: PkceFix[] }[] = [];
  for (const items of doc.blocks) {
    if (items.kind !== 'keyValueItems' || items.path[items.path.length - 1] !== 'oauth2') continue;
    if (items.entries.some((e) => e.key === 'grant_type')) continue;
    const urls = items.entries.filter((e) => e.key === 'authUrl' || e.key === 'accessTokenUrl');
    if (urls.length === 0) continue;
    const netsuite = urls.some((e) => e.value !== undefined && valueSaysNetSuite(e.value)) || hasNetSuiteContext(context, { value: '', range: items.range, entry: urls[0], path: urls[0].path });
    if (!netsuite) continue;
    const type = doc.entries.find((e) => e.key === 'type' && e.value === 'oauth2' && e.path.join('\u0000') === [...items.path.slice(0, -1), 'type'].join('\u0000'));
    if (!type?.valueRange) continue;
    const objects = itemObjectsOf(doc, items);
    const template = objects.find((o) => o.entries.some((e) => e.key === 'value' && e.valueRange && text[e.valueRange.start - 1] === '"'));
    const last = objects[objects.length - 1];
    const fixes: PkceFix[] = [];
    if (template && last) {
      const grant = insertItemAfter(text, template, last, 'grant_type', POSTMAN_PKCE_GRANT);
      const algorithm = challengeEdit(text, items, last);
      if (grant && algorithm !== undefined) {
        // Both items go after the last one, in one insertion.
        const edits = algorithm && algorithm.range.start === grant.range.start ? [{ range: grant.range, newText: grant.newText + algorithm.newText }] : [grant, ...(algorithm ? [algorithm] : [])];
        fixes.push({ title: `Use Postman's ${POSTMAN_PKCE_GRANT} grant with the S256 challenge algorithm`, edits, preferred: true });
      }
    }
    fixes.push(guide());
    out.push({ range: type.valueRange, fixes });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Messages

function message(kind: Kind, key: string | undefined): string {
  const deadline = `PKCE is required for all new NetSuite authorization code integrations, public and confidential clients, as of ${RELEASE.pkceRequired}`;
  switch (kind) {
    case 'postman':
      return `Postman's OAuth 2.0 grant type \`authorization_code\` sends no PKCE challenge to NetSuite. ${deadline}: use \`${POSTMAN_PKCE_GRANT}\` with the S256 challenge algorithm.`;
    case 'postmanDefault':
      return `This Postman OAuth 2.0 auth has no grant type, so Postman uses its default, the authorization code grant without PKCE, against NetSuite. ${deadline}: use \`${POSTMAN_PKCE_GRANT}\` with the S256 challenge algorithm.`;
    case 'disabled':
      return `The NetSuite authorization code grant has PKCE switched off (\`${key ?? 'pkce'}\`). ${deadline}: switch it on with the S256 method.`;
    case 'tokenRequest':
      return `This NetSuite token request exchanges an authorization code without a \`code_verifier\` (no PKCE). ${deadline}: send the verifier whose S256 challenge went with the authorize request.`;
    case 'responseType':
      return `\`${key ?? 'response_type'}\` asks NetSuite for an authorization code without PKCE (no PKCE switch or code challenge method in this config). ${deadline}: set the challenge method to S256.`;
    case 'authorizeUrl':
      return `This NetSuite authorize URL asks for an authorization code without a \`code_challenge\` (no PKCE). ${deadline}: add \`code_challenge\` and \`code_challenge_method=S256\`.`;
    default:
      return `\`${key ?? 'grant_type'}\` selects the NetSuite OAuth 2.0 authorization code grant without PKCE (no PKCE switch or code challenge method in this config). ${deadline}: set the challenge method to S256.`;
  }
}

function hover(kind: Kind): string {
  const fix =
    kind === 'postman' || kind === 'postmanDefault'
      ? `**Fix:** in Postman's OAuth 2.0 settings choose *Authorization Code (With PKCE)* and the *SHA-256* code challenge method (\`grant_type: ${POSTMAN_PKCE_GRANT}\`, \`challengeAlgorithm: S256\`); the quick fix edits the collection.`
      : kind === 'grant' || kind === 'responseType' || kind === 'disabled'
        ? '**Fix:** switch PKCE on for this client with the `S256` method (the quick fix adds `code_challenge_method: S256` next to the grant type, named in the file\'s style), and make sure the code that reads this config sends `code_challenge` on the authorize request and `code_verifier` on the token request.'
        : '**Fix:** generate a `code_verifier` (32 random bytes, base64url), send `code_challenge = base64url(sha256(verifier))` with `code_challenge_method=S256` on the authorize request and the `code_verifier` on the token request.';
  return [
    `**Authorization code grant without PKCE** (\`${ID}\`)`,
    '',
    'Without PKCE an intercepted authorization code can be redeemed by whoever holds it. PKCE binds the code to a secret verifier that only the client that started the flow knows.',
    '',
    `- NetSuite requires PKCE for every new OAuth 2.0 authorization code integration, public and confidential, as of ${RELEASE.pkceRequired} (public clients already need it).`,
    '',
    fix,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}
