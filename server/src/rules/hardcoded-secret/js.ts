import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { calleePath, contains, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile, ResolvedCall } from '../../js/jsFile';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { stringRoots } from '../../js/strings';
import type { Binding } from '../../js/scope';
import { normalizeKey } from '../../config/keys';
import { classifyName, distinctNames, envNameFor, nameWords, suiteScriptIdPart, type EnvPrefix, type SecretKind, type SecretName } from './names';
import { isLiveSecret, isPem, isPemPrivateKey } from './values';
import { OTHER_SERVICE_MODULES, siblingsSayNetSuite, siblingsSayOtherService, type Sibling } from './context';
import { ID, secretHover, secretMessage, type Destination } from './messages';
import { existingEnvName, jsSecretFixes } from './jsFix';

export { ID };

/** What `jsFixes` needs to move one literal out of the file. */
export interface JsSecretData {
  /** The expression holding the value: a literal, a template without holes, a constant concatenation or join. */
  root: Node;
  kind: SecretKind;
  label: string;
  envName: string;
  suiteScript: boolean;
}

/** A place that names a value: `consumerSecret: …`, `const password = …`, `f(password = …)`, `.set('password', …)`. */
interface NamingSite {
  name: string;
  parent?: string;
  value: Node;
  /** The object literal whose other keys give context. */
  object?: TSESTree.ObjectExpression;
  /** Keys of the enclosing objects, nearest first (for environment names that must not collide). */
  qualifiers: string[];
}

interface Candidate {
  root: Node;
  pieces: Node[];
  value: string;
  secret?: SecretName;
  site?: NamingSite;
  /** The root was reached through a binding (`password: PW` with `const PW = '…'`). */
  indirect: boolean;
}

const cache = new WeakMap<JsFile, Finding[]>();

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const cached = cache.get(js);
  if (cached) return cached;
  const findings = compute(js, context);
  cache.set(js, findings);
  return findings;
}

function compute(js: JsFile, context: RuleContext): Finding[] {
  if (isExampleFile(context.document.uri)) return [];
  const candidates = new Map<Node, Candidate>();
  let fileKnown: boolean | undefined;
  // The spec's NetSuite context, or an object anywhere in the file shaped like NetSuite credentials (`realm: '1234567'`).
  const fileContext = () => (fileKnown ??= hasNetSuiteContext(js) || js.index.of('ObjectExpression').some((o) => o.properties.length > 1 && siblingsSayNetSuite(siblingsOf(js, o))));

  for (const site of namingSites(js)) {
    // The name first (cheap), the value only for names that say secret.
    const short = /^(?:cs|ts)$/i.test(site.name);
    const siblings = short && site.object ? siblingsOf(js, site.object) : undefined;
    const secret = classifyName(site.name, site.parent, siblings ? new Set(siblings.map((s) => normalizeKey(s.key))) : undefined);
    if (!secret) continue;
    for (const { root, indirect } of valueRoots(js, site.value)) {
      const pieces = literalPieces(root);
      if (!pieces) continue;
      const value = constantValue(js, root, pieces);
      if (value === undefined) continue;
      const existing = candidates.get(root);
      if (existing?.secret && (!existing.indirect || indirect)) continue;
      if (typeof (unwrap(root) as TSESTree.Literal).value === 'number' && secret.kind !== 'password') continue;
      if (!isLiveSecret(value, secret.kind)) continue;
      if (!inNetSuiteContext(js, secret, site, fileContext)) continue;
      candidates.set(root, { root, pieces, value, secret, site, indirect });
    }
  }

  // PEM private keys, whatever holds them, in a NetSuite file.
  for (const root of stringRoots(js)) {
    if (candidates.has(root)) continue;
    const pieces = literalPieces(root);
    if (!pieces) continue;
    const value = constantValue(js, root, pieces);
    if (value === undefined || !isPem(value) || !isPemPrivateKey(value)) continue;
    const site = siteOfRoot(js, root);
    const named = site ? classifyName(site.name, site.parent) : undefined;
    if (!fileContext() && !named?.netsuiteNamed && !(site?.object && siblingsSayNetSuite(siblingsOf(js, site.object)))) continue;
    candidates.set(root, { root, pieces, value, secret: named, site, indirect: false });
  }

  const list = [...candidates.values()].sort((a, b) => a.pieces[0].range[0] - b.pieces[0].range[0]);
  const suiteScript = js.isSuiteScript && fileContext();
  const prefix = envPrefixOf(js);
  const names = environmentNames(js, list, prefix);
  return list.map((c, i) => {
    const kind: SecretKind = c.secret?.kind ?? 'privateKey';
    const label = c.secret?.label ?? c.site?.name ?? 'string literal';
    const envName = names[i];
    const destination: Destination = suiteScript ? { kind: 'suitescript' } : { kind: 'env', name: envName };
    const length = c.value.length;
    const data: JsSecretData = { root: c.root, kind, label, envName, suiteScript };
    return {
      ruleId: ID,
      range: valueRange(c.pieces),
      message: secretMessage(kind, label, length, destination),
      hover: secretHover(kind, label, length, destination),
      data,
    };
  });
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  return jsSecretFixes(finding.data as JsSecretData, context);
}

