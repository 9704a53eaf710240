import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AppendedText, Fix, RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { calleePath, contains, memberName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { insertAt, removeStatement, replaceNode } from '../../fixes/edits';
import { detectStyle, quoted, type CodeStyle } from '../../fixes/style';
import { envExampleAppend } from './envExample';
import { referencesOf, resolvedCall, type JsSecretData } from './js';
import type { Binding } from '../../js/scope';
import { suiteScriptIdPart } from './names';

/**
 * The fixes of a literal secret in JS/TS:
 * - Node: `process.env.NAME` (and `NAME=` in a `.env.example` next to the file);
 *   a literal fallback after an environment read (`process.env.X || '…'`) is removed.
 * - SuiteScript: an API secret (`https.createSecureString({ input: '{custsecret_…}' })`)
 *   where the value only goes into N/https request headers, else a script
 *   parameter (`runtime.getCurrentScript().getParameter({ name: 'custscript_…' })`,
 *   adding `N/runtime` to `define` when that is safe; SuiteScript 1.0:
 *   `nlapiGetContext().getSetting('SCRIPT', 'custscript_…')`).
 */
const styles = new WeakMap<JsFile, CodeStyle>();

export function jsSecretFixes(data: JsSecretData, context: RuleContext): Fix[] {
  const js = context.js();
  let style = styles.get(js);
  if (!style) styles.set(js, (style = detectStyle(js.text)));
  const root = data.root;

  // `process.env.NS_PASSWORD = '…'`: the environment is where it belongs; the assignment goes.
  const assignment = enclosingAssignment(root);
  if (assignment && isEnvRead(assignment.left)) {
    const statement = assignment.parent;
    if (statement?.type !== 'ExpressionStatement') return [];
    const name = envNameOf(assignment.left) ?? data.envName;
    return [withAppend({ title: `Remove the hard-coded ${name}: set it in the environment instead`, edits: [removeStatement(js.text, statement)], preferred: true }, context, name, data.suiteScript)];
  }

  // `const { NS_PASSWORD = '…' } = process.env`: the default goes.
  const destructured = envDestructuringDefault(root);
  if (destructured) {
    const name = destructured.name;
    const fix: Fix = { title: `Remove the hard-coded default of ${name}`, edits: [{ range: { start: destructured.pattern.left.range[1], end: destructured.pattern.range[1] }, newText: '' }], preferred: true };
    return [withAppend(fix, context, name, data.suiteScript)];
  }

  // A literal fallback after a read from the environment or the script: drop the fallback.
  const fallback = fallbackOf(root);
  if (fallback) {
    // `process.env.X = process.env.X || '…'` says nothing once the fallback is gone: the statement goes.
    const outer = fallback.whole.parent;
    if (outer?.type === 'AssignmentExpression' && outer.right === fallback.whole && isEnvRead(outer.left) && sameText(js.text, outer.left, fallback.kept) && outer.parent?.type === 'ExpressionStatement') {
      const name = envNameOf(outer.left) ?? data.envName;
      return [withAppend({ title: `Remove the hard-coded fallback of ${name}`, edits: [removeStatement(js.text, outer.parent)], preferred: true }, context, name, data.suiteScript)];
    }
    const kept = js.text.slice(fallback.kept.range[0], fallback.kept.range[1]);
    const name = envNameOf(fallback.kept);
    const fix: Fix = { title: `Remove the hard-coded fallback of ${data.label}`, edits: [{ range: { start: fallback.whole.range[0], end: fallback.whole.range[1] }, newText: kept }], preferred: true };
    return [name ? withAppend(fix, context, name, data.suiteScript) : fix];
  }

  if (data.suiteScript) {
    const fix = suiteScriptFix(js, data, style);
    return fix ? [fix] : [];
  }

  // TypeScript: `process.env.X` is `string | undefined` where the literal was a `string`; `!` keeps the file compiling.
  const expression = `process.env.${data.envName}${context.document.kind === 'ts' ? '!' : ''}`;
  return [withAppend({ title: `Read ${data.label} from process.env.${data.envName}`, edits: [replaceValue(root, expression)], preferred: true }, context, data.envName, false)];
}

/**
 * The environment variable a literal already falls back from
 * (`process.env.X || '…'`) or is assigned to (`process.env.X = '…'`): its name is kept.
 */
export function existingEnvName(root: Node): string | undefined {
  const assignment = enclosingAssignment(root);
  if (assignment && isEnvRead(assignment.left)) return envNameOf(assignment.left);
  const destructured = envDestructuringDefault(root);
  if (destructured) return destructured.name;
  const fallback = fallbackOf(root);
  return fallback ? envNameOf(fallback.kept) : undefined;
}

function sameText(text: string, a: Node, b: Node): boolean {
  return text.slice(a.range[0], a.range[1]).replace(/\s+/g, '') === text.slice(b.range[0], b.range[1]).replace(/\s+/g, '');
}

/** `{ NAME = '…' } = process.env`: the pattern and the variable's name. */
function envDestructuringDefault(root: Node): { pattern: TSESTree.AssignmentPattern; name: string } | undefined {
  const pattern = root.parent;
  if (pattern?.type !== 'AssignmentPattern' || pattern.right !== root) return undefined;
  const property = pattern.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectPattern') return undefined;
  const declarator = property.parent.parent;
  if (declarator?.type !== 'VariableDeclarator' || !declarator.init || calleePath(declarator.init)?.join('.') !== 'process.env') return undefined;
  const name = property.key.type === 'Identifier' && !property.computed ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
  return name ? { pattern, name } : undefined;
}

function withAppend(fix: Fix, context: RuleContext, name: string, suiteScript: boolean): Fix {
  if (suiteScript) return fix;
  const append: AppendedText | undefined = envExampleAppend(context.document.uri, name);
  return append ? { ...fix, appendToFiles: [append] } : fix;
}

/** Replaces a value; a JSX attribute value gets braces (`password={process.env.X}`). */
function replaceValue(root: Node, expression: string): TextEdit {
  if (root.parent?.type === 'JSXAttribute') return replaceNode(root, `{${expression}}`);
  return replaceNode(root, expression);
}

function enclosingAssignment(root: Node): TSESTree.AssignmentExpression | undefined {
  let n: Node = root;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  return n.parent?.type === 'AssignmentExpression' && n.parent.right === n ? n.parent : undefined;
}

function isWrapper(node: Node): boolean {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSTypeAssertion';
}

/** `env || '…'`, `env ?? '…'`, `env ? env : '…'` where `env` reads the environment or the script. */
function fallbackOf(root: Node): { whole: Node; kept: Node } | undefined {
  let n: Node = root;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  const p = n.parent;
  if (p?.type === 'LogicalExpression' && (p.operator === '||' || p.operator === '??') && p.right === n && isSecretSource(p.left)) return { whole: p, kept: p.left };
  if (p?.type === 'ConditionalExpression' && p.alternate === n && isSecretSource(p.consequent)) return { whole: p, kept: p.consequent };
  return undefined;
}

/** `process.env.X`, `import.meta.env.X`, `runtime.getCurrentScript().getParameter(…)`, `getSetting`, `createSecureString`, `config.get(…)`. */
function isSecretSource(node: Node): boolean {
  const n = unwrap(node);
  if (isEnvRead(n)) return true;
  if (n.type === 'LogicalExpression') return isSecretSource(n.left) || isSecretSource(n.right);
  if (n.type === 'AwaitExpression') return isSecretSource(n.argument);
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    const name = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    if (name && /^(?:getParameter|getSetting|createSecureString|getSecret\w*|getenv|getEnv)$/.test(name)) return true;
    if (callee.type === 'MemberExpression' && name === 'get' && /^(?:config|nconf|convict|secrets?)$/i.test(calleePath(callee.object)?.join('.') ?? '')) return true;
  }
  return false;
}

