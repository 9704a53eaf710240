import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import type { Fix, RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { calleePath, contains, enclosingFunction, isStringLiteral, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import type { Binding } from '../../js/scope';
import { addProperties } from '../../fixes/objects';
import { detectStyle, indentationAt, quoted, type CodeStyle } from '../../fixes/style';
import { carriersOf, type Carrier } from './js-carriers';
import { cryptoAccess, isEsModule } from './js-crypto';
import { importsModule } from './js-oauth';

/**
 * The PKCE migration of a finding.
 *
 * - `passport-oauth2`: `pkce: true` (and `state: true`, which its PKCE needs).
 * - Anything else: the authorize side gets a `code_verifier` (32 random
 *   bytes, base64url) and its S256 `code_challenge`; the verifier is kept
 *   where the code keeps the `state` (the session, `this`, an object stored
 *   in a map, or simply the function when the token request is made in it),
 *   and the token side sends it back as `code_verifier`.
 *
 * Both halves must change together: a challenge NetSuite never sees the
 * verifier for fails the login. So a fix is preferred (applied by fix-all)
 * only when the file holds both halves and every token request can read the
 * verifier where the authorize side keeps it; otherwise it is offered with
 * the rule page.
 */

const VERIFIER = 'codeVerifier';
const CHALLENGE = 'codeChallenge';

interface FixContext {
  js: JsFile;
  context: RuleContext;
  style: CodeStyle;
  isTs: boolean;
  esm: boolean;
}

export function pkceFixes(context: RuleContext, carrier: Carrier): Fix[] {
  const js = context.js();
  const fc: FixContext = { js, context, style: detectStyle(js.text), isTs: context.document.kind === 'ts', esm: isEsModule(js, context.document.uri) };
  const page: Fix = { title: 'Open the missing-pkce rule page (add PKCE with S256)', edits: [], preferred: false, openUrl: ruleDocsUrl('missing-pkce') };
  const fixes: Fix[] = [];
  try {
    if (carrier.kind === 'disabled') fixes.push(...disabledFixes(fc, carrier));
    else if (carrier.kind === 'object' && carrier.library === 'passport-oauth2') fixes.push(passportFix(fc, carrier.node));
    else if (carrier.side === 'authorize') {
      const fix = authorizeFix(fc, carrier);
      if (fix) fixes.push(fix);
    } else {
      const fix = tokenFix(fc, carrier);
      if (fix) fixes.push(fix);
    }
  } catch {
    // A fix that cannot be computed is no fix: the page still helps.
  }
  return [...fixes, page];
}

// ---------------------------------------------------------------------------
// Libraries with a switch

function keyStyle(object: TSESTree.ObjectExpression, key: string, style: CodeStyle): string {
  const first = object.properties.find((p): p is TSESTree.Property => p.type === 'Property');
  return first && isStringLiteral(first.key) ? quoted(key, style) : key;
}

function passportFix(fc: FixContext, object: TSESTree.ObjectExpression): Fix {
  const entries = fc.js.evaluator.properties(object) ?? [];
  const props = [`${keyStyle(object, 'pkce', fc.style)}: true`];
  const state = [...entries].reverse().find((e) => e.name === 'state');
  const store = entries.some((e) => e.name === 'store');
  const edits: TextEdit[] = [];
  if (!state && !store) props.push(`${keyStyle(object, 'state', fc.style)}: true`);
  if (state && !store && isFalsy(state.value)) edits.push(replaceNode(unwrap(state.value), 'true'));
  edits.push(addProperties(fc.js.text, object, props, fc.style.eol));
  return { title: 'Turn on PKCE in the passport-oauth2 strategy (pkce: true, S256, with state: true)', edits, preferred: true };
}

function isFalsy(node: Node): boolean {
  const n = unwrap(node);
  return n.type === 'Literal' && (n.value === false || n.value === 0 || n.value === 'false');
}

function disabledFixes(fc: FixContext, carrier: Extract<Carrier, { kind: 'disabled' }>): Fix[] {
  const object = carrier.property.parent as TSESTree.ObjectExpression;
  const value = carrier.node;
  if (carrier.library === 'openid-client') {
    return [{ title: "Turn PKCE on (usePKCE: 'S256')", edits: [replaceNode(value, quoted('S256', fc.style))], preferred: true }];
  }
  const edits: TextEdit[] = [replaceNode(value, 'true')];
  const entries = fc.js.evaluator.properties(object) ?? [];
  const state = [...entries].reverse().find((e) => e.name === 'state');
  const store = entries.some((e) => e.name === 'store');
  if (!state && !store) edits.push(addProperties(fc.js.text, object, [`${keyStyle(object, 'state', fc.style)}: true`], fc.style.eol));
  else if (state && !store && isFalsy(state.value)) edits.push(replaceNode(unwrap(state.value), 'true'));
  return [{ title: 'Turn PKCE on in the passport-oauth2 strategy (pkce: true, with state: true)', edits, preferred: true }];
}

function replaceNode(node: Node, newText: string): TextEdit {
  return { range: { start: node.range[0], end: node.range[1] }, newText };
}

function insertAt(offset: number, newText: string): TextEdit {
  return { range: { start: offset, end: offset }, newText };
}

// ---------------------------------------------------------------------------
// Where the verifier lives between the two requests

type Plan =
  | { kind: 'session'; /** the statement storing the state, if any */ after?: TSESTree.Statement; /** `req.session` (text, maybe with a cast) */ sessionText: string; computed: boolean }
  | { kind: 'this'; after: TSESTree.Statement; cls: Node; field?: TSESTree.PropertyDefinition }
  | { kind: 'map'; after: TSESTree.Statement; object: TSESTree.ObjectExpression; mapText: string }
  | { kind: 'closure'; block: Node };

interface AuthorizeSite {
  carrier: Carrier;
  fn: TSESTree.FunctionLike;
  statement: TSESTree.Statement;
  plan?: Plan;
}

const SESSION_MODULES = ['express-session', 'cookie-session', 'koa-session', 'koa-generic-session', '@fastify/session', '@fastify/secure-session', 'fastify-session', 'iron-session', 'next-session', 'client-sessions', 'connect-redis'];

/** The statement (child of a block) that holds a node, when it is inside `fn`. */
function statementIn(node: Node, fn: TSESTree.FunctionLike): TSESTree.Statement | undefined {
  let n: Node = node;
  while (n.parent && n.parent.type !== 'BlockStatement' && n.parent.type !== 'Program' && n.parent.type !== 'SwitchCase' && n.parent.type !== 'StaticBlock') n = n.parent;
  if (!n.parent || !fn.body || !contains(fn.body, n)) return undefined;
  // The block must belong to fn itself (not a function nested in it that does not contain the carrier: impossible) — fine.
  return n as TSESTree.Statement;
}

/** The blocks enclosing a statement up to (and including) the function body. */
function enclosingBlocks(statement: Node, fn: TSESTree.FunctionLike): Node[] {
  const out: Node[] = [];
  for (let p = statement.parent; p && p !== fn; p = p.parent) if (p.type === 'BlockStatement') out.push(p);
  return out;
}

function stateNodeOf(js: JsFile, carrier: Carrier): Node | undefined {
  const node = carrier.node;
  if (carrier.kind === 'object') {
    const entry = js.evaluator.property(node, 'state');
    return entry ? stripEncode(entry.value) : undefined;
  }
  if (carrier.kind === 'query') {
    const p = carrier.query.params.find((x) => x.name === 'state');
    return p?.valueNode ? stripEncode(p.valueNode) : undefined;
  }
  if (carrier.kind === 'string') {
    const parts = flatten(unwrap(node));
    for (let i = 0; i < parts.length - 1; i++) {
      const t = literalOf(parts[i]);
      if (t !== undefined && /[?&]state=$/.test(t)) return stripEncode(parts[i + 1]);
    }
  }
  return undefined;
}

function stripEncode(node: Node): Node {
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.arguments.length === 1 && /^(?:encodeURIComponent|encodeURI|String)$/.test(calleePath(n.callee)?.join('.') ?? '')) return stripEncode(n.arguments[0]);
  return n;
}

/** A string expression as its sequence of parts: literal pieces and embedded expressions. */
function flatten(node: Node): Node[] {
  if (node.type === 'BinaryExpression' && node.operator === '+') return [...flatten(unwrap(node.left)), ...flatten(unwrap(node.right))];
  if (node.type === 'TemplateLiteral') {
    const out: Node[] = [];
    node.quasis.forEach((q, i) => {
      out.push(q);
      if (i < node.expressions.length) out.push(unwrap(node.expressions[i]));
    });
    return out;
  }
  return [node];
}

function literalOf(node: Node): string | undefined {
  if (node.type === 'TemplateElement') return node.value.cooked ?? node.value.raw;
  if (isStringLiteral(node)) return node.value;
  return undefined;
}

/** Whether an expression refers to the state: the binding itself, or an object holding it. */
function mentionsBinding(js: JsFile, node: Node, binding: Binding | undefined, stateText: string | undefined): boolean {
  if (binding) {
    for (const id of js.index.of('Identifier')) if (contains(node, id) && id.name === binding.name && js.scopes.resolve(id) === binding) return true;
  }
  return stateText !== undefined && js.text.slice(node.range[0], node.range[1]).includes(stateText);
}

/** The text of an expression that a `.name` can follow: `req.session`, `(req.session as any)`. */
function wrapped(js: JsFile, node: Node): string {
  const text = js.text.slice(node.range[0], node.range[1]);
  return node.type === 'MemberExpression' || node.type === 'Identifier' || node.type === 'TSNonNullExpression' ? text : `(${text})`;
}

function memberChainText(js: JsFile, node: Node): string {
  return js.text.slice(node.range[0], node.range[1]);
}

/** `req.session` within a member chain `req.session.x` (possibly `(req.session as any).x`). */
function sessionOfMember(member: TSESTree.MemberExpression): Node | undefined {
  const object = unwrap(member.object);
  if (object.type === 'MemberExpression' && memberName(object) === 'session') return member.object;
  return undefined;
}

function fileUsesSessions(js: JsFile): boolean {
  if (importsModule(js, ...SESSION_MODULES)) return true;
  return js.index.of('MemberExpression').some((m) => memberName(m) === 'session' && !m.computed && unwrap(m.object).type === 'Identifier');
}

function planFor(fc: FixContext, carrier: Carrier, tokens: readonly Carrier[]): AuthorizeSite | undefined {
  const js = fc.js;
  const fn = enclosingFunction(carrier.node);
  if (!fn || fn.body?.type !== 'BlockStatement') return undefined;
  const statement = statementIn(carrier.node, fn);
  if (!statement) return undefined;
  const site: AuthorizeSite = { carrier, fn, statement };
  const blocks = new Set(enclosingBlocks(statement, fn));
  const stateNode = stateNodeOf(js, carrier);
  const stateBinding = stateNode?.type === 'Identifier' ? js.scopes.resolve(stateNode) : undefined;
  const stateText = stateNode && stateNode.type !== 'Identifier' ? js.text.slice(stateNode.range[0], stateNode.range[1]) : undefined;
  const candidates = js.index.of('ExpressionStatement').filter((s) => s.parent && blocks.has(s.parent));
  for (const s of candidates) {
    const e = unwrap(s.expression);
    // req.session.state = state; ctx.session.oauth = { state }
    if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression') {
      const left = e.left;
      const session = sessionOfMember(left);
      const storesState = mentionsBinding(js, e.right, stateBinding, stateText) || /state/i.test(memberName(left) ?? '');
      if (session && storesState) {
        site.plan = { kind: 'session', after: s, sessionText: wrapped(js, session), computed: left.computed };
        break;
      }
      if (unwrap(left.object).type === 'Identifier' && memberName(left) === 'session' && mentionsBinding(js, e.right, stateBinding, stateText)) {
        site.plan = { kind: 'session', after: s, sessionText: memberChainText(js, left), computed: false };
        break;
      }
      if (unwrap(left.object).type === 'ThisExpression' && storesState) {
        let cls: Node | undefined = fn.parent;
        while (cls && cls.type !== 'ClassBody') cls = cls.parent;
        if (!cls) continue;
        const name = memberName(left);
        const field = cls.type === 'ClassBody' ? (cls.body.find((m) => m.type === 'PropertyDefinition' && propertyName(m.key, m.computed) === name) as TSESTree.PropertyDefinition | undefined) : undefined;
        if (fc.isTs && !field) return site;
        site.plan = { kind: 'this', after: s, cls, field };
        break;
      }
      // pending[state] = { … }
      if (left.computed && mentionsBinding(js, left.property, stateBinding, stateText)) {
        const value = unwrap(e.right);
        if (value.type === 'ObjectExpression') site.plan = { kind: 'map', after: s, object: value, mapText: memberChainText(js, left.object) };
        if (value.type === 'ObjectExpression' || !site.plan) break;
      }
    }
    // pendingStates.set(state, { … })
    if (e.type === 'CallExpression' && unwrap(e.callee).type === 'MemberExpression' && memberName(unwrap(e.callee) as TSESTree.MemberExpression) === 'set' && e.arguments.length === 2) {
      if (!mentionsBinding(js, e.arguments[0], stateBinding, stateText)) continue;
      const value = unwrap(e.arguments[1]);
      if (value.type !== 'ObjectExpression') return site;
      const map = (unwrap(e.callee) as TSESTree.MemberExpression).object;
      if (fc.isTs && mapIsTyped(js, map)) return site;
      site.plan = { kind: 'map', after: s, object: value, mapText: memberChainText(js, map) };
      break;
    }
  }
  if (!site.plan) {
    // The token requests are made in the same function, after the authorize URL: the verifier is a local.
    const block = statement.parent!;
    if (tokens.length > 0 && tokens.every((t) => contains(block, t.node) && t.node.range[0] > statement.range[0])) site.plan = { kind: 'closure', block };
  }
  if (!site.plan && fileUsesSessions(js)) {
    const param = fn.params[0];
    const name = param?.type === 'Identifier' ? param.name : undefined;
    if (name && /^(?:req|request|ctx)$/.test(name)) site.plan = { kind: 'session', sessionText: `${name}.session`, computed: false };
  }
  return site;
}