// ---------------------------------------------------------------------------
// Naming sites

function keyName(js: JsFile, key: Node, computed: boolean): string | undefined {
  const name = propertyName(key, computed);
  if (name !== undefined) return name;
  return computed ? js.evaluator.constantString(key) : undefined;
}

/** The name an object literal is known by: its property key, variable, assignment target or callee. */
function ownerName(js: JsFile, object: Node): string | undefined {
  const parent = object.parent;
  if (!parent) return undefined;
  if (parent.type === 'Property' && parent.value === object) return keyName(js, parent.key, parent.computed);
  if (parent.type === 'VariableDeclarator' && parent.init === object && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'AssignmentExpression' && parent.right === object) return targetName(js, parent.left);
  if (parent.type === 'PropertyDefinition' && parent.value === object) return keyName(js, parent.key, parent.computed);
  if (isWrapper(parent)) return ownerName(js, parent);
  // oauth-1.0a: `oauth.authorize(request, { key, secret })` — the second argument is the token.
  if (parent.type === 'CallExpression' && parent.arguments[1] === object) {
    const callee = unwrap(parent.callee);
    if (callee.type === 'MemberExpression' && memberName(callee) === 'authorize') return 'token';
  }
  // Any other `{ key, secret }` pair is an OAuth key and secret.
  if (object.type === 'ObjectExpression' && object.properties.some((p) => p.type === 'Property' && keyName(js, p.key, p.computed) === 'key')) return 'oauth';
  return undefined;
}

function isWrapper(node: Node): boolean {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSTypeAssertion';
}

function targetName(js: JsFile, target: Node): string | undefined {
  const t = unwrap(target);
  if (t.type === 'Identifier') return t.name;
  if (t.type === 'MemberExpression') return memberName(t) ?? (t.computed ? js.evaluator.constantString(t.property) : undefined);
  return undefined;
}

/** Keys of the objects around `object`, nearest first. */
function qualifiersOf(js: JsFile, object: Node | undefined): string[] {
  const out: string[] = [];
  let n: Node | undefined = object;
  for (let depth = 0; n && depth < 4; depth++) {
    const name = ownerName(js, n);
    if (name !== undefined) out.push(name);
    // Climb to the next enclosing object literal.
    let p: Node | undefined = n.parent;
    while (p && p.type !== 'ObjectExpression') {
      if (p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression' || p.type === 'FunctionDeclaration' || p.type === 'Program') {
        p = undefined;
        break;
      }
      p = p.parent;
    }
    n = p;
  }
  return out;
}

/** Methods and constructors whose positional parameters are credentials: superagent/request `.auth(user, password)`, `soap` security classes, `login(email, password, …)`. */
const KNOWN_PARAMS = new Map<string, (string | undefined)[]>([
  ['auth', ['user', 'password']],
  ['login', ['email', 'password']],
  ['BasicAuthSecurity', ['user', 'password']],
  ['WSSecurity', ['user', 'password']],
  ['NTLMSecurity', ['user', 'password']],
]);

const NAME_VALUE_METHODS = new Set(['set', 'append', 'setHeader', 'header', 'setItem', 'put', 'add', 'field', 'setRequestHeader', 'setFieldValue', 'setParameter', 'nlapiSetFieldValue', 'setCurrentLineItemValue', 'setLineItemValue']);

