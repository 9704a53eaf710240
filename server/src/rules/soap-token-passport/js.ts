import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { objectElements } from '../soap-passport/objects';
import { jsSegments, openTags } from '../soap-passport/soapText';
import { ID, guideFixes, hover, message } from './messages';

export { ID };

/**
 * `<tokenPassport>` elements in strings and templates (any namespace prefix),
 * and the same element written as a JS object (`{ tokenPassport: {…} }` for
 * node-soap, `'platformMsgs:tokenPassport'` keys, xmlbuilder `.ele(…)`).
 * A token passport is NetSuite by itself: no context is needed.
 */
export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const out: Finding[] = [];
  const taken = new Set<number>();
  const add = (range: OffsetRange, how: 'element' | 'object') => {
    if (taken.has(range.start)) return;
    taken.add(range.start);
    out.push({ ruleId: ID, range, message: message(how), hover: hover() });
  };
  for (const segment of jsSegments(js)) {
    if (segment.descriptive) continue;
    for (const match of openTags(segment, ['tokenPassport'], { leadingColon: segment.afterOpenBracketHole })) add(match.range, 'element');
  }
  for (const element of objectElements(js, ['tokenPassport'])) add(element.range, element.how === 'builder' ? 'element' : 'object');
  return out.sort((a, b) => a.range.start - b.range.start);
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
