import { normalizeKey } from '../../config/keys';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { configSegments, openTags } from '../soap-passport/soapText';
import { ID, guideFixes, hover, message, operationOf } from './messages';

const OPERATIONS = ['ssoLogin', 'mapSso'];
/** Keys whose value names a SOAP operation: `SOAPAction`, `operation`, `action`, `method`. */
const OPERATION_KEYS = new Set(['soapaction', 'action', 'operation', 'operationname', 'soapoperation', 'method']);

/**
 * `<ssoLogin>`/`<mapSso>` elements in XML files and config values (a Postman
 * raw SOAP body), the operation named by a `SOAPAction`/`operation` value, and
 * in XML an `operation` attribute (MuleSoft `<wsc:consume operation="ssoLogin"/>`).
 * The file must name NetSuite (a host, a URN, a key).
 */
export function checkConfig(context: RuleContext): Finding[] {
  const { text, kind } = context.document;
  if (!/netsuite|suitetalk/i.test(text)) return [];
  const out: Finding[] = [];
  const taken = new Set<number>();
  const add = (start: number, end: number, name: string) => {
    if (taken.has(start)) return;
    taken.add(start);
    const operation = operationOf(name);
    out.push({ ruleId: ID, range: { start, end }, message: message(operation), hover: hover(operation) });
  };
  for (const segment of configSegments(text, () => context.config(), kind)) {
    for (const match of openTags(segment, OPERATIONS, { dataWeave: kind === 'xml', escaped: kind === 'xml' })) add(match.range.start, match.range.end, match.local);
  }
  for (const entry of context.config().entries) {
    if (!entry.valueRange || entry.value === undefined) continue;
    // XML: only an `operation` attribute (`<wsc:consume operation="ssoLogin"/>`); a WSDL's
    // `<operation name="ssoLogin">` and `soapAction="ssoLogin"` declare the operation, they do not call it.
    if (kind === 'xml' ? entry.xml !== 'attribute' || normalizeKey(entry.key) !== 'operation' : !OPERATION_KEYS.has(normalizeKey(entry.key))) continue;
    const m = /^\s*"?(ssoLogin|mapSso)"?\s*$/.exec(entry.value);
    if (!m) continue;
    const raw = text.slice(entry.valueRange.start, entry.valueRange.end);
    const at = raw.indexOf(m[1]);
    if (at >= 0) add(entry.valueRange.start + at, entry.valueRange.start + at + m[1].length, m[1]);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

export function configFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
