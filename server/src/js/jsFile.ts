import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { NodeIndex, calleePath, isStringLiteral, memberName, unwrap, type Node } from './ast';
import { Evaluator } from './evaluate';
import type { JsParseResult } from './parse';
import { Scopes } from './scope';

/** Where a local name comes from: `{ module: 'N/https' }`, or `{ module: 'axios', member: 'post' }`. */
export interface ModuleRef {
  module: string;
  member?: string;
}

/** A call with its callee resolved through imports: `https.get(…)` in a `define(['N/https'], …)` script. */
export interface ResolvedCall {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The module the callee's root name is bound to, if any. */
  module?: string;
  /** The member path after the module (or the global path when there is no module). */
  path: string[];
}

/** One parsed version of a JS/TS file, shared by every rule. */
export class JsFile {
  readonly index: NodeIndex;
  readonly scopes: Scopes;
  readonly evaluator: Evaluator;
  private moduleBindings: Map<TSESTree.Identifier, ModuleRef> | undefined;
  private resolvedCalls: ResolvedCall[] | undefined;

  constructor(
    readonly text: string,
    readonly parse: JsParseResult,
  ) {
    this.index = new NodeIndex(parse.program);
    this.scopes = new Scopes(this.index);
    this.evaluator = new Evaluator(this.scopes, this.index);
  }

  get program(): TSESTree.Program {
    return this.parse.program;
  }

  get hasSyntaxErrors(): boolean {
    return this.parse.syntaxErrors.length > 0;
  }