function namingSites(js: JsFile): NamingSite[] {
  const sites: NamingSite[] = [];
  for (const p of js.index.of('Property')) {
    const parent = p.parent;
    if (parent?.type === 'ObjectExpression') {
      if (p.kind !== 'init' || p.method || p.value.type === 'FunctionExpression' || p.value.type === 'ArrowFunctionExpression') continue;
      let name = keyName(js, p.key, p.computed)?.replace(/^(?:process|import\.meta)\.env\./, '');
      if (name === undefined) continue;
      // `{ fieldId: 'custentity_ns_password', value: '…' }`: the field id names the value.
      if (/^(?:value|defaultvalue)$/i.test(name)) {
        const idProp = parent.properties.find((q): q is TSESTree.Property => q.type === 'Property' && /^(?:fieldid|fieldname|name|key|id)$/i.test(keyName(js, q.key, q.computed) ?? ''));
        const id = idProp ? js.evaluator.constantString(idProp.value) : undefined;
        if (id && /^[A-Za-z_][\w.\-]*$/.test(id)) name = id;
      }
      sites.push({ name, parent: ownerName(js, parent), value: p.value, object: parent, qualifiers: qualifiersOf(js, parent) });
    } else if (parent?.type === 'ObjectPattern' && p.value.type === 'AssignmentPattern') {
      const name = keyName(js, p.key, p.computed);
      if (name !== undefined) sites.push({ name, value: p.value.right, qualifiers: [] });
    }
  }
  for (const d of js.index.of('VariableDeclarator')) {
    if (d.id.type !== 'Identifier' || !d.init) continue;
    sites.push({ name: d.id.name, value: d.init, qualifiers: [] });
  }
  for (const a of js.index.of('AssignmentExpression')) {
    if (a.operator !== '=' && a.operator !== '||=' && a.operator !== '??=') continue;
    const name = targetName(js, a.left);
    if (name === undefined) continue;
    const left = unwrap(a.left);
    const parent = left.type === 'MemberExpression' ? calleePath(left.object)?.slice(-1)[0] : undefined;
    sites.push({ name, parent, value: a.right, qualifiers: parent ? [parent] : [] });
  }
  for (const ap of js.index.of('AssignmentPattern')) {
    const parent = ap.parent;
    if (!parent || parent.type === 'Property' || parent.type === 'ArrayPattern') continue;
    if (ap.left.type !== 'Identifier') continue;
    sites.push({ name: ap.left.name, value: ap.right, qualifiers: [] });
  }
  for (const pd of js.index.of('PropertyDefinition')) {
    if (!pd.value) continue;
    const name = keyName(js, pd.key, pd.computed);
    if (name !== undefined) sites.push({ name, value: pd.value, qualifiers: [] });
  }
  for (const attr of js.index.of('JSXAttribute')) {
    if (attr.name.type !== 'JSXIdentifier' || !attr.value) continue;
    const value = attr.value.type === 'JSXExpressionContainer' ? attr.value.expression : attr.value;
    if (value.type === 'JSXEmptyExpression') continue;
    sites.push({ name: attr.name.name, value: value as Node, qualifiers: [] });
  }
  for (const call of [...js.index.of('CallExpression'), ...js.index.of('NewExpression')]) {
    sites.push(...callSites(js, call));
  }
  // A fallback is named by what it falls back from: `process.env.NS_TOKEN_SECRET || '…'`, `opts.password ?? '…'`.
  for (const l of js.index.of('LogicalExpression')) {
    if (l.operator !== '||' && l.operator !== '??') continue;
    const name = readName(js, l.left);
    // A bare `pass` flag (`opts.pass || 'fast'`) is too vague to name a fallback.
    if (name !== undefined && !/^(?:pass|pw)$/i.test(name)) sites.push({ name, value: l.right, qualifiers: [] });
  }
  for (const c of js.index.of('ConditionalExpression')) {
    const name = readName(js, c.consequent);
    if (name !== undefined) sites.push({ name, value: c.alternate, qualifiers: [] });
  }
  return sites;
}

