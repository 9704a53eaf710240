import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange, TextEdit } from '../../core/text';
import { calleePath, contains, isStringLiteral, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile, ResolvedCall } from '../../js/jsFile';
import { hasNetSuiteContext, NETSUITE_URL } from '../../js/netsuiteContext';
import { isDescriptiveUse, stringRoots } from '../../js/strings';
import { addProperties } from '../../fixes/objects';
import { detectStyle, quoted, type CodeStyle } from '../../fixes/style';
import { cryptoNames, isEsModule } from '../missing-pkce/js-crypto';
import { ALLOWED, decodeSegment, expiresInLifetime, expOffset, joseExpiration, JWS_ALG, MAX_LIFETIME, pssOf, reencodeSegment, type Lifetime } from './jwt';

export const ID = 'm2m-jwt-algorithm';

type Signer = 'jsonwebtoken' | 'jose' | 'node-jose' | 'jsrsasign' | 'fast-jwt' | 'jwt-simple' | 'hand-built';

/** Libraries that sign PS256 with the same RSA key when told to. */
const PSS_LIBRARIES = new Set<Signer>(['jsonwebtoken', 'jose', 'node-jose', 'jsrsasign', 'fast-jwt']);

interface AlgProblem {
  kind: 'alg';
  /** The reported range: the algorithm string (or the options/call that leaves it at the HS256 default). */
  range: OffsetRange;
  alg: string;
  signer: Signer;
  /** The literal that names the algorithm (replaced by the fix), when there is one. */
  literal?: TSESTree.StringLiteral;
  /** Other literals naming the same algorithm for the same signature (jose key import, jsrsasign header). */
  companions: TSESTree.StringLiteral[];
  /** The range inside a string holding `"alg":"RS256"` JSON, replaced by its text. */
  inText?: OffsetRange;
  /** A base64url header constant (`eyJhbGciOiJSUzI1NiJ9`). */
  segment?: TSESTree.StringLiteral;
  /** jsonwebtoken with no algorithm: where to add one. */
  missing?: { options?: TSESTree.ObjectExpression; call: TSESTree.CallExpression; keyArg?: Node };
}

interface LifetimeProblem {
  kind: 'lifetime';
  range: OffsetRange;
  lifetime: Lifetime;
}

type Problem = AlgProblem | LifetimeProblem;

// ---------------------------------------------------------------------------
// Messages

function algMessage(p: AlgProblem): string {
  const what = p.missing ? `\`jwt.sign()\` without an algorithm signs the client assertion HS256 (jsonwebtoken's default)` : `The NetSuite client assertion is signed ${p.alg}`;
  return `${what}: NetSuite's OAuth 2.0 client credentials (M2M) token endpoint accepts only PS256/PS384/PS512 and ES256/ES384/ES512, so the token request fails. ${
    pssOf(p.alg) || p.missing ? `Sign ${pssOf(p.alg) ?? 'PS256'} with the same RSA key` : 'Sign PS256 (RSA certificate) or ES256 (EC P-256 certificate) with the private key of the certificate uploaded to the M2M setup'
  }. (Client credentials is what replaces TBA, which takes no new integrations as of ${RELEASE.noNewTba}.)`;
}

