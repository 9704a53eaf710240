import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fix, RuleContext } from '../core/rule';
import type { TextEdit } from '../core/text';
import { contains, enclosingFunction, unwrap, type Node } from '../js/ast';
import type { JsFile } from '../js/jsFile';
import { authorizationHeader, httpRequests, type HttpRequest } from '../js/http';
import { insertAt, removeListItem, removeStatement, replaceNode } from './edits';
import { detectStyle, quoted } from './style';
import { TOKEN_FUNCTION, tokenHelperSource, tokenImportSource, tokenModuleName, tokenModuleSource } from './tokenHelper';

/**
 * The move of a hand-made Authorization header (NLAuth, OAuth 1.0) to an
 * OAuth 2.0 Bearer token, shared by the rules that migrate headers:
 * same-account RESTlet calls from SuiteScript become `https.requestRestlet`,
 * other SuiteScript reads the token from an API secret or a script parameter,
 * and Node code awaits (or chains on) `getNetSuiteAccessToken()`, the
 * client-credentials helper of `tokenHelper.ts`.
 */

/** The SuiteScript script parameter / API secret names the fixes read a token from. */
export const TOKEN_SECRET = 'custsecret_netsuite_access_token';
export const TOKEN_PARAMETER = 'custscript_netsuite_access_token';

/** What a Bearer fix replaces. */
export interface BearerTarget {
  /** The expression replaced: a header value, or what produces a headers object. */
  node: Node;
  /** The replacement text around the Bearer expression (default: the expression itself), e.g. `{ Authorization: … }`. */
  wrap?: (bearer: string) => string;
  /** The node makes the whole headers object (`oauth.toHeader(…)`), not only the Authorization value. */
  headersObject?: boolean;
}

export interface BearerOptions {
  /** What is replaced, in titles: `NLAuth`, `the OAuth 1.0 header`. */
  what: string;
}

const bare = (bearer: string) => bearer;

/** The request whose Authorization header is (or is built from) the root. */
export function requestUsing(js: JsFile, root: Node): HttpRequest | undefined {
  for (const request of httpRequests(js)) {
    const auth = authorizationHeader(js, request);
    if (!auth) continue;
    if (auth.value === root || contains(root, auth.value) || contains(auth.value, root)) return request;
    if (js.evaluator.evaluate(auth.value).reached.some((r) => r === root || contains(r, root))) return request;
  }
  return undefined;
}

/** The request whose headers object is (or holds) `root`: `axios.get(url, { headers: oauth.toHeader(…) })`. */
function requestWithHeaders(js: JsFile, root: Node): HttpRequest | undefined {
  return httpRequests(js).find((r) => r.headers && (contains(r.headers, root) || unwrap(js.evaluator.resolve(r.headers)) === root));
}

interface RestletTarget {
  scriptId: Node;
  deploymentId: Node;
  params?: Node;
}

/** `url.resolveScript({ scriptId, deploymentId, … })` (N/url) or `nlapiResolveURL('RESTLET', …)`. */
function restletTarget(js: JsFile, urlExpr: Node): RestletTarget | undefined {
  const resolved = unwrap(js.evaluator.resolve(urlExpr));
  if (resolved.type !== 'CallExpression') return undefined;
  const rc = js.calls().find((c) => c.call === resolved);
  if (!rc) return undefined;
  if (rc.module === 'N/url' && rc.path.join('.') === 'resolveScript' && resolved.arguments[0]) {
    const opts = resolved.arguments[0];
    const scriptId = js.evaluator.property(opts, 'scriptId')?.value;
    const deploymentId = js.evaluator.property(opts, 'deploymentId')?.value;
    if (scriptId && deploymentId) return { scriptId, deploymentId, params: js.evaluator.property(opts, 'params')?.value };
  }
  if (!rc.module && rc.path.join('.') === 'nlapiResolveURL') {
    const [type, scriptId, deploymentId] = resolved.arguments;
    if (type && js.evaluator.constantString(type)?.toUpperCase() === 'RESTLET' && scriptId && deploymentId) return { scriptId, deploymentId };
  }
  return undefined;
}

