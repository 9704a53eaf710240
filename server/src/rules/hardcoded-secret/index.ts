import { isJsLike } from '../../core/document';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { checkJs, jsFixes } from './js';
import { checkConfig, configFixes } from './config';

export const hardcodedSecret: Rule = {
  meta: {
    id: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A literal NetSuite password, consumer/token/client secret or PEM private key in source or committed config.',
    rationale: `A secret in source control is a leaked secret: anyone with read access can act as the integration (and TBA secrets stay live: existing TBA integrations keep working after new ones end in ${RELEASE.noNewTba}).`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts', 'json', 'yaml', 'properties', 'xml'],
  },
  // Cheap prefilter on the raw text: a file it does not match is never parsed for this rule.
  marker: /pass|pw|secret|private|signature|oauth|tba|\bcs\b|\bts\b/i,

  check(context: RuleContext): Finding[] {
    return isJsLike(context.document.kind) ? checkJs(context) : checkConfig(context);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    return isJsLike(context.document.kind) ? jsFixes(finding, context) : configFixes(finding, context);
  },
};
