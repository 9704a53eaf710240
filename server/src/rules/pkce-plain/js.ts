import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange, TextEdit } from '../../core/text';
import { contains, isStringLiteral, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { detectStyle } from '../../fixes/style';
import { matchingStrings } from '../shared/jsStrings';
import { cryptoAccess, isEsModule } from '../missing-pkce/js-crypto';
import { classifyUrl, endpointOf, importsModule, isNetSuiteEndpoint, isTestExpectation, queryObjectsOf, type Endpoint } from '../missing-pkce/js-oauth';

export const ID = 'pkce-plain';

/** Keys that choose the PKCE method in code: `code_challenge_method`, `codeChallengeMethod`, `challengeMethod`. */
const METHOD_KEY = /^(?:code_?challenge_?method|codeChallengeMethod|challenge_?method|pkce_?method|pkceMethod)$/i;
const PLAIN = /^plain$/i;
/** `code_challenge_method=plain` in a URL or body, with the position of `plain`. */
const EMBEDDED = /code_challenge_method=(plain)(?![\w-])/i;

interface PlainSite {
  /** What is replaced by `S256`: the literal (quotes kept) or the text inside a string. */
  range: OffsetRange;
  /** Whole string literal: the finding covers the quotes too. */
  literal?: TSESTree.StringLiteral;
  /** The `code_challenge` value that is the verifier itself, when the code shows it. */
  challenge?: Node;
  library?: 'passport-oauth2' | 'openid-client';
  /** The object, string or query object the method belongs to (for the endpoint). */
  owner: Node;
}

interface PlainData {
  site: PlainSite;
}

export function message(site: PlainSite): string {
  const what = site.library === 'passport-oauth2' ? "passport-oauth2's `pkce: 'plain'`" : site.library === 'openid-client' ? "openid-client's `usePKCE: 'plain'`" : '`code_challenge_method=plain`';
  return `${what} sends the verifier itself as the PKCE challenge, so whoever sees the NetSuite authorize request can redeem the code. Use S256 (base64url(SHA-256(verifier))); PKCE is required for all new NetSuite authorization code integrations as of ${RELEASE.pkceRequired}.`;
}

function hover(): string {
  return [
    `**PKCE with the plain method** (\`${ID}\`)`,
    '',
    'With `code_challenge_method=plain` the `code_challenge` sent on the authorize request *is* the `code_verifier`: anyone who can read that request (browser history, logs, a proxy) can redeem the authorization code.',
    '',
    `- NetSuite requires PKCE for every new OAuth 2.0 authorization code integration, public and confidential, as of ${RELEASE.pkceRequired}.`,
    '- `S256` sends `base64url(sha256(verifier))` instead, which reveals nothing.',
    '',
    "**Fix:** set the method to `S256` and compute the challenge with `crypto.createHash('sha256').update(verifier).digest('base64url')` (the quick fix does both where the code shows the challenge).",
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const sites = plainSites(js);
  return sites
    .filter((s) => !isTestExpectation(s.owner) && isNetSuiteEndpoint(js, endpointOfSite(js, s)))
    .map((site) => {
      const range = site.literal ? { start: site.literal.range[0], end: site.literal.range[1] } : site.range;
      return { ruleId: ID, range, message: message(site), hover: hover(), data: { site } satisfies PlainData };
    });
}

function endpointOfSite(js: JsFile, site: PlainSite): Endpoint {
  if (site.library) {
    // The strategy's own URLs, else the file.
    const object = site.owner.type === 'ObjectExpression' ? site.owner : undefined;
    const urls = object ? (js.evaluator.properties(object) ?? []).filter((e) => /^(?:authorizationURL|tokenURL)$/.test(e.name)).map((e) => classifyUrl(js.evaluator.stringOf(e.value))) : [];
    return urls.includes('netsuite') ? 'netsuite' : urls.includes('foreign') ? 'foreign' : 'unknown';
  }
  if (isStringish(site.owner)) {
    const own = classifyUrl(js.evaluator.stringOf(site.owner));
    if (own !== 'unknown') return own;
  }
  return endpointOf(js, site.owner);
}

function isStringish(node: Node): boolean {
  return isStringLiteral(node) || node.type === 'TemplateLiteral' || (node.type === 'BinaryExpression' && node.operator === '+');
}

/** The literal a value comes from (`'plain'`, or a constant holding it). */
function plainLiteral(js: JsFile, value: Node): TSESTree.StringLiteral | undefined {
  const resolved = unwrap(js.evaluator.resolve(value));
  return isStringLiteral(resolved) && PLAIN.test(resolved.value) ? resolved : undefined;
}

function plainSites(js: JsFile): PlainSite[] {
  const out: PlainSite[] = [];
  const add = (site: PlainSite) => {
    if (!out.some((s) => s.range.start === site.range.start)) out.push(site);
  };
  const literalSite = (literal: TSESTree.StringLiteral, owner: Node, challenge?: Node, library?: PlainSite['library']): PlainSite => ({
    range: { start: literal.range[0] + 1, end: literal.range[1] - 1 },
    literal,
    owner,
    challenge,
    library,
  });

  // Objects: { code_challenge_method: 'plain', code_challenge: verifier }
  for (const object of js.index.of('ObjectExpression')) {
    for (const p of object.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p.key, p.computed);
      if (!key || !METHOD_KEY.test(key)) continue;
      const literal = plainLiteral(js, p.value);
      if (!literal) continue;
      const challenge = js.evaluator.property(object, 'code_challenge')?.value ?? js.evaluator.property(object, 'codeChallenge')?.value;
      add(literalSite(literal, object, challenge));
    }
  }
  // Query objects: params.set('code_challenge_method', 'plain'), url.searchParams.append(…)
  for (const q of queryObjectsOf(js)) {
    const method = q.params.find((p) => p.name === 'code_challenge_method' && PLAIN.test(p.value));
    if (!method?.valueNode || method.source.type !== 'CallExpression') continue;
    const literal = plainLiteral(js, method.valueNode);
    if (!literal) continue;
    const challenge = q.params.find((p) => p.name === 'code_challenge')?.valueNode;
    add(literalSite(literal, q.node, challenge));
  }
  // Strings: `…&code_challenge_method=plain` (also through a constant: `code_challenge_method=${METHOD}`)
  for (const m of matchingStrings(js, (value) => EMBEDDED.test(value))) {
    const inText = textMatch(js, [m.root, ...m.reached], EMBEDDED);
    const challenge = stringChallenge(m.root);
    if (inText) add({ range: inText, owner: m.root, challenge });
    else {
      const literal = [m.root, ...m.reached].map((n) => unwrap(n)).find((n): n is TSESTree.StringLiteral => isStringLiteral(n) && PLAIN.test(n.value));
      if (literal) add(literalSite(literal, m.root, challenge));
    }
  }
  // passport-oauth2 `pkce: 'plain'`; openid-client's Strategy `usePKCE: 'plain'`
  const passport = importsModule(js, 'passport-oauth2');
  const openid = importsModule(js, 'openid-client');
  if (passport || openid) {
    for (const object of js.index.of('ObjectExpression')) {
      for (const p of object.properties) {
        if (p.type !== 'Property') continue;
        const key = propertyName(p.key, p.computed);
        const library = key === 'pkce' && passport ? 'passport-oauth2' : key === 'usePKCE' && openid ? 'openid-client' : undefined;
        if (!library) continue;
        const literal = plainLiteral(js, p.value);
        if (literal) add(literalSite(literal, object, undefined, library));
      }
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** The range of group 1 of `pattern` inside the string literals and template parts of the nodes. */
function textMatch(js: JsFile, nodes: readonly Node[], pattern: RegExp): OffsetRange | undefined {
  for (const node of nodes) {
    const pieces: Node[] = [];
    for (const lit of js.index.of('Literal')) if (isStringLiteral(lit) && contains(node, lit)) pieces.push(lit);
    for (const q of js.index.of('TemplateElement')) if (contains(node, q)) pieces.push(q);
    pieces.sort((a, b) => a.range[0] - b.range[0]);
    for (const piece of pieces) {
      const raw = js.text.slice(piece.range[0], piece.range[1]);
      const m = pattern.exec(raw);
      if (m) {
        const start = piece.range[0] + m.index + m[0].indexOf(m[1]);
        return { start, end: start + m[1].length };
      }
    }
  }
  return undefined;
}

/** `…&code_challenge=${verifier}` / `'&code_challenge=' + verifier`: the expression after `code_challenge=`. */
function stringChallenge(root: Node): Node | undefined {
  const parts: Node[] = [];
  const flat = (n: Node) => {
    const u = unwrap(n);
    if (u.type === 'BinaryExpression' && u.operator === '+') {
      flat(u.left);
      flat(u.right);
    } else if (u.type === 'TemplateLiteral') {
      u.quasis.forEach((q, i) => {
        parts.push(q);
        if (i < u.expressions.length) parts.push(unwrap(u.expressions[i]));
      });
    } else parts.push(u);
  };
  flat(root);
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    const text = p.type === 'TemplateElement' ? p.value.cooked ?? p.value.raw : isStringLiteral(p) ? p.value : undefined;
    if (text !== undefined && /(?:^|[?&])code_challenge=$/.test(text)) return parts[i + 1];
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Fix

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  const data = finding.data as PlainData | undefined;
  if (!data) return [];
  const js = context.js();
  const site = data.site;
  const page: Fix = { title: 'Open the pkce-plain rule page', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) };
  const method: TextEdit = { range: site.range, newText: 'S256' };
  if (site.library) return [{ title: `Use the S256 challenge method (${site.library} hashes the verifier itself)`, edits: [method], preferred: true }, page];
  const verifier = site.challenge ? verifierUse(js, site.challenge) : undefined;
  if (!verifier) {
    // The challenge is computed elsewhere (a PKCE helper, a library): only the method changes.
    return [{ title: 'Use the S256 challenge method', edits: [method], preferred: true }, page];
  }
  const isTs = context.document.kind === 'ts';
  const style = detectStyle(js.text);
  const crypto = js.isSuiteScript ? undefined : cryptoAccess(js, isTs, isEsModule(js, context.document.uri), style, verifier);
  if (!crypto) {
    // The challenge is the verifier and Node's crypto is not available here: switching the method alone would break the login.
    return [{ title: 'Use the S256 challenge method (then compute code_challenge as base64url(SHA-256(code_verifier)))', edits: [method], preferred: false }, page];
  }
  const q = style.quote;
  const text = js.text.slice(verifier.range[0], verifier.range[1]);
  const hashed = `${crypto.createHash}(${q}sha256${q}).update(${text}).digest(${q}base64url${q})`;
  const shorthand = verifier.parent?.type === 'Property' && verifier.parent.shorthand && verifier.parent.value === verifier;
  const challengeEdit: TextEdit = { range: { start: verifier.range[0], end: verifier.range[1] }, newText: shorthand ? `${text}: ${hashed}` : hashed };
  return [{ title: 'Use the S256 challenge method and send the SHA-256 challenge of the verifier', edits: [method, challengeEdit, ...crypto.edits], preferred: true }, page];
}

/**
 * Where the challenge is the verifier itself: `code_challenge: codeVerifier`,
 * `const codeChallenge = codeVerifier` (the `codeVerifier` there), or
 * `&code_challenge=${verifier}`. Undefined when the challenge is computed
 * (a call, a library value).
 */
function verifierUse(js: JsFile, challenge: Node, depth = 0): Node | undefined {
  const n = unwrap(challenge);
  if (depth > 5) return undefined;
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const name = n.type === 'Identifier' ? n.name : memberName(n) ?? '';
    if (/verifier/i.test(name)) return n;
    if (n.type === 'Identifier') {
      const init = js.evaluator.constantInit(n);
      const binding = js.scopes.resolve(n);
      if (init && binding?.declarator?.init === init) return verifierUse(js, init, depth + 1);
    }
  }
  return undefined;
}