function describe(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

function lifetimeMessage(p: LifetimeProblem): string {
  return `The NetSuite client assertion lives ${describe(p.lifetime.seconds)}: NetSuite rejects an M2M JWT whose exp is more than 60 minutes after iat, so the token request fails. Cap it at 3600 seconds (1h). (Client credentials is what replaces TBA, which takes no new integrations as of ${RELEASE.noNewTba}.)`;
}

function hover(): string {
  return [
    `**M2M client assertion NetSuite rejects** (\`${ID}\`)`,
    '',
    "NetSuite's client-credentials grant takes a JWT assertion with `alg` in PS256/PS384/PS512 or ES256/ES384/ES512 (not RS256, not HS256), `kid` = the certificate id, `iss` = the client id, `aud` = the token URL, and `exp` at most 60 minutes after `iat`. Anything else fails at the token endpoint: code that looks migrated to OAuth 2.0 but cannot get a token.",
    '',
    `- Client credentials (M2M) is the replacement for token-based authentication, which takes no new integrations as of NetSuite ${RELEASE.noNewTba}.`,
    '- RS256 and PS256 use the same RSA key: only the padding (RSA-PSS) changes.',
    '',
    '**Fix:** sign with `PS256` (same RSA key) or `ES256` (an EC P-256 certificate), and let the assertion expire within an hour (`expiresIn: \'1h\'`, `exp: iat + 3600`).',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Where the file is an M2M client

/** The client-credentials flow in the file's code: the grant, the assertion type, or NetSuite's token URL. */
function m2mEvidence(js: JsFile): boolean {
  const re = /client_credentials|client_assertion|jwt-bearer|\/services\/rest\/auth\/oauth2\/v1\/token/i;
  for (const lit of js.index.of('Literal')) if (typeof lit.value === 'string' && re.test(lit.value)) return true;
  for (const q of js.index.of('TemplateElement')) if (re.test(q.value.cooked ?? q.value.raw)) return true;
  for (const p of js.index.of('Property')) {
    const key = propertyName(p.key, p.computed);
    if (key && /^client_?assertion/i.test(key)) return true;
  }
  return false;
}

/** Claims of a user session token (not a client assertion): a subject or user and no issuer/audience/scope. */
function looksLikeSession(names: readonly string[]): boolean {
  if (names.some((n) => /^(?:iss|aud|scope)$/.test(n))) return false;
  return names.some((n) => /^(?:sub|user|userId|user_id|uid|email|username|role|roles|sessionId)$/i.test(n));
}

function looksLikeAssertion(names: readonly string[]): boolean {
  return names.some((n) => /^(?:iss|aud|scope)$/.test(n));
}

function namesOf(js: JsFile, node: Node | undefined): string[] | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  const entries = js.evaluator.properties(node);
  return entries?.map((e) => e.name);
}

// ---------------------------------------------------------------------------
// Detection

/** The literal that names a value: `'RS256'`, a constant holding it, or the default of `process.env.JWT_ALG || 'RS256'`. */
function literalOf(js: JsFile, value: Node | undefined, depth = 0): TSESTree.StringLiteral | undefined {
  if (!value || depth > 4) return undefined;
  const resolved = unwrap(js.evaluator.resolve(value));
  if (isStringLiteral(resolved)) return resolved;
  if (resolved.type === 'LogicalExpression' && (resolved.operator === '||' || resolved.operator === '??')) return literalOf(js, resolved.right, depth + 1);
  if (resolved.type === 'ConditionalExpression') return undefined;
  return undefined;
}

/** A shared secret (`process.env.JWT_SECRET`, `sessionSecret`): an app's own HS256 token, not a NetSuite assertion. */
function isSecretKey(js: JsFile, key: Node | undefined): boolean {
  if (!key) return false;
  const text = js.text.slice(key.range[0], key.range[1]);
  return /secret/i.test(text) && !/private|pem|cert/i.test(text);
}

function isBad(alg: string): boolean {
  return JWS_ALG.test(alg) && !ALLOWED.has(alg.toUpperCase());
}

function nodeRange(node: Node): OffsetRange {
  return { start: node.range[0], end: node.range[1] };
}

/** The chain of calls made on a value: `new SignJWT(p).setProtectedHeader(…).sign(k)`, and on the variable it is stored in. */
function chainCalls(js: JsFile, start: Node): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  let n: Node = start;
  while (n.parent?.type === 'MemberExpression' && n.parent.object === n && n.parent.parent?.type === 'CallExpression' && n.parent.parent.callee === n.parent) {
    out.push(n.parent.parent);
    n = n.parent.parent;
  }
  let holder: Node = n;
  if (holder.parent?.type === 'AwaitExpression') holder = holder.parent;
  if (holder.parent?.type === 'VariableDeclarator' && holder.parent.id.type === 'Identifier') {
    const binding = js.scopes.resolve(holder.parent.id);
    for (const id of js.index.of('Identifier')) {
      if (id === holder.parent.id || id.name !== binding?.name || js.scopes.resolve(id) !== binding) continue;
      let m: Node = id;
      while (m.parent?.type === 'MemberExpression' && m.parent.object === m && m.parent.parent?.type === 'CallExpression' && m.parent.parent.callee === m.parent) {
        out.push(m.parent.parent);
        m = m.parent.parent;
      }
    }
  }
  return out;
}

function methodOf(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' ? memberName(callee) : undefined;
}

const IMPORT_ALG_CALLS = /^(?:importPKCS8|importSPKI|importX509|importJWK)$/;

function findProblems(js: JsFile): Problem[] {
  if (!hasNetSuiteContext(js)) return [];
  const evidence = m2mEvidence(js);
  const problems: Problem[] = [];
  const taken = new Set<Node>();
  /** Literals another finding's fix changes (jose key imports, …): not findings of the hand-built search. */
  const companions = new Set<Node>();
  const addAlg = (p: AlgProblem) => {
    const key = p.literal ?? p.segment;
    if (key && taken.has(key)) return;
    if (key) taken.add(key);
    for (const c of p.companions) companions.add(c);
    if (problems.some((q) => q.range.start === p.range.start && q.range.end === p.range.end)) return;
    problems.push(p);
  };
  const addLifetime = (lifetime: Lifetime | undefined) => {
    if (!lifetime || lifetime.seconds <= MAX_LIFETIME || taken.has(lifetime.node)) return;
    taken.add(lifetime.node);
    problems.push({ kind: 'lifetime', range: nodeRange(lifetime.node), lifetime });
  };
  const algAt = (value: Node | undefined, signer: Signer, companions: TSESTree.StringLiteral[] = []): boolean => {
    const literal = literalOf(js, value);
    if (!literal) return false;
    if (taken.has(literal)) return true;
    if (isBad(literal.value)) {
      const same = companions.filter((c) => c !== literal && c.value === literal.value);
      addAlg({ kind: 'alg', range: nodeRange(literal), alg: literal.value, signer, literal, companions: same });
      // `algorithm: 'RS256'` and `header: { alg: 'RS256' }` of one signature are one problem, fixed together.
      for (const c of same) taken.add(c);
    } else taken.add(literal);
    return true;
  };
  /**
   * A client assertion for NetSuite: not a user's session token, and either the file runs the
   * client-credentials flow or the claims name NetSuite (its token URL as `aud`, its scopes).
   */
  const assertionSite = (claims: string[] | undefined, claimsNode: Node | undefined, audience?: Node) => {
    if (claims && looksLikeSession(claims)) return false;
    if (evidence) return true;
    const aud = audience ?? (claimsNode ? js.evaluator.property(claimsNode, 'aud')?.value : undefined);
    if (aud && NETSUITE_URL.test(js.evaluator.stringOf(aud))) return true;
    const scope = claimsNode ? js.evaluator.property(claimsNode, 'scope')?.value : undefined;
    const scopeText = scope ? (unwrap(scope).type === 'ArrayExpression' ? js.text.slice(scope.range[0], scope.range[1]) : js.evaluator.stringOf(scope)) : '';
    return /restlets|rest_webservices|suite_analytics/.test(scopeText);
  };
  const importAlgs = js.index
    .of('CallExpression')
    .filter((c) => IMPORT_ALG_CALLS.test(methodOf(c) ?? (unwrap(c.callee).type === 'Identifier' ? (unwrap(c.callee) as TSESTree.Identifier).name : '')))
    .map((c) => literalOf(js, c.arguments[1] as Node | undefined))
    .filter((l): l is TSESTree.StringLiteral => !!l);

  for (const rc of js.calls()) {
    const last = rc.path[rc.path.length - 1];
    const args = rc.call.arguments as Node[];
    // jsonwebtoken: jwt.sign(payload, key, { algorithm, header: { alg, kid }, expiresIn, keyid }); jose 2.x: JWT.sign(…)
    if (rc.call.type === 'CallExpression' && ((rc.module === 'jsonwebtoken' && rc.path.join('.') === 'sign') || (rc.module === 'jose' && rc.path.join('.') === 'JWT.sign'))) {
      const signer: Signer = rc.module === 'jose' ? 'jose' : 'jsonwebtoken';
      const optionsArg = args[2] && !/Function/.test(unwrap(js.evaluator.resolve(args[2])).type) ? args[2] : undefined;
      const options = optionsArg ? unwrap(js.evaluator.resolve(optionsArg)) : undefined;
      const optionObject = options?.type === 'ObjectExpression' ? options : undefined;
      if (optionsArg && !optionObject && !js.evaluator.properties(optionsArg)) continue;
      const header = optionsArg ? js.evaluator.property(optionsArg, 'header')?.value : undefined;
      const kid = !!(optionsArg && (js.evaluator.property(optionsArg, 'keyid') || (header && js.evaluator.property(header, 'kid'))));
      const claims = namesOf(js, args[0]);
      if (!kid && isSecretKey(js, args[1]) && !(claims && looksLikeAssertion(claims))) continue;
      if (!assertionSite(claims, args[0])) continue;
      const headerAlg = header ? js.evaluator.property(header, 'alg')?.value : undefined;
      const algorithm = optionsArg ? js.evaluator.property(optionsArg, 'algorithm')?.value : undefined;
      const algorithmLiteral = literalOf(js, algorithm);
      const headerLiteral = literalOf(js, headerAlg);
      // header.alg wins over `algorithm` in jsonwebtoken: both are strings to change. The same bad value in both is
      // one finding (on `algorithm`) whose fix changes both; different values are two.
      if (algorithm) algAt(algorithm, signer, headerLiteral ? [headerLiteral] : []);
      if (headerAlg) algAt(headerAlg, signer, algorithmLiteral ? [algorithmLiteral] : []);
      if (!algorithm && !headerAlg && signer === 'jsonwebtoken' && rc.call.type === 'CallExpression') {
        const range = optionObject ? nodeRange(optionObject) : nodeRange(rc.call);
        if (!optionsArg || optionObject) addAlg({ kind: 'alg', range, alg: 'HS256', signer, companions: [], missing: { options: optionObject, call: rc.call, keyArg: args[1] } });
      }
      const expiresIn = optionsArg ? js.evaluator.property(optionsArg, 'expiresIn')?.value : undefined;
      if (expiresIn) addLifetime(expiresInLifetime(js, expiresIn));
      const exp = args[0] ? js.evaluator.property(args[0], 'exp')?.value : undefined;
      if (exp) addLifetime(expOffset(js, exp));
      continue;
    }
    // jose: new SignJWT(claims).setProtectedHeader({ alg, kid }).setExpirationTime('2h').sign(key)
    if (rc.call.type === 'NewExpression' && rc.module === 'jose' && (last === 'SignJWT' || last === 'CompactSign' || last === 'FlattenedSign')) {
      const calls = chainCalls(js, rc.call);
      const names = [...(namesOf(js, args[0]) ?? []), ...calls.map(methodOf).filter((m): m is string => !!m).map((m) => ({ setIssuer: 'iss', setAudience: 'aud' })[m as 'setIssuer'] ?? '')];
      const protectedHeader = calls.find((c) => methodOf(c) === 'setProtectedHeader')?.arguments[0] as Node | undefined;
      const audience = calls.find((c) => methodOf(c) === 'setAudience')?.arguments[0] as Node | undefined;
      if (!assertionSite(last === 'SignJWT' ? names : undefined, args[0], audience)) continue;
      if (protectedHeader) algAt(js.evaluator.property(protectedHeader, 'alg')?.value, 'jose', importAlgs);
      const expiration = calls.find((c) => methodOf(c) === 'setExpirationTime')?.arguments[0] as Node | undefined;
      if (expiration) addLifetime(joseExpiration(js, expiration));
      const exp = args[0] ? js.evaluator.property(args[0], 'exp')?.value : undefined;
      if (exp) addLifetime(expOffset(js, exp));
      continue;
    }
    // node-jose: jose.JWS.createSign({ format: 'compact', fields: { alg, kid } }, key)
    if (rc.module === 'node-jose' && rc.path.join('.') === 'JWS.createSign') {
      if (!evidence) continue;
      const opts = args[0];
      const fields = opts ? js.evaluator.property(opts, 'fields')?.value : undefined;
      const alg = (fields ? js.evaluator.property(fields, 'alg')?.value : undefined) ?? (opts ? js.evaluator.property(opts, 'alg')?.value : undefined);
      const asKeyAlgs = js.index
        .of('CallExpression')
        .filter((c) => methodOf(c) === 'asKey' && c.arguments[2])
        .map((c) => literalOf(js, js.evaluator.property(c.arguments[2] as Node, 'alg')?.value))
        .filter((l): l is TSESTree.StringLiteral => !!l);
      if (alg) algAt(alg, 'node-jose', asKeyAlgs);
      continue;
    }
    // fast-jwt: createSigner({ key, algorithm, kid, expiresIn /* ms */ })
    if (rc.module === 'fast-jwt' && last === 'createSigner' && args[0]) {
      if (!evidence) continue;
      const algorithm = js.evaluator.property(args[0], 'algorithm')?.value;
      if (algorithm) algAt(algorithm, 'fast-jwt');
      const expiresIn = js.evaluator.property(args[0], 'expiresIn')?.value;
      if (expiresIn) addLifetime(expiresInLifetime(js, expiresIn, 'milliseconds'));
      continue;
    }
    // jwt-simple: jwt.encode(payload, key, 'RS256') — no PS256 in that library.
    if (rc.module === 'jwt-simple' && last === 'encode') {
      if (!assertionSite(namesOf(js, args[0]), args[0])) continue;
      if (args[2]) algAt(args[2], 'jwt-simple');
      const exp = args[0] ? js.evaluator.property(args[0], 'exp')?.value : undefined;
      if (exp) addLifetime(expOffset(js, exp));
      continue;
    }
  }
  // jsrsasign: KJUR.jws.JWS.sign('RS256', header, payload, key)
  for (const call of js.index.of('CallExpression')) {
    const path = calleePath(call.callee)?.join('.');
    if (!path || !/(?:^|\.)JWS\.sign$/.test(path)) continue;
    if (!evidence) continue;
    const [algArg, headerArg, payloadArg] = call.arguments as Node[];
    const headerObject = headerArg ? jsonObject(js, headerArg) : undefined;
    const headerAlg = headerObject ? js.evaluator.property(headerObject, 'alg')?.value : undefined;
    const headerLiteral = literalOf(js, headerAlg);
    const algLiteral = literalOf(js, algArg);
    if (algLiteral) algAt(algArg, 'jsrsasign', headerLiteral ? [headerLiteral] : []);
    if (headerAlg) algAt(headerAlg, 'jsrsasign', algLiteral ? [algLiteral] : []);
    const payloadObject = payloadArg ? jsonObject(js, payloadArg) : undefined;
    const exp = payloadObject ? js.evaluator.property(payloadObject, 'exp')?.value : undefined;
    if (exp) addLifetime(expOffset(js, exp));
  }
  // A module that only builds the assertion shows it by its claims: NetSuite's scopes or token URL as `aud`.
  const claimsEvidence = !evidence && js.index.of('ObjectExpression').some((o) => {
    const names = namesOf(js, o) ?? [];
    return names.includes('iss') && (names.includes('aud') || names.includes('scope')) && assertionSite(names, o);
  });
  if (!evidence && !claimsEvidence) return sorted(problems);
  // Hand-built: a JWT header object { alg: 'RS256', typ: 'JWT', kid }, a claims object with a long exp.
  for (const object of js.index.of('ObjectExpression')) {
    const names = namesOf(js, object) ?? [];
    if (names.includes('alg') && (names.includes('typ') || names.includes('kid')) && !names.includes('kty') && !names.includes('use')) {
      const alg = js.evaluator.property(object, 'alg')?.value;
      const literal = literalOf(js, alg);
      if (literal && !taken.has(literal) && !companions.has(literal) && JWS_ALG.test(literal.value)) algAt(alg, 'hand-built');
    }
    if (names.includes('exp') && (names.includes('aud') || names.includes('iss') || names.includes('scope')) && !looksLikeSession(names)) {
      const exp = js.evaluator.property(object, 'exp')?.value;
      if (exp) addLifetime(expOffset(js, exp));
    }
  }
  // Hand-built header text: '{"alg":"RS256","typ":"JWT"}' and its base64url form 'eyJhbGciOiJSUzI1NiIs…'.
  for (const root of stringRoots(js)) {
    if (isDescriptiveUse(root)) continue;
    for (const lit of literalsIn(js, root)) {
      if (taken.has(lit) || companions.has(lit)) continue;
      if (isStringLiteral(lit)) {
        const segment = decodeSegment(lit.value);
        if (segment && typeof segment.alg === 'string' && isBad(segment.alg)) {
          addAlg({ kind: 'alg', range: nodeRange(lit), alg: segment.alg, signer: 'hand-built', companions: [], segment: lit });
          continue;
        }
      }
      const raw = js.text.slice(lit.range[0], lit.range[1]);
      const m = /\\?"alg\\?"\s*:\s*\\?"([A-Za-z]{2}\d{3}|EdDSA|none)\\?"/.exec(raw);
      if (m && isBad(m[1])) {
        const start = lit.range[0] + m.index + m[0].lastIndexOf(m[1]);
        addAlg({ kind: 'alg', range: { start, end: start + m[1].length }, alg: m[1], signer: 'hand-built', companions: [], inText: { start, end: start + m[1].length } });
      }
    }
  }
  return sorted(problems);
}

function sorted(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.range.start - b.range.start);
}

