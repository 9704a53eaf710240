import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';

export const tbaOauth1: Rule = {
  meta: {
    id: 'tba-oauth1',
    defaultSeverity: 'warning',
    description: 'Token-based authentication (OAuth 1.0a) used against NetSuite.',
    rationale: `No new TBA integrations as of NetSuite ${RELEASE.noNewTba} (SOAP, REST web services, RESTlets); TBA's end is tentatively ${RELEASE.soapRemoved}.`,
    fixable: true,
    tags: ['deprecated'],
    kinds: ['js', 'ts'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /oauth|consumer|token|hmac|realm|netsuite|suitetalk/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : [];
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : [];
  },
};
