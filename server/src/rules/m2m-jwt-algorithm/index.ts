import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';

export const m2mJwtAlgorithm: Rule = {
  meta: {
    id: 'm2m-jwt-algorithm',
    defaultSeverity: 'error',
    description: 'An OAuth 2.0 client-credentials client assertion signed with an algorithm NetSuite rejects, or living longer than 60 minutes.',
    rationale: `NetSuite accepts only PS256/384/512 and ES256/384/512 client assertions (not RS256), with exp within 60 minutes of iat; as of ${RELEASE.fiveCertificates} an integration record has at most five active certificates.`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /RS\d{3}|HS\d{3}|alg|expiresIn|exp/,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : [];
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : [];
  },
};
