import type { Finding, Fix, RuleContext } from '../../core/rule';

/** Config-file side of `tba-credentials-in-config`. TODO(issue 4): not implemented yet. */
export function checkConfig(_context: RuleContext): Finding[] {
  return [];
}

export function configFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return [];
}
