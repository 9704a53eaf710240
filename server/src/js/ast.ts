import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Node = TSESTree.Node;
type NodeByTypeName = { [K in Node['type'] as `${K}`]: Extract<Node, { type: K }> };
type NodeTypeName = keyof NodeByTypeName;

/**
 * One walk per parsed version: sets `parent` and groups nodes by type, so that
 * every rule asks for the nodes it needs instead of walking the tree again.
 */
export class NodeIndex {
  private readonly byType = new Map<string, Node[]>();

  constructor(program: TSESTree.Program) {
    const stack: Node[] = [program];
    (program as { parent?: Node }).parent = undefined;
    while (stack.length > 0) {
      const node = stack.pop()!;
      let list = this.byType.get(node.type);
      if (!list) this.byType.set(node.type, (list = []));
      list.push(node);
      const keys = visitorKeys[node.type] ?? [];
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as unknown as Record<string, unknown>)[keys[k]];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) {
            const c = child[i] as Node | null;
            if (c && typeof c === 'object' && typeof c.type === 'string') {
              (c as { parent?: Node }).parent = node;
              stack.push(c);
            }
          }
        } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
          (child as { parent?: Node }).parent = node;
          stack.push(child as Node);
        }
      }
    }
    // Source order makes findings and fixes deterministic.
    for (const list of this.byType.values()) list.sort((a, b) => a.range[0] - b.range[0]);
  }

  of<T extends NodeTypeName>(type: T): readonly NodeByTypeName[T][] {
    return (this.byType.get(type) ?? []) as NodeByTypeName[T][];
  }
}

export function isStringLiteral(node: Node | null | undefined): node is TSESTree.StringLiteral {
  return !!node && node.type === 'Literal' && typeof node.value === 'string';
}

/** The static name of a property key or member property, if it has one. */
export function propertyName(node: Node, computed: boolean): string | undefined {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  if (node.type === 'PrivateIdentifier') return undefined;
  return undefined;
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return propertyName(node.property, node.computed);
}

/** Strips TypeScript-only wrappers and optional chains that do not change a value. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** `a.b.c` as ['a','b','c'] when every part is static. */
export function calleePath(node: Node): string[] | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return [n.name];
  if (n.type === 'ThisExpression') return ['this'];
  if (n.type === 'MemberExpression') {
    const name = memberName(n);
    if (name === undefined) return undefined;
    const base = calleePath(n.object);
    return base ? [...base, name] : undefined;
  }
  return undefined;
}

export function enclosingFunction(node: Node): TSESTree.FunctionLike | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression') return p;
  }
  return undefined;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
