import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';

export const m2mJwtAlgorithm: Rule = {
  meta: {
    id: 'm2m-jwt-algorithm',
    defaultSeverity: 'error',
    description: 'An OAuth 2.0 client-credentials client assertion signed with an algorithm NetSuite rejects, or living longer than 60 minutes.',
    rationale: `NetSuite's client credentials (M2M) flow, the replacement for TBA (no new TBA integrations as of ${RELEASE.noNewTba}), accepts only PS256/384/512 and ES256/384/512 client assertions (not RS256 or HS256), with exp at most 60 minutes after iat: anything else looks migrated but cannot get a token.`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  // A finding needs an algorithm name, a lifetime (expiresIn, setExpirationTime, an exp claim), a base64url header or jsonwebtoken's HS256 default.
  marker: /[RHE]S(?:256|384|512)|EdDSA|expiresIn|ExpirationTime|\bexp\b|eyJ|jsonwebtoken/,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : [];
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : [];
  },
};
