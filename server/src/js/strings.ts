import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, memberName, unwrap, type Node } from './ast';
import type { JsFile } from './jsFile';

/**
 * The maximal string-building expressions of a file: a literal, template or
 * `+` chain (also one of bindings only, such as `scheme + creds`) that is not
 * itself an operand of a larger one, and `[…].join()` / `.concat()` calls. Rules report on these: it is the text a developer edits.
 */
export function stringRoots(js: JsFile): readonly Node[] {
  const cached = rootCache.get(js);
  if (cached) return cached;
  const roots: Node[] = [];
  const seen = new Set<Node>();
  const consider = (node: Node) => {
    let root = node;
    for (;;) {
      const parent = root.parent;
      if (!parent) break;
      if (parent.type === 'BinaryExpression' && parent.operator === '+') root = parent;
      else if (parent.type === 'TemplateLiteral') root = parent;
      else if (
        parent.type === 'TSAsExpression' ||
        parent.type === 'TSNonNullExpression' ||
        parent.type === 'TSSatisfiesExpression'
      ) {
        root = parent;
      } else if (parent.type === 'ArrayExpression' && isJoinedArray(parent)) root = parent.parent!.parent!;
      else if (parent.type === 'MemberExpression' && parent.object === root && memberName(parent) === 'concat' && parent.parent?.type === 'CallExpression') root = parent.parent;
      else if (parent.type === 'CallExpression' && isConcatArg(parent, root)) root = parent;
      else break;
    }
    if (!seen.has(root)) {
      seen.add(root);
      roots.push(root);
    }
  };
  for (const lit of js.index.of('Literal')) if (typeof lit.value === 'string' && !isKeyLike(lit)) consider(lit);
  for (const tpl of js.index.of('TemplateLiteral')) if (tpl.parent?.type !== 'TaggedTemplateExpression') consider(tpl);
  // `scheme + creds` joins two constants without a literal of its own: the header is built here.
  for (const bin of js.index.of('BinaryExpression')) if (bin.operator === '+' && !isNumericSum(bin)) consider(bin);
  roots.sort((a, b) => a.range[0] - b.range[0]);
  rootCache.set(js, roots);
  return roots;
}

const rootCache = new WeakMap<JsFile, Node[]>();

/**
 * A `+` chain with no literal of its own (`scheme + creds`, `host + ENDPOINTS.token`). It is where a
 * value is built only when none of its parts is already the value on its own.
 */
export function isBindingJoin(root: Node): boolean {
  const n = unwrap(root);
  if (n.type !== 'BinaryExpression' || n.operator !== '+') return false;
  const hasLiteral = (e: Node): boolean => {
    const u = unwrap(e);
    if (u.type === 'Literal' || u.type === 'TemplateLiteral') return true;
    if (u.type === 'BinaryExpression' && u.operator === '+') return hasLiteral(u.left as Node) || hasLiteral(u.right);
    return false;
  };
  return !hasLiteral(n);
}

/** `i + 1`, `a.length + 2`: arithmetic, never a string being built. */
function isNumericSum(bin: TSESTree.BinaryExpression): boolean {
  const isNumber = (n: Node) => n.type === 'Literal' && typeof n.value === 'number';
  return isNumber(bin.left as Node) || isNumber(bin.right);
}

function isJoinedArray(array: TSESTree.ArrayExpression): boolean {
  const member = array.parent;
  return member?.type === 'MemberExpression' && member.object === array && memberName(member) === 'join' && member.parent?.type === 'CallExpression';
}

function isConcatArg(call: TSESTree.CallExpression, arg: Node): boolean {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && memberName(callee) === 'concat' && (call.arguments as Node[]).includes(arg);
}

/** Property keys, import sources and directive-like strings never carry values. */
function isKeyLike(lit: TSESTree.Literal): boolean {
  const parent = lit.parent;
  if (!parent) return false;
  if (parent.type === 'Property' && parent.key === lit && !parent.computed) return true;
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration') return true;
  if (parent.type === 'TSLiteralType' || parent.type === 'TSEnumMember') return true;
  return false;
}

const LOG_CALLEES = [/^console\.\w+$/, /^log\.(debug|audit|error|emergency)$/, /^nlapiLogExecution$/, /^(\w+\.)*(logger|log)\.\w+$/i];
const SEARCH_METHODS = new Set(['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'match', 'matchAll', 'search', 'split', 'replace', 'replaceAll', 'test', 'localeCompare']);

/**
 * Strings that describe or inspect a header rather than send one: log and
 * error messages, comparisons, and the arguments of string searches. Rules skip
 * them so that documentation strings are not findings.
 */
export function isDescriptiveUse(root: Node): boolean {
  const parent = root.parent;
  if (!parent) return false;
  if (parent.type === 'BinaryExpression' && ['==', '===', '!=', '!==', 'in', 'instanceof'].includes(parent.operator)) return true;
  if (parent.type === 'SwitchCase' && parent.test === root) return true;
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    if ((parent.arguments as Node[]).includes(root)) {
      const path = calleePath(parent.callee)?.join('.');
      if (path && LOG_CALLEES.some((re) => re.test(path))) return true;
      if (path && /(^|\.)(\w*Error|assert\w*)$/.test(path)) return true;
      const callee = unwrap(parent.callee);
      if (callee.type === 'MemberExpression' && SEARCH_METHODS.has(memberName(callee) ?? '')) return true;
    }
  }
  if (parent.type === 'ThrowStatement') return true;
  return false;
}
