import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { OffsetRange } from '../../core/text';
import { calleePath, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile, ResolvedCall } from '../../js/jsFile';

/**
 * SOAP elements written as JS objects (node-soap, xmlbuilder, hand-made
 * headers): `{ passport: {…} }`, `{ 'platformMsgs:tokenPassport': {…} }`,
 * `header['platformMsgs:passport'] = {…}`, `.ele('platformMsgs:passport')`.
 */

export interface ObjectElement {
  /** The local name as written. */
  local: string;
  prefix?: string;
  /** Offsets of the local name inside the key (inside its quotes). */
  range: OffsetRange;
  /** The key's value, when the element is a key (resolved through constants). */
  value?: Node;
  /** The object literal the key belongs to, or the call that creates the element. */
  container: Node;
  how: 'key' | 'assignment' | 'builder';
}

const BUILDER_METHODS = new Set(['ele', 'element', 'elem', 'node', 'createElement', 'createElementNS', 'startElement', 'writeStartElement', 'writeElement', 'addElement', 'appendElement']);

/** Keys, assigned members and builder calls whose name is `[prefix:]<one of names>`. */
export function objectElements(js: JsFile, names: readonly string[]): ObjectElement[] {
  const pattern = new RegExp(`^(?:([\\w.-]+):)?(${names.join('|')})$`);
  const out: ObjectElement[] = [];
  const nameRange = (key: Node, name: string, local: string): OffsetRange => {
    if (key.type === 'Identifier') return { start: key.range[0], end: key.range[1] };
    const raw = js.text.slice(key.range[0], key.range[1]);
    const at = raw.lastIndexOf(local);
    return at >= 0 ? { start: key.range[0] + at, end: key.range[0] + at + local.length } : { start: key.range[0], end: key.range[1] };
  };
  for (const property of js.index.of('Property')) {
    if (property.parent?.type !== 'ObjectExpression') continue;
    const name = propertyName(property.key, property.computed) ?? (property.computed ? js.evaluator.constantString(property.key) : undefined);
    const m = name !== undefined ? pattern.exec(name) : null;
    if (!m || !name) continue;
    if (property.computed && property.key.type === 'Identifier') continue;
    if (property.method || property.kind !== 'init' || isFunctionValue(js, property.value)) continue;
    out.push({ local: m[2], prefix: m[1], range: nameRange(property.key, name, m[2]), value: js.evaluator.resolve(property.value), container: property.parent, how: 'key' });
  }
  for (const assignment of js.index.of('AssignmentExpression')) {
    if (assignment.operator !== '=' || assignment.left.type !== 'MemberExpression') continue;
    const member = assignment.left;
    const name = memberName(member);
    const m = name !== undefined ? pattern.exec(name) : null;
    if (!m || !name) continue;
    if (member.computed && member.property.type === 'Identifier') continue;
    if (isFunctionValue(js, assignment.right)) continue;
    out.push({ local: m[2], prefix: m[1], range: nameRange(member.property, name, m[2]), value: js.evaluator.resolve(assignment.right), container: assignment, how: 'assignment' });
  }
  for (const call of js.index.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || !BUILDER_METHODS.has(memberName(callee) ?? '')) continue;
    const arg = call.arguments[memberName(callee) === 'createElementNS' ? 1 : 0];
    if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string') continue;
    const m = pattern.exec(arg.value);
    if (!m) continue;
    out.push({ local: m[2], prefix: m[1], range: nameRange(arg, arg.value, m[2]), container: call, how: 'builder' });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** A function or class as the value (`module.exports = { tokenPassport }` exports a builder; it is not the element). */
function isFunctionValue(js: JsFile, value: Node): boolean {
  const v = unwrap(js.evaluator.resolve(value));
  if (v.type === 'FunctionExpression' || v.type === 'ArrowFunctionExpression' || v.type === 'ClassExpression' || v.type === 'FunctionDeclaration') return true;
  if (v.type !== 'Identifier') return false;
  const kind = js.evaluator.binding(v)?.kind;
  return kind === 'function' || kind === 'class';
}

/** Key names of an object value without their namespace prefix, lower case (`platformCore:email` → `email`). */
export function localKeys(js: JsFile, value: Node | undefined): Set<string> | undefined {
  if (!value) return undefined;
  const entries = js.evaluator.properties(value);
  if (!entries) return undefined;
  return new Set(entries.map((e) => e.name.replace(/^[\w.-]+:/, '').toLowerCase()));
}

/** The role id of a passport object: `role: '3'`, `roleId: 3`, `role: { attributes: { internalId: '3' } }`. */
export function roleOfObject(js: JsFile, value: Node | undefined): string | undefined {
  if (!value) return undefined;
  const entries = js.evaluator.properties(value);
  if (!entries) return undefined;
  const entry = entries.find((e) => /^(?:[\w.-]+:)?role(?:id)?$/i.test(e.name));
  if (!entry) return undefined;
  const v = unwrap(js.evaluator.resolve(entry.value));
  if (v.type === 'ObjectExpression') {
    const inner = js.evaluator.properties(v) ?? [];
    const direct = inner.find((e) => /^internalid$/i.test(e.name));
    if (direct) return digits(js.evaluator.constantString(direct.value));
    const attrs = inner.find((e) => /^(?:\$?attributes|\$|attrs|\$attrs)$/i.test(e.name));
    const id = attrs ? js.evaluator.property(attrs.value, 'internalId', true) : undefined;
    return id ? digits(js.evaluator.constantString(id.value)) : undefined;
  }
  return digits(js.evaluator.constantString(v));
}

function digits(s: string | undefined): string | undefined {
  return s !== undefined && /^\d+$/.test(s.trim()) ? s.trim() : undefined;
}

/** The call a key's object literal is (directly) an argument of: `client.addSoapHeader({ passport })`. */
export function enclosingCallName(container: Node): string | undefined {
  let n: Node | undefined = container;
  while (n && (n.type === 'ObjectExpression' || n.type === 'Property' || n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression')) n = n.parent;
  if (!n || (n.type !== 'CallExpression' && n.type !== 'NewExpression')) return undefined;
  const path = calleePath(n.callee);
  return path?.[path.length - 1];
}

/**
 * A call with its module resolved also through aliases of module members:
 * `const Configuration = NetSuite.Configuration; new Configuration(…)`.
 */
export function moduleCall(js: JsFile, rc: ResolvedCall): { module?: string; path: string[] } {
  if (rc.module) return { module: rc.module, path: rc.path };
  let root = unwrap(rc.call.callee);
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier') return { path: rc.path };
  const init = js.evaluator.constantInit(root);
  const aliased = init ? unwrap(init) : undefined;
  if (!aliased || (aliased.type !== 'MemberExpression' && aliased.type !== 'Identifier')) return { path: rc.path };
  const aliasPath = calleePath(aliased);
  let base: Node = aliased;
  while (base.type === 'MemberExpression') base = unwrap(base.object);
  const ref = base.type === 'Identifier' ? js.moduleOf(base) : undefined;
  if (!ref || !aliasPath) return { path: rc.path };
  const memberPath = ref.member ? ref.member.split('.') : [];
  return { module: ref.module, path: [...memberPath, ...aliasPath.slice(1), ...rc.path.slice(1)] };
}

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;
