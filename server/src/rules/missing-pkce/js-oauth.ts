import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, contains, enclosingFunction, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import type { JsFile } from '../../js/jsFile';
import { hasNetSuiteContext, NETSUITE_URL } from '../../js/netsuiteContext';
import { queryObjects, type QueryContext, type QueryObject } from '../../js/query';
import { isDescriptiveUse, stringRoots } from '../../js/strings';

/**
 * What the JS side of `missing-pkce` and `pkce-plain` share: the query
 * objects of a file, where a request goes (NetSuite, another provider, or
 * unknown), and which strings are descriptive rather than sent.
 */

const queryCache = new WeakMap<JsFile, QueryObject[]>();

export function queryContextOf(js: JsFile): QueryContext {
  return {
    scopes: js.scopes,
    index: js.index,
    seen: new Set(),
    str: (node) => js.evaluator.stringOf(node),
    properties: (node) => js.evaluator.properties(node),
    resolve: (node) => js.evaluator.resolve(node),
  };
}

/** Every `new URLSearchParams(…)` / `new URL(…)` of the file, with its parameters. */
export function queryObjectsOf(js: JsFile): QueryObject[] {
  let cached = queryCache.get(js);
  if (!cached) {
    cached = queryObjects(queryContextOf(js));
    queryCache.set(js, cached);
  }
  return cached;
}

export type Endpoint = 'netsuite' | 'foreign' | 'unknown';

/** Hosts that are the application's own (redirect URIs, local servers), never another OAuth provider. */
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[\w.-]*\.local|[\w.-]*\.test|example\.(?:com|org|net))$/i;

/**
 * Where a URL-ish string points: NetSuite (`*.netsuite.com`, `/app/login/oauth2/`,
 * `/services/rest/…`), a named host that is not NetSuite, or unknown (a hole, a path).
 * Only the part before the query counts: a `redirect_uri` in it is the app's own.
 */