/** The name an expression reads: `process.env.NAME`, `obj.name`, `name`, a script parameter id, a config path. */
function readName(js: JsFile, node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') return memberName(n) ?? (n.computed ? js.evaluator.constantString(n.property) : undefined);
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    const method = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    if (method === 'getParameter' && n.arguments[0]) {
      const id = js.evaluator.property(n.arguments[0], 'name')?.value;
      return id ? js.evaluator.constantString(id) : undefined;
    }
    if ((method === 'getSetting' && n.arguments[1]) || (method === 'get' && n.arguments.length === 1)) {
      const id = js.evaluator.constantString(n.arguments[method === 'get' ? 0 : 1]);
      return id && /^[\w.\-]+$/.test(id) ? id : undefined;
    }
  }
  return undefined;
}

/** Arguments named by the callee: `headers.set('password', …)`, same-file functions and classes, the `oauth` package. */
function callSites(js: JsFile, call: TSESTree.CallExpression | TSESTree.NewExpression): NamingSite[] {
  const out: NamingSite[] = [];
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee);
  const method = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  if (method && NAME_VALUE_METHODS.has(method) && args.length >= 2) {
    const name = js.evaluator.constantString(args[0]);
    if (name && name.length < 80) out.push({ name, parent: method, value: args[1], qualifiers: [] });
  }
  const params = calleeParams(js, call) ?? (method ? KNOWN_PARAMS.get(method) : undefined);
  if (params) {
    params.forEach((param, i) => {
      if (param !== undefined && i < args.length && args[i].type !== 'SpreadElement') out.push({ name: param, value: args[i], qualifiers: [] });
    });
  }
  return out;
}

/** Parameter names of what a call invokes, when the file says: a function or class of the same file, or a known library. */
function calleeParams(js: JsFile, call: TSESTree.CallExpression | TSESTree.NewExpression): (string | undefined)[] | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    const binding = js.scopes.resolve(callee);
    const fn = binding ? functionOf(js, binding, call.type === 'NewExpression') : undefined;
    if (fn) return fn.params.map(paramName);
  }
  const resolved = resolvedCall(js, call);
  if (resolved?.module === 'oauth') {
    const path = resolved.path.join('.');
    if (path === 'OAuth' || (path === '' && call.type === 'NewExpression')) return [undefined, undefined, 'consumerKey', 'consumerSecret'];
    if (path === 'OAuth2') return ['clientId', 'clientSecret'];
  }
  // `new NetSuiteOauth(url, method, consumerKey, consumerSecret, tokenId, tokenSecret, account)` (netsuite-tba-oauth and kin).
  if (resolved?.module && /netsuite/i.test(resolved.module) && /oauth|tba/i.test(resolved.module) && call.arguments.length >= 6) {
    return ['url', 'method', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'account'];
  }
  // `oa.get(url, token, tokenSecret, cb)` on an `oauth` OAuth client.
  if (callee.type === 'MemberExpression' && OAUTH_METHODS.has(memberName(callee) ?? '') && importsOauth(js)) {
    const method = memberName(callee);
    const target = unwrap(js.evaluator.resolve(callee.object));
    if (target.type === 'NewExpression') {
      const rc = resolvedCall(js, target);
      if (rc?.module === 'oauth' && (rc.path.join('.') === 'OAuth' || rc.path.length === 0)) {
        if (method === 'get' || method === 'delete' || method === 'post' || method === 'put' || method === 'patch' || method === 'getProtectedResource') return [undefined, 'token', 'tokenSecret'];
        if (method === 'getOAuthAccessToken') return ['token', 'tokenSecret'];
      }
    }
  }
  return undefined;
}

const OAUTH_METHODS = new Set(['get', 'delete', 'post', 'put', 'patch', 'getProtectedResource', 'getOAuthAccessToken']);
const oauthImports = new WeakMap<JsFile, boolean>();

function importsOauth(js: JsFile): boolean {
  let known = oauthImports.get(js);
  if (known === undefined) oauthImports.set(js, (known = js.importedModules().has('oauth')));
  return known;
}

