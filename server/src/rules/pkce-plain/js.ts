import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { calleePath, unwrap } from '../../js/ast';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { literalMatch, matchingStrings } from '../shared/jsStrings';

export const ID = 'pkce-plain';

const METHOD_KEY = /^(code_?challenge_?method|codeChallengeMethod|challengeMethod|challenge_?algorithm|challengeAlgorithm)$/i;

export function plainMessage(): string {
  return `code_challenge_method=plain sends the verifier itself as the challenge, so anyone who sees the authorization request can redeem the code. Use S256 (base64url(SHA-256(verifier))); PKCE is required for new NetSuite authorization code integrations as of ${RELEASE.pkceRequired}.`;
}

export function plainHover(): string {
  return [
    `**PKCE with the plain method** (\`${ID}\`)`,
    '',
    'With `plain`, the challenge equals the verifier: PKCE then protects nothing against an attacker who can read the authorization request.',
    '',
    '**Fix:** `code_challenge_method=S256` and `code_challenge = base64url(sha256(code_verifier))`.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

interface PlainData {
  range: OffsetRange;
  /** Whether the file already computes a SHA-256 challenge, so switching the method alone is enough. */
  hashed: boolean;
}

function make(range: OffsetRange, hashed: boolean): Finding {
  return { ruleId: ID, range, message: plainMessage(), hover: plainHover(), data: { range, hashed } satisfies PlainData };
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  if (!hasNetSuiteContext(js)) return [];
  const hashed = /createHash\(\s*['"]sha256['"]|SHA256|subtle\.digest/i.test(js.text);
  const out: Finding[] = [];
  // `code_challenge_method: 'plain'` in an object.
  for (const p of js.index.of('Property')) {
    if (p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : '';
    const v = unwrap(p.value);
    if (METHOD_KEY.test(key) && v.type === 'Literal' && v.value === 'plain') out.push(make({ start: v.range[0] + 1, end: v.range[1] - 1 }, hashed));
  }
  // `params.set('code_challenge_method', 'plain')`.
  for (const call of js.index.of('CallExpression')) {
    const last = calleePath(call.callee)?.at(-1);
    if ((last === 'set' || last === 'append') && call.arguments.length >= 2 && METHOD_KEY.test(js.evaluator.constantString(call.arguments[0]) ?? '')) {
      const v = unwrap(call.arguments[1]);
      if (v.type === 'Literal' && v.value === 'plain') out.push(make({ start: v.range[0] + 1, end: v.range[1] - 1 }, hashed));
    }
  }
  // `…&code_challenge_method=plain` in a URL or body string.
  for (const m of matchingStrings(js, (value) => /code_challenge_method=plain\b/.test(value))) {
    const r = literalMatch(js, [m.root, ...m.reached], /(?<=code_challenge_method=)plain\b/);
    if (r) out.push(make(r, hashed));
  }
  const unique = out.filter((f, i) => out.findIndex((g) => g.range.start === f.range.start) === i);
  return unique.sort((a, b) => a.range.start - b.range.start);
}

export function jsFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as PlainData;
  return [
    {
      title: data.hashed ? 'Use the S256 challenge method' : 'Use the S256 challenge method (also compute code_challenge with SHA-256)',
      edits: [{ range: data.range, newText: 'S256' }],
      // Switching the method without hashing the challenge breaks the login: applied unasked only when the code already hashes.
      preferred: data.hashed,
    },
    { title: 'Show the pkce-plain rule page', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) },
  ];
}
