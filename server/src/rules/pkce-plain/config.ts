import { normalizeKey } from '../../config/keys';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { ConfigEntry } from '../../config/model';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { configStrings, hasNetSuiteContext, isScriptLine, matchRange, replace, type ConfigString } from '../configShared';

const ID = 'pkce-plain';

/** Keys that choose the PKCE method: `code_challenge_method`, `codeChallengeMethod`, Postman `challengeAlgorithm`, `pkce_method`. */
export const METHOD_KEY = /(?:codechallenge|challenge|pkce|pkcechallenge)(?:method|algorithm|alg|type)$/;
/** The method in a URL query, a form body or a script: `code_challenge_method=plain`. */
const EMBEDDED = /code_?challenge_?method\s*\\?["']?\s*[=:]\s*\\?["']?\s*(plain)\b/i;

interface PlainData {
  /** `plain` where it is reported, and in the Postman `query` item that copies a `raw` URL. */
  ranges: OffsetRange[];
}

/**
 * Config-file side of `pkce-plain`: a PKCE challenge method set to `plain`
 * in NetSuite OAuth 2.0 config (`code_challenge_method`, Postman
 * `challengeAlgorithm`, …) or in a stored authorize URL. Reported on `plain`.
 */
export function checkConfig(context: RuleContext): Finding[] {
  const text = context.document.text;
  const out: Finding[] = [];
  for (const s of configStrings(context)) {
    if (!/plain/i.test(s.value)) continue;
    let range: OffsetRange | undefined;
    if (s.entry && !isScriptLine(s) && METHOD_KEY.test(normalizeKey(s.entry.key)) && /^\s*plain\s*$/i.test(s.value)) range = matchRange(text, s, /plain/i);
    else if (EMBEDDED.test(s.value)) range = matchRange(text, s, EMBEDDED, 1);
    if (!range || queryCopyOf(context, s) || !hasNetSuiteContext(context, s)) continue;
    // A Postman URL's `raw` and its `query` item change together.
    const copies = context
      .config()
      .entries.filter((e) => e.valueRange && e.value !== undefined && /^\s*plain\s*$/i.test(e.value) && queryCopyOf(context, { value: e.value, range: e.valueRange, entry: e, path: e.path }) === s.entry)
      .map((e) => matchRange(text, { value: e.value!, range: e.valueRange!, entry: e, path: e.path }, /plain/i)!);
    out.push({ ruleId: ID, range, message: message(s), hover: hover(), data: { ranges: [range, ...copies] } satisfies PlainData });
  }
  return out;
}

export function configFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as PlainData | undefined;
  if (!data) return [];
  return [
    { title: 'Use the S256 challenge method (SHA-256 of the verifier)', edits: data.ranges.map((r) => replace(r, 'S256')), preferred: true },
    { title: 'Open the pkce-plain guide', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) },
  ];
}

/** For a Postman `url.query` item whose URL's `raw` holds the same parameter, that `raw` entry: the finding is on `raw`, once. */
function queryCopyOf(context: RuleContext, s: ConfigString): ConfigEntry | undefined {
  const entry = s.entry;
  if (!entry?.keyValueItem || entry.path[entry.path.length - 2] !== 'query' || !METHOD_KEY.test(normalizeKey(entry.key))) return undefined;
  const url = entry.path.slice(0, -2).join('\u0000');
  return context.config().entries.find((e) => e.key === 'raw' && e.path.slice(0, -1).join('\u0000') === url && e.value !== undefined && EMBEDDED.test(e.value) && e.valueRange !== undefined && e.valueRange.start < entry.keyRange.start);
}

function message(s: ConfigString): string {
  const what = s.entry && METHOD_KEY.test(normalizeKey(s.entry.key)) ? `\`${s.entry.key}\` is \`plain\`` : 'The PKCE challenge method is `plain`';
  return `${what}: the challenge is the verifier itself, so whoever sees the authorize request can redeem the code. Use S256; PKCE is required for all new NetSuite authorization code integrations as of ${RELEASE.pkceRequired}.`;
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
    '**Fix:** set the method to `S256` (the quick fix does) and make sure the code that builds the challenge hashes the verifier with SHA-256.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}