function mapIsTyped(js: JsFile, map: Node): boolean {
  const n = unwrap(map);
  if (n.type !== 'Identifier') return false;
  const decl = js.scopes.resolve(n)?.declarator;
  if (!decl) return false;
  if (decl.id.type === 'Identifier' && decl.id.typeAnnotation) return true;
  const init = decl.init ? unwrap(decl.init) : undefined;
  return !!init && init.type === 'NewExpression' && !!init.typeArguments;
}

// ---------------------------------------------------------------------------
// Reading the verifier back where the token request is made

type Read = { text: string; edits: TextEdit[] };

function readFor(fc: FixContext, plan: Plan | 'existing', token: Carrier, name: string, depth = 0): Read | undefined {
  const js = fc.js;
  const at = token.node;
  if (plan !== 'existing' && plan.kind === 'closure') return contains(plan.block, at) ? { text: VERIFIER, edits: [] } : undefined;
  if (plan !== 'existing' && plan.kind === 'this') {
    let cls: Node | undefined = at.parent;
    while (cls && cls.type !== 'ClassBody') cls = cls.parent;
    return cls === plan.cls ? { text: `this.${VERIFIER}${bang(fc)}`, edits: [] } : undefined;
  }
  // session: the request object of the function making the token request (or of a function around it).
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    if (plan !== 'existing' && plan.kind === 'map') {
      const entry = mapEntryIn(js, fn, plan.mapText);
      if (entry) return { text: `${entry}.${VERIFIER}`, edits: [] };
      continue;
    }
    const session = sessionTextIn(js, fn);
    if (session) return { text: memberText(session, name) + bang(fc), edits: [] };
    const param = fn.params[0];
    if (param?.type === 'Identifier' && /^(?:req|request|ctx)$/.test(param.name) && (plan === 'existing' || plan.kind === 'session')) return { text: `${param.name}.session.${name}${bang(fc)}`, edits: [] };
  }
  // A helper that only receives the code: pass the verifier in from its callers.
  return depth === 0 ? throughParameter(fc, plan, token, name) : undefined;
}

