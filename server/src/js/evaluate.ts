import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { NodeIndex, calleePath, memberName, propertyName, unwrap, type Node } from './ast';
import { Scopes, type Binding } from './scope';
import { queryMemberString, queryNewString, queryStringifyString, type QueryContext } from './query';

/**
 * Stands for a part of a string that is not known statically (a parameter, an
 * environment read, a call). Matching treats it as "anything": a value such as
 * `'NLAuth nlauth_account=' + acct` evaluates to `NLAuth nlauth_account=\uE000`.
 */
export const HOLE = '\uE000';

export interface PropertyEntry {
  name: string;
  /** The key node (or the member expression of an assignment). */
  key: Node;
  value: Node;
  /** The property node in an object literal, when the entry comes from one. */
  property?: TSESTree.Property;
  /** The assignment statement, when the entry comes from `obj.name = value`. */
  assignment?: TSESTree.AssignmentExpression;
}

const MAX_DEPTH = 40;
const PASS_THROUGH_METHODS = new Set(['toString', 'trim', 'valueOf', 'toLowerCase', 'toUpperCase', 'normalize']);

/**
 * Follows string values through concatenation, template literals, same-file
 * bindings, object properties and a few string methods, keeping unknown parts
 * as holes. Results are cached per node for the document version.
 */
export class Evaluator {
  private readonly stringCache = new Map<Node, { value: string; reached: readonly Node[] }>();
  private readonly memberAssignments = new Map<Binding, TSESTree.AssignmentExpression[]>();
  private readonly pushCalls = new Map<Binding, TSESTree.CallExpression[]>();

  constructor(
    readonly scopes: Scopes,
    private readonly index: NodeIndex,
  ) {}

  /** The string value of an expression, with HOLE for unknown parts. */
  stringOf(node: Node): string {
    return this.evaluate(node).value;
  }

  /** The string value and the expressions reached through bindings while computing it. */
  evaluate(node: Node): { value: string; reached: readonly Node[] } {
    const cached = this.stringCache.get(node);
    if (cached) return cached;
    const reached: Node[] = [];
    const value = this.str(node, reached, new Set(), 0);
    const result = { value, reached };
    this.stringCache.set(node, result);
    return result;
  }

