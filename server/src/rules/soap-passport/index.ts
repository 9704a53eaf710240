import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const soapPassport: Rule = {
  meta: {
    id: 'soap-passport',
    defaultSeverity: 'error',
    description: 'A SOAP <passport> (email, password, account, role) in a login call or request header, or a SOAP client configured with email/password.',
    rationale: `SOAP endpoints ${RELEASE.soapRejectsPassport} and later reject passport logins; roles that require 2FA (${RELEASE.mandatory2fa}) cannot use user credentials; SOAP is removed in ${RELEASE.soapRemoved}.`,
    // No automatic migration exists (OAuth 2.0 is not offered for SOAP): the quick fix opens the guide.
    fixable: false,
    tags: ['security'],
    // Config values hold SOAP too: a Postman collection's raw body, a YAML test fixture.
    kinds: ['js', 'ts', 'xml', 'json', 'yaml', 'dotenv', 'properties'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /passport|password/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
