import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const soapTokenPassport: Rule = {
  meta: {
    id: 'soap-token-passport',
    defaultSeverity: 'warning',
    description: 'A SOAP <tokenPassport> (TBA over SOAP).',
    rationale: `No new TBA or SOAP integrations as of ${RELEASE.noNewTba}; SOAP web services are removed in ${RELEASE.soapRemoved}.`,
    fixable: true,
    tags: ['deprecated'],
    kinds: ['js', 'ts', 'xml'],
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
