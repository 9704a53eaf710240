import { documentHasNetSuiteContext } from '../../config/netsuiteContext';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { configStrings, hasNetSuiteContext, isScriptLine, literalAround, matchRange, type ConfigString } from '../configShared';
import { ENDPOINT, endpointFinding, jsFixes } from './js';

/**
 * Config-file side of `tba-token-endpoint`: the TBA token flow endpoints
 * (`/rest/requesttoken`, `/app/login/secure/authorizetoken.nl`,
 * `/rest/accesstoken`, and `/rest/issuetoken` at error severity) in config
 * values, Postman request URLs and Postman script lines. Reported on the
 * value (in a script line, on the string literal). As in code, the paths
 * alone are generic: a NetSuite host in the value or NetSuite context in the
 * file makes them NetSuite's.
 */
export function checkConfig(context: RuleContext): Finding[] {
  const text = context.document.text;
  const netsuiteFile = documentHasNetSuiteContext(context.config());
  const out: Finding[] = [];
  for (const s of configStrings(context)) {
    const m = ENDPOINT.exec(s.value);
    if (!m) continue;
    if (!netsuiteFile && !hasNetSuiteContext(context, s)) continue;
    const match = matchRange(text, s, ENDPOINT);
    if (!match) continue;
    // A script line: the string literal; a multi-line value (a YAML script): the URL.
    const range = isScriptLine(s) ? literalAround(text, s, match) : /[\r\n]/.test(text.slice(s.range.start, s.range.end)) ? urlAround(text, s, match) : s.range;
    out.push(endpointFinding(range, m[1] ?? m[2]));
  }
  return out;
}

/** No automatic rewrite: the OAuth 2.0 flow differs in more than its URLs. The actions open the guides. */
export function configFixes(finding: Finding, context: RuleContext): Fix[] {
  return jsFixes(finding, context);
}

/** The URL (a run without spaces or quotes) around a match. */
function urlAround(text: string, s: ConfigString, match: OffsetRange): OffsetRange {
  let start = match.start;
  while (start > s.range.start && !/[\s"'`<>()]/.test(text[start - 1])) start--;
  let end = match.end;
  while (end < s.range.end && !/[\s"'`<>()]/.test(text[end])) end++;
  return { start, end };
}