function functionOf(js: JsFile, binding: Binding, isNew: boolean): TSESTree.FunctionLike | undefined {
  const decl = binding.id.parent as Node | undefined;
  if (decl?.type === 'FunctionDeclaration' && decl.id === binding.id) return decl;
  if (decl?.type === 'ClassDeclaration') return isNew ? constructorOf(decl) : undefined;
  if (binding.declarator && binding.declarator.id === binding.id && binding.assignments.length === 0 && binding.declarator.init) {
    const init = unwrap(binding.declarator.init);
    if (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression') return init;
    if (init.type === 'ClassExpression' && isNew) return constructorOf(init);
  }
  void js;
  return undefined;
}

function constructorOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.FunctionExpression | undefined {
  for (const m of cls.body.body) if (m.type === 'MethodDefinition' && m.kind === 'constructor' && m.value.type === 'FunctionExpression') return m.value;
  return undefined;
}

function paramName(param: TSESTree.Parameter): string | undefined {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  if (param.type === 'TSParameterProperty') {
    const p = param.parameter;
    if (p.type === 'Identifier') return p.name;
    if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  }
  return undefined;
}

const callIndex = new WeakMap<JsFile, Map<Node, ResolvedCall>>();

/** The call with its callee resolved through imports (indexed once per parse). */
export function resolvedCall(js: JsFile, call: Node): ResolvedCall | undefined {
  let index = callIndex.get(js);
  if (!index) {
    index = new Map(js.calls().map((c) => [c.call as Node, c]));
    callIndex.set(js, index);
  }
  return index.get(call);
}

// ---------------------------------------------------------------------------
// Values

/** The constant expressions a site's value can be: both sides of `||`/`??`, both branches of `?:`, a constant binding. */
function valueRoots(js: JsFile, value: Node, depth = 0): { root: Node; indirect: boolean }[] {
  if (depth > 4) return [];
  const n = unwrap(value);
  switch (n.type) {
    case 'LogicalExpression':
      if (n.operator === '&&') return valueRoots(js, n.right, depth + 1);
      return [...valueRoots(js, n.left, depth + 1), ...valueRoots(js, n.right, depth + 1)];
    case 'ConditionalExpression':
      return [...valueRoots(js, n.consequent, depth + 1), ...valueRoots(js, n.alternate, depth + 1)];
    case 'CallExpression': {
      // `JSON.stringify('…')` (webpack DefinePlugin), `String('…')`, `Buffer.from('…')`.
      const path = calleePath(n.callee)?.join('.');
      if ((path === 'JSON.stringify' || path === 'String' || path === 'Buffer.from') && n.arguments.length >= 1 && n.arguments[0].type !== 'SpreadElement') {
        const inner = unwrap(n.arguments[0]);
        if (inner.type === 'Literal' || inner.type === 'TemplateLiteral') return valueRoots(js, inner, depth + 1);
      }
      return literalPieces(n) ? [{ root: rootOf(value), indirect: false }] : [];
    }
    case 'Identifier':
    case 'MemberExpression': {
      const resolved = unwrap(js.evaluator.resolve(n));
      if (resolved === n || !literalPieces(resolved)) return [];
      return [{ root: rootOf(resolved), indirect: true }];
    }
    default:
      return literalPieces(n) ? [{ root: rootOf(value), indirect: false }] : [];
  }
}

/** The outermost TS wrapper around a value is not part of it: the root is the expression itself. */
function rootOf(node: Node): Node {
  return unwrap(node);
}

/** The string literals a constant value is made of, or undefined when it has any other part. */
function literalPieces(node: Node): Node[] | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string' || (typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0) ? [n] : undefined;
  if (n.type === 'TemplateLiteral') return n.expressions.length === 0 && n.parent?.type !== 'TaggedTemplateExpression' ? [n] : undefined;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const left = literalPieces(n.left);
    const right = left && literalPieces(n.right);
    return left && right && [...left, ...right].every(isStringPiece) ? [...left, ...right] : undefined;
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee.type === 'MemberExpression' && memberName(callee) === 'join' && unwrap(callee.object).type === 'ArrayExpression') {
      const array = unwrap(callee.object) as TSESTree.ArrayExpression;
      const out: Node[] = [];
      for (const e of array.elements) {
        if (!e || e.type === 'SpreadElement') return undefined;
        const p = literalPieces(e);
        if (!p || !p.every(isStringPiece)) return undefined;
        out.push(...p);
      }
      if (n.arguments.length > 0 && !literalPieces(n.arguments[0] as Node)) return undefined;
      return out.length > 0 ? out : undefined;
    }
  }
  return undefined;
}