/**
 * A RESTlet of the script's own account needs no credentials: `https.requestRestlet`
 * (SuiteScript 2.x) and `nlapiRequestRestlet` (1.0) authenticate as the running script.
 */
export function sameAccountRestletFix(js: JsFile, request: HttpRequest, root: Node): Fix | undefined {
  if (!request.url) return undefined;
  const target = restletTarget(js, request.url);
  if (!target) return undefined;
  const text = js.text;
  const removal = removeAuthorization(js, request, root);
  if (!removal) return undefined;
  const src = (n: Node) => text.slice(n.range[0], n.range[1]);
  const call = request.call.call;
  if (request.api === 'suitescript2') {
    const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (options?.type !== 'ObjectExpression') return undefined;
    const urlProp = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && !p.computed && keyName(p) === 'url');
    if (!urlProp) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const moduleObject = rootObject(callee);
    const method = request.method ?? 'GET';
    const hasMethod = options.properties.some((p) => p.type === 'Property' && keyName(p) === 'method');
    const parts = [`scriptId: ${src(target.scriptId)}`, `deploymentId: ${src(target.deploymentId)}`];
    if (!hasMethod) parts.push(`method: ${moduleObject}.Method.${method}`);
    if (target.params) parts.push(`urlParams: ${src(target.params)}`);
    // One property per line when the url property had a line of its own, as the options object is written.
    const lineStart = text.lastIndexOf('\n', urlProp.range[0] - 1) + 1;
    const lead = text.slice(lineStart, urlProp.range[0]);
    const separator = /^[ \t]+$/.test(lead) ? `,${detectStyle(text).eol}${lead}` : ', ';
    const promise = request.call.path[1] === 'promise' ? '.promise' : '';
    const edits: TextEdit[] = [replaceNode(callee, `${moduleObject}.requestRestlet${promise}`), replaceNode(urlProp, parts.join(separator)), ...removal];
    const unusedUrl = unusedDeclarationOf(js, urlProp.value, [urlProp]);
    if (unusedUrl && !edits.some((e) => e.range.start < unusedUrl.range.end && unusedUrl.range.start < e.range.end)) edits.push(unusedUrl);
    return { title: `Call the RESTlet with ${moduleObject}.requestRestlet (same account, no credentials)`, edits, preferred: true };
  }
  if (request.api === 'suitescript1' && call.type === 'CallExpression') {
    const [, body, headers, method] = call.arguments;
    const style = detectStyle(text);
    const args = [src(target.scriptId), src(target.deploymentId), 'null', body ? src(body) : 'null', headers ? src(headers) : 'null', method ? src(method) : quoted(request.method ?? 'GET', style)];
    const edits: TextEdit[] = [replaceNode(call, `nlapiRequestRestlet(${args.join(', ')})`), ...removal];
    const unusedUrl = call.arguments[0] ? unusedDeclarationOf(js, call.arguments[0], [call]) : undefined;
    if (unusedUrl && !edits.some((e) => e.range.start < unusedUrl.range.end && unusedUrl.range.start < e.range.end)) edits.push(unusedUrl);
    return { title: 'Call the RESTlet with nlapiRequestRestlet (same account, no credentials)', edits, preferred: true };
  }
  return undefined;
}

/**
 * Edits that take the header out of a request: its Authorization entry,
 * and the declaration that built it when nothing else uses it. Undefined when
 * that cannot be done cleanly (then the Bearer fix is offered instead).
 */