/** TypeScript: session and instance fields are optional (`codeVerifier?: string`); the request needs a string. */
function bang(fc: FixContext): string {
  return fc.isTs ? '!' : '';
}

function memberText(sessionText: string, name: string): string {
  return `${sessionText}.${name}`;
}

/** `req.session` as the function writes it (`(req.session as any)` included), when it reads or writes the session. */
function sessionTextIn(js: JsFile, fn: TSESTree.FunctionLike): string | undefined {
  for (const m of js.index.of('MemberExpression')) {
    if (!contains(fn, m) || memberName(m) !== 'session' || m.computed) continue;
    const root = unwrap(m.object);
    if (root.type !== 'Identifier') continue;
    // The session of the request this function handles (a parameter of it or of a function around it).
    const binding = js.scopes.resolve(root);
    if (!binding || binding.kind !== 'param') continue;
    let outer: Node = m;
    while (outer.parent && (outer.parent.type === 'TSAsExpression' || outer.parent.type === 'TSNonNullExpression')) outer = outer.parent;
    return wrapped(js, outer);
  }
  return undefined;
}

/** `const entry = pending.get(state)` / `pending[state]` in the function: the name of the entry. */
function mapEntryIn(js: JsFile, fn: TSESTree.FunctionLike, mapText: string): string | undefined {
  for (const d of js.index.of('VariableDeclarator')) {
    if (!contains(fn, d) || d.id.type !== 'Identifier' || !d.init) continue;
    const init = unwrap(d.init);
    if (init.type === 'CallExpression' && unwrap(init.callee).type === 'MemberExpression') {
      const callee = unwrap(init.callee) as TSESTree.MemberExpression;
      if (memberName(callee) === 'get' && js.text.slice(callee.object.range[0], callee.object.range[1]) === mapText) return d.id.name;
    }
    if (init.type === 'MemberExpression' && init.computed && js.text.slice(init.object.range[0], init.object.range[1]) === mapText) return d.id.name;
  }
  return undefined;
}

