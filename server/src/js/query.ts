import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, isStringLiteral, memberName, propertyName, unwrap, type Node, type NodeIndex } from './ast';
import type { Binding, Scopes } from './scope';

/**
 * Query strings built with objects rather than text: `URLSearchParams`
 * (constructed from an object, a string or an array of pairs, then
 * `.append`/`.set`/`.delete`), `new URL(…)` with `url.searchParams.set/append`
 * and `url.search = …`, and `querystring.stringify` / `qs.stringify`.
 *
 * The evaluator (evaluate.ts) asks this module for the string value of such
 * objects (`${params}`, `params.toString()`, `url.href`, `url.toString()`,
 * `qs.stringify(obj)`); rules ask it for the parameters themselves, with the
 * nodes that set each one.
 */

/** Same value as `HOLE` in evaluate.ts (kept here so that this module has no runtime import of it). */
const HOLE = '\uE000';
const MAX_DEPTH = 12;

/** What the query helpers need from the evaluator. */
export interface QueryContext {
  readonly scopes: Scopes;
  readonly index: NodeIndex;
  /** The string value of an expression, with holes. */
  str(node: Node): string;
  /** Object properties as the evaluator sees them (literal, spreads, `o.x = v`). */
  properties(node: Node): { name: string; key: Node; value: Node; property?: TSESTree.Property; assignment?: TSESTree.AssignmentExpression }[] | undefined;
  /** The expression a node stands for after following constant bindings. */
  resolve(node: Node): Node;
  /** Nodes already being evaluated (cycle guard shared with the evaluator). */
  readonly seen: Set<Node>;
}

export interface QueryParam {
  /** The parameter name; contains a hole when it is not known. */
  name: string;
  value: string;
  keyNode?: Node;
  valueNode?: Node;
  /** The property, array element, string or call that sets it. */
  source: Node;
}

export type QueryMutation = TSESTree.CallExpression | TSESTree.AssignmentExpression;

export interface QueryObject {
  kind: 'URLSearchParams' | 'URL';
  node: TSESTree.NewExpression;
  /** The variable it is stored in, when it is `const|let|var x = new …`. */
  binding?: Binding;
  /** The first argument (URLSearchParams init, or the URL string). */
  init?: Node;
  /** `append`/`set`/`delete` calls (URL: on `url.searchParams`) and `url.search = …`, in source order. */
  mutations: QueryMutation[];
  params: QueryParam[];
  /** URL: the text before `?`. */
  base?: string;
  /** False when a part of the query is not known (an unknown key, spread, init or string). */
  complete: boolean;
}

/** `new URLSearchParams(…)` / `new URL(…)` (also `new url.URL(…)`), unless the name is a local binding of something else. */
export function queryConstructorKind(scopes: Scopes, node: Node): QueryObject['kind'] | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const path = calleePath(node.callee);
  if (!path || path.length > 2) return undefined;
  const name = path[path.length - 1];
  if (name !== 'URLSearchParams' && name !== 'URL') return undefined;
  if (path.length === 1) {
    const callee = unwrap(node.callee) as TSESTree.Identifier;
    const binding = scopes.resolve(callee);
    if (binding && !isUrlModuleBinding(binding)) return undefined;
  }
  return name;
}

function isUrlModuleBinding(binding: Binding): boolean {
  const source = binding.importDeclaration?.source.value ?? requireSource(binding.declarator?.init ?? undefined);
  return source === 'url' || source === 'node:url' || source === 'whatwg-url' || source === 'url-search-params' || source === '@ungap/url-search-params';
}

function requireSource(init: Node | undefined): string | undefined {
  if (!init) return undefined;
  let n = unwrap(init);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && isStringLiteral(n.arguments[0])) return n.arguments[0].value;
  return undefined;
}

// ---------------------------------------------------------------------------
// Mutations, indexed once per parse