/** `JSON.stringify({...})` or an object: the object. */
function jsonObject(js: JsFile, node: Node): Node | undefined {
  const n = unwrap(js.evaluator.resolve(node));
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'CallExpression' && calleePath(n.callee)?.join('.') === 'JSON.stringify' && n.arguments[0]) {
    const inner = unwrap(js.evaluator.resolve(n.arguments[0]));
    return inner.type === 'ObjectExpression' ? inner : undefined;
  }
  return undefined;
}

function literalsIn(js: JsFile, root: Node): (TSESTree.StringLiteral | TSESTree.TemplateElement)[] {
  const out: (TSESTree.StringLiteral | TSESTree.TemplateElement)[] = [];
  for (const lit of js.index.of('Literal')) if (isStringLiteral(lit) && contains(root, lit)) out.push(lit);
  for (const q of js.index.of('TemplateElement')) if (contains(root, q)) out.push(q);
  return out;
}

// ---------------------------------------------------------------------------
// Rule entry points

interface JwtData {
  problem: Problem;
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  return findProblems(js).map((problem) => ({
    ruleId: ID,
    range: problem.range,
    message: problem.kind === 'alg' ? algMessage(problem) : lifetimeMessage(problem),
    hover: hover(),
    data: { problem } satisfies JwtData,
  }));
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  const data = finding.data as JwtData | undefined;
  if (!data) return [];
  const js = context.js();
  const style = detectStyle(js.text);
  const page: Fix = { title: 'Open the m2m-jwt-algorithm rule page', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) };
  const p = data.problem;
  if (p.kind === 'lifetime') return [lifetimeFix(js, p, style), page];
  const fix = algFix(js, context, p, style);
  return fix ? [fix, page] : [page];
}