/**
 * `async function exchangeCode(code) { … grant_type: 'authorization_code' … }`
 * called from the callback route: the helper gets a `codeVerifier`
 * parameter and every call passes the verifier read in the caller.
 */
function throughParameter(fc: FixContext, plan: Plan | 'existing', token: Carrier, name: string): Read | undefined {
  const js = fc.js;
  const fn = enclosingFunction(token.node);
  if (!fn) return undefined;
  let id: TSESTree.Identifier | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) id = fn.id;
  else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') id = fn.parent.id;
  if (!id) return undefined;
  const binding = js.scopes.resolve(id);
  if (!binding || js.scopes.bindingsNamed(VERIFIER).some((b) => contains(b.scope, fn))) return undefined;
  const last = fn.params[fn.params.length - 1];
  if (last && (last.type === 'RestElement' || last.type === 'AssignmentPattern')) return undefined;
  const refs = js.index.of('Identifier').filter((x) => x !== id && x.name === id!.name && js.scopes.resolve(x) === binding);
  if (refs.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const ref of refs) {
    const call = ref.parent;
    if (call?.type !== 'CallExpression' || call.callee !== ref || call.arguments.length !== fn.params.length || call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
    const read = readFor(fc, plan, { ...token, node: call } as Carrier, name, 1);
    if (!read) return undefined;
    const lastArg = call.arguments[call.arguments.length - 1];
    const at = lastArg ? lastArg.range[1] : call.range[1] - 1;
    edits.push(insertAt(at, lastArg ? `, ${read.text}` : read.text));
  }
  const typed = fc.isTs && last?.type === 'Identifier' && !!last.typeAnnotation;
  const param = typed ? `${VERIFIER}: string` : VERIFIER;
  if (last) edits.push(insertAt(last.range[1], `, ${param}`));
  else {
    const open = js.text.indexOf('(', fn.type === 'FunctionDeclaration' && fn.id ? fn.id.range[1] : fn.range[0]);
    if (open < 0) return undefined;
    edits.push(insertAt(open + 1, param));
  }
  return { text: VERIFIER, edits };
}

