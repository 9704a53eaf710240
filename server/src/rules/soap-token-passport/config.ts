import type { Finding, Fix, RuleContext } from '../../core/rule';
import { configSegments, openTags } from '../soap-passport/soapText';
import { ID, guideFixes, hover, message } from './messages';

/**
 * `<tokenPassport>` elements in XML files (SOAP envelopes, MuleSoft payloads
 * in CDATA or DataWeave `ns#tokenPassport:` keys) and inside config values
 * (a Postman collection's raw SOAP body).
 */
export function checkConfig(context: RuleContext): Finding[] {
  const { text, kind } = context.document;
  const out: Finding[] = [];
  for (const segment of configSegments(text, () => context.config(), kind)) {
    for (const match of openTags(segment, ['tokenPassport'], { dataWeave: kind === 'xml', escaped: kind === 'xml' })) {
      out.push({ ruleId: ID, range: match.range, message: message('element'), hover: hover() });
    }
  }
  return out;
}

export function configFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
