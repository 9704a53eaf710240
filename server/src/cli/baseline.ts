import * as fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config';
import type { Row } from './results';
import { writeAtomic } from './write';

/**
 * A baseline lists the fingerprints of accepted findings, with the rule and
 * file for people reviewing it (no line numbers: they move; no messages or
 * source text). Sorted, so that regenerating it gives small diffs.
 */
const baselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(z.object({ fingerprint: z.string().regex(/^[0-9a-f]{32}$/), rule: z.string().optional(), file: z.string().optional() }).loose()),
}).loose();

export function readBaseline(file: string, label: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read baseline ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${label} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`baseline ${label}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}

export function baselineText(rows: readonly Row[]): string {
  const findings = rows
    .map((r) => ({ fingerprint: r.fingerprint, rule: r.ruleId, file: r.repoPath }))
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  return JSON.stringify({ version: 1, tool: 'suiteauth', findings }, null, 2) + '\n';
}

export function writeBaseline(file: string, rows: readonly Row[]): void {
  const text = baselineText(rows);
  if (fs.existsSync(file)) writeAtomic(file, text);
  else fs.writeFileSync(file, text);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