function lifetimeFix(js: JsFile, p: LifetimeProblem, style: CodeStyle): Fix {
  const node = p.lifetime.node;
  let text: string;
  if (p.lifetime.replacement === 'span') {
    const raw = js.text[node.range[0]];
    text = raw === '"' || raw === "'" || raw === '`' ? `${raw}1h${raw}` : quoted('1h', style);
  } else text = p.lifetime.replacement === 'milliseconds' ? '3600 * 1000' : '3600';
  return { title: 'Let the client assertion expire within an hour (3600 seconds)', edits: [{ range: nodeRange(node), newText: text }], preferred: true };
}

function replaceInLiteral(literal: TSESTree.StringLiteral, value: string): TextEdit {
  return { range: { start: literal.range[0] + 1, end: literal.range[1] - 1 }, newText: value };
}

function algFix(js: JsFile, context: RuleContext, p: AlgProblem, style: CodeStyle): Fix | undefined {
  if (p.missing) {
    const q = style.quote;
    const key = p.missing.keyArg ? js.text.slice(p.missing.keyArg.range[0], p.missing.keyArg.range[1]) : '';
    // PS256 needs the RSA private key; a shared secret cannot sign it.
    const rsaKey = /private|pem|\bkey\b|Key\b|cert/i.test(key) && !/secret/i.test(key);
    let edit: TextEdit;
    if (p.missing.options) edit = addProperties(js.text, p.missing.options, [`algorithm: ${q}PS256${q}`], style.eol);
    else {
      const keyArg = p.missing.keyArg;
      if (!keyArg) return undefined;
      edit = { range: { start: keyArg.range[1], end: keyArg.range[1] }, newText: `, { algorithm: ${q}PS256${q} }` };
    }
    return { title: 'Sign the client assertion PS256', edits: [edit], preferred: rsaKey };
  }
  const target = pssOf(p.alg);
  // jwt-simple signs RS256 and HS256 only: PS256 needs another library.
  if (!target || p.signer === 'jwt-simple') return undefined;
  const edits: TextEdit[] = [];
  if (p.literal) edits.push(replaceInLiteral(p.literal, target));
  if (p.inText) edits.push({ range: p.inText, newText: target });
  if (p.segment) edits.push(replaceInLiteral(p.segment, reencodeSegment(p.segment.value, target)));
  for (const c of p.companions) edits.push(replaceInLiteral(c, target));
  let preferred = PSS_LIBRARIES.has(p.signer);
  let title = `Sign the client assertion ${target} (same RSA key)`;
  if (p.signer === 'hand-built') {
    const signer = pssSignerEdits(js, context, style, target);
    if (signer === 'already') preferred = true;
    else if (signer && signer.length > 0) {
      edits.push(...signer);
      preferred = true;
      title = `Sign the client assertion ${target}: RSA-PSS padding with the same RSA key`;
    } else if (importsJwtLibrary(js)) preferred = true;
    else title = `Sign the client assertion ${target} (then sign with RSA-PSS padding: the header alone does not change the signature)`;
  }
  return { title, edits: unique(edits), preferred };
}

