import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { OffsetRange } from '../../core/text';
import type { Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { isBindingJoin, isDescriptiveUse, stringRoots } from '../../js/strings';

export interface StringMatch {
  root: Node;
  value: string;
  reached: readonly Node[];
}

/**
 * String roots whose evaluated value passes `test`, reported once where they
 * are built: a root reached by another matching root (a constant used in a
 * larger string, or sent from several places) is covered by the first.
 */
export function matchingStrings(js: JsFile, test: (value: string, root: Node) => boolean): StringMatch[] {
  const matches: StringMatch[] = [];
  for (const root of stringRoots(js)) {
    if (isDescriptiveUse(root) || isTestExpectation(root)) continue;
    const { value, reached } = js.evaluator.evaluate(root);
    if (test(value, root)) matches.push({ root, value, reached });
  }
  return builtOnce(matches);
}

/**
 * Each value once, where it is built: a match reached by another (a constant used in a larger
 * string) is covered by it, except that a join of bindings (`scheme + creds`) gives way to a part
 * that is the whole value on its own (`const a = 'NLAuth …'; a + b`).
 */
export function builtOnce<M extends { root: Node; reached: readonly Node[] }>(all: M[]): M[] {
  const roots = all.map((m) => m.root);
  const holdsMatch = (r: Node, self: Node) => roots.some((o) => o !== self && r.range[0] <= o.range[0] && o.range[1] <= r.range[1]);
  const matches = all.filter((m) => !(isBindingJoin(m.root) && m.reached.some((r) => holdsMatch(r, m.root))));
  const reachedByOthers = new Set<Node>();
  for (const m of matches) for (const r of m.reached) if (r !== m.root) reachedByOthers.add(r);
  return matches.filter((m) => !reachedByOthers.has(m.root) && !isInsideAny(m.root, reachedByOthers));
}

/**
 * Strings a test compares against or names a test with: `expect(h).toBe('OAuth …')`,
 * `assert.equal(h, 'OAuth …')`, `it('sends OAuth realm=…', …)`. The code under test is
 * where the header is built.
 */
function isTestExpectation(root: Node): boolean {
  const call = root.parent;
  if (call?.type !== 'CallExpression' || !(call.arguments as Node[]).includes(root)) return false;
  let n: Node = call.callee;
  for (;;) {
    if (n.type === 'MemberExpression') n = n.object;
    else if (n.type === 'CallExpression') n = n.callee;
    else break;
  }
  if (n.type !== 'Identifier') return false;
  if (/^(?:assert|expect|chai|should)$/.test(n.name)) return true;
  return call.callee === n && /^(?:it|test|describe|context|specify)$/.test(n.name) && call.arguments[0] === root;
}

function isInsideAny(node: Node, set: Set<Node>): boolean {
  for (let p: TSESTree.Node | undefined = node.parent; p; p = p.parent) if (set.has(p)) return true;
  return false;
}

/**
 * The exact text range of the first match of `pattern` inside the string
 * literals and template parts of `root` (or of what it reaches), so a fix can
 * change `HMAC-SHA1` without touching the rest of the string.
 */
export function literalMatch(js: JsFile, nodes: readonly Node[], pattern: RegExp): OffsetRange | undefined {
  for (const node of nodes) {
    const found = findIn(js, node, pattern);
    if (found) return found;
  }
  return undefined;
}

function findIn(js: JsFile, node: Node, pattern: RegExp): OffsetRange | undefined {
  const candidates: Node[] = [];
  const visit = (n: Node) => {
    if ((n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateElement') candidates.push(n);
    for (const key of Object.keys(n)) {
      if (key === 'parent') continue;
      const child = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const c of child) if (c && typeof c === 'object' && 'type' in c) visit(c as Node);
      if (child && typeof child === 'object' && 'type' in (child as object) && key !== 'parent') visit(child as Node);
    }
  };
  visit(node);
  candidates.sort((a, b) => a.range[0] - b.range[0]);
  for (const c of candidates) {
    const raw = js.text.slice(c.range[0], c.range[1]);
    const m = pattern.exec(raw);
    if (m) return { start: c.range[0] + m.index, end: c.range[0] + m.index + m[0].length };
  }
  return undefined;
}
