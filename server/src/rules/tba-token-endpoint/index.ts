import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const tbaTokenEndpoint: Rule = {
  meta: {
    id: 'tba-token-endpoint',
    defaultSeverity: 'warning',
    description: 'Calls to the TBA token flow endpoints (requesttoken, authorizetoken.nl, accesstoken, issuetoken).',
    rationale: `No new TBA integrations as of NetSuite ${RELEASE.noNewTba}; issuetoken mints tokens from a user's password.`,
    fixable: true,
    tags: ['deprecated'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /requesttoken|authorizetoken|accesstoken|issuetoken/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
