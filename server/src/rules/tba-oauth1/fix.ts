import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FileContext } from '../../core/analyzer';
import { ruleDocsUrl } from '../../core/docs';
import type { Fix, RuleContext } from '../../core/rule';
import { applyEdits, type TextEdit } from '../../core/text';
import { contains, enclosingFunction, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { nodeBearerFixes, requestUsing, sameAccountRestletFix, suiteScriptBearerFix, type BearerTarget } from '../../fixes/bearer';
import { bindingReferences, deadSigningDeclarations } from '../../fixes/deadCode';
import { removeStatement, tidyLineRemovals } from '../../fixes/edits';
import { checkJs, type TbaData } from './js';
import { ENDPOINT } from '../tba-token-endpoint/js';

const GUIDE = 'https://github.com/suiteauth/suiteauth/blob/main/docs/oauth2-client-credentials.md';

/**
 * tba-oauth1 → OAuth 2.0 client credentials. A header built by hand becomes
 * a Bearer header (the same migration as NLAuth: `await
 * getNetSuiteAccessToken()`, a promise chain, an API secret in SuiteScript),
 * and the signing code that only fed it (nonce, timestamp, base string,
 * signature, realm, helper functions, imports) goes with it. An
 * `oauth-1.0a` signer is removed and each `oauth.toHeader(…)` becomes
 * `{ Authorization: … }`. A fix is preferred (applied by `--fix`) only when
 * the file it leaves parses and has no TBA left behind from that signer;
 * otherwise it is offered, and the migration guide is always there.
 * Signers inside libraries (`oauth`, netsuite-rest, nsrestlet, …) need a
 * human: the actions open the guide and the rule page.
 */
export function tbaFixes(data: TbaData, context: RuleContext): Fix[] {
  const js = context.js();
  const guide: Fix = { title: 'Open the OAuth 2.0 client-credentials migration guide', edits: [], preferred: false, openUrl: GUIDE };
  const page: Fix = { title: 'Show the tba-oauth1 rule page', edits: [], preferred: false, openUrl: ruleDocsUrl('tba-oauth1') };
  let fixes: Fix[] = [];
  if (data.kind === 'header') fixes = headerFixes(js, context, data);
  else if (data.kind === 'signer' && data.label === 'oauth-1.0a') fixes = signerFixes(js, context, data.node);
  fixes = fixes.map((f) => checked(js, context, f)).filter((f): f is Fix => !!f);
  // The three-step TBA flow (requesttoken, authorizetoken.nl, accesstoken) mints user tokens: its requests do
  // not take a client-credentials token, and the flow needs the OAuth 2.0 authorization code grant instead.
  if (ENDPOINT.test(js.text)) fixes = fixes.map((f) => ({ ...f, preferred: false }));
  return fixes.length > 0 ? [...fixes, guide] : [guide, page];
}

/** Edits a fix needs beyond the Bearer replacement, and the nodes they take away (for the dead-code walk). */
interface Removal {
  edits: TextEdit[];
  nodes: Node[];
}

/** String clean-ups chained on a header (`.replace(…)`, `.trim()`) go with it. */
const STRING_TIDY = new Set(['replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'toString']);

function headerFixes(js: JsFile, context: RuleContext, data: TbaData): Fix[] {
  let root = data.node;
  while (root.parent?.type === 'MemberExpression' && root.parent.object === root && STRING_TIDY.has(memberName(root.parent) ?? '') && root.parent.parent?.type === 'CallExpression' && root.parent.parent.callee === root.parent) {
    root = root.parent.parent;
  }
  const what = 'the OAuth 1.0 header';
  const appends = (data.appends ?? []).map((a) => a.parent);
  if (appends.some((s) => s?.type !== 'ExpressionStatement' || !inBlock(s))) return [];
  const removal: Removal = { edits: appends.map((s) => removeStatement(js.text, s!)), nodes: appends as Node[] };
  if (js.isSuiteScript) {
    const request = requestUsing(js, root);
    const restlet = request && appends.length === 0 ? sameAccountRestletFix(js, request, root) : undefined;
    // The URL goes too: the RESTlet is called by script and deployment id.
    if (restlet) return [withRemoval(js, restlet, removal, request!.url ? [root, request!.url] : [root])];
    const bearer = suiteScriptBearerFix(js, [{ node: root }], { what });
    return bearer ? [withRemoval(js, bearer, removal, [root])] : [];
  }
  // A header returned by a helper that is not async: its callers get the token instead, and the helper goes.
  const helper = helperCalls(js, root);
  if (helper) {
    const fixes = nodeBearerFixes(js, context, helper.calls.map((node) => ({ node })), { what });
    if (fixes.some((f) => f.preferred)) return fixes.map((f) => withRemoval(js, f, { edits: [removeStatement(js.text, helper.declaration)], nodes: [helper.declaration] }, helper.calls));
  }
  return nodeBearerFixes(js, context, [{ node: root }], { what }).map((f) => withRemoval(js, f, removal, [root]));
}

/**
 * `const oauth = OAuth({…})` (or `this.oauth = new OAuth({…})`) whose every
 * use is `oauth.toHeader(oauth.authorize(request, token))`: each becomes a
 * Bearer header object, the signer and what only it used go.
 */
function signerFixes(js: JsFile, context: RuleContext, options: Node): Fix[] {
  const signer = signerOf(js, options);
  if (!signer) return [];
  const targets: BearerTarget[] = [];
  const extra: Node[] = [];
  const toHeaders: Node[] = [];
  for (const use of signer.uses) {
    const member = use.parent;
    if (member?.type !== 'MemberExpression' || member.object !== use || member.parent?.type !== 'CallExpression' || member.parent.callee !== member) return [];
    const name = memberName(member);
    if (name === 'toHeader') toHeaders.push(member.parent);
    else if (name !== 'authorize') return [];
  }
  for (const call of toHeaders) {
    const { target, realmEdits } = headerTarget(js, call);
    targets.push(target);
    extra.push(...realmEdits);
  }
  // `oauth.authorize(…)` outside a replaced header must feed one (`const auth = oauth.authorize(…); … oauth.toHeader(auth)`).
  for (const use of signer.uses) {
    if (targets.some((t) => contains(t.node, use))) continue;
    const call = use.parent!.parent!;
    const declarator = call.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call || declarator.id.type !== 'Identifier') return [];
    const binding = js.scopes.resolve(declarator.id);
    const uses = binding ? bindingReferences(js, binding) : [];
    if (uses.length === 0 || uses.some((u) => !targets.some((t) => contains(t.node, u)))) return [];
  }
  if (targets.length === 0) return [];
  const removal: Removal = { edits: [...signer.statements, ...extra].map((s) => removeStatement(js.text, s)), nodes: [...signer.statements, ...extra] };
  const what = 'the oauth-1.0a signer';
  const roots = targets.map((t) => t.node);
  if (js.isSuiteScript) {
    const bearer = suiteScriptBearerFix(js, targets, { what });
    return bearer ? [withRemoval(js, bearer, removal, roots)] : [];
  }
  return nodeBearerFixes(js, context, targets, { what }).map((f) => withRemoval(js, f, removal, roots));
}

interface Signer {
  /** Every reference to the signer: identifiers, or `this.oauth` members. */
  uses: Node[];
  /** The statements that create and store it. */
  statements: Node[];
}

function signerOf(js: JsFile, options: Node): Signer | undefined {
  let call: Node | undefined = options;
  if (options.type === 'ObjectExpression') {
    // `const options = {…}; const oauth = OAuth(options)`
    const declarator = options.parent;
    let optionsStatement: Node | undefined;
    if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' && declarator.init === options) {
      const binding = js.scopes.resolve(declarator.id);
      const uses = binding ? bindingReferences(js, binding) : [];
      if (uses.length !== 1 || declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.declarations.length !== 1) return undefined;
      optionsStatement = declarator.parent;
      call = uses[0].parent;
    } else call = options.parent;
    if (!call || (call.type !== 'CallExpression' && call.type !== 'NewExpression') || !(call.arguments as Node[]).some((a) => a === options || unwrap(a) === options || contains(a, options) || (optionsStatement && a.type === 'Identifier'))) return undefined;
    const found = storedSigner(js, call);
    if (!found) return undefined;
    return optionsStatement ? { uses: found.uses, statements: [optionsStatement, ...found.statements] } : found;
  }
  return call.type === 'CallExpression' || call.type === 'NewExpression' ? storedSigner(js, call) : undefined;
}

function storedSigner(js: JsFile, call: Node): Signer | undefined {
  const parent = call.parent;
  // const oauth = OAuth({…});
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') {
    const declaration = parent.parent;
    if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1 || !inBlock(declaration)) return undefined;
    const binding = js.scopes.resolve(parent.id);
    if (!binding || binding.assignments.length > 0) return undefined;
    const uses = bindingReferences(js, binding);
    return { uses, statements: [declaration] };
  }
  // this.oauth = new OAuth({…}); in a class, or a class field `private oauth = OAuth({…})`.
  let name: string | undefined;
  const statements: Node[] = [];
  let classBody: Node | undefined;
  if (parent?.type === 'AssignmentExpression' && parent.right === call && parent.left.type === 'MemberExpression' && unwrap(parent.left.object).type === 'ThisExpression') {
    name = memberName(parent.left);
    if (parent.parent?.type !== 'ExpressionStatement' || !inBlock(parent.parent)) return undefined;
    statements.push(parent.parent);
    for (let p: Node | undefined = parent.parent; p && !classBody; p = p.parent) if (p.type === 'ClassBody') classBody = p;
  } else if (parent?.type === 'PropertyDefinition' && parent.value === call && !parent.static) {
    name = propertyName(parent.key, parent.computed);
    statements.push(parent);
    classBody = parent.parent;
  }
  if (!name || classBody?.type !== 'ClassBody') return undefined;
  const body = classBody;
  for (const member of body.body) {
    if (member.type === 'PropertyDefinition' && member !== parent && propertyName(member.key, member.computed) === name && !member.value) statements.push(member);
  }
  const uses: Node[] = [];
  for (const m of js.index.of('MemberExpression')) {
    if (!contains(body, m) || unwrap(m.object).type !== 'ThisExpression' || memberName(m) !== name) continue;
    if (statements.some((s) => contains(s, m))) continue;
    uses.push(m);
  }
  return { uses, statements };
}

