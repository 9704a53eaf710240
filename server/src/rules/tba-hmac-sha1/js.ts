import type { Finding, Fix, RuleContext } from '../../core/rule';

export const ID = 'tba-hmac-sha1';

/** JS/TS side of `tba-hmac-sha1`. TODO(issue 3): not implemented yet. */
export function checkJs(_context: RuleContext): Finding[] {
  return [];
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return [];
}
