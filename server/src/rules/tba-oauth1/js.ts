import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { contains, unwrap, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import type { JsFile } from '../../js/jsFile';
import { ACCOUNT_ID, hasNetSuiteContext, NETSUITE_LIBRARIES } from '../../js/netsuiteContext';
import { normalizeKey } from '../../config/keys';
import { matchingStrings } from '../shared/jsStrings';
import { tbaBearerFixes } from './fix';

export const ID = 'tba-oauth1';

/** An OAuth 1.0 Authorization header: `OAuth realm="…", oauth_consumer_key="…", …` (or its unknown-valued start). */
const OAUTH_HEADER = new RegExp(`^\\s*(authorization\\s*:\\s*)?OAuth\\s+(realm\\s*=|oauth_[a-z_]+\\s*=|${HOLE})`, 'i');
const REALM = /realm\s*=\s*"?([^",\s\uE000]*)/i;
/** OAuth 1.0 parameters in a query string or form body. */
const OAUTH_PARAMS = /(^|[?&\s"'])oauth_consumer_key(=|%3D)/i;

export type TbaKind = 'header' | 'signer' | 'library' | 'settings' | 'params';

export interface TbaData {
  kind: TbaKind;
  node: Node;
  label: string;
}

const CONSUMER_KEY = new Set(['consumerkey', 'consumer_key', 'ck', 'oauthconsumerkey', 'nsconsumerkey', 'netsuiteconsumerkey'].map(normalizeKey));
const CONSUMER_SECRET = new Set(['consumersecret', 'consumersecretkey', 'cs', 'oauthconsumersecret', 'nsconsumersecret', 'netsuiteconsumersecret'].map(normalizeKey));
const TOKEN_ID = new Set(['token', 'tokenid', 'tokenkey', 'accesstoken', 'tk', 'oauthtoken', 'nstokenid', 'nstokenkey', 'netsuitetokenid', 'netsuitetokenkey'].map(normalizeKey));
const TOKEN_SECRET = new Set(['tokensecret', 'ts', 'accesstokensecret', 'oauthtokensecret', 'nstokensecret', 'netsuitetokensecret'].map(normalizeKey));

function message(what: string): string {
  return `${what} uses token-based authentication (OAuth 1.0). No new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba} (SOAP, REST web services, RESTlets), and TBA's end is planned for ${RELEASE.soapRemoved}; move to OAuth 2.0 client credentials.`;
}

function hover(what: string): string {
  return [
    `**Token-based authentication (OAuth 1.0)** (\`${ID}\`)`,
    '',
    `${what} signs requests with a consumer key/secret and a token id/secret (TBA).`,
    '',
    `- As of NetSuite ${RELEASE.noNewTba} no new TBA integrations can be created; existing ones keep working for now.`,
    `- TBA's end of support is tentatively planned with the removal of SOAP in ${RELEASE.soapRemoved}.`,
    '',
    '**Fix:** request an OAuth 2.0 access token with the client-credentials (M2M) flow — a JWT assertion signed `PS256` with the certificate of the integration — and send `Authorization: Bearer <token>`.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

function finding(node: Node, data: Omit<TbaData, 'node'>, what: string): Finding {
  return { ruleId: ID, range: { start: node.range[0], end: node.range[1] }, message: message(what), hover: hover(what), data: { ...data, node } satisfies TbaData };
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const netsuite = hasNetSuiteContext(js);
  const found: Finding[] = [];

  // 1. Authorization headers built by hand.
  for (const m of matchingStrings(js, (value) => OAUTH_HEADER.test(value) && /oauth_|realm|\uE000/i.test(value.slice(value.search(/OAuth/i) + 5)))) {
    const realm = REALM.exec(m.value)?.[1];
    if (!netsuite && !(realm && ACCOUNT_ID.test(realm))) continue;
    found.push(finding(m.root, { kind: 'header', label: 'OAuth 1.0 header' }, 'This OAuth 1.0 Authorization header'));
  }

  // 2. Signer libraries and NetSuite clients configured with TBA credentials.
  for (const rc of js.calls()) {
    const module = rc.module;
    if (!module) continue;
    const path = rc.path.join('.');
    if (module === 'oauth-1.0a' && path === '' && netsuite) {
      const arg = rc.call.arguments[0];
      const target = arg ? unwrap(js.evaluator.resolve(arg)) : rc.call;
      found.push(finding(target.type === 'ObjectExpression' ? target : rc.call, { kind: 'signer', label: 'oauth-1.0a' }, 'This oauth-1.0a signer'));
    } else if (module === 'oauth' && (path === 'OAuth' || path === '') && rc.call.type === 'NewExpression' && netsuite) {
      found.push(finding(rc.call, { kind: 'signer', label: 'oauth' }, 'This `oauth` OAuth 1.0 client'));
    } else if (isNetSuiteLibrary(module)) {
      for (const arg of rc.call.arguments) {
        const target = unwrap(js.evaluator.resolve(arg));
        if (target.type === 'ObjectExpression' && hasTbaKeys(js, target)) {
          found.push(finding(target, { kind: 'library', label: module }, `${module}, configured with a consumer key/secret and a token id/secret,`));
          break;
        }
      }
      // Positional credentials: `new NetSuiteOauth(url, method, consumerKey, consumerSecret, tokenId, tokenSecret, account)`.
      if (rc.call.arguments.length >= 6 && /tba|oauth/i.test(module) && !found.some((f) => contains((f.data as TbaData).node, rc.call))) {
        found.push(finding(rc.call, { kind: 'library', label: module }, `${module}`));
      }
    }
  }

  // 3. Settings objects with a full TBA credential set (a hand-written signer's configuration).
  if (netsuite) {
    for (const object of js.index.of('ObjectExpression')) {
      if (!hasTbaKeys(js, object, true)) continue;
      if (found.some((f) => contains((f.data as TbaData).node, object) || contains(object, (f.data as TbaData).node))) continue;
      found.push(finding(object, { kind: 'settings', label: 'TBA settings' }, 'This consumer key/secret and token id/secret set'));
    }
  }

  // 4. OAuth 1.0 parameters sent in a query string or body, when nothing above names the signer.
  if (netsuite && found.length === 0) {
    const params = matchingStrings(js, (value) => OAUTH_PARAMS.test(value) && /oauth_(token|signature)/i.test(value));
    if (params[0]) found.push(finding(params[0].root, { kind: 'params', label: 'OAuth 1.0 parameters' }, 'This request with OAuth 1.0 parameters'));
    else {
      const objects = js.index.of('ObjectExpression').filter((o) => keysOf(o).has('oauthconsumerkey') && (keysOf(o).has('oauthtoken') || keysOf(o).has('oauthsignaturemethod')));
      if (objects[0]) found.push(finding(objects[0], { kind: 'params', label: 'OAuth 1.0 parameters' }, 'These OAuth 1.0 parameters'));
    }
  }

  // Once per signer: a node inside another finding's node is the same signer.
  const out = found.filter((f, i) => !found.some((g, j) => j !== i && contains((g.data as TbaData).node, (f.data as TbaData).node) && ((g.data as TbaData).node !== (f.data as TbaData).node || j < i)));
  return out.sort((a, b) => a.range.start - b.range.start);
}

function isNetSuiteLibrary(module: string): boolean {
  const name = module.toLowerCase();
  return NETSUITE_LIBRARIES.some((lib) => name === lib || name.startsWith(`${lib}/`)) || /netsuite|suitetalk|nsrestlet|nsoauth|nauthio/.test(name);
}

function keysOf(object: TSESTree.ObjectExpression): Set<string> {
  const out = new Set<string>();
  for (const p of object.properties) {
    if (p.type !== 'Property') continue;
    const k = p.key.type === 'Identifier' && !p.computed ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (k !== undefined) out.add(normalizeKey(k));
  }
  return out;
}

/**
 * A consumer key/secret and a token id/secret in one object (nested
 * `consumer: { key, secret }` / `token: { key, secret }` shapes included).
 * With `strict`, a bare `token` key does not count as a token id.
 */
function hasTbaKeys(js: JsFile, object: TSESTree.ObjectExpression, strict = false): boolean {
  const keys = keysOf(object);
  const has = (set: Set<string>) => [...keys].some((k) => set.has(k));
  const nested = (name: string) => {
    const p = object.properties.find((q): q is TSESTree.Property => q.type === 'Property' && !q.computed && q.key.type === 'Identifier' && q.key.name === name);
    const v = p ? unwrap(p.value) : undefined;
    return v?.type === 'ObjectExpression' ? keysOf(v) : undefined;
  };
  const consumer = nested('consumer');
  const token = nested('token');
  const hasConsumer = (has(CONSUMER_KEY) && has(CONSUMER_SECRET)) || (!!consumer && consumer.has('key') && consumer.has('secret'));
  const tokenIds = strict ? new Set([...TOKEN_ID].filter((k) => k !== 'token')) : TOKEN_ID;
  const hasToken = ([...keys].some((k) => tokenIds.has(k)) && has(TOKEN_SECRET)) || (!!token && (token.has('key') || token.has('id') || token.has('tokenkey')) && token.has('secret')) || (!!token && token.has('tokenkey') && token.has('tokensecret'));
  void js;
  return hasConsumer && hasToken;
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  return tbaBearerFixes(finding.data as TbaData, context);
}
