import type { Finding, Fix, RuleContext } from '../../core/rule';

export const ID = 'pkce-plain';

/** JS/TS side of `pkce-plain`. TODO(issue 3): not implemented yet. */
export function checkJs(_context: RuleContext): Finding[] {
  return [];
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return [];
}
