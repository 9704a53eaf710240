import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const soapWebServices: Rule = {
  meta: {
    id: 'soap-web-services',
    defaultSeverity: 'info',
    description: 'A SOAP web services endpoint, WSDL or namespace (NetSuitePort_YYYY_N, webservices.netsuite.com, urn:messages_YYYY_N…).',
    rationale: `${RELEASE.lastSoapEndpoint} is the last SOAP endpoint; as of ${RELEASE.noNewTba} only it is supported and no new SOAP integrations may be created; SOAP is removed in ${RELEASE.soapRemoved}.`,
    // No automatic migration exists (see references.ts guideFixes): the quick fix opens the guide.
    fixable: false,
    tags: ['deprecated'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /netsuiteport|webservices\.|netsuite\.wsdl/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
