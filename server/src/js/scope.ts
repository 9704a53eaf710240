import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { NodeIndex, type Node } from './ast';

/** A same-file binding: a variable, parameter, function or import name. */
export interface Binding {
  name: string;
  kind: 'const' | 'let' | 'var' | 'using' | 'await using' | 'param' | 'function' | 'class' | 'import' | 'catch';
  /** The node whose range the binding is visible in. */
  scope: Node;
  /** The identifier that declares it. */
  id: TSESTree.Identifier;
  /** The declarator (for variables), when there is one. */
  declarator?: TSESTree.VariableDeclarator;
  /** The import declaration (for imports). */
  importDeclaration?: TSESTree.ImportDeclaration;
  /** Later `name = …` and `name += …` assignments, in source order. */
  assignments: TSESTree.AssignmentExpression[];
}

function isFunction(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

function isBlockScope(node: Node): boolean {
  switch (node.type) {
    case 'BlockStatement':
    case 'Program':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'SwitchStatement':
    case 'StaticBlock':
    case 'CatchClause':
      return true;
    default:
      return isFunction(node);
  }
}

function nearest(node: Node, test: (n: Node) => boolean): Node {
  let p: Node | undefined = node.parent;
  while (p && !test(p)) p = p.parent;
  return p ?? node;
}

function patternIdentifiers(pattern: Node, out: TSESTree.Identifier[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternIdentifiers(p.type === 'Property' ? p.value : p.argument, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) patternIdentifiers(e, out);
      break;
    case 'AssignmentPattern':
      patternIdentifiers(pattern.left, out);
      break;
    case 'RestElement':
      patternIdentifiers(pattern.argument, out);
      break;
    case 'TSParameterProperty':
      patternIdentifiers(pattern.parameter, out);
      break;
    default:
      break;
  }
}

/**
 * Name resolution for one file: enough to follow a reference to the nearest
 * declaration that is visible at it. It does not model hoisting subtleties or
 * `with`; a reference that resolves to nothing is a hole for the evaluator.
 */
export class Scopes {
  private readonly byName = new Map<string, Binding[]>();

  constructor(index: NodeIndex) {
    for (const decl of index.of('VariableDeclaration')) {
      const scope = decl.kind === 'var' ? nearest(decl, (n) => isFunction(n) || n.type === 'Program') : nearest(decl, isBlockScope);
      for (const declarator of decl.declarations) {
        const ids: TSESTree.Identifier[] = [];
        patternIdentifiers(declarator.id, ids);
        for (const id of ids) this.add({ name: id.name, kind: decl.kind, scope, id, declarator, assignments: [] });
      }
    }
    for (const fn of [...index.of('FunctionDeclaration'), ...index.of('FunctionExpression'), ...index.of('ArrowFunctionExpression')]) {
      const ids: TSESTree.Identifier[] = [];
      for (const param of fn.params) patternIdentifiers(param, ids);
      for (const id of ids) this.add({ name: id.name, kind: 'param', scope: fn, id, assignments: [] });
      if (fn.type === 'FunctionDeclaration' && fn.id) {
        this.add({ name: fn.id.name, kind: 'function', scope: nearest(fn, isBlockScope), id: fn.id, assignments: [] });
      }
    }
    for (const cls of index.of('ClassDeclaration')) {
      if (cls.id) this.add({ name: cls.id.name, kind: 'class', scope: nearest(cls, isBlockScope), id: cls.id, assignments: [] });
    }
    for (const imp of index.of('ImportDeclaration')) {
      for (const spec of imp.specifiers) {
        this.add({ name: spec.local.name, kind: 'import', scope: imp.parent ?? imp, id: spec.local, importDeclaration: imp, assignments: [] });
      }
    }
    for (const clause of index.of('CatchClause')) {
      if (clause.param) {
        const ids: TSESTree.Identifier[] = [];
        patternIdentifiers(clause.param, ids);
        for (const id of ids) this.add({ name: id.name, kind: 'catch', scope: clause, id, assignments: [] });
      }
    }
    for (const assignment of index.of('AssignmentExpression')) {
      if (assignment.left.type !== 'Identifier') continue;
      const binding = this.resolve(assignment.left);
      if (binding) binding.assignments.push(assignment);
    }
  }

  private add(binding: Binding): void {
    let list = this.byName.get(binding.name);
    if (!list) this.byName.set(binding.name, (list = []));
    list.push(binding);
  }

  /** The binding an identifier refers to: the innermost visible declaration of its name. */
  resolve(identifier: TSESTree.Identifier): Binding | undefined {
    const candidates = this.byName.get(identifier.name);
    if (!candidates) return undefined;
    const at = identifier.range[0];
    let best: Binding | undefined;
    for (const b of candidates) {
      if (b.scope.range[0] <= at && at <= b.scope.range[1]) {
        if (!best || b.scope.range[1] - b.scope.range[0] < best.scope.range[1] - best.scope.range[0]) best = b;
      }
    }
    return best;
  }

  bindingsNamed(name: string): readonly Binding[] {
    return this.byName.get(name) ?? [];
  }
}