function isEnvRead(node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression') return false;
  const path = calleePath(n.object)?.join('.');
  return path === 'process.env' || path === 'import.meta.env' || (n.object.type === 'MemberExpression' && unwrap(n.object).type === 'MemberExpression' && memberName(unwrap(n.object) as TSESTree.MemberExpression) === 'env' && unwrap((unwrap(n.object) as TSESTree.MemberExpression).object).type === 'MetaProperty');
}

function envNameOf(node: Node): string | undefined {
  const n = unwrap(node);
  if (!isEnvRead(n) || n.type !== 'MemberExpression') return undefined;
  const name = memberName(n);
  return name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

// ---------------------------------------------------------------------------
// SuiteScript

function suiteScriptFix(js: JsFile, data: JsSecretData, style: CodeStyle): Fix | undefined {
  const idPart = suiteScriptIdPart(data.envName);
  const httpsName = httpsHeaderUse(js, data.root);
  if (httpsName) {
    const secretId = `custsecret_${idPart}`;
    const expression = `${httpsName}.createSecureString({ input: ${quoted(`{${secretId}}`, style)} })`;
    return { title: `Read ${data.label} from the API secret ${secretId}`, edits: [replaceValue(data.root, expression)], preferred: true };
  }
  const parameter = `custscript_${idPart}`;
  if (usesSuiteScript1(js)) {
    const expression = `nlapiGetContext().getSetting(${quoted('SCRIPT', style)}, ${quoted(parameter, style)})`;
    return { title: `Read ${data.label} from the script parameter ${parameter}`, edits: [replaceValue(data.root, expression)], preferred: true };
  }
  const runtime = runtimeModule(js, data.root, style);
  if (!runtime) return undefined;
  const expression = `${runtime.name}.getCurrentScript().getParameter({ name: ${quoted(parameter, style)} })`;
  return { title: `Read ${data.label} from the script parameter ${parameter}`, edits: [...runtime.edits, replaceValue(data.root, expression)], preferred: true };
}

function usesSuiteScript1(js: JsFile): boolean {
  return !defineCalls(js).length && !js.index.of('ImportDeclaration').length && /\bnlapi[A-Z]\w*\s*\(/.test(js.text);
}

const HTTPS_METHODS = new Set(['get', 'post', 'put', 'delete', 'request', 'requestRestlet', 'requestSuiteTalkRest', 'requestSuitelet']);

/**
 * When every read of the value is a header value of an N/https request, the
 * local name of N/https (an API secret can be sent as a header); else undefined.
 */
function httpsHeaderUse(js: JsFile, root: Node): string | undefined {
  const uses = usesOf(js, root, 0);
  if (!uses || uses.length === 0) return undefined;
  let name: string | undefined;
  for (const use of uses) {
    const found = httpsHeaderOf(js, use, 0);
    if (!found) return undefined;
    name = found;
  }
  return name;
}

/** The expressions that read the value: the root itself in place, or the reads of the variable or property it is stored in. */
function usesOf(js: JsFile, root: Node, depth: number): Node[] | undefined {
  if (depth > 2) return undefined;
  let n: Node = root;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  const p = n.parent;
  if (p?.type === 'VariableDeclarator' && p.init === n && p.id.type === 'Identifier') {
    const binding = js.scopes.resolve(p.id);
    if (!binding || binding.assignments.length > 0) return undefined;
    return identifierReads(js, binding);
  }
  if (p?.type === 'Property' && p.value === n && p.parent?.type === 'ObjectExpression') {
    // A header value written in place: `headers: { 'X-Api-Key': '…' }`.
    if (headersObject(p.parent)) return [n];
    // A constant settings object: reads of `CONFIG.key`.
    const object = p.parent;
    const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    const holder = object.parent;
    if (key === undefined || holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return undefined;
    const binding = js.scopes.resolve(holder.id);
    if (!binding) return undefined;
    const reads: Node[] = [];
    for (const id of identifierReads(js, binding)) {
      const member = id.parent;
      if (member?.type === 'MemberExpression' && member.object === id && memberName(member) === key) reads.push(member);
      else if (member?.type === 'MemberExpression' && member.object === id) continue;
      else return undefined;
    }
    return reads;
  }
  return undefined;
}

function identifierReads(js: JsFile, binding: Binding): TSESTree.Identifier[] {
  return referencesOf(js, binding);
}

/** `use` is a header value of an N/https call (directly or through a constant headers object): the module's local name. */
function httpsHeaderOf(js: JsFile, use: Node, depth: number): string | undefined {
  let n: Node = use;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  const p = n.parent;
  if (p?.type !== 'Property' || p.value !== n || p.parent?.type !== 'ObjectExpression') return undefined;
  const headers = p.parent;
  return headersOwnerCall(js, headers, depth);
}

function headersObject(object: TSESTree.ObjectExpression): boolean {
  const p = object.parent;
  return p?.type === 'Property' && p.value === object && /^headers$/i.test(p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : '');
}

function headersOwnerCall(js: JsFile, headers: TSESTree.ObjectExpression, depth: number): string | undefined {
  if (depth > 2) return undefined;
  const p = headers.parent;
  if (headersObject(headers) && p?.parent?.type === 'ObjectExpression') return httpsCallOf(js, p.parent);
  // `const headers = { … }; https.post({ url, headers })`.
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') {
    const binding = js.scopes.resolve(p.id);
    if (!binding || binding.assignments.length > 0) return undefined;
    const reads = identifierReads(js, binding);
    if (reads.length === 0) return undefined;
    let name: string | undefined;
    for (const read of reads) {
      const prop = read.parent;
      if (prop?.type !== 'Property' || prop.value !== read || !/^headers$/i.test(prop.key.type === 'Identifier' ? prop.key.name : '') || prop.parent?.type !== 'ObjectExpression') return undefined;
      const found = httpsCallOf(js, prop.parent);
      if (!found) return undefined;
      name = found;
    }
    return name;
  }
  return undefined;
}

/** The options object is the first argument of an N/https request call: the module's local name. */
function httpsCallOf(js: JsFile, options: TSESTree.ObjectExpression): string | undefined {
  let n: Node = options;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  const call = n.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== n) return undefined;
  const rc = resolvedCall(js, call);
  if (rc?.module !== 'N/https' || !HTTPS_METHODS.has(rc.path[0] ?? '')) return undefined;
  let root: Node = unwrap(call.callee);
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  return root.type === 'Identifier' ? root.name : undefined;
}

interface DefineCall {
  call: TSESTree.CallExpression;
  deps: TSESTree.ArrayExpression;
  factory: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
}

function defineCalls(js: JsFile): DefineCall[] {
  const out: DefineCall[] = [];
  for (const call of js.index.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier' || (callee.name !== 'define' && callee.name !== 'require')) continue;
    const deps = call.arguments.find((a): a is TSESTree.ArrayExpression => a.type === 'ArrayExpression');
    const factory = call.arguments.find((a): a is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
    if (deps && factory) out.push({ call, deps, factory });
  }
  return out;
}

/**
 * The local name of N/runtime where the root is, and the edits that load it
 * when the file does not: `'N/runtime'` added to `define([...])` and `runtime`
 * to the callback's parameters (only when every dependency has a matching
 * parameter position), or an `import * as runtime from 'N/runtime'` line.
 */
function runtimeModule(js: JsFile, root: Node, style: CodeStyle): { name: string; edits: TextEdit[] } | undefined {
  const text = js.text;
  const define = defineCalls(js).find((d) => contains(d.factory.body, root));
  if (define) {
    const { deps, factory } = define;
    if (!deps.elements.every((e) => e?.type === 'Literal' && typeof e.value === 'string')) return undefined;
    const specs = deps.elements.map((e) => (e as TSESTree.StringLiteral).value);
    const at = specs.indexOf('N/runtime');
    if (at >= 0 && at < factory.params.length) {
      const param = factory.params[at];
      return param?.type === 'Identifier' ? { name: param.name, edits: [] } : undefined;
    }
    if (!factory.params.every((p) => p.type === 'Identifier') || factory.params.length > specs.length) return undefined;
    const name = freeName(js, ['runtime', 'nsRuntime', 'runtimeModule']);
    if (!name) return undefined;
    if (at >= 0 && at !== factory.params.length) return undefined;
    const quote = (deps.elements[0] && text[deps.elements[0].range[0]] === '"') || (!deps.elements[0] && style.quote === '"') ? '"' : "'";
    const dep = `${quote}N/runtime${quote}`;
    const edits: TextEdit[] = [];
    const index = factory.params.length;
    const elements = deps.elements as TSESTree.StringLiteral[];
    if (at >= 0) {
      // 'N/runtime' is loaded already, its parameter is missing: only the parameter is added.
    } else if (index < elements.length) edits.push(insertAt(elements[index].range[0], `${dep},${separatorAfter(text, elements, index)}`));
    else if (elements.length > 0) edits.push(insertAt(elements[elements.length - 1].range[1], `,${separatorAfter(text, elements, elements.length - 1)}${dep}`));
    else edits.push(insertAt(deps.range[0] + 1, dep));
    const params = factory.params as TSESTree.Identifier[];
    if (params.length > 0) {
      const last = params[params.length - 1];
      const end = last.typeAnnotation ? last.typeAnnotation.range[1] : last.range[1];
      const parenthesised = factory.type === 'FunctionExpression' || text.slice(factory.range[0], params[0].range[0]).includes('(');
      if (parenthesised) edits.push(insertAt(end, `,${separatorAfter(text, params, params.length - 1)}${name}`));
      else edits.push({ range: { start: params[0].range[0], end }, newText: `(${text.slice(params[0].range[0], end)}, ${name})` });
    } else {
      const open = text.indexOf('(', factory.range[0]);
      if (open < 0 || open > factory.body.range[0]) return undefined;
      edits.push(insertAt(open + 1, name));
    }
    return { name, edits };
  }
  const imports = js.index.of('ImportDeclaration');
  if (imports.length > 0 && js.program.body.includes(imports[imports.length - 1])) {
    for (const imp of imports) {
      if (imp.source.value !== 'N/runtime') continue;
      const spec = imp.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier');
      if (spec) return { name: spec.local.name, edits: [] };
    }
    const name = freeName(js, ['runtime', 'nsRuntime', 'runtimeModule']);
    if (!name) return undefined;
    const last = imports[imports.length - 1];
    const semi = style.semicolons ? ';' : '';
    return { name, edits: [insertAt(last.range[1], `${style.eol}import * as ${name} from ${quoted('N/runtime', style)}${semi}`)] };
  }
  return undefined;
}

/** What separates list items after `items[i]`: a line break and indentation when the list is one item per line. */
function separatorAfter(text: string, items: readonly Node[], i: number): string {
  const a = i > 0 ? items[i - 1] : undefined;
  const b = items[i];
  if (a) {
    const between = text.slice(a.range[1], b.range[0]);
    const m = /\r?\n[ \t]*$/.exec(between);
    if (m) return m[0];
    return ' ';
  }
  // One item: look at what precedes it.
  const before = text.slice(0, b.range[0]);
  const m = /\r?\n[ \t]*$/.exec(before);
  return m ? m[0] : ' ';
}

function freeName(js: JsFile, names: string[]): string | undefined {
  return names.find((n) => js.scopes.bindingsNamed(n).length === 0 && !js.index.of('Identifier').some((id) => id.name === n));
}