/**
 * What replaces `oauth.toHeader(…)`: a headers object `{ Authorization: … }`,
 * the entry itself inside `{ ...oauth.toHeader(…), … }`, or the value in
 * `oauth.toHeader(…).Authorization`; a realm added to the header afterwards
 * (`headers.Authorization += ', realm="…"'`) goes too.
 */
function headerTarget(js: JsFile, call: Node): { target: BearerTarget; realmEdits: Node[] } {
  const parent = call.parent;
  if (parent?.type === 'SpreadElement' && parent.parent?.type === 'ObjectExpression') {
    return { target: { node: parent, wrap: (b) => `Authorization: ${b}`, headersObject: true }, realmEdits: [] };
  }
  if (parent?.type === 'MemberExpression' && parent.object === call && /^authorization$/i.test(memberName(parent) ?? '')) {
    let node: Node = parent;
    const outer = parent.parent;
    if (outer?.type === 'BinaryExpression' && outer.operator === '+' && outer.left === parent && /^\s*,?\s*realm\s*=/i.test(js.evaluator.stringOf(outer.right))) node = outer;
    return { target: { node }, realmEdits: [] };
  }
  const realmEdits: Node[] = [];
  const declarator = parent;
  if (declarator?.type === 'VariableDeclarator' && declarator.init === call && declarator.id.type === 'Identifier') {
    const binding = js.scopes.resolve(declarator.id);
    for (const id of binding ? bindingReferences(js, binding) : []) {
      const member = id.parent;
      if (member?.type !== 'MemberExpression' || member.object !== id || !/^authorization$/i.test(memberName(member) ?? '')) continue;
      const assignment = member.parent;
      if (assignment?.type === 'AssignmentExpression' && assignment.left === member && assignment.parent?.type === 'ExpressionStatement' && inBlock(assignment.parent)) realmEdits.push(assignment.parent);
    }
  }
  return { target: { node: call, wrap: (b) => `{ Authorization: ${b} }`, headersObject: true }, realmEdits };
}

