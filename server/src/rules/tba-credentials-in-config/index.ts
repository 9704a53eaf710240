import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkConfig, configFixes } from './config';

export const tbaCredentialsInConfig: Rule = {
  meta: {
    id: 'tba-credentials-in-config',
    defaultSeverity: 'warning',
    description: 'TBA credentials (consumer key/secret + token id/secret) in a config file or Postman environment/collection.',
    rationale: `No new TBA integrations as of NetSuite ${RELEASE.noNewTba}; TBA's end is tentatively ${RELEASE.soapRemoved}.`,
    fixable: true,
    tags: ['deprecated'],
    kinds: ['json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /token|consumer|oauth1|tba/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? [] : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? [] : configFixes(finding, context);
  },
};
