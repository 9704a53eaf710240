import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { Rule, Severity } from '../core/rule';
import { isInside, toPosix } from './files';
import type { FileReport } from './scan';

/**
 * One finding as every output format sees it: the formats only render rows,
 * so JSON, SARIF, text and GitHub annotations always list the same findings.
 * No row field carries source text (the fingerprint is a one-way hash).
 */
export interface Row {
  /** Absolute path. */
  file: string;
  /** Relative to the working directory, `/`-separated (JSON, text). */
  cwdPath: string;
  /** Relative to the repository root (git root, else the working directory), `/`-separated (SARIF, GitHub, baselines); absolute when outside it. */
  repoPath: string;
  /** Whether `repoPath` is relative to the repository root. */
  inRepo: boolean;
  rule: Rule | undefined;
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based; end column exclusive (as SARIF). Columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  fingerprint: string;
}

export function relativeTo(base: string, file: string): { path: string; inside: boolean } {
  if (isInside(file, base)) return { path: toPosix(path.relative(base, file)), inside: true };
  return { path: toPosix(path.resolve(file)), inside: false };
}

/**
 * A fingerprint that survives lines moving: a hash of the rule id, the path
 * relative to the repository root and the whitespace-normalised text of the
 * finding's range (its line when the range is empty) with values masked, plus the occurrence
 * number among findings with the same key in the file. Line numbers are not
 * part of it, and only the hash leaves the file.
 */
/**
 * The shape of a finding's text with the contents of string literals (and a
 * bare value, such as a config value or a secret's characters) replaced by
 * their length: a fingerprint must not let anyone holding a SARIF or baseline
 * file test guesses of a password against it.
 */
export function withoutValues(text: string): string {
  const masked = text.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, (m) => `${m[0]}#${m.length - 2}${m[0]}`);
  return /^[^\s'"`(){}\[\],;]+$/.test(masked) ? `#${masked.length}` : masked;
}

export function fingerprintsOf(report: FileReport, repoPath: string): string[] {
  const counts = new Map<string, number>();
  return report.findings.map((f) => {
    let text = report.text.slice(f.range.start, f.range.end).replace(/\s+/g, ' ').trim();
    if (text === '') {
      const line = report.lines.positionAt(f.range.start).line;
      text = report.text.slice(report.lines.lineStart(line), report.lines.lineEnd(line)).replace(/\s+/g, ' ').trim();
    }
    const key = `${f.ruleId}\u0000${repoPath}\u0000${withoutValues(text)}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return crypto.createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}

export function rowsOf(reports: readonly FileReport[], cwd: string, repoRoot: string): Row[] {
  const rows: Row[] = [];
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const repo = relativeTo(repoRoot, r.path);
    const prints = fingerprintsOf(r, repo.path);
    r.findings.forEach((f, i) => {
      const start = r.lines.positionAt(f.range.start);
      const end = r.lines.positionAt(f.range.end);
      rows.push({
        file: r.path,
        cwdPath: toPosix(path.relative(cwd, r.path)),
        repoPath: repo.path,
        inRepo: repo.inside,
        rule: f.rule,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        fixable: r.fixable.has(f),
        fingerprint: prints[i],
      });
    });
  }
  return rows;
}

/** A note about the run (a skipped file, a fix that was not written): no source text, ever. */
export interface Note {
  level: 'warning' | 'note';
  message: string;
  /** The file it is about, when it is about one. */
  file?: string;
}

export interface RunReport {
  rows: Row[];
  filesScanned: number;
  /** Findings matched by `--baseline` and left out of `rows`. */
  baselined: number;
  /** Findings below error left out by `--quiet`. */
  quietHidden: number;
  notes: Note[];
  fixed?: { problems: number; files: number; created: string[]; appended: string[] };
  /** Something went wrong inside SuiteAuth (exit 2). */
  internalError: boolean;
}

export function countBySeverity(rows: readonly Row[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of rows) counts[r.severity]++;
  return counts;
}