/**
 * A header returned by a local helper that is not async
 * (`function authHeader(method, url) { …; return 'OAuth ' + … }`): its calls,
 * when every reference to it is a call with plain arguments, and the
 * declaration to remove.
 */
function helperCalls(js: JsFile, root: Node): { calls: Node[]; declaration: Node } | undefined {
  const fn = enclosingFunction(root);
  if (!fn || fn.async || fn.generator) return undefined;
  const returned = (root.parent?.type === 'ReturnStatement' && root.parent.argument === root) || (fn.type === 'ArrowFunctionExpression' && fn.body === root);
  if (!returned) return undefined;
  const parent = fn.parent;
  let calls: Node[] = [];
  let declaration: Node | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id && inBlock(fn)) {
    declaration = fn;
    calls = referencesOf(js, fn.id, fn);
  } else if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier' && parent.parent?.type === 'VariableDeclaration' && parent.parent.declarations.length === 1 && inBlock(parent.parent)) {
    declaration = parent.parent;
    calls = referencesOf(js, parent.id, fn);
  } else if (parent?.type === 'MethodDefinition' && parent.kind === 'method' && !parent.static && (parent.accessibility === 'private' || parent.key.type === 'PrivateIdentifier')) {
    declaration = parent;
    const name = parent.key.type === 'PrivateIdentifier' ? parent.key.name : propertyName(parent.key, parent.computed);
    const body = parent.parent;
    calls = js.index.of('MemberExpression').filter((m) => contains(body!, m) && !contains(parent, m) && unwrap(m.object).type === 'ThisExpression' && (m.property.type === 'PrivateIdentifier' ? m.property.name : memberName(m)) === name);
  }
  if (!declaration || calls.length === 0) return undefined;
  const out: Node[] = [];
  for (const ref of calls) {
    const call = ref.parent;
    if (call?.type !== 'CallExpression' || call.callee !== ref || !call.arguments.every(isPlainArgument)) return undefined;
    out.push(call);
  }
  return { calls: out, declaration };
}