  /** A SuiteScript file: JSDoc `@NApiVersion`, or `define`/`require` of `N/…` modules. */
  get isSuiteScript(): boolean {
    return /@NApiVersion\b/.test(this.text) || this.suiteScriptModules().size > 0 || /\bnlapi[A-Z]\w*\s*\(/.test(this.text);
  }

  /** The `N/…` modules the file loads. */
  suiteScriptModules(): Set<string> {
    const out = new Set<string>();
    for (const ref of this.bindings().values()) if (ref.module.startsWith('N/')) out.add(ref.module);
    return out;
  }

  /** Modules the file imports or requires, by specifier. */
  importedModules(): Set<string> {
    const out = new Set<string>();
    // A half-typed `import x from ` recovers with a non-string source: skip it.
    for (const imp of this.index.of('ImportDeclaration')) if (typeof imp.source.value === 'string') out.add(imp.source.value);
    for (const call of this.index.of('CallExpression')) {
      const callee = unwrap(call.callee);
      if (callee.type === 'Identifier' && callee.name === 'require' && isStringLiteral(call.arguments[0])) out.add(call.arguments[0].value);
      if (callee.type === 'Identifier' && (callee.name === 'define' || callee.name === 'require')) {
        const deps = call.arguments.find((a) => a.type === 'ArrayExpression');
        if (deps?.type === 'ArrayExpression') for (const d of deps.elements) if (isStringLiteral(d)) out.add(d.value);
      }
    }
    for (const imp of this.index.of('ImportExpression')) if (isStringLiteral(imp.source)) out.add(imp.source.value);
    return out;
  }

  /** The module a binding identifier (declaration site) stands for. */
  private bindings(): Map<TSESTree.Identifier, ModuleRef> {
    if (this.moduleBindings) return this.moduleBindings;
    const map = new Map<TSESTree.Identifier, ModuleRef>();
    // SuiteScript 2.x AMD: define(['N/https', 'N/url'], function (https, url) { … })
    for (const call of this.index.of('CallExpression')) {
      const callee = unwrap(call.callee);
      if (callee.type !== 'Identifier' || (callee.name !== 'define' && callee.name !== 'require')) continue;
      const deps = call.arguments.find((a) => a.type === 'ArrayExpression');
      const factory = call.arguments.find((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
      if (deps?.type !== 'ArrayExpression' || !factory || (factory.type !== 'FunctionExpression' && factory.type !== 'ArrowFunctionExpression')) continue;
      factory.params.forEach((param, i) => {
        const dep = deps.elements[i];
        if (param.type === 'Identifier' && isStringLiteral(dep)) map.set(param, { module: dep.value });
      });
    }
    for (const imp of this.index.of('ImportDeclaration')) {
      if (typeof imp.source.value !== 'string') continue;
      for (const spec of imp.specifiers) {
        if (spec.type === 'ImportSpecifier') {
          const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          map.set(spec.local, { module: imp.source.value, member: imported === 'default' ? undefined : imported });
        } else map.set(spec.local, { module: imp.source.value });
      }
    }
    for (const decl of this.index.of('VariableDeclarator')) {
      if (!decl.init) continue;
      const ref = this.requireRef(decl.init);
      if (!ref) continue;
      if (decl.id.type === 'Identifier') map.set(decl.id, ref);
      else if (decl.id.type === 'ObjectPattern') {
        for (const p of decl.id.properties) {
          if (p.type !== 'Property') continue;
          const key = p.key.type === 'Identifier' ? p.key.name : isStringLiteral(p.key) ? p.key.value : undefined;
          const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (key && local.type === 'Identifier') map.set(local, { module: ref.module, member: ref.member ? `${ref.member}.${key}` : key });
        }
      }
    }
    this.moduleBindings = map;
    return map;
  }

  /** `require('m')`, `require('m').x`, `await import('m')`. */
  private requireRef(init: Node): ModuleRef | undefined {
    let n = unwrap(init);
    if (n.type === 'AwaitExpression') n = unwrap(n.argument);
    const members: string[] = [];
    while (n.type === 'MemberExpression') {
      const name = memberName(n);
      if (name === undefined) return undefined;
      members.unshift(name);
      n = unwrap(n.object);
    }
    let source: string | undefined;
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      if (callee.type === 'Identifier' && callee.name === 'require' && isStringLiteral(n.arguments[0])) source = n.arguments[0].value;
    } else if (n.type === 'ImportExpression' && isStringLiteral(n.source)) source = n.source.value;
    if (source === undefined) return undefined;
    const member = members.filter((m) => m !== 'default').join('.');
    return { module: source, member: member || undefined };
  }

  /** The module an identifier at a use site is bound to. */
  moduleOf(identifier: TSESTree.Identifier): ModuleRef | undefined {
    const binding = this.scopes.resolve(identifier);
    if (!binding) return undefined;
    return this.bindings().get(binding.id);
  }

  /** Every call and `new` in the file with its callee resolved through imports. */
  calls(): readonly ResolvedCall[] {
    if (this.resolvedCalls) return this.resolvedCalls;
    const out: ResolvedCall[] = [];
    for (const call of [...this.index.of('CallExpression'), ...this.index.of('NewExpression')]) {
      const path = calleePath(call.callee);
      if (!path) continue;
      const root = unwrapRoot(call.callee);
      const ref = root ? this.moduleOf(root) : undefined;
      if (ref) {
        const memberPath = ref.member ? ref.member.split('.') : [];
        out.push({ call, module: ref.module, path: [...memberPath, ...path.slice(1)] });
      } else out.push({ call, path });
    }
    out.sort((a, b) => a.call.range[0] - b.call.range[0]);
    this.resolvedCalls = out;
    return out;
  }
}

function unwrapRoot(node: Node): TSESTree.Identifier | undefined {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n : undefined;
}

/**
 * A call with its module resolved also through a constant alias of a module
 * member: `const Configuration = NetSuite.Configuration; new Configuration(…)`
 * is `node-suitetalk`'s `Configuration` (module `node-suitetalk`, path `['Configuration']`).
 */
export function aliasedCall(js: JsFile, rc: ResolvedCall): { module?: string; path: string[] } {
  if (rc.module) return { module: rc.module, path: rc.path };
  const root = unwrapRoot(rc.call.callee);
  const init = root ? js.evaluator.constantInit(root) : undefined;
  const aliased = init ? unwrap(init) : undefined;
  if (!aliased || (aliased.type !== 'MemberExpression' && aliased.type !== 'Identifier')) return { path: rc.path };
  const aliasPath = calleePath(aliased);
  const base = unwrapRoot(aliased);
  const ref = base ? js.moduleOf(base) : undefined;
  if (!ref || !aliasPath) return { path: rc.path };
  const memberPath = ref.member ? ref.member.split('.') : [];
  return { module: ref.module, path: [...memberPath, ...aliasPath.slice(1), ...rc.path.slice(1)] };
}
