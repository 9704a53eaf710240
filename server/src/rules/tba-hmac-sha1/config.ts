import { keyWords, normalizeKey } from '../../config/keys';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { configStrings, hasNetSuiteContext, isScriptLine, matchRange, replace, scriptText, type ConfigString } from '../configShared';
import { hover, ID, message, sha256Spelling } from './js';

/** `HMAC-SHA1`, `HMAC_SHA1`, `HMACSHA1`, `HmacSHA1`, never `HMAC-SHA1xx`. */
const METHOD = /HMAC[-_]?SHA-?1(?![0-9])/i;
/** A value that is the method and nothing else. */
const METHOD_VALUE = /^\s*HMAC[-_]?SHA-?1\s*$/i;
/** A bare SHA-1 digest name, for keys that name a signature or hash algorithm (`NETSUITE_HASH_TYPE=sha1`). */
const SHA1_VALUE = /^\s*sha-?1\s*$/i;
/** The method inside a longer value: an OAuth header or query, a token passport, a signer setting. */
const EMBEDDED = /(?:oauth_signature_method|signature_?method|signature_?algorithm|\balgorithm)\s*\\?["']?\s*[=:]\s*\\?["']?\s*(HMAC[-_]?SHA-?1)(?![0-9])/i;

interface HmacConfigData {
  edit: { range: OffsetRange; newText: string };
}

/**
 * Config-file side of `tba-hmac-sha1`: HMAC-SHA1 as the TBA signature method
 * in NetSuite config (`signature_method`, `signatureMethod`,
 * `NS_SIGNATURE_METHOD`, Postman oauth1 `signatureMethod`, MuleSoft
 * `signatureAlgorithm`, a token passport's `algorithm`, `NETSUITE_HASH_TYPE=sha1`),
 * inside stored OAuth headers, and in Postman pre-request scripts that sign
 * TBA requests. Reported on the method value.
 */
export function checkConfig(context: RuleContext): Finding[] {
  const text = context.document.text;
  const out: Finding[] = [];
  let scriptsSign: boolean | undefined;
  for (const s of configStrings(context)) {
    if (!/sha-?1|sha_1/i.test(s.value)) continue;
    let range: OffsetRange | undefined;
    let where: string;
    if (isScriptLine(s)) {
      if (!METHOD.test(s.value)) continue;
      scriptsSign ??= /oauth_|tokenPassport|oauth_signature|signature/i.test(scriptText(context));
      if (!scriptsSign) continue;
      range = matchRange(text, s, METHOD);
      where = 'A Postman script signs TBA requests with HMAC-SHA1';
    } else if (s.entry && (METHOD_VALUE.test(s.value) || (SHA1_VALUE.test(s.value) && namesAlgorithm(s)))) {
      range = matchRange(text, s, /[^\s].*[^\s]|[^\s]/);
      where = `\`${s.entry.key}\` selects HMAC-SHA1 as the TBA signature method`;
    } else if (EMBEDDED.test(s.value)) {
      range = matchRange(text, s, EMBEDDED, 1);
      where = `The value of \`${s.entry?.key ?? 'value'}\` signs with HMAC-SHA1`;
    } else continue;
    if (!range || !hasNetSuiteContext(context, s)) continue;
    const edit = { range, newText: sha256Spelling(text.slice(range.start, range.end)) };
    if (edit.newText === text.slice(range.start, range.end)) continue;
    out.push({ ruleId: ID, range, message: message(where), hover: hover(), data: { edit } satisfies HmacConfigData });
  }
  return out;
}

export function configFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as HmacConfigData | undefined;
  if (!data?.edit) return [];
  return [{ title: `Sign with ${data.edit.newText} (SHA-256)`, edits: [replace(data.edit.range, data.edit.newText)], preferred: true }];
}

/** A key that names a signature or hash algorithm: `hash_type`, `signatureAlgorithm`, `<signature algorithm="…">`. */
function namesAlgorithm(s: ConfigString): boolean {
  const entry = s.entry!;
  const words = keyWords(entry.key);
  const what = words.some((w) => /^(?:signature|sig|hash|hmac|digest)$/.test(w));
  const how = words.some((w) => /^(?:method|algorithm|algo|alg|type)$/.test(w));
  if ((what && how) || /^(?:signature|hash)$/.test(normalizeKey(entry.key))) return true;
  // `<signature algorithm="…">` in a token passport.
  return normalizeKey(entry.key) === 'algorithm' && entry.path.length >= 2 && /signature/i.test(entry.path[entry.path.length - 2]);
}
