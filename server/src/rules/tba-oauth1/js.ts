import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { contains, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import { aliasedCall, type JsFile } from '../../js/jsFile';
import { isNetSuiteString } from '../../js/netsuiteContext';
import { bindingReferences } from '../../fixes/deadCode';
import { matchingStrings } from '../shared/jsStrings';
import { hasOauth1Evidence, hasTbaContext, keysOf } from './context';
import { hasTbaKeys, libraryCalls, type LibraryCall } from './libraries';
import { tbaFixes } from './fix';

export const ID = 'tba-oauth1';

/** An OAuth 1.0 Authorization header: `OAuth realm="…", oauth_consumer_key="…", …` (or its unknown-valued start). */
const OAUTH_HEADER = new RegExp(`^\\s*(?:authorization\\s*:\\s*)?OAuth\\s+(realm\\s*=|oauth_[a-z_]+\\s*=|${HOLE})`, 'i');
/** OAuth 1.0 parameters in a query string or form body. */
const OAUTH_PARAMS = /(^|[?&\s"'])oauth_consumer_key(=|%3D)/i;

export type TbaKind = 'header' | 'signer' | 'library' | 'settings' | 'params';

export interface TbaData {
  kind: TbaKind;
  /** The reported node: the header expression, the signer's options or call, the library settings. */
  node: Node;
  /** `oauth-1.0a`, `oauth`, a library name, … */
  label: string;
  /** For headers built with `+=`: the appending assignments after the reported initialiser. */
  appends?: TSESTree.AssignmentExpression[];
}

function message(what: string): string {
  return `${what} uses token-based authentication (OAuth 1.0). No new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba} (SOAP, REST web services, RESTlets), and TBA's end is planned for ${RELEASE.soapRemoved}; move to OAuth 2.0 client credentials.`;
}

function hover(what: string): string {
  return [
    `**Token-based authentication (OAuth 1.0)** (\`${ID}\`)`,
    '',
    `${what} signs requests with a consumer key/secret and a token id/secret (TBA).`,
    '',
    `- As of NetSuite ${RELEASE.noNewTba} no new TBA integrations can be created; existing ones keep working for now.`,
    `- TBA's end of support is tentatively planned with the removal of SOAP in ${RELEASE.soapRemoved}.`,
    '',
    '**Fix:** request an OAuth 2.0 access token with the client-credentials (M2M) flow — a JWT assertion signed `PS256` with the certificate of the integration — and send `Authorization: Bearer <token>`.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

function finding(data: TbaData, what: string): Finding {
  return { ruleId: ID, range: { start: data.node.range[0], end: data.node.range[1] }, message: message(what), hover: hover(what), data };
}

interface Candidate {
  data: TbaData;
  what: string;
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const netsuite = hasTbaContext(js);
  const signers = signerCandidates(js, netsuite);
  const libraries = libraryCandidates(js);
  const headers = headerCandidates(js, netsuite).filter((h) => !derivesFromSigner(js, h.data, signers));
  let found: Candidate[] = [...headers, ...signers, ...libraries];
  // Credential sets and bare OAuth parameters stand for the signer only when nothing above shows it.
  if (found.length === 0 && netsuite) found = settingsCandidates(js);
  if (found.length === 0 && netsuite) found = paramCandidates(js);
  // Once per signer: a node inside another candidate's node is the same signer.
  const nodes = found.map((c) => c.data.node);
  const out = found.filter((c, i) => !nodes.some((n, j) => j !== i && contains(n, c.data.node) && (n !== c.data.node || j < i)));
  return out.map((c) => finding(c.data, c.what)).sort((a, b) => a.range.start - b.range.start);
}

/** 1. `Authorization: OAuth realm="…", oauth_consumer_key="…", …` built by hand (string, template, concatenation, joined array, `+=`). */
function headerCandidates(js: JsFile, netsuite: boolean): Candidate[] {
  const out: Candidate[] = [];
  const matches = matchingStrings(js, (value) => OAUTH_HEADER.test(value));
  // `let h = 'OAuth '; h += 'realm="…"'; …`: the initialiser alone is not a header yet.
  const seen = new Set(matches.map((m) => m.root));
  for (const declarator of js.index.of('VariableDeclarator')) {
    if (declarator.id.type !== 'Identifier' || !declarator.init || seen.has(declarator.init)) continue;
    const binding = js.scopes.resolve(declarator.id);
    if (!binding || !binding.assignments.some((a) => a.operator === '+=')) continue;
    const init = declarator.init;
    if (!['Literal', 'TemplateLiteral', 'BinaryExpression'].includes(unwrap(init).type)) continue;
    const { value, reached } = js.evaluator.evaluate(declarator.id);
    if (OAUTH_HEADER.test(value)) matches.push({ root: init, value, reached });
  }
  for (const m of matches) {
    const rest = m.value.slice(m.value.search(/OAuth/i) + 5);
    const explicit = /oauth_|realm/i.test(rest);
    // `'OAuth ' + token` alone is also Salesforce's OAuth 2.0 scheme: it needs OAuth 1.0 signing in the file.
    if (!explicit && !(rest.includes(HOLE) && hasOauth1Evidence(js))) continue;
    if (!netsuite && !isNetSuiteString(m.value)) continue;
    const appends = appendsOf(js, m.root);
    out.push({ data: { kind: 'header', node: m.root, label: 'OAuth 1.0 header', appends }, what: 'This OAuth 1.0 Authorization header' });
  }
  return out;
}

/** The `+=` assignments that extend the binding `root` initialises. */
function appendsOf(js: JsFile, root: Node): TSESTree.AssignmentExpression[] | undefined {
  const declarator = root.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== root || declarator.id.type !== 'Identifier') return undefined;
  const binding = js.scopes.resolve(declarator.id);
  const appends = binding?.assignments.filter((a) => a.operator === '+=') ?? [];
  return appends.length > 0 ? appends : undefined;
}

/** 2. OAuth 1.0 signers: `oauth-1.0a` options, the `oauth` package, `request`'s `oauth` option, axios and passport OAuth 1.0 plugins. */
function signerCandidates(js: JsFile, netsuite: boolean): Candidate[] {
  const out: Candidate[] = [];
  const add = (node: Node, label: string, what: string) => {
    if (!out.some((c) => c.data.node === node)) out.push({ data: { kind: 'signer', node, label }, what });
  };
  // oauth-1.0a options by their shape, wherever the library comes from (npm, a bundled SuiteScript file, a global).
  for (const object of js.index.of('ObjectExpression')) {
    const keys = keysOf(object);
    if (keys.has('consumer') && (keys.has('signaturemethod') || keys.has('hashfunction'))) {
      if (netsuite) add(object, 'oauth-1.0a', 'This oauth-1.0a signer');
    } else if (isRequestOauthOption(object, keys) && netsuite) {
      add(object, 'request', 'This `request` OAuth 1.0 signer');
    }
  }
  for (const rc of js.calls()) {
    const { module, path } = aliasedCall(js, rc);
    if (!module) continue;
    const name = module.toLowerCase();
    const options = (i: number): Node | undefined => {
      const arg = rc.call.arguments[i];
      return arg ? unwrap(js.evaluator.resolve(arg)) : undefined;
    };
    if (/(^|\/)oauth-1\.0a(\.js)?$/.test(name) && path.length === 0) {
      const o = options(0);
      if (o?.type === 'ObjectExpression') continue; // found by its shape, or not NetSuite's
      if (netsuite) add(rc.call, 'oauth-1.0a', 'This oauth-1.0a signer');
    } else if (name === 'oauth' && rc.call.type === 'NewExpression' && (path.join('.') === 'OAuth' || path.length === 0)) {
      if (netsuite) add(rc.call, 'oauth', 'This `oauth` OAuth 1.0 client');
    } else if (/^axios-oauth-1\.0a(\/|$)/.test(name)) {
      const o = rc.call.arguments.map((_, i) => options(i)).find((n) => n?.type === 'ObjectExpression');
      if (netsuite) add(o ?? rc.call, 'axios-oauth-1.0a', 'This axios-oauth-1.0a signer');
    } else if (/^passport-oauth1?$/.test(name) && rc.call.type === 'NewExpression' && ['', 'OAuthStrategy', 'Strategy'].includes(path.join('.'))) {
      const o = options(0);
      if (netsuite) add(o?.type === 'ObjectExpression' ? o : rc.call, 'passport-oauth1', 'This passport OAuth 1.0 strategy');
    }
  }
  return out;
}

/** `request({ oauth: { consumer_key, consumer_secret, token, token_secret } })`. */
function isRequestOauthOption(object: TSESTree.ObjectExpression, keys: Set<string>): boolean {
  const parent = object.parent;
  if (parent?.type !== 'Property' || parent.value !== object) return false;
  const key = parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'Literal' ? String(parent.key.value) : '';
  return key === 'oauth' && keys.has('consumerkey') && (keys.has('consumersecret') || keys.has('token') || keys.has('tokensecret'));
}

/** 3. NetSuite client libraries configured with a consumer key/secret and a token id/secret. */
function libraryCandidates(js: JsFile): Candidate[] {
  return libraryCalls(js).map((lib: LibraryCall) => ({
    data: { kind: 'library', node: lib.node, label: lib.module },
    what: `${lib.module}, configured with a consumer key/secret and a token id/secret,`,
  }));
}

/** Fallback: an object with a full TBA credential set (a hand-written signer's settings), not a SOAP token passport's. */
function settingsCandidates(js: JsFile): Candidate[] {
  if (js.index.of('Literal').some((l) => typeof l.value === 'string' && /tokenPassport/i.test(l.value)) || js.index.of('TemplateElement').some((t) => /tokenPassport/i.test(t.value.raw))) return [];
  return js.index
    .of('ObjectExpression')
    .filter((o) => hasTbaKeys(o, false))
    .map((node) => ({ data: { kind: 'settings' as const, node, label: 'TBA settings' }, what: 'This consumer key/secret and token id/secret set' }));
}

/** Fallback: OAuth 1.0 parameters sent in a query string or body. */
function paramCandidates(js: JsFile): Candidate[] {
  const params = matchingStrings(js, (value) => OAUTH_PARAMS.test(value) && /oauth_(token|signature)/i.test(value));
  if (params[0]) return [{ data: { kind: 'params', node: params[0].root, label: 'OAuth 1.0 parameters' }, what: 'This request with OAuth 1.0 parameters' }];
  const object = js.index.of('ObjectExpression').find((o) => {
    const keys = keysOf(o);
    return keys.has('oauthconsumerkey') && (keys.has('oauthtoken') || keys.has('oauthsignaturemethod'));
  });
  return object ? [{ data: { kind: 'params', node: object, label: 'OAuth 1.0 parameters' }, what: 'These OAuth 1.0 parameters' }] : [];
}

/**
 * A header built by hand from what an `oauth-1.0a` signer computed
 * (`oauth.authorize(…)`) is that signer's header: one finding, on the signer.
 */
function derivesFromSigner(js: JsFile, header: TbaData, signers: readonly Candidate[]): boolean {
  const refs = signers.map((s) => signerRef(js, s.data.node)).filter((r) => r !== undefined);
  if (refs.length === 0) return false;
  const bindings = new Set(refs.flatMap((r) => (r.binding ? [r.binding] : [])));
  const members = new Set(refs.flatMap((r) => (r.member ? [r.member] : [])));
  const visited = new Set<Node>();
  const usesSigner = (node: Node, depth: number): boolean => {
    if (depth > 4 || visited.has(node)) return false;
    visited.add(node);
    for (const m of js.index.of('MemberExpression')) {
      if (contains(node, m) && unwrap(m.object).type === 'ThisExpression' && members.has(memberName(m) ?? '')) return true;
    }
    for (const id of js.index.of('Identifier')) {
      if (!contains(node, id)) continue;
      const binding = js.scopes.resolve(id);
      if (!binding) continue;
      if (bindings.has(binding.id)) return true;
      const init = binding.declarator?.init;
      if (init && binding.id !== id && usesSigner(init, depth + 1)) return true;
    }
    return false;
  };
  return [header.node, ...js.evaluator.evaluate(header.node).reached].some((n) => usesSigner(n, 0));
}

/** Where a signer is kept: `const oauth = OAuth({…})`, `this.oauth = new OAuth({…})`, a class field. */
function signerRef(js: JsFile, node: Node): { binding?: TSESTree.Identifier; member?: string } | undefined {
  let call: Node | undefined = node;
  while (call && call.type !== 'CallExpression' && call.type !== 'NewExpression' && call.type !== 'Program') call = call.parent;
  if (!call || (call.type !== 'CallExpression' && call.type !== 'NewExpression')) {
    // Options in a variable: `const options = {…}; const oauth = OAuth(options)`.
    const declarator = node.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
    const binding = js.scopes.resolve(declarator.id);
    const use = binding && bindingReferences(js, binding).find((id) => id.parent?.type === 'CallExpression' || id.parent?.type === 'NewExpression');
    return use ? signerRef(js, use) : undefined;
  }
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === call) {
    const id = js.scopes.resolve(parent.id)?.id;
    return id ? { binding: id } : undefined;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === call && parent.left.type === 'MemberExpression' && unwrap(parent.left.object).type === 'ThisExpression') return { member: memberName(parent.left) };
  if (parent?.type === 'PropertyDefinition' && parent.value === call) return { member: propertyName(parent.key, parent.computed) };
  return undefined;
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  return tbaFixes(finding.data as TbaData, context);
}
