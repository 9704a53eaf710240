import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const tbaHmacSha1: Rule = {
  meta: {
    id: 'tba-hmac-sha1',
    defaultSeverity: 'error',
    description: 'HMAC-SHA1 as the TBA signature method.',
    rationale: `NetSuite rejects HMAC-SHA1 TBA signatures since ${RELEASE.hmacSha1Ended}: only HMAC-SHA256 works.`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /sha-?1|sha_1|hmacsha1/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
