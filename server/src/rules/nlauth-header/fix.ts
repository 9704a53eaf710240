import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { contains, enclosingFunction, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { authorizationHeader, httpRequests, type HttpRequest } from '../../js/http';
import { insertAt, removeListItem, removeStatement, replaceNode } from '../../fixes/edits';
import { detectStyle, quoted } from '../../fixes/style';
import { TOKEN_FUNCTION, tokenHelperSource } from '../../fixes/tokenHelper';
import type { NlauthData } from './index';

/** The SuiteScript script parameter / API secret names the fixes read a token from. */
export const TOKEN_SECRET = 'custsecret_netsuite_access_token';
export const TOKEN_PARAMETER = 'custscript_netsuite_access_token';

export function nlauthFixes(data: NlauthData, context: RuleContext): Fix[] {
  const js = context.js();
  const request = requestUsing(js, data.root);
  if (js.isSuiteScript) {
    const restlet = request ? sameAccountRestletFix(js, request, data.root) : undefined;
    if (restlet) return [restlet];
    const bearer = suiteScriptBearerFix(js, data.root);
    return bearer ? [bearer] : [];
  }
  const bearer = nodeBearerFix(js, context.document.kind === 'ts', data.root);
  return bearer ? [bearer] : [];
}

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
function sameAccountRestletFix(js: JsFile, request: HttpRequest, root: Node): Fix | undefined {
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
    let replacement = `scriptId: ${src(target.scriptId)}, deploymentId: ${src(target.deploymentId)}`;
    if (!hasMethod) replacement += `, method: ${moduleObject}.Method.${method}`;
    if (target.params) replacement += `, urlParams: ${src(target.params)}`;
    const promise = request.call.path[1] === 'promise' ? '.promise' : '';
    const edits: TextEdit[] = [replaceNode(callee, `${moduleObject}.requestRestlet${promise}`), replaceNode(urlProp, replacement), ...removal];
    return { title: `Call the RESTlet with ${moduleObject}.requestRestlet (same account, no credentials)`, edits, preferred: true };
  }
  if (request.api === 'suitescript1' && call.type === 'CallExpression') {
    const [, body, headers, method] = call.arguments;
    const style = detectStyle(text);
    const args = [src(target.scriptId), src(target.deploymentId), 'null', body ? src(body) : 'null', headers ? src(headers) : 'null', method ? src(method) : quoted(request.method ?? 'GET', style)];
    return { title: 'Call the RESTlet with nlapiRequestRestlet (same account, no credentials)', edits: [replaceNode(call, `nlapiRequestRestlet(${args.join(', ')})`), ...removal], preferred: true };
  }
  return undefined;
}

/**
 * Edits that take the NLAuth header out of a request: its Authorization entry,
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
    edits.push(removeListItem(js.text, entry.property, entry.property.parent.properties));
    removed = entry.property;
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
function suiteScriptBearerFix(js: JsFile, root: Node): Fix | undefined {
  const style = detectStyle(js.text);
  const httpsName = moduleLocal(js, 'N/https');
  if (httpsName) {
    const secure = `${httpsName}.createSecureString({ input: ${quoted(`Bearer {${TOKEN_SECRET}}`, style)} })`;
    return { title: `Replace NLAuth with an OAuth 2.0 Bearer token from the API secret ${TOKEN_SECRET}`, edits: [replaceNode(root, secure)], preferred: true };
  }
  if (/\bnlapi[A-Z]/.test(js.text)) {
    const param = `${quoted('Bearer ', style)} + nlapiGetContext().getSetting(${quoted('SCRIPT', style)}, ${quoted(TOKEN_PARAMETER, style)})`;
    return { title: `Replace NLAuth with an OAuth 2.0 Bearer token from the script parameter ${TOKEN_PARAMETER}`, edits: [replaceNode(root, param)], preferred: true };
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
 * Node: `Authorization: \`Bearer ${await getNetSuiteAccessToken()}\`` and the
 * client-credentials helper added once at the end of the file. A non-async
 * function that builds the header becomes async; code outside any function
 * (module top level) is left to the user, since `await` may not be valid there.
 */
function nodeBearerFix(js: JsFile, isTs: boolean, root: Node): Fix | undefined {
  const fn = enclosingFunction(root);
  if (!fn || fn.generator) return undefined;
  const edits: TextEdit[] = [];
  let title = 'Replace NLAuth with an OAuth 2.0 Bearer token (client credentials)';
  if (!fn.async) {
    const asyncAt = asyncInsertionPoint(fn);
    if (asyncAt === undefined) return undefined;
    edits.push(insertAt(asyncAt, 'async '));
    title += `, making ${functionLabel(fn)} async (update its callers)`;
  }
  edits.push(replaceNode(root, '`Bearer ${await ' + TOKEN_FUNCTION + '()}`'));
  if (!declaresName(js, TOKEN_FUNCTION)) {
    const style = detectStyle(js.text);
    const end = js.text.length;
    const trailing = js.text.endsWith('\n') ? '' : style.eol;
    edits.push(insertAt(end, `${trailing}${style.eol}${tokenHelperSource(isTs, style)}${style.eol}`));
  }
  // Making a function async changes what its callers receive: offered, never applied unasked.
  return { title, edits, preferred: fn.async };
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