export function classifyUrl(value: string): Endpoint {
  const beforeQuery = value.split('?')[0];
  if (NETSUITE_URL.test(beforeQuery)) return 'netsuite';
  const m = /^\s*https?:\/\/([^/?#\s:]+)/i.exec(beforeQuery);
  if (!m || m[1].includes(HOLE) || !/[a-z]/i.test(m[1]) || LOCAL_HOST.test(m[1])) return 'unknown';
  return 'foreign';
}

function combine(found: Endpoint[]): Endpoint {
  if (found.includes('netsuite')) return 'netsuite';
  if (found.includes('foreign')) return 'foreign';
  return 'unknown';
}

/** Object keys whose values name the endpoint a request or a client goes to. */
const URL_KEYS = new Set(['url', 'uri', 'baseURL', 'baseUrl', 'authorizationURL', 'authorizationUrl', 'authorizeUrl', 'authorizeURL', 'authUrl', 'authURL', 'tokenURL', 'tokenUrl', 'tokenHost', 'authorizeHost', 'issuer', 'authorization_endpoint', 'token_endpoint', 'endpoint', 'host', 'hostname']);

/**
 * Where the parameters in `node` are sent: the values of the strings that
 * embed them, the URL of a `new URL(…)` they belong to, the URL argument of
 * the call they are passed to, and URL-named properties next to them.
 */
export function endpointOf(js: JsFile, node: Node, extraValues: readonly string[] = []): Endpoint {
  const values: string[] = [...extraValues];
  const holders = holdersOf(js, node);
  for (const root of stringRoots(js)) {
    if (isDescriptiveUse(root)) continue;
    const { value, reached } = js.evaluator.evaluate(root);
    if (holders.some((h) => reached.includes(h) || contains(root, h))) values.push(value);
  }
  for (const q of queryObjectsOf(js)) {
    if (q.kind !== 'URL' || q.base === undefined) continue;
    if (holders.some((h) => h === q.node || q.params.some((p) => p.source === h || contains(h, p.source)) || (q.init && unwrap(js.evaluator.resolve(q.init)) === h))) values.push(q.base);
  }
  for (const h of holders) {
    const call = argumentCall(h);
    if (call) values.push(...callUrls(js, call, h));
    const object = h.type === 'ObjectExpression' ? h : undefined;
    if (object) values.push(...urlProperties(js, object));
  }
  return combine(values.map(classifyUrl));
}

/** The node, the object literal or query object it belongs to, and the identifiers that hold it. */
function holdersOf(js: JsFile, node: Node): Node[] {
  const out: Node[] = [node];
  const add = (n: Node | undefined) => {
    if (n && !out.includes(n)) out.push(n);
  };
  if (node.type === 'Property' && node.parent?.type === 'ObjectExpression') add(node.parent);
  for (const n of [...out]) {
    const parent = n.parent;
    // new URLSearchParams(obj), qs.stringify(obj)
    if (parent && (parent.type === 'NewExpression' || parent.type === 'CallExpression') && (parent.arguments as Node[]).includes(n)) add(parent);
    if (parent?.type === 'VariableDeclarator' && parent.init === n && parent.id.type === 'Identifier') {
      const binding = js.scopes.resolve(parent.id);
      if (binding) {
        for (const id of js.index.of('Identifier')) {
          if (id !== parent.id && id.name === binding.name && js.scopes.resolve(id) === binding) add(id);
        }
      }
    }
  }
  for (const n of [...out]) {
    const parent = n.parent;
    if (parent && (parent.type === 'NewExpression' || parent.type === 'CallExpression') && (parent.arguments as Node[]).includes(n)) add(parent);
  }
  return out;
}

/** The call a node is an argument of (directly, or as a property value of an options object). */
function argumentCall(node: Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let n: Node = node;
  for (let i = 0; i < 4 && n.parent; i++) {
    const parent: Node = n.parent;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && (parent.arguments as Node[]).includes(n)) return parent;
    if (parent.type === 'Property' && parent.value === n) n = parent.parent!;
    else if (parent.type === 'ObjectExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression') n = parent;
    else return undefined;
  }
  return undefined;
}

function callUrls(js: JsFile, call: TSESTree.CallExpression | TSESTree.NewExpression, except: Node): string[] {
  const out: string[] = [];
  for (const arg of call.arguments as Node[]) {
    if (arg === except || contains(arg, except)) {
      const resolved = unwrap(js.evaluator.resolve(arg));
      if (resolved.type === 'ObjectExpression') out.push(...urlProperties(js, resolved));
      continue;
    }
    const resolved = unwrap(js.evaluator.resolve(arg));
    if (resolved.type === 'ObjectExpression') out.push(...urlProperties(js, resolved));
    else if (resolved.type !== 'ArrowFunctionExpression' && resolved.type !== 'FunctionExpression') {
      const value = js.evaluator.stringOf(arg);
      if (/^\s*https?:\/\/|^\s*\uE000|\/app\/login\/|\/services\/rest\//i.test(value)) out.push(value);
    }
  }
  return out;
}

function urlProperties(js: JsFile, object: TSESTree.ObjectExpression): string[] {
  const out: string[] = [];
  for (const e of js.evaluator.properties(object) ?? []) {
    if (URL_KEYS.has(e.name)) out.push(js.evaluator.stringOf(e.value));
    // simple-oauth2: { auth: { tokenHost, authorizeHost } }
    if (e.name === 'auth' && unwrap(e.value).type === 'ObjectExpression') out.push(...urlProperties(js, unwrap(e.value) as TSESTree.ObjectExpression));
  }
  return out;
}

/** A finding of an OAuth rule needs NetSuite: an endpoint that is NetSuite's, or an unknown one in a NetSuite file. */
export function isNetSuiteEndpoint(js: JsFile, endpoint: Endpoint): boolean {
  if (endpoint === 'netsuite') return true;
  if (endpoint === 'foreign') return false;
  return hasNetSuiteContext(js);
}

/** The modules a file imports or requires (cached by JsFile). */
const moduleCache = new WeakMap<JsFile, Set<string>>();
export function importsModule(js: JsFile, ...names: string[]): boolean {
  let modules = moduleCache.get(js);
  if (!modules) {
    modules = js.importedModules();
    moduleCache.set(js, modules);
  }
  return names.some((n) => modules!.has(n));
}

/** Test code: `expect(…)`, `assert…(…)`, `nock(…)` chains and matchers describe requests rather than send them. */
export function isTestExpectation(node: Node): boolean {
  for (let p: Node | undefined = node.parent; p; p = p.parent) {
    if (p.type === 'CallExpression') {
      const path = calleePath(p.callee);
      const root = rootName(p.callee);
      if (root && /^(?:expect|assert|nock|sinon|td|chai)$/.test(root)) return true;
      const last = path?.[path.length - 1];
      if (last && /^(?:to(?:Equal|StrictEqual|MatchObject|HaveBeen(?:Last|Nth)?CalledWith|Be|Contain|ContainEqual|Match|Include|HaveProperty)|calledWith|calledWithMatch|deepEqual|deepStrictEqual|strictEqual|equal|reply|intercept|matchBody|withArgs)$/.test(last) && (p.arguments as Node[]).some((a) => contains(a, node))) return true;
    }
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression') {
      // Inside a test body the request may still be real; only the matchers above are skipped.
      continue;
    }
  }
  return false;
}

function rootName(node: Node): string | undefined {
  let n = unwrap(node);
  for (;;) {
    if (n.type === 'MemberExpression') n = unwrap(n.object);
    else if (n.type === 'CallExpression') n = unwrap(n.callee);
    else break;
  }
  return n.type === 'Identifier' ? n.name : undefined;
}

/**
 * Whether the code around a node names a PKCE parameter as a value it sends:
 * in a string (`'code_challenge'`, `&code_verifier=`), as an object key
 * (`code_challenge: …`, `{ codeVerifier }`) or as an assigned property
 * (`params.code_challenge = …`). Reads of a variable do not count.
 */
export function mentionsParameter(js: JsFile, scope: Node, pattern: RegExp): boolean {
  const [start, end] = scope.range;
  const inside = (n: Node) => n.range[0] >= start && n.range[1] <= end;
  for (const lit of js.index.of('Literal')) {
    if (typeof lit.value === 'string' && inside(lit) && pattern.test(lit.value) && !isDescriptiveUse(lit)) return true;
  }
  for (const q of js.index.of('TemplateElement')) {
    if (inside(q) && pattern.test(q.value.cooked ?? q.value.raw)) return true;
  }
  for (const p of js.index.of('Property')) {
    if (!inside(p) || p.parent?.type !== 'ObjectExpression') continue;
    const name = propertyName(p.key, p.computed);
    if (name !== undefined && pattern.test(name)) return true;
  }
  for (const a of js.index.of('AssignmentExpression')) {
    if (!inside(a) || a.left.type !== 'MemberExpression') continue;
    const name = memberName(a.left);
    if (name !== undefined && pattern.test(name)) return true;
  }
  return false;
}

/** The function a node is in, or the program. */
export function scopeOf(js: JsFile, node: Node): Node {
  return enclosingFunction(node) ?? js.program;
}

export function nodeRange(node: Node): { start: number; end: number } {
  return { start: node.range[0], end: node.range[1] };
}

/** The properties written in an object literal itself (no spreads), by static name. */
export function ownProperty(object: TSESTree.ObjectExpression, name: string | RegExp): TSESTree.Property | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (p.type !== 'Property') continue;
    const key = propertyName(p.key, p.computed);
    if (key !== undefined && (typeof name === 'string' ? key === name : name.test(key))) return p;
  }
  return undefined;
}
