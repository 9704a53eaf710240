import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, propertyName, unwrap, type Node } from '../../js/ast';
import { aliasedCall, type JsFile } from '../../js/jsFile';
import { NETSUITE_LIBRARIES } from '../../js/netsuiteContext';
import { normalizeKey } from '../../config/keys';
import { keysOf } from './context';

/**
 * NetSuite client libraries configured for token-based authentication:
 * `new NsApiClient({ consumer_key, consumer_secret_key, token, token_secret, realm })`
 * (netsuite-rest, netsuite-api-client), `nsrestlet.createLink({ accountId, consumerKey,
 * consumerSecret, tokenKey, tokenSecret }, …)`, `new Configuration({ token: { consumer_key, … } })`
 * (node-suitetalk), positional signers (`new NetSuiteOauth(url, method, ck, cs, tk, ts, account)`).
 */

const CONSUMER_KEY = keySet('consumerkey', 'consumer_key', 'ck', 'oauthconsumerkey', 'clientkey');
const CONSUMER_SECRET = keySet('consumersecret', 'consumersecretkey', 'cs', 'oauthconsumersecret', 'clientsecret');
const TOKEN_ID = keySet('token', 'tokenid', 'tokenkey', 'accesstoken', 'tk', 'oauthtoken', 'accesstokenkey', 'tokenpublic');
const TOKEN_SECRET = keySet('tokensecret', 'ts', 'accesstokensecret', 'oauthtokensecret', 'tokensecretkey');
/** Objects a credential set is often nested in: `{ token: { consumer_key, … } }`, `{ auth: {…} }`. */
const NESTS = keySet('token', 'auth', 'credentials', 'oauth', 'tba', 'tokenauth', 'netsuite');

function keySet(...names: string[]): Set<string> {
  return new Set(names.map(normalizeKey));
}

/** `ns`/`netsuite` prefixes say nothing about what a key is: `NS_CONSUMER_KEY` is a consumer key. */
function bare(key: string): string {
  return key.replace(/^(?:netsuite|ns)(?=[a-z])/, '');
}

/**
 * A consumer key/secret and a token id/secret in one object: flat, with
 * `consumer: { key, secret }` / `token: { key, secret }` halves, or (with
 * `nested`) inside one of its child objects.
 */
export function hasTbaKeys(object: TSESTree.ObjectExpression, nested: boolean): boolean {
  const keys = new Set([...keysOf(object)].map(bare));
  const child = (name: string) => {
    for (const p of object.properties) {
      if (p.type !== 'Property' || normalizeKey(propertyName(p.key, p.computed) ?? '') !== name) continue;
      const v = unwrap(p.value);
      if (v.type === 'ObjectExpression') return v;
    }
    return undefined;
  };
  const has = (set: Set<string>) => [...keys].some((k) => set.has(k));
  const consumer = child('consumer');
  const token = child('token');
  const consumerKeys = consumer ? keysOf(consumer) : undefined;
  const tokenKeys = token ? keysOf(token) : undefined;
  const hasConsumer = (has(CONSUMER_KEY) && has(CONSUMER_SECRET)) || (!!consumerKeys && consumerKeys.has('key') && consumerKeys.has('secret'));
  const hasToken =
    (has(TOKEN_ID) && has(TOKEN_SECRET)) || (!!tokenKeys && (tokenKeys.has('key') || tokenKeys.has('id')) && tokenKeys.has('secret'));
  if (hasConsumer && hasToken) return true;
  if (!nested) return false;
  for (const p of object.properties) {
    if (p.type !== 'Property' || !NESTS.has(normalizeKey(propertyName(p.key, p.computed) ?? ''))) continue;
    const v = unwrap(p.value);
    if (v.type === 'ObjectExpression' && hasTbaKeys(v, false)) return true;
  }
  return false;
}

export function isNetSuiteLibrary(module: string): boolean {
  const name = module.toLowerCase();
  return NETSUITE_LIBRARIES.some((lib) => name === lib || name.startsWith(`${lib}/`)) || /netsuite|suitetalk|nsrestlet|nsoauth|nauthio/.test(name);
}

/** Libraries that speak TBA only: a client made from settings the file cannot see is still a TBA client. */
const TBA_ONLY = /^(?:netsuite-rest|@suitegeezus\/netsuite-rest|netsuite-tba-rest|netsuite-tba-oauth|nsoauth1|nauthio)$/;

export interface LibraryCall {
  module: string;
  /** The settings object with the credentials, or the call when they are positional or out of sight. */
  node: Node;
}

export function libraryCalls(js: JsFile): LibraryCall[] {
  const out: LibraryCall[] = [];
  for (const rc of js.calls()) {
    const { module } = aliasedCall(js, rc);
    if (!module || !isNetSuiteLibrary(module)) continue;
    const call = rc.call;
    const settings = call.arguments.map((a) => unwrap(js.evaluator.resolve(a))).find((a): a is TSESTree.ObjectExpression => a.type === 'ObjectExpression' && hasTbaKeys(a, true));
    if (settings) {
      if (!out.some((o) => o.node === settings)) out.push({ module, node: settings });
      continue;
    }
    // Positional credentials: `new NetSuiteOauth(url, method, consumerKey, consumerSecret, tokenId, tokenSecret, account)`.
    if (call.arguments.length >= 6 && /tba|oauth|nauth/i.test(module)) {
      out.push({ module, node: call });
      continue;
    }
    if (TBA_ONLY.test(module) && call.type === 'NewExpression' && call.arguments.length > 0 && !isMemberCallOnInstance(call)) out.push({ module, node: call });
  }
  return out;
}

/** `client.request(…)` on an instance is a use, not a configuration. */
function isMemberCallOnInstance(call: TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && memberName(callee) !== undefined && /^[a-z]/.test(memberName(callee)!);
}
