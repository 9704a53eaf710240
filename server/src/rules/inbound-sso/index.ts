import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const inboundSso: Rule = {
  meta: {
    id: 'inbound-sso',
    defaultSeverity: 'error',
    description: 'Inbound single sign-on SOAP operations: mapSso and ssoLogin.',
    rationale: `mapSso is gone since ${RELEASE.mapSsoRemoved}; ssoLogin is deprecated and SOAP is removed in ${RELEASE.soapRemoved}. Use OAuth 2.0 authorization code with PKCE (required for new integrations as of ${RELEASE.pkceRequired}).`,
    // No automatic migration exists (inbound SSO becomes a user-facing OAuth 2.0 flow): the quick fix opens the guide.
    fixable: false,
    tags: ['deprecated'],
    // Config values hold SOAP too: a Postman collection's raw body or SOAPAction header.
    kinds: ['js', 'ts', 'xml', 'json', 'yaml', 'dotenv', 'properties'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /sso/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
