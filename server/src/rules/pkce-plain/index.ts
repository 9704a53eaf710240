import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const pkcePlain: Rule = {
  meta: {
    id: 'pkce-plain',
    defaultSeverity: 'warning',
    description: 'code_challenge_method=plain.',
    rationale: `The plain method sends the verifier itself as the challenge; NetSuite requires PKCE for new auth-code integrations as of ${RELEASE.pkceRequired}, and S256 is the method to use.`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /plain/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