function removeAuthorization(js: JsFile, request: HttpRequest, root: Node): TextEdit[] | undefined {
  const auth = authorizationHeader(js, request);
  const entry = auth?.entry;
  if (!auth || !entry) return undefined;
  const edits: TextEdit[] = [];
  let removed: Node;
  if (entry.property && entry.property.parent?.type === 'ObjectExpression') {
    const headers = entry.property.parent;
    const holder = headers.parent;
    if (headers.properties.length === 1 && holder?.type === 'Property' && holder.value === headers && holder.parent?.type === 'ObjectExpression') {
      // `headers: { Authorization: … }` alone: the whole `headers` entry goes, not only its content.
      edits.push(removeListItem(js.text, holder, holder.parent.properties));
      removed = holder;
    } else {
      edits.push(removeListItem(js.text, entry.property, headers.properties));
      removed = entry.property;
    }
  } else if (entry.assignment && entry.assignment.parent?.type === 'ExpressionStatement') {
    edits.push(removeStatement(js.text, entry.assignment.parent));
    removed = entry.assignment.parent;
  } else return undefined;
  if (contains(removed, root)) return edits;
  // The header was built in a variable: remove its declaration when this was its only use.
  const declarator = root.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declarator.init !== root) return undefined;
  const binding = js.scopes.resolve(declarator.id);
  if (!binding || binding.assignments.length > 0) return undefined;
  const uses = js.index.of('Identifier').filter((id) => id !== binding.id && id.name === binding.name && js.scopes.resolve(id) === binding);
  if (uses.some((u) => !contains(removed, u))) return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration') return undefined;
  edits.push(declaration.declarations.length === 1 ? removeStatement(js.text, declaration) : removeListItem(js.text, declarator, declaration.declarations));
  return edits;
}

/**
 * Removes `const x = …;` when `value` is `x` and every use of `x` lies in the
 * nodes being replaced: a URL the RESTlet call no longer needs.
 */
