import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const missingPkce: Rule = {
  meta: {
    id: 'missing-pkce',
    defaultSeverity: 'error',
    description: 'An OAuth 2.0 authorization code request to NetSuite without PKCE.',
    rationale: `PKCE is required for every new OAuth 2.0 authorization code integration (public and confidential clients) as of NetSuite ${RELEASE.pkceRequired}.`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /authoriz|response_type|grant_type|pkce|oauth|openid-client/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
