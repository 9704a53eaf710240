import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { contains, isStringLiteral, memberName, unwrap, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import type { JsFile } from '../../js/jsFile';
import { objectParams, type QueryObject } from '../../js/query';
import { isDescriptiveUse, stringRoots } from '../../js/strings';
import { matchingStrings } from '../shared/jsStrings';
import {
  classifyUrl,
  endpointOf,
  importsModule,
  isNetSuiteEndpoint,
  isTestExpectation,
  mentionsParameter,
  ownProperty,
  queryContextOf,
  queryObjectsOf,
  scopeOf,
  type Endpoint,
} from './js-oauth';

/**
 * The places of a JS/TS file that make an OAuth 2.0 authorization code
 * request to NetSuite without PKCE ("carriers"): the object, string, query
 * object or library call a developer edits to add it.
 */

export type Side = 'authorize' | 'token';

export type Carrier =
  /** `{ response_type: 'code', … }`, `{ grant_type: 'authorization_code', … }`, and library option objects. */
  | { side: Side; kind: 'object'; node: TSESTree.ObjectExpression; library?: Library }
  /** A template, concatenation or joined array holding `response_type=code` / `grant_type=authorization_code`. */
  | { side: Side; kind: 'string'; node: Node }
  /** A `URLSearchParams` / `URL` whose parameters are appended or set. */
  | { side: Side; kind: 'query'; node: TSESTree.NewExpression; query: QueryObject }
  /** A library call with no options object to add to (`client.authorizeURL()`, `client.callback(uri, params)`). */
  | { side: Side; kind: 'call'; node: TSESTree.CallExpression; library: Library; argIndex: number }
  /** passport-oauth2 / openid-client strategy with its PKCE switch set to false. */
  | { side: 'authorize'; kind: 'disabled'; node: Node; library: Library; property: TSESTree.Property };

export type Library = 'passport-oauth2' | 'simple-oauth2' | 'openid-client' | 'oauth';

/** `response_type=code` (also `code id_token`) in a query string. */
const AUTHORIZE_TEXT = /[?&]response_type=code(?=$|[&#\s+]|%20)/;
/** A NetSuite authorize URL with its query (even without `response_type`). */
const AUTHORIZE_URL = /\/app\/login\/oauth2\/authorize\.nl\?[^#]*\bclient_id=/;
const TOKEN_TEXT = /(?:^|[?&\s])grant_type=authorization_code(?=$|[&#\s])/;
export const CHALLENGE = /code_?challenge/i;
export const VERIFIER = /code_?verifier/i;
const PKCE_PARAM: Record<Side, RegExp> = { authorize: /^code_challenge$/, token: /^code_verifier$/ };
/** Keys that name the parameter in library options (openid-client v6 `pkceCodeVerifier`, camel-case clients). */
const PKCE_KEY: Record<Side, RegExp> = { authorize: /^(?:code_challenge|codeChallenge)$/, token: /^(?:code_verifier|codeVerifier|pkceCodeVerifier)$/ };
const MENTION: Record<Side, RegExp> = { authorize: /code_?challenge/i, token: /code_?verifier/i };

const cache = new WeakMap<JsFile, Carrier[]>();

export function carriersOf(js: JsFile): Carrier[] {
  let cached = cache.get(js);
  if (!cached) {
    cached = findCarriers(js);
    cache.set(js, cached);
  }
  return cached;
}

function findCarriers(js: JsFile): Carrier[] {
  const out: Carrier[] = [];
  const taken = new Set<Node>();
  const add = (c: Carrier) => {
    if (taken.has(c.node)) return;
    taken.add(c.node);
    out.push(c);
  };
  // Libraries first: their option objects are reported as library carriers.
  for (const c of libraryCarriers(js)) add(c);
  for (const c of objectCarriers(js, taken)) add(c);
  for (const c of queryCarriers(js, taken)) add(c);
  for (const c of stringCarriers(js, out)) add(c);
  return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

// ---------------------------------------------------------------------------
// Object literals

function valueIs(js: JsFile, node: Node, test: (v: string) => boolean): boolean {
  const v = js.evaluator.stringOf(node);
  return !v.includes(HOLE) && test(v);
}

const isCodeResponse = (v: string) => /(?:^|\s)code(?:\s|$)/.test(v.trim());
const isAuthCodeGrant = (v: string) => v.trim() === 'authorization_code';

function sideOfObject(js: JsFile, object: TSESTree.ObjectExpression): Side | undefined {
  const response = ownProperty(object, 'response_type');
  if (response && valueIs(js, response.value, isCodeResponse)) return 'authorize';
  const grant = ownProperty(object, 'grant_type');
  if (grant && valueIs(js, grant.value, isAuthCodeGrant)) return 'token';
  // `const params = {}; params.response_type = 'code';`: the object the parameters are assigned to.
  const holder = object.parent?.type === 'VariableDeclarator' && object.parent.init === object && object.parent.id.type === 'Identifier' ? object.parent.id : undefined;
  if (holder) {
    const assigned = (js.evaluator.properties(holder) ?? []).filter((e) => e.assignment);
    const r = assigned.find((e) => e.name === 'response_type');
    if (r && valueIs(js, r.value, isCodeResponse)) return 'authorize';
    const g = assigned.find((e) => e.name === 'grant_type');
    if (g && valueIs(js, g.value, isAuthCodeGrant)) return 'token';
  }
  return undefined;
}

function objectCarriers(js: JsFile, taken: Set<Node>): Carrier[] {
  const out: Carrier[] = [];
  const candidates: { object: TSESTree.ObjectExpression; side: Side }[] = [];
  for (const object of js.index.of('ObjectExpression')) {
    if (taken.has(object)) continue;
    const side = sideOfObject(js, object);
    if (side) candidates.push({ object, side });
  }
  // `{ ...BASE_PARAMS, state }` per request: the object that spreads the constant is reported.
  const spreadTargets = new Map<TSESTree.ObjectExpression, TSESTree.ObjectExpression[]>();
  for (const object of js.index.of('ObjectExpression')) {
    for (const p of object.properties) {
      if (p.type !== 'SpreadElement') continue;
      const resolved = unwrap(js.evaluator.resolve(p.argument));
      if (resolved.type === 'ObjectExpression' && resolved !== object) {
        const list = spreadTargets.get(resolved) ?? [];
        list.push(object);
        spreadTargets.set(resolved, list);
      }
    }
  }
  const visit = (object: TSESTree.ObjectExpression, side: Side, depth: number) => {
    const spreaders = spreadTargets.get(object);
    if (spreaders && spreaders.length > 0 && depth < 5) {
      for (const s of spreaders) visit(s, side, depth + 1);
      return;
    }
    if (taken.has(object) || out.some((c) => c.node === object)) return;
    if (isTestExpectation(object)) return;
    if (objectHasPkce(js, object, side) || consumersHavePkce(js, object, side)) return;
    if (!isNetSuiteEndpoint(js, endpointOf(js, object))) return;
    out.push({ side, kind: 'object', node: object, library: object.parent?.type === 'CallExpression' && isOauthPackageCall(js, object.parent) ? 'oauth' : undefined });
  };
  for (const c of candidates) visit(c.object, c.side, 0);
  return out;
}

/** `oauth2.getAuthorizeUrl({...})` / `getOAuthAccessToken(code, {...})` of the `oauth` package. */
function isOauthPackageCall(js: JsFile, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && /^(?:getAuthorizeUrl|getOAuthAccessToken)$/.test(memberName(callee) ?? '') && importsModule(js, 'oauth');
}

/** The object (with its spreads and `o.x = v` assignments) names the PKCE parameter, or has parts that cannot be known. */
function objectHasPkce(js: JsFile, object: TSESTree.ObjectExpression, side: Side): boolean {
  const ctx = queryContextOf(js);
  const holder = object.parent?.type === 'VariableDeclarator' && object.parent.init === object && object.parent.id.type === 'Identifier' ? object.parent.id : object;
  const { params, complete } = objectParams(ctx, holder);
  if (!complete) return true;
  return params.some((p) => PKCE_KEY[side].test(p.name));
}

/**
 * Whether something built from the object sends PKCE: a query object made
 * from it that appends the parameter, a string embedding it that has it,
 * or code in the same function (or a consumer's) that names the parameter.
 */
function consumersHavePkce(js: JsFile, node: Node, side: Side): boolean {
  const scopes = new Set<Node>([scopeOf(js, node)]);
  for (const q of queryObjectsOf(js)) {
    const fromNode = q.params.some((p) => contains(node, p.source) || p.source === node) || (q.init && unwrap(js.evaluator.resolve(q.init)) === node);
    if (!fromNode) continue;
    if (!q.complete || q.params.some((p) => PKCE_PARAM[side].test(p.name))) return true;
    scopes.add(scopeOf(js, q.node));
  }
  for (const root of stringRoots(js)) {
    if (root === node || isDescriptiveUse(root)) continue;
    const { value, reached } = js.evaluator.evaluate(root);
    if (!reached.some((r) => r === node || contains(node, r) || contains(r, node))) continue;
    if (MENTION[side].test(value)) return true;
    scopes.add(scopeOf(js, root));
  }
  for (const scope of scopes) if (mentionsParameter(js, scope, MENTION[side])) return true;
  return false;
}

// ---------------------------------------------------------------------------
// URLSearchParams / URL built with append/set

function queryCarriers(js: JsFile, taken: Set<Node>): Carrier[] {
  const out: Carrier[] = [];
  for (const q of queryObjectsOf(js)) {
    if (taken.has(q.node) || !q.complete) continue;
    for (const side of ['authorize', 'token'] as Side[]) {
      const param = side === 'authorize' ? q.params.find((p) => p.name === 'response_type' && isCodeResponse(p.value)) : q.params.find((p) => p.name === 'grant_type' && isAuthCodeGrant(p.value));
      if (!param) continue;
      // Set by a call on the object (an object literal or a string init is its own carrier).
      if (param.source.type !== 'CallExpression') continue;
      if (q.params.some((p) => PKCE_PARAM[side].test(p.name))) continue;
      if (isTestExpectation(q.node) || consumersHavePkce(js, q.node, side)) continue;
      if (!isNetSuiteEndpoint(js, endpointOf(js, q.node, q.base !== undefined ? [q.base] : []))) continue;
      out.push({ side, kind: 'query', node: q.node, query: q });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Strings

function stringCarriers(js: JsFile, found: readonly Carrier[]): Carrier[] {
  const out: Carrier[] = [];
  const matches = matchingStrings(js, (value) => AUTHORIZE_TEXT.test(value) || AUTHORIZE_URL.test(value) || TOKEN_TEXT.test(value));
  for (const m of matches) {
    const side: Side = TOKEN_TEXT.test(m.value) && !AUTHORIZE_TEXT.test(m.value) && !AUTHORIZE_URL.test(m.value) ? 'token' : 'authorize';
    if (MENTION[side].test(m.value)) continue;
    // The parameter must be written in this string (or a string it reaches), not come from an object carrier.
    const strings = [m.root, ...m.reached.filter((r) => isStringish(r))];
    const pattern = side === 'token' ? /grant_type=authorization_code/ : /response_type=code|\/authorize\.nl\?/;
    if (!strings.some((s) => literalText(js, s).some((t) => pattern.test(t)))) continue;
    if (found.some((c) => c.node === m.root || m.reached.includes(c.node))) continue;
    if (isTestExpectation(m.root)) continue;
    // A string whose parameters unknown code may extend: `…&state=${state}${extra}`.
    if (/\uE000\uE000|&\uE000(?:&|$)/.test(m.value.split('?').slice(1).join('?'))) continue;
    if (consumersHavePkce(js, m.root, side)) continue;
    const own = classifyUrl(m.value);
    const endpoint: Endpoint = own !== 'unknown' ? own : endpointOf(js, m.root);
    if (!isNetSuiteEndpoint(js, endpoint)) continue;
    out.push({ side, kind: 'string', node: m.root });
  }
  return out;
}

function isStringish(node: Node): boolean {
  const n = unwrap(node);
  return isStringLiteral(n) || n.type === 'TemplateLiteral' || (n.type === 'BinaryExpression' && n.operator === '+') || (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && memberName(n.callee) === 'join');
}

/** The literal text pieces of a string expression (string literals and template parts inside it). */
function literalText(js: JsFile, node: Node): string[] {
  const out: string[] = [];
  for (const lit of js.index.of('Literal')) if (typeof lit.value === 'string' && contains(node, lit)) out.push(lit.value);
  for (const q of js.index.of('TemplateElement')) if (contains(node, q)) out.push(q.value.cooked ?? q.value.raw);
  // The parameter name and its value may be two pieces: `'response_type=' + 'code'`.
  out.push(out.join(''));
  return out;
}

// ---------------------------------------------------------------------------
// Libraries

function libraryCarriers(js: JsFile): Carrier[] {
  const out: Carrier[] = [];
  if (importsModule(js, 'passport-oauth2')) out.push(...passportCarriers(js));
  if (importsModule(js, 'simple-oauth2')) out.push(...simpleOauth2Carriers(js));
  if (importsModule(js, 'openid-client')) out.push(...openidClientCarriers(js));
  return out;
}

/** Options object of a library call: the literal it resolves to. */
function optionsObject(js: JsFile, arg: Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const resolved = unwrap(js.evaluator.resolve(arg));
  return resolved.type === 'ObjectExpression' ? resolved : undefined;
}

function isFalse(js: JsFile, node: Node): boolean {
  const n = unwrap(js.evaluator.resolve(node));
  if (n.type === 'Literal') return n.value === false || n.value === 'false' || n.value === 0 || n.value === null;
  return n.type === 'Identifier' && n.name === 'undefined';
}

/**
 * passport-oauth2: `new OAuth2Strategy({ authorizationURL, tokenURL, … }, verify)`
 * (also `.Strategy`, and `super({...})` in a subclass) without `pkce: true`.
 */
function passportCarriers(js: JsFile): Carrier[] {
  const out: Carrier[] = [];
  const optionNodes: Node[] = [];
  for (const rc of js.calls()) {
    if (rc.call.type !== 'NewExpression' || rc.module !== 'passport-oauth2') continue;
    const last = rc.path[rc.path.length - 1];
    if (rc.path.length > 1 || (rc.path.length === 1 && last !== 'Strategy' && last !== 'OAuth2Strategy')) continue;
    if (rc.call.arguments[0]) optionNodes.push(rc.call.arguments[0]);
  }
  /** Subclasses of the strategy: their `super(…)` options, and `new Sub({...})` when the subclass passes its options on. */
  const subclasses = new Map<string, { superOptions: Node; passesOptions: boolean }>();
  for (const call of js.index.of('CallExpression')) {
    if (call.callee.type !== 'Super' || !call.arguments[0]) continue;
    let cls: Node | undefined = call.parent;
    while (cls && cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') cls = cls.parent;
    const superClass = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls.superClass : undefined;
    if (!superClass) continue;
    let root = unwrap(superClass);
    while (root.type === 'MemberExpression') root = unwrap(root.object);
    if (root.type !== 'Identifier' || js.moduleOf(root)?.module !== 'passport-oauth2') continue;
    const arg = call.arguments[0];
    const ctor = enclosingFunctionOf(call);
    const firstParam = ctor?.params[0];
    const resolved = unwrap(js.evaluator.resolve(arg));
    // super({ ...options, authorizationURL }) / super(options): the options come from `new Sub({...})`.
    const passesOptions =
      !!firstParam &&
      firstParam.type === 'Identifier' &&
      ((resolved.type === 'Identifier' && resolved.name === firstParam.name) ||
        (resolved.type === 'ObjectExpression' && resolved.properties.some((p) => p.type === 'SpreadElement' && unwrap(p.argument).type === 'Identifier' && (unwrap(p.argument) as TSESTree.Identifier).name === firstParam.name)));
    const name = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') && cls.id ? cls.id.name : undefined;
    if (name) subclasses.set(name, { superOptions: arg, passesOptions });
    if (!passesOptions) optionNodes.push(arg);
  }
  for (const call of js.index.of('NewExpression')) {
    const callee = unwrap(call.callee);
    const sub = callee.type === 'Identifier' ? subclasses.get(callee.name) : undefined;
    if (!sub || !sub.passesOptions || !call.arguments[0]) continue;
    // PKCE switched on by the subclass itself counts.
    const own = optionsObject(js, sub.superOptions);
    if (own && ownProperty(own, 'pkce')) continue;
    optionNodes.push(call.arguments[0]);
  }
  for (const arg of optionNodes) {
    const object = optionsObject(js, arg);
    if (!object) continue;
    const entries = js.evaluator.properties(object) ?? [];
    const pkce = [...entries].reverse().find((e) => e.name === 'pkce');
    const urls = entries.filter((e) => e.name === 'authorizationURL' || e.name === 'tokenURL').map((e) => js.evaluator.stringOf(e.value));
    const endpoint = urls.map(classifyUrl);
    const where: Endpoint = endpoint.includes('netsuite') ? 'netsuite' : endpoint.includes('foreign') ? 'foreign' : 'unknown';
    if (!isNetSuiteEndpoint(js, where)) continue;
    if (pkce) {
      if (isFalse(js, pkce.value) && pkce.property) out.push({ side: 'authorize', kind: 'disabled', node: unwrap(pkce.value), library: 'passport-oauth2', property: pkce.property });
      continue;
    }
    if (!objectParams(queryContextOf(js), arg).complete) continue;
    out.push({ side: 'authorize', kind: 'object', node: object, library: 'passport-oauth2' });
  }
  return out;
}

function enclosingFunctionOf(node: Node): TSESTree.FunctionLike | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression') return p;
  }
  return undefined;
}

function methodCalls(js: JsFile, names: RegExp): TSESTree.CallExpression[] {
  return js.index.of('CallExpression').filter((c) => {
    const callee = unwrap(c.callee);
    const name = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    return name !== undefined && names.test(name);
  });
}

function libraryEndpoint(js: JsFile, keys: RegExp): Endpoint {
  const found: Endpoint[] = [];
  for (const object of js.index.of('ObjectExpression')) {
    for (const p of object.properties) {
      if (p.type !== 'Property') continue;
      const key = p.key.type === 'Identifier' ? p.key.name : isStringLiteral(p.key) ? p.key.value : undefined;
      if (key && keys.test(key)) found.push(classifyUrl(js.evaluator.stringOf(p.value)));
    }
  }
  for (const call of methodCalls(js, /^discover$/)) if (call.arguments[0]) found.push(classifyUrl(js.evaluator.stringOf(call.arguments[0])));
  return found.includes('netsuite') ? 'netsuite' : found.includes('foreign') ? 'foreign' : 'unknown';
}

/** A library call's options argument: carrier on the object literal, or on the call when there is none to edit. */
function libraryArgument(js: JsFile, call: TSESTree.CallExpression, index: number, side: Side, library: Library): Carrier | undefined {
  const arg = call.arguments[index] as Node | undefined;
  if (arg && arg.type !== 'SpreadElement') {
    const { params, complete } = objectParams(queryContextOf(js), arg);
    if (!complete || params.some((p) => PKCE_KEY[side].test(p.name))) return undefined;
    const object = optionsObject(js, arg);
    if (!object) return undefined;
    if (consumersHavePkce(js, object, side)) return undefined;
    return { side, kind: 'object', node: object, library };
  }
  if (call.arguments.length < index) return undefined;
  if (mentionsParameter(js, scopeOf(js, call), MENTION[side])) return undefined;
  return { side, kind: 'call', node: call, library, argIndex: index };
}

/** simple-oauth2: `client.authorizeURL({...})` without `code_challenge`; `client.getToken({ code, … })` without `code_verifier`. */
function simpleOauth2Carriers(js: JsFile): Carrier[] {
  if (!isNetSuiteEndpoint(js, libraryEndpoint(js, /^(?:tokenHost|authorizeHost)$/))) return [];
  const out: Carrier[] = [];
  for (const call of methodCalls(js, /^authorizeURL$/)) {
    const c = libraryArgument(js, call, 0, 'authorize', 'simple-oauth2');
    if (c) out.push(c);
  }
  for (const call of methodCalls(js, /^getToken$/)) {
    const object = optionsObject(js, call.arguments[0]);
    // The authorization code client's getToken takes the code; the client credentials one does not.
    if (!object || !js.evaluator.property(object, 'code')) continue;
    const c = libraryArgument(js, call, 0, 'token', 'simple-oauth2');
    if (c) out.push(c);
  }
  return out;
}

/**
 * openid-client: `client.authorizationUrl({...})` (v5) and
 * `buildAuthorizationUrl(config, {...})` (v6) without `code_challenge`;
 * `client.callback(redirectUri, params, checks)` without `code_verifier` and
 * `authorizationCodeGrant(config, url, checks)` without `pkceCodeVerifier`;
 * its passport `Strategy` with `usePKCE: false`.
 */
function openidClientCarriers(js: JsFile): Carrier[] {
  if (!isNetSuiteEndpoint(js, libraryEndpoint(js, /^(?:issuer|authorization_endpoint|token_endpoint)$/))) return [];
  const out: Carrier[] = [];
  for (const call of methodCalls(js, /^authorizationUrl$/)) {
    const c = libraryArgument(js, call, 0, 'authorize', 'openid-client');
    if (c) out.push(c);
  }
  for (const call of methodCalls(js, /^buildAuthorizationUrl(?:WithPAR)?$/)) {
    const c = libraryArgument(js, call, 1, 'authorize', 'openid-client');
    if (c) out.push(c);
  }
  for (const call of methodCalls(js, /^(?:callback|oauthCallback)$/)) {
    if (call.arguments.length < 2 || unwrap(call.callee).type !== 'MemberExpression') continue;
    const c = libraryArgument(js, call, 2, 'token', 'openid-client');
    if (c) out.push(c);
  }
  for (const call of methodCalls(js, /^authorizationCodeGrant$/)) {
    if (call.arguments.length < 2) continue;
    const c = libraryArgument(js, call, 2, 'token', 'openid-client');
    if (c) out.push(c);
  }
  for (const rc of js.calls()) {
    if (rc.call.type !== 'NewExpression' || rc.module !== 'openid-client' || rc.path[rc.path.length - 1] !== 'Strategy') continue;
    const object = optionsObject(js, rc.call.arguments[0]);
    const use = object ? ownProperty(object, 'usePKCE') : undefined;
    if (use && isFalse(js, use.value)) out.push({ side: 'authorize', kind: 'disabled', node: unwrap(use.value), library: 'openid-client', property: use });
  }
  return out;
}
