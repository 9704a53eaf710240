import type { Finding, Fix, RuleContext } from '../../core/rule';
import { ID, elementMessage, guideFixes, hover } from './messages';
import { configSegments, elementContent, isLoginPassport, openTags, roleInXml } from './soapText';

/**
 * `<passport>` elements in XML files (SOAP envelopes, saved requests, MuleSoft
 * payloads in CDATA or DataWeave `ns#passport:` keys) and inside config
 * values (a Postman collection's raw SOAP body).
 */
export function checkConfig(context: RuleContext): Finding[] {
  const { text, kind } = context.document;
  const out: Finding[] = [];
  for (const segment of configSegments(text, () => context.config(), kind)) {
    for (const match of openTags(segment, ['passport'], { dataWeave: kind === 'xml', escaped: kind === 'xml' })) {
      const content = match.openIndex >= 0 ? elementContent(segment.text, match) : undefined;
      if (match.openIndex >= 0 && !isLoginPassport(content)) continue;
      const role = roleInXml(content);
      out.push({ ruleId: ID, range: match.range, message: elementMessage(role), hover: hover(role) });
    }
  }
  return out;
}

export function configFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