function referencesOf(js: JsFile, id: TSESTree.Identifier, fn: Node): Node[] {
  const binding = js.scopes.resolve(id);
  if (!binding) return [];
  const refs = bindingReferences(js, binding);
  // A recursive helper, or one used outside calls (exported, passed along), stays.
  return refs.some((r) => contains(fn, r)) ? [] : refs;
}

function isPlainArgument(node: Node): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      return true;
    case 'MemberExpression':
      return isPlainArgument(n.object) && (!n.computed || isPlainArgument(n.property));
    case 'TemplateLiteral':
      return n.expressions.every(isPlainArgument);
    case 'BinaryExpression':
      return n.left.type !== 'PrivateIdentifier' && isPlainArgument(n.left) && isPlainArgument(n.right);
    case 'ObjectExpression':
      return n.properties.every((p) => p.type === 'Property' && isPlainArgument(p.value));
    default:
      return false;
  }
}

function inBlock(statement: Node | undefined): boolean {
  const parent = statement?.parent;
  return parent?.type === 'BlockStatement' || parent?.type === 'Program';
}

/**
 * The fix with the removals it needs and the signing code its replacements
 * leave unused. A dead-code removal the fix already makes (the URL of a
 * same-account RESTlet call) is not repeated; any other overlap drops the
 * whole cleanup, which is then left for the user.
 */
function withRemoval(js: JsFile, fix: Fix, removal: Removal, replaced: readonly Node[]): Fix {
  const base = [...fix.edits, ...removal.edits];
  const overlaps = (a: TextEdit, b: TextEdit) => a.range.start < b.range.end && b.range.start < a.range.end;
  const dead = deadSigningDeclarations(js, [...replaced, ...removal.nodes]).filter((d) => !base.some((b) => b.newText === '' && b.range.start <= d.range.start && d.range.end <= b.range.end));
  const cleanup = dead.some((d) => base.some((b) => overlaps(b, d))) ? [] : dead;
  for (const candidate of [[...base, ...cleanup], base]) {
    try {
      const edits = tidyLineRemovals(js.text, candidate);
      applyEdits(js.text, edits);
      return { ...fix, edits };
    } catch {
      // overlapping edits: try without the dead-code cleanup
    }
  }
  return { ...fix, edits: [], preferred: false };
}

/**
 * A fix is applied unasked only when the file it leaves parses as well as
 * before and has fewer tba-oauth1 findings, none of them new: otherwise the
 * signer could not be taken out safely, and the fix is only offered.
 */
function checked(js: JsFile, context: RuleContext, fix: Fix): Fix | undefined {
  if (fix.edits.length === 0) return fix.openUrl ? fix : undefined;
  if (!fix.preferred) return fix;
  let text: string;
  try {
    text = applyEdits(js.text, fix.edits);
  } catch {
    return undefined;
  }
  const after = new FileContext({ ...context.document, text, version: context.document.version + 1 });
  const before = checkJs(context).length;
  const left = checkJs(after);
  const ok = after.js().parse.syntaxErrors.length <= js.parse.syntaxErrors.length && left.length < before;
  return ok ? fix : { ...fix, preferred: false };
}
