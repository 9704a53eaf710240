import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const soapTokenPassport: Rule = {
  meta: {
    id: 'soap-token-passport',
    defaultSeverity: 'warning',
    description: 'A SOAP <tokenPassport> (token-based authentication over SOAP), in XML, in strings and templates, or as a node-soap header object.',
    rationale: `No new TBA or SOAP integrations as of ${RELEASE.noNewTba}; SOAP web services are removed in ${RELEASE.soapRemoved}.`,
    // No automatic migration exists (OAuth 2.0 is not offered for SOAP): the quick fix opens the guide.
    fixable: false,
    tags: ['deprecated'],
    // Config values hold SOAP too: a Postman collection's raw body, a YAML test fixture.
    kinds: ['js', 'ts', 'xml', 'json', 'yaml', 'dotenv', 'properties'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /tokenpassport/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