/** Where an earlier fix (or the developer) already keeps a verifier: `req.session.codeVerifier = …`, `this.codeVerifier`, a local. */
function existingRead(fc: FixContext, token: Carrier): Read | undefined {
  const js = fc.js;
  for (const a of js.index.of('AssignmentExpression')) {
    if (a.left.type !== 'MemberExpression') continue;
    const name = memberName(a.left);
    if (!name || !/verifier/i.test(name)) continue;
    if (sessionOfMember(a.left)) return readFor(fc, 'existing', token, name);
    if (unwrap(a.left.object).type === 'ThisExpression') {
      let cls: Node | undefined = token.node.parent;
      while (cls && cls.type !== 'ClassBody') cls = cls.parent;
      let own: Node | undefined = a.parent;
      while (own && own.type !== 'ClassBody') own = own.parent;
      if (cls && cls === own) return { text: `this.${name}${bang(fc)}`, edits: [] };
    }
  }
  // A local verifier in scope where the token request is made.
  for (const name of [VERIFIER, 'code_verifier', 'verifier', 'pkceVerifier']) {
    for (const b of js.scopes.bindingsNamed(name)) {
      if (contains(b.scope, token.node) && b.id.range[0] < token.node.range[0]) return { text: name, edits: [] };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Edits of the carrier itself

function paramEdits(fc: FixContext, carrier: Carrier, params: [string, string][], valueIsCode: boolean[]): TextEdit[] | undefined {
  const js = fc.js;
  const q = fc.style.quote;
  const node = carrier.node;
  switch (carrier.kind) {
    case 'object': {
      const object = node as TSESTree.ObjectExpression;
      const key = (k: string) => keyStyle(object, camelFor(carrier, k), fc.style);
      const props = params.map(([k, v], i) => `${key(k)}: ${valueIsCode[i] ? v : quoted(v, fc.style)}`);
      return [addProperties(js.text, object, props, fc.style.eol)];
    }
    case 'call': {
      const call = node as TSESTree.CallExpression;
      if (call.arguments.length !== carrier.argIndex) return undefined;
      const props = params.map(([k, v], i) => `${camelFor(carrier, k)}: ${valueIsCode[i] ? v : quoted(v, fc.style)}`);
      const last = call.arguments[call.arguments.length - 1];
      const at = last ? last.range[1] : call.range[1] - 1;
      return [insertAt(at, `${last ? ', ' : ''}{ ${props.join(', ')} }`)];
    }
    case 'query': {
      const query = carrier.query;
      const id = query.binding?.name;
      const lastMutation = query.mutations[query.mutations.length - 1];
      if (!id || !lastMutation || lastMutation.type !== 'CallExpression') return undefined;
      const statement = lastMutation.parent;
      if (statement?.type !== 'ExpressionStatement' || statement.expression !== lastMutation) return undefined;
      const callee = unwrap(lastMutation.callee) as TSESTree.MemberExpression;
      const method = memberName(callee) === 'set' ? 'set' : 'append';
      const target = query.kind === 'URL' ? `${id}.searchParams` : id;
      const semi = fc.style.semicolons ? ';' : '';
      const indent = indentationAt(js.text, statement.range[0]);
      const lines = params.map(([k, v], i) => `${target}.${method}(${q}${k}${q}, ${valueIsCode[i] ? v : quoted(v, fc.style)})${semi}`);
      return [insertAt(statement.range[1], lines.map((l) => `${fc.style.eol}${indent}${l}`).join(''))];
    }
    case 'string':
      return stringEdits(fc, node, params, valueIsCode);
    default:
      return undefined;
  }
}

/** openid-client v6 `authorizationCodeGrant` checks are camel-case (`pkceCodeVerifier`). */
function camelFor(carrier: Carrier, key: string): string {
  if (carrier.side === 'token' && 'library' in carrier && carrier.library === 'openid-client' && isGrantCall(carrier)) return 'pkceCodeVerifier';
  return key;
}

function isGrantCall(carrier: Carrier): boolean {
  let n: Node | undefined = carrier.node;
  while (n && n.type !== 'CallExpression') n = n.parent;
  if (!n || n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  const name = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  return name === 'authorizationCodeGrant';
}

function stringEdits(fc: FixContext, root: Node, params: [string, string][], valueIsCode: boolean[]): TextEdit[] | undefined {
  const js = fc.js;
  const value = js.evaluator.stringOf(root);
  if (value.includes('#')) return undefined;
  const n = unwrap(root);
  const q = fc.style.quote;
  if (n.type === 'TemplateLiteral') {
    const text = params.map(([k, v], i) => `&${k}=${valueIsCode[i] ? '${' + v + '}' : v}`).join('');
    return [insertAt(n.range[1] - 1, escapeTemplate(text))];
  }
  if (n.type === 'CallExpression' && unwrap(n.callee).type === 'MemberExpression' && memberName(unwrap(n.callee) as TSESTree.MemberExpression) === 'join') {
    const sep = n.arguments[0] ? js.evaluator.constantString(n.arguments[0]) : undefined;
    const array = unwrap((unwrap(n.callee) as TSESTree.MemberExpression).object);
    if (sep !== '&' || array.type !== 'ArrayExpression' || array.elements.length === 0) return undefined;
    const last = array.elements[array.elements.length - 1]!;
    const items = params.map(([k, v], i) => (valueIsCode[i] ? `${q}${k}=${q} + ${v}` : quoted(`${k}=${v}`, fc.style)));
    const multiline = js.text.slice(array.range[0], array.range[1]).includes('\n');
    const trailing = /^\s*,/.test(js.text.slice(last.range[1], array.range[1] - 1));
    const at = trailing ? last.range[1] + js.text.slice(last.range[1]).indexOf(',') + 1 : last.range[1];
    const indent = indentationAt(js.text, last.range[0]);
    const joined = multiline ? items.map((it) => `${fc.style.eol}${indent}${it}`).join(',') : items.map((it) => ` ${it}`).join(',');
    return [insertAt(at, trailing ? `${joined},` : `,${joined}`)];
  }
  if ((n.type === 'BinaryExpression' && n.operator === '+') || isStringLiteral(n)) {
    // The last piece of a concatenation takes the parameters when it is a template or a string literal.
    let lastPiece: Node = n;
    while (lastPiece.type === 'BinaryExpression' && lastPiece.operator === '+') lastPiece = unwrap(lastPiece.right);
    if (lastPiece !== n && lastPiece.type === 'TemplateLiteral') {
      const text = params.map(([k, v], i) => `&${k}=${valueIsCode[i] ? '${' + v + '}' : v}`).join('');
      return [insertAt(lastPiece.range[1] - 1, escapeTemplate(text))];
    }
    if (isStringLiteral(lastPiece) && (js.text[lastPiece.range[0]] === "'" || js.text[lastPiece.range[0]] === '"')) {
      // `'…&scope=x'` → `'…&scope=x&code_challenge=' + codeChallenge + '&code_challenge_method=S256'`
      const lq = js.text[lastPiece.range[0]];
      let text = '';
      params.forEach(([k, v], i) => {
        text += valueIsCode[i] ? `&${k}=${lq} + ${v} + ${lq}` : `&${k}=${v}`;
      });
      const closeAt = lastPiece.range[1] - 1;
      // A trailing `+ ''` is left out: the literal then ends with the last code value.
      const edit = text.endsWith(` + ${lq}`) ? insertAt(closeAt, text.slice(0, -` + ${lq}`.length)) : insertAt(closeAt, text);
      if (text.endsWith(` + ${lq}`)) return [edit, { range: { start: closeAt, end: closeAt + 1 }, newText: '' }].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
      return [edit];
    }
    let text = '';
    let pending = '';
    params.forEach(([k, v], i) => {
      if (valueIsCode[i]) {
        text += ` + ${quoted(pending + `&${k}=`, fc.style)} + ${v}`;
        pending = '';
      } else pending += `&${k}=${v}`;
    });
    if (pending) text += ` + ${quoted(pending, fc.style)}`;
    const wrap = n.parent?.type === 'MemberExpression' && n.parent.object === n;
    if (wrap) return [insertAt(n.range[0], '('), insertAt(n.range[1], `${text})`)];
    return [insertAt(n.range[1], text)];
  }
  return undefined;
}

function escapeTemplate(s: string): string {
  return s.replace(/`/g, '\\`');
}

// ---------------------------------------------------------------------------
// The two sides

function authorizeSites(fc: FixContext): { sites: AuthorizeSite[]; tokens: Carrier[] } {
  const all = carriersOf(fc.js);
  const tokens = all.filter((c) => c.side === 'token');
  const sites: AuthorizeSite[] = [];
  for (const c of all) {
    if (c.side !== 'authorize' || c.kind === 'disabled' || ('library' in c && c.library === 'passport-oauth2')) continue;
    const site = planFor(fc, c, tokens);
    if (site) sites.push(site);
  }
  return { sites, tokens };
}

function readUnderPlans(fc: FixContext, sites: AuthorizeSite[], token: Carrier): Read | undefined {
  const existing = existingRead(fc, token);
  if (existing) return existing;
  const plans = sites.map((s) => s.plan).filter((p): p is Plan => !!p);
  if (plans.length === 0) return undefined;
  let first: Read | undefined;
  for (const plan of plans) {
    const read = readFor(fc, plan, token, VERIFIER);
    if (!read) return undefined;
    if (first && first.text !== read.text) return undefined;
    first ??= read;
  }
  return first;
}

function authorizeFix(fc: FixContext, carrier: Carrier): Fix | undefined {
  const { sites, tokens } = authorizeSites(fc);
  const site = sites.find((s) => s.carrier === carrier);
  if (!site) return undefined;
  const edits = authorizeEdits(fc, site);
  if (!edits) return undefined;
  const plan = site.plan;
  // Applied unasked only when every token request of the file sends the verifier back.
  const preferred = !!plan && tokens.length > 0 && tokens.every((t) => !!tokenEdits(fc, sites, t));
  const where = !plan ? ' (keep the verifier for the token request yourself)' : plan.kind === 'session' ? ' in the session' : plan.kind === 'this' ? ' on the client object' : plan.kind === 'map' ? ' with the state' : '';
  return { title: `Add PKCE: an S256 code_challenge, with the code_verifier kept${where}`, edits, preferred };
}

function authorizeEdits(fc: FixContext, site: AuthorizeSite): TextEdit[] | undefined {
  const js = fc.js;
  if (js.isSuiteScript) return undefined;
  // Names the fix declares must be free where they go.
  const taken = [VERIFIER, CHALLENGE].some((n) => js.scopes.bindingsNamed(n).some((b) => contains(b.scope, site.statement) || contains(site.fn, b.id)));
  if (taken) return undefined;
  const crypto = cryptoAccess(js, fc.isTs, fc.esm, fc.style, site.statement);
  if (!crypto) return undefined;
  const q = fc.style.quote;
  const semi = fc.style.semicolons ? ';' : '';
  const kw = /\b(?:const|let)\b/.test(js.text) || fc.isTs ? 'const' : 'var';
  const lines = [
    `${kw} ${VERIFIER} = ${crypto.randomBytes}(32).toString(${q}base64url${q})${semi}`,
    `${kw} ${CHALLENGE} = ${crypto.createHash}(${q}sha256${q}).update(${VERIFIER}).digest(${q}base64url${q})${semi}`,
  ];
  const plan = site.plan;
  const edits: TextEdit[] = [...crypto.edits];
  if (plan?.kind === 'session') {
    lines.push(`${plan.sessionText}.${VERIFIER} = ${VERIFIER}${semi}`);
    if (fc.isTs) edits.push(...sessionDataEdits(fc));
  }
  if (plan?.kind === 'this') {
    lines.push(`this.${VERIFIER} = ${VERIFIER}${semi}`);
    if (plan.field) {
      const fieldText = js.text.slice(plan.field.range[0], plan.field.range[1]);
      const key = plan.field.key;
      const renamed = fieldText.slice(0, key.range[0] - plan.field.range[0]) + VERIFIER + fieldText.slice(key.range[1] - plan.field.range[0]);
      edits.push(insertAt(plan.field.range[1], `${fc.style.eol}${indentationAt(js.text, plan.field.range[0])}${renamed}`));
    }
  }
  if (plan?.kind === 'map') edits.push(addProperties(js.text, plan.object, [VERIFIER], fc.style.eol));
  const before = (statement: Node) => {
    const indent = indentationAt(js.text, statement.range[0]);
    const lineStart = js.text.lastIndexOf('\n', statement.range[0] - 1) + 1;
    edits.push(insertAt(lineStart, lines.map((l) => `${indent}${l}${fc.style.eol}`).join('')));
  };
  if (plan?.kind === 'map') {
    // The stored entry names the verifier: it is declared before the entry is stored.
    if (plan.after.range[0] < site.statement.range[0]) before(plan.after);
    else if (site.statement.parent && contains(site.statement.parent, plan.after)) before(site.statement);
    else return undefined;
  } else if (plan && 'after' in plan && plan.after && plan.after.range[0] < site.statement.range[0] && plan.after.parent === site.statement.parent) {
    // Right after the statement that stores the state, in the same block.
    const indent = indentationAt(js.text, plan.after.range[0]);
    edits.push(insertAt(plan.after.range[1], lines.map((l) => `${fc.style.eol}${indent}${l}`).join('')));
  } else before(site.statement);
  const carrierEdits = paramEdits(fc, site.carrier, [['code_challenge', CHALLENGE], ['code_challenge_method', 'S256']], [true, false]);
  if (!carrierEdits) return undefined;
  edits.push(...carrierEdits);
  return dedupe(edits);
}

/** The edits that make a token request send the verifier, when it can read it. */
function tokenEdits(fc: FixContext, sites: AuthorizeSite[], token: Carrier): { edits: TextEdit[]; read: Read; existing: boolean } | undefined {
  const existing = existingRead(fc, token);
  const read = existing ?? readUnderPlans(fc, sites, token);
  if (!read) return undefined;
  const edits = paramEdits(fc, token, [['code_verifier', read.text]], [true]);
  if (!edits) return undefined;
  return { edits: dedupe([...edits, ...read.edits]), read, existing: !!existing };
}

/** TypeScript: `interface SessionData { … }` augmented in this file gets `codeVerifier?: string`. */
function sessionDataEdits(fc: FixContext): TextEdit[] {
  const js = fc.js;
  for (const decl of js.index.of('TSInterfaceDeclaration')) {
    if (decl.id.name !== 'SessionData') continue;
    if (decl.body.body.some((m) => m.type === 'TSPropertySignature' && propertyName(m.key, m.computed) === VERIFIER)) return [];
    const last = decl.body.body[decl.body.body.length - 1];
    if (!last) return [];
    const semi = js.text[last.range[1] - 1] === ';' || js.text[last.range[1] - 1] === ',' ? js.text[last.range[1] - 1] : '';
    const indent = indentationAt(js.text, last.range[0]);
    const sep = semi === '' && !/\n/.test(js.text.slice(decl.body.range[0], decl.body.range[1])) ? ';' : '';
    return [insertAt(last.range[1], `${sep}${fc.style.eol}${indent}${VERIFIER}?: string${semi}`)];
  }
  return [];
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  return edits.filter((e, i) => !edits.some((f, j) => j < i && f.range.start === e.range.start && f.range.end === e.range.end && f.newText === e.newText));
}

function tokenFix(fc: FixContext, carrier: Carrier): Fix | undefined {
  const { sites } = authorizeSites(fc);
  const planned = tokenEdits(fc, sites, carrier);
  if (!planned) return undefined;
  // Preferred when the verifier is already kept somewhere, or when every authorize request of this file gets the fix that keeps it there.
  const authorizeCarriers = carriersOf(fc.js).filter((c) => c.side === 'authorize' && c.kind !== 'disabled' && !('library' in c && c.library === 'passport-oauth2'));
  const authorizeReady =
    authorizeCarriers.length > 0 &&
    authorizeCarriers.every((c) => {
      const site = sites.find((s) => s.carrier === c);
      return !!site?.plan && !!authorizeEdits(fc, site) && carriersOf(fc.js).filter((t) => t.side === 'token').every((t) => !!tokenEdits(fc, sites, t));
    });
  return { title: `Send the PKCE code_verifier (${planned.read.text}) with the token request`, edits: planned.edits, preferred: planned.existing || authorizeReady };
}