interface MutationIndex {
  /** `x.append(…)`, `x.set(…)`, `x.delete(…)` by the name of `x`. */
  direct: Map<string, TSESTree.CallExpression[]>;
  /** `x.searchParams.append(…)` etc. by the name of `x`. */
  searchParams: Map<string, TSESTree.CallExpression[]>;
  /** `x.search = …` by the name of `x`. */
  search: Map<string, TSESTree.AssignmentExpression[]>;
}

const MUTATORS = new Set(['append', 'set', 'delete']);
const mutationCache = new WeakMap<NodeIndex, MutationIndex>();

function mutationIndex(index: NodeIndex): MutationIndex {
  let cached = mutationCache.get(index);
  if (cached) return cached;
  cached = { direct: new Map(), searchParams: new Map(), search: new Map() };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(value);
  };
  for (const call of index.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || !MUTATORS.has(memberName(callee) ?? '')) continue;
    const object = unwrap(callee.object);
    if (object.type === 'Identifier') push(cached.direct, object.name, call);
    else if (object.type === 'MemberExpression' && memberName(object) === 'searchParams') {
      const owner = unwrap(object.object);
      if (owner.type === 'Identifier') push(cached.searchParams, owner.name, call);
    }
  }
  for (const assignment of index.of('AssignmentExpression')) {
    if (assignment.operator !== '=' || assignment.left.type !== 'MemberExpression' || memberName(assignment.left) !== 'search') continue;
    const owner = unwrap(assignment.left.object);
    if (owner.type === 'Identifier') push(cached.search, owner.name, assignment);
  }
  mutationCache.set(index, cached);
  return cached;
}

function bindingOf(ctx: QueryContext, node: TSESTree.NewExpression): Binding | undefined {
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return ctx.scopes.resolve(parent.id);
  return undefined;
}

// ---------------------------------------------------------------------------
// The model

/** The parameters of a `new URLSearchParams(…)` / `new URL(…)` and of what is done to it. */
export function queryObject(ctx: QueryContext, node: TSESTree.NewExpression, depth = 0): QueryObject | undefined {
  const kind = queryConstructorKind(ctx.scopes, node);
  if (!kind || depth > MAX_DEPTH) return undefined;
  if (ctx.seen.has(node)) return undefined;
  ctx.seen.add(node);
  try {
    const init = node.arguments[0] as Node | undefined;
    const binding = bindingOf(ctx, node);
    const out: QueryObject = { kind, node, binding, init, mutations: [], params: [], complete: true };
    if (kind === 'URL') {
      if (!init) return undefined;
      const href = urlString(ctx, node);
      const q = href.indexOf('?');
      out.base = q < 0 ? stripHash(href) : href.slice(0, q);
      if (q >= 0) addStringParams(out, stripHash(href.slice(q + 1)), init);
    } else if (init) addInitParams(ctx, out, init, depth);
    if (binding) {
      const mutations = mutationIndex(ctx.index);
      const calls = (kind === 'URL' ? mutations.searchParams : mutations.direct).get(binding.name) ?? [];
      const searches = kind === 'URL' ? mutations.search.get(binding.name) ?? [] : [];
      const mine: QueryMutation[] = [];
      for (const call of calls) {
        const callee = unwrap(call.callee) as TSESTree.MemberExpression;
        let owner = unwrap(callee.object);
        if (owner.type === 'MemberExpression') owner = unwrap(owner.object);
        if (owner.type === 'Identifier' && ctx.scopes.resolve(owner) === binding) mine.push(call);
      }
      for (const a of searches) {
        const owner = unwrap((a.left as TSESTree.MemberExpression).object);
        if (owner.type === 'Identifier' && ctx.scopes.resolve(owner) === binding) mine.push(a);
      }
      mine.sort((a, b) => a.range[0] - b.range[0]);
      out.mutations = mine;
      for (const m of mine) applyMutation(ctx, out, m);
    }
    return out;
  } finally {
    ctx.seen.delete(node);
  }
}