function isStringPiece(node: Node): boolean {
  return node.type === 'TemplateLiteral' || (node.type === 'Literal' && typeof node.value === 'string');
}

function constantValue(js: JsFile, root: Node, pieces: Node[]): string | undefined {
  if (pieces.length === 1 && pieces[0].type === 'Literal' && typeof pieces[0].value === 'number') return String(pieces[0].value);
  return js.evaluator.constantString(root);
}

/** From the first character inside the first literal's quotes to the last inside the last's. */
function valueRange(pieces: Node[]): { start: number; end: number } {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const quoted = (n: Node) => n.type === 'TemplateLiteral' || (n.type === 'Literal' && typeof n.value === 'string');
  return { start: first.range[0] + (quoted(first) ? 1 : 0), end: last.range[1] - (quoted(last) ? 1 : 0) };
}

/** The naming site a root sits at directly, for PEM keys found by content. */
function siteOfRoot(js: JsFile, root: Node): NamingSite | undefined {
  let n: Node = root;
  while (n.parent && (isWrapper(n.parent) || n.parent.type === 'LogicalExpression' || n.parent.type === 'ConditionalExpression')) n = n.parent;
  const parent = n.parent;
  if (!parent) return undefined;
  if (parent.type === 'Property' && parent.value === n && parent.parent?.type === 'ObjectExpression') {
    const name = keyName(js, parent.key, parent.computed);
    return name !== undefined ? { name, parent: ownerName(js, parent.parent), value: n, object: parent.parent, qualifiers: qualifiersOf(js, parent.parent) } : undefined;
  }
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { name: parent.id.name, value: n, qualifiers: [] };
  if (parent.type === 'AssignmentExpression') {
    const name = targetName(js, parent.left);
    return name !== undefined ? { name, value: n, qualifiers: [] } : undefined;
  }
  if (parent.type === 'PropertyDefinition') {
    const name = keyName(js, parent.key, parent.computed);
    return name !== undefined ? { name, value: n, qualifiers: [] } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Context

function siblingsOf(js: JsFile, object: TSESTree.ObjectExpression): Sibling[] {
  const out: Sibling[] = [];
  for (const p of object.properties) {
    if (p.type !== 'Property') continue;
    const key = keyName(js, p.key, p.computed);
    if (key === undefined) continue;
    const v = unwrap(p.value);
    const value = v.type === 'Literal' || v.type === 'TemplateLiteral' ? js.evaluator.constantString(v) : undefined;
    out.push({ key, value });
  }
  return out;
}

/** Enclosing object literals of a site's object, nearest first (at most three). */
function objectChain(object: TSESTree.ObjectExpression | undefined): TSESTree.ObjectExpression[] {
  const out: TSESTree.ObjectExpression[] = [];
  let n: Node | undefined = object;
  while (n && out.length < 3) {
    if (n.type === 'ObjectExpression') out.push(n);
    const p: Node | undefined = n.parent;
    if (!p || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression' || p.type === 'FunctionDeclaration' || p.type === 'Program' || p.type === 'BlockStatement') break;
    n = p;
  }
  return out;
}

function inNetSuiteContext(js: JsFile, secret: SecretName, site: NamingSite, fileContext: () => boolean): boolean {
  if (secret.netsuiteNamed) return true;
  const chain = objectChain(site.object);
  const chainSaysNetSuite = chain.some((o) => siblingsSayNetSuite(siblingsOf(js, o)));
  if (!chainSaysNetSuite && !fileContext()) return false;
  if (chainSaysNetSuite) return true;
  // A NetSuite file may also talk to a database or a mail server: their passwords are not NetSuite's.
  if (secret.kind === 'password' || secret.kind === 'secret') {
    if (chain.slice(0, 2).some((o) => siblingsSayOtherService(siblingsOf(js, o)))) return false;
    if (chain.length > 0 && passedToOtherService(js, chain[chain.length - 1])) return false;
  }
  return true;
}

/** The object (or the constant holding it) is an argument of a database, mail or file-transfer client. */
function passedToOtherService(js: JsFile, object: TSESTree.ObjectExpression): boolean {
  const isOther = (call: Node) => {
    const rc = resolvedCall(js, call);
    return !!rc?.module && OTHER_SERVICE_MODULES.test(rc.module);
  };
  let n: Node = object;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  const parent = n.parent;
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && (parent.arguments as Node[]).includes(n)) return isOther(parent);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const binding = js.scopes.resolve(parent.id);
    if (!binding) return false;
    for (const use of referencesOf(js, binding)) {
      const p = use.parent;
      if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && (p.arguments as Node[]).includes(use) && isOther(p)) return true;
    }
  }
  return false;
}

