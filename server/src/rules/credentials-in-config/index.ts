import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkConfig, configFixes } from './config';

export const credentialsInConfig: Rule = {
  meta: {
    id: 'credentials-in-config',
    defaultSeverity: 'error',
    description: 'NetSuite user credentials (email + password) in a config file or Postman environment.',
    rationale: `User credentials are prohibited for 2FA roles (${RELEASE.mandatory2fa}), rejected by RESTlets created since ${RELEASE.restletsRejectNlauth} and by SOAP endpoints since ${RELEASE.soapRejectsPassport}.`,
    fixable: true,
    tags: ['security'],
    kinds: ['json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /pass|pwd|pw\b|secret|signature/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? [] : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? [] : configFixes(finding, context);
  },
};