function stripHash(s: string): string {
  const h = s.indexOf('#');
  return h < 0 ? s : s.slice(0, h);
}

/** `new URL(path, base)` resolves the path against the base's origin. */
function urlString(ctx: QueryContext, node: TSESTree.NewExpression): string {
  const [first, second] = node.arguments as Node[];
  const path = ctx.str(first);
  if (!second || /^[a-z][\w+.-]*:/i.test(path)) return path;
  const base = ctx.str(second);
  if (path.startsWith('/')) {
    const m = /^[a-z][\w+.-]*:\/\/[^/?#]*/i.exec(base);
    return (m ? m[0] : base) + path;
  }
  if (path.startsWith('?')) return base.replace(/[?#].*$/, '') + path;
  return base.replace(/[^/]*$/, '') + path;
}

function addInitParams(ctx: QueryContext, out: QueryObject, init: Node, depth: number): void {
  const resolved = unwrap(ctx.resolve(init));
  if (resolved.type === 'NewExpression' && queryConstructorKind(ctx.scopes, resolved) === 'URLSearchParams') {
    const inner = queryObject(ctx, resolved, depth + 1);
    if (!inner) out.complete = false;
    else {
      out.params.push(...inner.params);
      if (!inner.complete) out.complete = false;
    }
    return;
  }
  if (resolved.type === 'MemberExpression' && memberName(resolved) === 'searchParams') {
    const owner = unwrap(ctx.resolve(resolved.object));
    const inner = owner.type === 'NewExpression' ? queryObject(ctx, owner, depth + 1) : undefined;
    if (!inner) out.complete = false;
    else {
      out.params.push(...inner.params);
      if (!inner.complete) out.complete = false;
    }
    return;
  }
  if (resolved.type === 'ArrayExpression') {
    for (const element of resolved.elements) {
      const pair = element && element.type !== 'SpreadElement' ? unwrap(element) : undefined;
      if (!pair || pair.type !== 'ArrayExpression' || pair.elements.length < 2 || !pair.elements[0] || !pair.elements[1] || pair.elements[0].type === 'SpreadElement' || pair.elements[1].type === 'SpreadElement') {
        out.complete = false;
        continue;
      }
      out.params.push({ name: ctx.str(pair.elements[0]), value: ctx.str(pair.elements[1]), keyNode: pair.elements[0], valueNode: pair.elements[1], source: pair });
    }
    return;
  }
  if (isStringish(resolved)) {
    addStringParams(out, ctx.str(init).replace(/^\?/, ''), init);
    return;
  }
  const object = objectParams(ctx, init);
  out.params.push(...object.params);
  if (!object.complete) out.complete = false;
}

function isStringish(node: Node): boolean {
  return isStringLiteral(node) || node.type === 'TemplateLiteral' || (node.type === 'BinaryExpression' && node.operator === '+');
}

/** The parameters of a plain object (query objects, `qs.stringify` arguments): own properties, known spreads and `o.x = v`. */
export function objectParams(ctx: QueryContext, node: Node): { params: QueryParam[]; complete: boolean } {
  const params: QueryParam[] = [];
  let complete = true;
  const resolved = unwrap(ctx.resolve(node));
  if (resolved.type === 'ObjectExpression') {
    for (const p of resolved.properties) {
      if (p.type === 'SpreadElement') {
        const spread = objectParams(ctx, p.argument);
        params.push(...spread.params);
        if (!spread.complete) complete = false;
        continue;
      }
      const name = propertyName(p.key, p.computed) ?? (p.computed ? constant(ctx, p.key) : undefined);
      if (name === undefined) {
        complete = false;
        continue;
      }
      params.push({ name, value: valueString(ctx, p.value), keyNode: p.key, valueNode: p.value, source: p });
    }
    // `params.code_challenge = …` after the literal.
    const holder = unwrap(node);
    if (holder.type === 'Identifier') {
      for (const e of ctx.properties(holder) ?? []) if (e.assignment) params.push({ name: e.name, value: valueString(ctx, e.value), keyNode: e.key, valueNode: e.value, source: e.assignment });
    }
    return { params, complete };
  }
  const entries = ctx.properties(node);
  if (!entries) return { params, complete: false };
  for (const e of entries) params.push({ name: e.name, value: valueString(ctx, e.value), keyNode: e.key, valueNode: e.value, source: e.property ?? e.assignment ?? e.key });
  return { params, complete };
}

function constant(ctx: QueryContext, node: Node): string | undefined {
  const s = ctx.str(node);
  return s.includes(HOLE) ? undefined : s;
}

function valueString(ctx: QueryContext, node: Node): string {
  const n = unwrap(node);
  // `scope: ['restlets', 'rest_webservices'].join(' ')` is a string; a bare array is what qs would repeat.
  if (n.type === 'ArrayExpression') return n.elements.map((e) => (e && e.type !== 'SpreadElement' ? ctx.str(e) : HOLE)).join(',');
  return ctx.str(node);
}

function addStringParams(out: QueryObject, query: string, source: Node): void {
  for (const p of parseQuery(query)) out.params.push({ ...p, source });
  if (query.split('&').some((part) => part.startsWith(HOLE) || (part.includes(HOLE) && !part.includes('=')))) out.complete = false;
}

/** `a=1&b=2` as name/value pairs (decoded where possible; holes kept). */
export function parseQuery(query: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    out.push({ name, value });
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function applyMutation(ctx: QueryContext, out: QueryObject, m: QueryMutation): void {
  if (m.type === 'AssignmentExpression') {
    // url.search = '?a=1' replaces the whole query.
    out.params = [];
    out.complete = true;
    addStringParams(out, ctx.str(m.right).replace(/^\?/, ''), m);
    return;
  }
  const method = memberName(unwrap(m.callee) as TSESTree.MemberExpression);
  const [k, v] = m.arguments as Node[];
  if (!k || k.type === 'SpreadElement') {
    out.complete = false;
    return;
  }
  const name = ctx.str(k);
  if (name.includes(HOLE)) out.complete = false;
  if (method === 'delete') {
    out.params = out.params.filter((p) => p.name !== name);
    return;
  }
  const param: QueryParam = { name, value: v && v.type !== 'SpreadElement' ? ctx.str(v) : '', keyNode: k, valueNode: v, source: m };
  if (method === 'set') {
    const first = out.params.findIndex((p) => p.name === name);
    if (first >= 0) {
      out.params = out.params.filter((p, i) => i === first || p.name !== name);
      out.params[first] = param;
      return;
    }
  }
  out.params.push(param);
}

/** `name=value&…`, form-encoded like URLSearchParams (holes kept). */
export function serializeQuery(params: readonly { name: string; value: string }[]): string {
  return params.map((p) => `${encode(p.name)}=${encode(p.value)}`).join('&');
}

function encode(s: string): string {
  return s
    .split(HOLE)
    .map((part) => {
      try {
        return encodeURIComponent(part).replace(/%20/g, '+');
      } catch {
        return part;
      }
    })
    .join(HOLE);
}

function queryText(q: QueryObject): string {
  return serializeQuery(q.params) + (q.complete ? '' : q.params.length > 0 ? `&${HOLE}` : HOLE);
}

// ---------------------------------------------------------------------------
// Evaluator hooks: the string value of query objects, or undefined when the node is not one.

/** `new URLSearchParams(…)` → `a=1&b=2`; `new URL(…)` → the whole URL. */
export function queryNewString(ctx: QueryContext, node: TSESTree.NewExpression, reached: Node[]): string | undefined {
  const q = queryObject(ctx, node);
  if (!q) return undefined;
  noteReached(q, reached);
  if (q.kind === 'URLSearchParams') return queryText(q);
  const query = queryText(q);
  return query === '' ? q.base ?? HOLE : `${q.base ?? HOLE}?${query}`;
}

/** `url.href`, `url.search`, `url.searchParams` (and `params.size` is not a string: undefined). */
export function queryMemberString(ctx: QueryContext, object: Node, name: string, reached: Node[]): string | undefined {
  if (name !== 'href' && name !== 'search' && name !== 'searchParams') return undefined;
  const owner = unwrap(ctx.resolve(object));
  if (owner.type !== 'NewExpression' || queryConstructorKind(ctx.scopes, owner) !== 'URL') return undefined;
  const q = queryObject(ctx, owner);
  if (!q) return undefined;
  noteReached(q, reached);
  const query = queryText(q);
  if (name === 'searchParams') return query;
  if (name === 'search') return query === '' ? '' : `?${query}`;
  return query === '' ? q.base ?? HOLE : `${q.base ?? HOLE}?${query}`;
}

const QUERYSTRING_MODULES = new Set(['querystring', 'node:querystring', 'qs', 'query-string', 'querystringify']);

/** `querystring.stringify(obj)`, `qs.stringify(obj)`, `queryString.stringify(obj)` (also `encode`). */
export function queryStringifyString(ctx: QueryContext, call: TSESTree.CallExpression, reached: Node[]): string | undefined {
  const arg = call.arguments[0] as Node | undefined;
  if (!arg || arg.type === 'SpreadElement' || !isStringifyCall(ctx, call)) return undefined;
  const object = objectParams(ctx, arg);
  reached.push(arg);
  const resolved = unwrap(ctx.resolve(arg));
  if (resolved !== unwrap(arg)) reached.push(resolved);
  return serializeQuery(object.params) + (object.complete ? '' : object.params.length > 0 ? `&${HOLE}` : HOLE);
}

/** Whether a call is `stringify`/`encode` of a query-string module (`qs`, `querystring`, `query-string`). */
export function isStringifyCall(ctx: Pick<QueryContext, 'scopes'>, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  let root: Node | undefined;
  let method: string | undefined;
  if (callee.type === 'MemberExpression') {
    method = memberName(callee);
    root = unwrap(callee.object);
  } else if (callee.type === 'Identifier') {
    // import { stringify } from 'qs'
    const binding = ctx.scopes.resolve(callee);
    const source = binding?.importDeclaration?.source.value ?? requireSource(binding?.declarator?.init ?? undefined);
    return !!source && QUERYSTRING_MODULES.has(source) && (callee.name === 'stringify' || callee.name === 'encode' || /stringify/i.test(callee.name));
  }
  if (method !== 'stringify' && method !== 'encode') return false;
  if (!root || root.type !== 'Identifier') return false;
  const binding = ctx.scopes.resolve(root);
  if (!binding) return false;
  const source = binding.importDeclaration?.source.value ?? requireSource(binding.declarator?.init ?? undefined);
  return !!source && QUERYSTRING_MODULES.has(source);
}

function noteReached(q: QueryObject, reached: Node[]): void {
  reached.push(q.node);
  if (q.init) reached.push(q.init);
  for (const p of q.params) {
    if (p.source !== q.init) reached.push(p.source);
    const parent = p.source.parent;
    if (p.source.type === 'Property' && parent?.type === 'ObjectExpression' && !reached.includes(parent)) reached.push(parent);
  }
  for (const m of q.mutations) reached.push(m);
}

// ---------------------------------------------------------------------------
// For rules

/** Every `new URLSearchParams(…)` and `new URL(…)` of a file with its parameters. */
export function queryObjects(ctx: QueryContext): QueryObject[] {
  const out: QueryObject[] = [];
  for (const node of ctx.index.of('NewExpression')) {
    if (!queryConstructorKind(ctx.scopes, node)) continue;
    const q = queryObject(ctx, node);
    if (q) out.push(q);
  }
  return out;
}
