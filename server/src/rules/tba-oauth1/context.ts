import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import type { JsFile } from '../../js/jsFile';
import { ACCOUNT_ID, hasNetSuiteContext } from '../../js/netsuiteContext';
import { isDescriptiveUse } from '../../js/strings';
import { normalizeKey } from '../../config/keys';

/**
 * What the three TBA rules (`tba-oauth1`, `tba-hmac-sha1`, `tba-token-endpoint`)
 * need to know about a JS/TS file beyond the spec's NetSuite context: words
 * only NetSuite integrations use, and whether the code signs OAuth 1.0 at all.
 * Only code counts (identifiers, keys, string values), never comments.
 */

/** Identifiers and keys that only NetSuite code uses: RESTlets, SuiteQL, TBA. */
const NETSUITE_WORD = /restlet|suiteql|suiteanalytics|^tba(?:[A-Z_]|$)|[a-z]Tba(?:[A-Z_]|$)|_tba(?:_|$)|^TBA_/;

const netsuiteCache = new WeakMap<JsFile, boolean>();
const evidenceCache = new WeakMap<JsFile, boolean>();

/**
 * The spec's NetSuite context, names that only NetSuite integrations use
 * (`RestletClient`, `TbaCredentials`, `suiteql`), or an OAuth 1.0 realm that
 * may be a NetSuite account (see `isAccountRealm`).
 */
export function hasTbaContext(js: JsFile): boolean {
  let known = netsuiteCache.get(js);
  if (known === undefined) {
    known = hasNetSuiteContext(js) || js.index.of('Identifier').some((id) => NETSUITE_WORD.test(id.name)) || hasAccountRealm(js);
    netsuiteCache.set(js, known);
  }
  return known;
}

/** A header start `OAuth realm="…` or signer options `{ consumer…, realm }` whose realm may be a NetSuite account. */
function hasAccountRealm(js: JsFile): boolean {
  const header = (text: string) => {
    const m = /OAuth\s+realm\s*=\s*"?([^",\s]*)/i.exec(text);
    if (!m) return false;
    // `'OAuth realm="' + realm`: the realm comes from an expression.
    if (m[1] === '' && m.index + m[0].length === text.length) return true;
    return ACCOUNT_ID.test(m[1]);
  };
  if (js.index.of('Literal').some((l) => typeof l.value === 'string' && header(l.value) && !isDescriptiveUse(stringRootOf(l)))) return true;
  if (js.index.of('TemplateElement').some((t) => header(t.value.cooked ?? t.value.raw) && !isDescriptiveUse(stringRootOf(t)))) return true;
  return js.index.of('ObjectExpression').some((o) => {
    const keys = keysOf(o);
    const realm = propertyOf(o, 'realm');
    return !!realm && (keys.has('consumer') || keys.has('consumerkey') || keys.has('key')) && isAccountRealm(js, realm.value);
  });
}

/** OAuth 1.0 parameters, an OAuth 1.0 header start, a signature method or a SOAP token passport in a string value. */
const OAUTH1_STRING = /oauth_(?:consumer_key|token|signature|nonce|timestamp|version|callback|verifier)\b|^\s*OAuth\s+realm\s*=|tokenPassport|HMAC[-_]SHA(?:1|256)\b/i;
/** Keys and names of OAuth 1.0 signing code. */
const OAUTH1_NAME = /^oauth_(?:consumer_key|token|signature|nonce|timestamp|version|signature_method)$|^(?:signature_method|hash_function|signatureMethod)$|^(?:consumer_?secret|token_?secret|oauth_?token_?secret)$/i;

/**
 * The code signs OAuth 1.0 requests (or SOAP token passports): OAuth
 * parameters in strings or keys, signer options, consumer and token secrets.
 */
export function hasOauth1Evidence(js: JsFile): boolean {
  let known = evidenceCache.get(js);
  if (known === undefined) {
    known =
      js.index.of('Identifier').some((id) => OAUTH1_NAME.test(id.name)) ||
      js.index.of('Literal').some((l) => typeof l.value === 'string' && (OAUTH1_STRING.test(l.value) || OAUTH1_NAME.test(l.value)) && !isDescriptiveUse(stringRootOf(l))) ||
      js.index.of('TemplateElement').some((t) => OAUTH1_STRING.test(t.value.cooked ?? t.value.raw)) ||
      [...js.importedModules()].some((m) => /oauth-1\.0a|(^|\/)oauth(\.js)?$/i.test(m));
    evidenceCache.set(js, known);
  }
  return known;
}

/** The largest string expression a literal is part of (a concatenation, a template), for "is this a log message?". */
function stringRootOf(node: Node): Node {
  let n = node;
  while (n.parent && (n.parent.type === 'BinaryExpression' || n.parent.type === 'TemplateLiteral')) n = n.parent;
  return n;
}

/** Object keys, normalised (`consumer_secret_key` → `consumersecretkey`). */
export function keysOf(object: TSESTree.ObjectExpression): Set<string> {
  const out = new Set<string>();
  for (const p of object.properties) {
    if (p.type !== 'Property') continue;
    const k = propertyName(p.key, p.computed);
    if (k !== undefined) out.add(normalizeKey(k));
  }
  return out;
}

function propertyOf(object: TSESTree.ObjectExpression, normalized: string): TSESTree.Property | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (p.type !== 'Property') continue;
    const k = propertyName(p.key, p.computed);
    if (k !== undefined && normalizeKey(k) === normalized) return p;
  }
  return undefined;
}

/**
 * A realm that may name a NetSuite account: an account id (`1234567`,
 * `1234567_SB1`, `TSTDRV123`), or a value the file does not know
 * (`config.realm`, `process.env.NS_ACCOUNT`). NetSuite is the OAuth 1.0
 * provider whose clients send a realm; Twitter's do not, and a realm written
 * as a literal that is not an account id is someone else's.
 */
function isAccountRealm(js: JsFile, value: Node): boolean {
  const text = js.evaluator.stringOf(value);
  return text.includes(HOLE) || ACCOUNT_ID.test(text.trim());
}