const identifiersByName = new WeakMap<JsFile, Map<string, TSESTree.Identifier[]>>();

/** Identifiers that read a binding (not property keys or member names spelled the same). */
export function referencesOf(js: JsFile, binding: Binding): TSESTree.Identifier[] {
  let byName = identifiersByName.get(js);
  if (!byName) {
    byName = new Map();
    for (const id of js.index.of('Identifier')) {
      const list = byName.get(id.name);
      if (list) list.push(id);
      else byName.set(id.name, [id]);
    }
    identifiersByName.set(js, byName);
  }
  return (byName.get(binding.name) ?? []).filter((id) => {
    if (id === binding.id) return false;
    const p = id.parent;
    if (p?.type === 'MemberExpression' && p.property === id && !p.computed) return false;
    if (p?.type === 'Property' && p.key === id && !p.computed && p.value !== id) return false;
    if ((p?.type === 'MethodDefinition' || p?.type === 'PropertyDefinition') && p.key === id && !p.computed) return false;
    return js.scopes.resolve(id) === binding;
  });
}

// ---------------------------------------------------------------------------
// Environment names

/** `NS_` when the file's environment reads use it (and not `NETSUITE_`), else `NETSUITE_`. */
function envPrefixOf(js: JsFile): EnvPrefix {
  let ns = 0;
  let netsuite = 0;
  for (const name of envReads(js)) {
    if (name.startsWith('NS_')) ns++;
    else if (name.startsWith('NETSUITE_')) netsuite++;
  }
  return ns > netsuite ? 'NS_' : 'NETSUITE_';
}

/** Names read with `process.env.NAME` / `process.env['NAME']`. */
export function envReads(js: JsFile): string[] {
  const out: string[] = [];
  for (const m of js.index.of('MemberExpression')) {
    const object = unwrap(m.object);
    if (object.type !== 'MemberExpression' || memberName(object) !== 'env') continue;
    const base = unwrap(object.object);
    if (base.type !== 'Identifier' || base.name !== 'process') continue;
    const name = memberName(m);
    if (name) out.push(name);
  }
  return out;
}

/** One environment name per candidate; names that would merge two different values get their enclosing keys. */
function environmentNames(js: JsFile, list: Candidate[], prefix: EnvPrefix): string[] {
  // Names the file already reads (an earlier fix, or another variable) are not reused for a different value.
  const taken = new Set(envReads(js));
  const takenIds = new Set<string>();
  for (const m of js.text.matchAll(/\b(cust(?:script|secret)_\w+)/g)) takenIds.add(m[1]);
  const nameOf = (c: Candidate, qualifiers: string[]) => {
    const secret = c.secret ?? { kind: 'privateKey' as const, label: 'privateKey', words: ['private', 'key'], netsuiteNamed: false };
    return envNameFor(secret, c.secret ? c.site?.name ?? 'privateKey' : 'privateKey', prefix, qualifiers);
  };
  const existing = list.map((c) => existingEnvName(c.root));
  const names = list.map((c, i) => existing[i] ?? nameOf(c, []));
  return distinctNames(
    names,
    list.map((c) => c.value),
    (i, round) => {
      const own = new Set(list[i].secret?.words ?? []);
      const qualifiers = (list[i].site?.qualifiers ?? []).filter((q) => q.length > 2 && !nameWords(q).every((w) => own.has(w))).slice(0, round).reverse();
      return nameOf(list[i], qualifiers);
    },
    existing.map((e) => e !== undefined),
    (name) => taken.has(name) || takenIds.has(`custscript_${suiteScriptIdPart(name)}`) || takenIds.has(`custsecret_${suiteScriptIdPart(name)}`),
  );
}

/** Example, sample and template files hold examples, not live secrets. */
export function isExampleFile(uri: string): boolean {
  const name = safeDecode(uri.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  return /\.(?:example|sample|template|dist)(?:\.[^.]+)?$/.test(name);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export { contains };