function unique(edits: TextEdit[]): TextEdit[] {
  return edits.filter((e, i) => !edits.some((f, j) => j < i && f.range.start === e.range.start && f.range.end === e.range.end));
}

function importsJwtLibrary(js: JsFile): boolean {
  const modules = js.importedModules();
  return ['jws', 'jsonwebtoken', 'jose', 'node-jose', 'jsrsasign', 'fast-jwt', 'jwa'].some((m) => modules.has(m));
}

const SALT: Record<string, number> = { PS256: 32, PS384: 48, PS512: 64 };

/**
 * A hand-built RS256 signature (Node `crypto.createSign(…).sign(key)`,
 * `crypto.sign(alg, data, key)`, Web Crypto `RSASSA-PKCS1-v1_5`) becomes
 * RSA-PSS with the same key. 'already' when the file signs with PSS padding.
 */
function pssSignerEdits(js: JsFile, context: RuleContext, style: CodeStyle, target: string): TextEdit[] | 'already' | undefined {
  if (/RSA_PKCS1_PSS_PADDING|['"]RSA-PSS['"]/.test(js.text)) return 'already';
  const edits: TextEdit[] = [];
  const keyArgs: Node[] = [];
  const calls: ResolvedCall[] = js.calls() as ResolvedCall[];
  for (const rc of calls) {
    if (rc.module !== 'crypto' && rc.module !== 'node:crypto') continue;
    const name = rc.path.join('.');
    if (name === 'sign' && rc.call.arguments[2]) keyArgs.push(rc.call.arguments[2] as Node);
    if (name === 'createSign') {
      for (const c of chainCalls(js, rc.call)) if (methodOf(c) === 'sign' && c.arguments[0]) keyArgs.push(c.arguments[0] as Node);
    }
  }
  if (keyArgs.length > 0) {
    const names = cryptoNames(js, context.document.kind === 'ts', isEsModule(js, context.document.uri), style, keyArgs[0], ['constants']);
    if (!names) return undefined;
    const c = names.names.constants;
    const padding = [`padding: ${c}.RSA_PKCS1_PSS_PADDING`, `saltLength: ${c}.RSA_PSS_SALTLEN_DIGEST`];
    for (const key of keyArgs) {
      const resolved = unwrap(key);
      if (resolved.type === 'ObjectExpression') edits.push(addProperties(js.text, resolved, padding, style.eol));
      else edits.push({ range: nodeRange(key), newText: `{ key: ${js.text.slice(key.range[0], key.range[1])}, ${padding.join(', ')} }` });
    }
    edits.push(...names.edits);
  }
  // Web Crypto: { name: 'RSASSA-PKCS1-v1_5' } → { name: 'RSA-PSS', saltLength } when signing, 'RSA-PSS' when importing the key.
  for (const lit of js.index.of('Literal')) {
    if (!isStringLiteral(lit) || lit.value !== 'RSASSA-PKCS1-v1_5') continue;
    const parent = lit.parent;
    const signCall = (n: Node | undefined): boolean => n?.type === 'CallExpression' && methodOf(n) === 'sign';
    if (signCall(parent) && (parent as TSESTree.CallExpression).arguments[0] === lit) {
      edits.push({ range: nodeRange(lit), newText: `{ name: ${quoted('RSA-PSS', style)}, saltLength: ${SALT[target]} }` });
    } else {
      edits.push(replaceInLiteral(lit, 'RSA-PSS'));
      const object = parent?.type === 'Property' ? parent.parent : undefined;
      if (object?.type === 'ObjectExpression' && signCall(object.parent) && !(object.properties as Node[]).some((x) => x.type === 'Property' && propertyName(x.key, x.computed) === 'saltLength')) {
        edits.push(addProperties(js.text, object, [`saltLength: ${SALT[target]}`], style.eol));
      }
    }
  }
  return edits.length > 0 ? edits : undefined;
}
