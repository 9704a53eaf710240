import type { Rule } from '../core/rule';
import { nlauthHeader } from './nlauth-header';

/** Every rule, in the order of the catalog (shared/spec/rules.md). */
export const ALL_RULES: readonly Rule[] = [nlauthHeader];

export const RULE_IDS: readonly string[] = ALL_RULES.map((r) => r.meta.id);