  /**
   * The expression a node stands for after following constant bindings:
   * `const opts = {...}; call(opts)` gives the object literal.
   */
  resolve(node: Node, seen: Set<Node> = new Set()): Node {
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const init = this.constantInit(n);
      if (init && !seen.has(init)) {
        seen.add(init);
        return this.resolve(init, seen);
      }
      return n;
    }
    if (n.type === 'MemberExpression') {
      const name = memberName(n);
      if (name !== undefined) {
        const entry = this.property(n.object, name, false, seen);
        if (entry && !seen.has(entry.value)) {
          seen.add(entry.value);
          return this.resolve(entry.value, seen);
        }
      }
    }
    return n;
  }

  /** The binding an identifier refers to. */
  binding(identifier: TSESTree.Identifier): Binding | undefined {
    return this.scopes.resolve(identifier);
  }

  /**
   * The value a binding holds when it is assigned once: its initializer, or its
   * only `=` assignment. `let`/`var` built up with `+=` are handled by `str`.
   */
  constantInit(identifier: TSESTree.Identifier): Node | undefined {
    const binding = this.scopes.resolve(identifier);
    if (!binding || binding.declarator?.id.type !== 'Identifier') return undefined;
    const plain = binding.assignments.filter((a) => a.operator === '=');
    const appends = binding.assignments.filter((a) => a.operator !== '=');
    if (appends.length > 0) return undefined;
    const init = binding.declarator.init;
    if (init && plain.length === 0) return init;
    if (!init && plain.length === 1) return plain[0].right;
    return undefined;
  }

  /** Properties of an object value: literal properties, constant spreads and `obj.x = v` assignments. */
  properties(node: Node, seen: Set<Node> = new Set()): PropertyEntry[] | undefined {
    const n = unwrap(node);
    if (seen.has(n)) return undefined;
    seen.add(n);
    if (n.type === 'Identifier') {
      const binding = this.scopes.resolve(n);
      if (!binding) return undefined;
      const init = this.constantInit(n) ?? binding.declarator?.init ?? undefined;
      const base = init ? this.properties(init, seen) ?? [] : [];
      const assigned = this.memberAssignmentsOf(binding).map<PropertyEntry>((a) => {
        const member = a.left as TSESTree.MemberExpression;
        return { name: memberName(member)!, key: member, value: a.right, assignment: a };
      });
      if (!init && assigned.length === 0) return undefined;
      return [...base, ...assigned];
    }
    if (n.type === 'MemberExpression') {
      const name = memberName(n);
      if (name === undefined) return undefined;
      const entry = this.property(n.object, name, false, seen);
      return entry ? this.properties(entry.value, seen) : undefined;
    }
    if (n.type === 'ObjectExpression') {
      const out: PropertyEntry[] = [];
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') {
          const spread = this.properties(p.argument, seen);
          if (spread) out.push(...spread);
          continue;
        }
        const name = propertyName(p.key, p.computed) ?? (p.computed ? this.constantString(p.key) : undefined);
        if (name !== undefined) out.push({ name, key: p.key, value: p.value, property: p });
      }
      return out;
    }
    if (n.type === 'NewExpression' || n.type === 'CallExpression') {
      // `new Array()` / `new Object()` / `Object.assign({}, a, b)` start SuiteScript 1.0 header maps.
      const path = calleePath(n.callee);
      const name = path?.join('.');
      if (name === 'Array' || name === 'Object') return [];
      if (name === 'Object.assign') {
        const out: PropertyEntry[] = [];
        for (const arg of n.arguments) out.push(...(this.properties(arg, seen) ?? []));
        return out;
      }
    }
    if (n.type === 'ArrayExpression' && n.elements.length === 0) return [];
    return undefined;
  }

  /** The last entry named `name` (later entries override earlier ones, as at run time). */
  property(node: Node, name: string, caseInsensitive = false, seen?: Set<Node>): PropertyEntry | undefined {
    const entries = this.properties(node, seen);
    if (!entries) return undefined;
    const wanted = caseInsensitive ? name.toLowerCase() : name;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entryName = caseInsensitive ? entries[i].name.toLowerCase() : entries[i].name;
      if (entryName === wanted) return entries[i];
    }
    return undefined;
  }

  /** The value of an expression when it has no holes. */
  constantString(node: Node): string | undefined {
    const value = this.stringOf(node);
    return value.includes(HOLE) ? undefined : value;
  }

  private memberAssignmentsOf(binding: Binding): TSESTree.AssignmentExpression[] {
    let list = this.memberAssignments.get(binding);
    if (!list) {
      list = [];
      for (const a of this.index.of('AssignmentExpression')) {
        if (a.operator !== '=' || a.left.type !== 'MemberExpression') continue;
        const object = unwrap(a.left.object);
        if (object.type !== 'Identifier' || object.name !== binding.name) continue;
        if (memberName(a.left) === undefined) continue;
        if (this.scopes.resolve(object) === binding) list.push(a);
      }
      this.memberAssignments.set(binding, list);
    }
    return list;
  }

  private pushCallsOf(binding: Binding): TSESTree.CallExpression[] {
    let list = this.pushCalls.get(binding);
    if (!list) {
      list = [];
      for (const call of this.index.of('CallExpression')) {
        const callee = unwrap(call.callee);
        if (callee.type !== 'MemberExpression' || memberName(callee) !== 'push') continue;
        const object = unwrap(callee.object);
        if (object.type === 'Identifier' && object.name === binding.name && this.scopes.resolve(object) === binding) list.push(call);
      }
      this.pushCalls.set(binding, list);
    }
    return list;
  }

  /** Elements of an array value: a literal, a binding to one, and its `push` calls. */
  arrayElements(node: Node, reached: Node[] = [], seen: Set<Node> = new Set()): Node[] | undefined {
    const n = unwrap(node);
    if (seen.has(n)) return undefined;
    seen.add(n);
    if (n.type === 'ArrayExpression') {
      const out: Node[] = [];
      for (const e of n.elements) {
        if (!e) continue;
        if (e.type === 'SpreadElement') {
          const inner = this.arrayElements(e.argument, reached, seen);
          if (!inner) return undefined;
          out.push(...inner);
        } else out.push(e);
      }
      return out;
    }
    if (n.type === 'Identifier') {
      const binding = this.scopes.resolve(n);
      const init = binding?.declarator?.init;
      if (!binding || !init || binding.assignments.length > 0) return undefined;
      const base = this.arrayElements(init, reached, seen);
      if (!base) return undefined;
      reached.push(init);
      const pushed = this.pushCallsOf(binding).flatMap((c) => c.arguments as Node[]);
      return [...base, ...pushed];
    }
    return undefined;
  }

  private str(node: Node, reached: Node[], seen: Set<Node>, depth: number): string {
    if (depth > MAX_DEPTH || seen.has(node)) return HOLE;
    const n = unwrap(node);
    switch (n.type) {
      case 'Literal':
        if (typeof n.value === 'string') return n.value;
        if (typeof n.value === 'number' || typeof n.value === 'boolean') return String(n.value);
        return HOLE;
      case 'TemplateLiteral': {
        let out = '';
        for (let i = 0; i < n.quasis.length; i++) {
          out += n.quasis[i].value.cooked ?? n.quasis[i].value.raw;
          if (i < n.expressions.length) out += this.str(n.expressions[i], reached, seen, depth + 1);
        }
        return out;
      }
      case 'BinaryExpression':
        if (n.operator === '+') {
          return this.str(n.left, reached, seen, depth + 1) + this.str(n.right, reached, seen, depth + 1);
        }
        return HOLE;
      case 'Identifier':
        return this.identifierString(n, reached, seen, depth);
      case 'MemberExpression': {
        const name = memberName(n);
        if (name === undefined) return HOLE;
        // `url.href`, `url.search`, `url.searchParams` of a `new URL(…)` (query.ts).
        const urlPart = queryMemberString(this.queryContext(reached, seen, depth), n.object, name, reached);
        if (urlPart !== undefined) return urlPart;
        const entry = this.property(n.object, name);
        if (!entry) return HOLE;
        reached.push(entry.value);
        seen.add(node);
        const value = this.str(entry.value, reached, seen, depth + 1);
        seen.delete(node);
        return value;
      }
      case 'CallExpression':
        return this.callString(n, reached, seen, depth);
      case 'NewExpression':
        // `new URLSearchParams(…)` and `new URL(…)` with their appended parameters (query.ts); other constructors stay holes.
        return queryNewString(this.queryContext(reached, seen, depth), n, reached) ?? HOLE;
      default:
        return HOLE;
    }
  }

  /** What query.ts needs to evaluate URLSearchParams / URL / query-string values inside this evaluation. */
  private queryContext(reached: Node[], seen: Set<Node>, depth: number): QueryContext {
    return {
      scopes: this.scopes,
      index: this.index,
      seen,
      str: (node) => this.str(node, reached, seen, depth + 1),
      properties: (node) => this.properties(node),
      resolve: (node) => this.resolve(node),
    };
  }

  private identifierString(n: TSESTree.Identifier, reached: Node[], seen: Set<Node>, depth: number): string {
    if (n.name === 'undefined') return HOLE;
    const binding = this.scopes.resolve(n);
    if (!binding || binding.declarator?.id.type !== 'Identifier') return HOLE;
    const plain = binding.assignments.filter((a) => a.operator === '=');
    const appends = binding.assignments.filter((a) => a.operator === '+=');
    if (binding.assignments.length !== plain.length + appends.length) return HOLE;
    let parts: Node[];
    const init = binding.declarator.init;
    if (plain.length === 0 && init) parts = [init, ...appends.map((a) => a.right)];
    else if (plain.length === 1 && !init && appends.every((a) => a.range[0] > plain[0].range[0])) {
      parts = [plain[0].right, ...appends.map((a) => a.right)];
    } else return HOLE;
    seen.add(n);
    let out = '';
    for (const part of parts) {
      reached.push(part);
      out += this.str(part, reached, seen, depth + 1);
    }
    seen.delete(n);
    return out;
  }

  private callString(n: TSESTree.CallExpression, reached: Node[], seen: Set<Node>, depth: number): string {
    const callee = unwrap(n.callee);
    const path = calleePath(callee);
    const fn = path?.join('.');
    if (fn === 'String' && n.arguments.length === 1) return this.str(n.arguments[0], reached, seen, depth + 1);
    if ((fn === 'encodeURIComponent' || fn === 'encodeURI' || fn === 'escape') && n.arguments.length === 1) {
      const inner = this.str(n.arguments[0], reached, seen, depth + 1);
      if (inner.includes(HOLE)) return inner.split(HOLE).map((s) => safeEncode(s, fn)).join(HOLE);
      return safeEncode(inner, fn);
    }
    // `querystring.stringify(obj)`, `qs.stringify(obj)` (query.ts).
    const stringified = queryStringifyString(this.queryContext(reached, seen, depth), n, reached);
    if (stringified !== undefined) return stringified;
    if (callee.type !== 'MemberExpression') return HOLE;
    const method = memberName(callee);
    if (method === undefined) return HOLE;
    if (PASS_THROUGH_METHODS.has(method) && n.arguments.length === 0) {
      const inner = this.str(callee.object, reached, seen, depth + 1);
      if (method === 'toLowerCase') return inner.toLowerCase();
      if (method === 'toUpperCase') return inner.toUpperCase();
      if (method === 'trim') return inner.trim();
      return inner;
    }
    if (method === 'concat') {
      let out = this.str(callee.object, reached, seen, depth + 1);
      for (const arg of n.arguments) out += this.str(arg, reached, seen, depth + 1);
      return out;
    }
    if (method === 'join') {
      const elements = this.arrayElements(callee.object, reached);
      const literal = unwrap(callee.object);
      if (!elements && literal.type !== 'ArrayExpression') return HOLE;
      const sep = n.arguments.length === 0 ? ',' : this.str(n.arguments[0], reached, seen, depth + 1);
      // `[a, ...rest].join(', ')` with an unknown spread: the spread is a hole, the other elements are known.
      const parts = elements ?? (literal as TSESTree.ArrayExpression).elements.filter((e) => e !== null);
      return parts.map((e) => (e.type === 'SpreadElement' ? HOLE : this.str(e, reached, seen, depth + 1))).join(sep);
    }
    return HOLE;
  }
}

function safeEncode(s: string, fn: string): string {
  try {
    return fn === 'encodeURI' ? encodeURI(s) : encodeURIComponent(s);
  } catch {
    return s;
  }
}