function unusedDeclarationOf(js: JsFile, value: Node, replaced: readonly Node[]): TextEdit | undefined {
  const id = unwrap(value);
  if (id.type !== 'Identifier') return undefined;
  const binding = js.scopes.resolve(id);
  const declarator = binding?.declarator;
  if (!binding || !declarator || binding.assignments.length > 0 || (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var')) return undefined;
  if (declarator.id !== binding.id || !declarator.init || hasSideEffectsBeyondCall(declarator.init)) return undefined;
  const uses = js.index.of('Identifier').filter((u) => u !== binding.id && u.name === binding.name && js.scopes.resolve(u) === binding);
  if (uses.some((u) => !replaced.some((r) => contains(r, u)))) return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.parent?.type === 'ForStatement') return undefined;
  return declaration.declarations.length === 1 ? removeStatement(js.text, declaration) : removeListItem(js.text, declarator, declaration.declarations);
}

/** `url.resolveScript(…)` / `nlapiResolveURL(…)` only compute a string; anything else may do more. */
function hasSideEffectsBeyondCall(init: Node): boolean {
  const n = unwrap(init);
  if (n.type === 'CallExpression') return n.arguments.some((a) => a.type === 'CallExpression' || a.type === 'AwaitExpression');
  return n.type !== 'Literal' && n.type !== 'TemplateLiteral' && n.type !== 'BinaryExpression';
}

function keyName(p: TSESTree.Property): string | undefined {
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return undefined;
}

function rootObject(member: TSESTree.MemberExpression): string {
  let n: Node = member;
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n.name : 'https';
}

/** Cross-account SuiteScript: a Bearer token kept in an API secret, never in the script. */
export function suiteScriptBearerFix(js: JsFile, targets: readonly BearerTarget[], options: BearerOptions): Fix | undefined {
  const style = detectStyle(js.text);
  const httpsName = moduleLocal(js, 'N/https');
  if (httpsName) {
    const secure = `${httpsName}.createSecureString({ input: ${quoted(`Bearer {${TOKEN_SECRET}}`, style)} })`;
    return { title: `Replace ${options.what} with an OAuth 2.0 Bearer token from the API secret ${TOKEN_SECRET}`, edits: targets.map((t) => replaceNode(t.node, (t.wrap ?? bare)(secure))), preferred: true };
  }
  if (/\bnlapi[A-Z]/.test(js.text)) {
    const param = `${quoted('Bearer ', style)} + nlapiGetContext().getSetting(${quoted('SCRIPT', style)}, ${quoted(TOKEN_PARAMETER, style)})`;
    return { title: `Replace ${options.what} with an OAuth 2.0 Bearer token from the script parameter ${TOKEN_PARAMETER}`, edits: targets.map((t) => replaceNode(t.node, (t.wrap ?? bare)(param))), preferred: true };
  }
  return undefined;
}

function moduleLocal(js: JsFile, module: string): string | undefined {
  for (const rc of js.calls()) {
    if (rc.module !== module) continue;
    let n: Node = rc.call.callee;
    while (n.type === 'MemberExpression') n = unwrap(n.object);
    if (n.type === 'Identifier') return n.name;
  }
  for (const id of js.index.of('Identifier')) {
    const ref = js.moduleOf(id);
    if (ref?.module === module && !ref.member) return id.name;
  }
  return undefined;
}

/**
 * Node: the header becomes `\`Bearer ${await getNetSuiteAccessToken()}\`` where
 * `await` is valid (an async function, or the top level of an ES module);
 * elsewhere the request runs in a promise chain on the token. The token
 * helper goes into the file, or into a module next to it: imported when one
 * exists, created (never overwritten) by the alternative fix. With several
 * targets (one signer used by several requests) every one is replaced, and
 * the fix is preferred only when every replacement is.
 */
export function nodeBearerFixes(js: JsFile, context: RuleContext, targets: readonly BearerTarget[], options: BearerOptions): Fix[] {
  const isTs = context.document.kind === 'ts';
  const esm = isEsModule(js, context.document.uri);
  const strategies = targets.map((t) => headerStrategy(js, t, esm, options.what));
  if (strategies.length === 0 || strategies.some((s) => !s)) return [];
  const all = strategies as HeaderStrategy[];
  const header: HeaderStrategy = {
    title: (all.find((s) => !s.preferred) ?? all[0]).title,
    edits: all.flatMap((s) => s.edits),
    preferred: all.every((s) => s.preferred),
  };
  const style = detectStyle(js.text);
  if (declaresName(js, TOKEN_FUNCTION)) return [{ title: header.title, edits: header.edits, preferred: header.preferred }];
  const importEdit = insertAt(importOffset(js), tokenImportSource(isTs, esm, style) + style.eol);
  const existing = existingTokenModule(context.document.uri, isTs, esm);
  if (existing) {
    return [{ title: `${header.title}, imported from ./${existing}`, edits: [...header.edits, importEdit], preferred: header.preferred }];
  }
  const end = js.text.length;
  const trailing = js.text.endsWith('\n') ? '' : style.eol;
  const inline = insertAt(end, `${trailing}${style.eol}${tokenHelperSource(isTs, style)}${style.eol}`);
  const moduleName = tokenModuleName(isTs, esm);
  return [
    { title: header.title, edits: [...header.edits, inline], preferred: header.preferred },
    {
      title: `${header.title}, with the token helper in a new module ${moduleName}`,
      edits: [...header.edits, importEdit],
      createFiles: [{ relativePath: moduleName, text: tokenModuleSource(isTs, esm, style) }],
      preferred: false,
    },
  ];
}

interface HeaderStrategy {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
}

const PROMISE_APIS = new Set(['fetch', 'axios', 'got', 'superagent']);

function headerStrategy(js: JsFile, target: BearerTarget, esm: boolean, what: string): HeaderStrategy | undefined {
  const root = target.node;
  const title = `Replace ${what} with an OAuth 2.0 Bearer token (client credentials)`;
  const awaited = replaceNode(root, (target.wrap ?? bare)('`Bearer ${await ' + TOKEN_FUNCTION + '()}`'));
  const fn = enclosingFunction(root);
  if (fn?.async && !fn.generator) return { title, edits: [awaited], preferred: true };
  if (!fn && esm) return { title, edits: [awaited], preferred: true };
  const chained = promiseChain(js, target, what);
  if (chained) return chained;
  if (!fn || fn.generator) return undefined;
  const asyncAt = asyncInsertionPoint(fn);
  if (asyncAt === undefined) return undefined;
  // Making a function async changes what its callers receive: offered, never applied unasked.
  return { title: `${title}, making ${functionLabel(fn)} async (update its callers)`, edits: [insertAt(asyncAt, 'async '), awaited], preferred: false };
}

/**
 * `return axios.post(url, body, { headers: { Authorization: … } })` in a
 * function that is not async becomes
 * `return getNetSuiteAccessToken().then((token) => axios.post(…Bearer ${token}…))`:
 * callers still receive a promise. A request whose result is not a promise
 * (request, https.request) is chained only where its result is unused.
 */
function promiseChain(js: JsFile, target: BearerTarget, what: string): HeaderStrategy | undefined {
  const root = target.node;
  const request = requestUsing(js, root) ?? (target.headersObject ? requestWithHeaders(js, root) : undefined);
  if (!request) return undefined;
  let top: Node = request.call.call;
  while (top.parent?.type === 'MemberExpression' && top.parent.object === top && top.parent.parent?.type === 'CallExpression' && top.parent.parent.callee === top.parent) top = top.parent.parent;
  // The header must be written inside the chained expression (superagent's `.set(…)` counts).
  if (!contains(top, root)) return undefined;
  const parent = top.parent;
  const unused = parent?.type === 'ExpressionStatement';
  const returned = (parent?.type === 'ReturnStatement' && parent.argument === top) || (parent?.type === 'ArrowFunctionExpression' && parent.body === top);
  if (!unused && !returned) return undefined;
  if (returned && !PROMISE_APIS.has(request.api)) return undefined;
  const names = new Set(js.index.of('Identifier').filter((id) => contains(top, id)).map((id) => id.name));
  const token = ['token', 'accessToken', 'netSuiteToken'].find((n) => !names.has(n));
  if (!token) return undefined;
  const text = js.text;
  const inner = text.slice(top.range[0], root.range[0]) + (target.wrap ?? bare)('`Bearer ${' + token + '}`') + text.slice(root.range[1], top.range[1]);
  return {
    title: `Replace ${what} with an OAuth 2.0 Bearer token (client credentials), sending the request once the token arrives`,
    edits: [replaceNode(top, `${TOKEN_FUNCTION}().then((${token}) => ${inner})`)],
    preferred: true,
  };
}

function isEsModule(js: JsFile, uri: string): boolean {
  if (/\.m[jt]s$/i.test(uri)) return true;
  if (/\.c[jt]s$/i.test(uri)) return false;
  return js.program.body.some((s) => s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration');
}

/** After the last top-level import or require declaration; else after a shebang and directives. */
function importOffset(js: JsFile): number {
  const body = js.program.body;
  let after: Node | undefined;
  for (const statement of body) {
    if (statement.type === 'ImportDeclaration') after = statement;
    else if (statement.type === 'VariableDeclaration' && statement.declarations.some((d) => d.init && isRequireCall(d.init))) after = statement;
    else if (statement.type === 'ExpressionStatement' && statement.directive) after = statement;
    else break;
  }
  if (after) {
    const lineEnd = js.text.indexOf('\n', after.range[1]);
    return lineEnd < 0 ? js.text.length : lineEnd + 1;
  }
  if (js.text.startsWith('#!')) {
    const lineEnd = js.text.indexOf('\n');
    return lineEnd < 0 ? js.text.length : lineEnd + 1;
  }
  return body[0] ? lineStartOf(js.text, body[0].range[0]) : 0;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function isRequireCall(node: Node): boolean {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require';
}

/** A token module next to the document that already exports the helper (never overwritten, only imported). */
function existingTokenModule(uri: string, isTs: boolean, esm: boolean): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  const name = tokenModuleName(isTs, esm);
  try {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return text.includes(TOKEN_FUNCTION) ? name : undefined;
  } catch {
    return undefined;
  }
}

function declaresName(js: JsFile, name: string): boolean {
  return js.scopes.bindingsNamed(name).length > 0;
}

function asyncInsertionPoint(fn: TSESTree.FunctionLike): number | undefined {
  const parent = fn.parent;
  if (fn.type === 'FunctionExpression' && parent && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && parent.method))) {
    if (parent.type === 'MethodDefinition' && parent.kind !== 'method') return undefined;
    if (parent.type === 'Property' && parent.kind !== 'init') return undefined;
    const staticLen = parent.type === 'MethodDefinition' && parent.static ? -1 : 0;
    if (staticLen) return parent.key.range[0];
    return parent.computed ? parent.range[0] : parent.key.range[0];
  }
  return fn.range[0];
}

function functionLabel(fn: TSESTree.FunctionLike): string {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return `\`${fn.id.name}\``;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `\`${parent.id.name}\``;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property') && parent.key.type === 'Identifier') return `\`${parent.key.name}\``;
  return 'the enclosing function';
}
