import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { ReportedFinding } from '../core/analyzer';
import { ruleDocsUrl } from '../core/docs';
import type { Severity } from '../core/rule';
import type { LineIndex, OffsetRange } from '../core/text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic is made of: a finding of this version, or a last-good one moved through edits. */
export interface Publishable {
  ruleId: string;
  range: OffsetRange;
  message: string;
  severity: Severity;
  tags: readonly string[];
}

export function toPublishable(f: ReportedFinding): Publishable {
  return { ruleId: f.ruleId, range: f.range, message: f.message, severity: f.severity, tags: f.rule.meta.tags };
}

/** `code` is the rule id, `codeDescription` its page; deprecated-tagged rules render struck through. */
export function toDiagnostic(f: Publishable, lines: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: lines.positionAt(f.range.start), end: lines.positionAt(f.range.end) },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'suiteauth',
    message: f.message,
  };
  if (f.tags.includes('deprecated')) diagnostic.tags = [DiagnosticTag.Deprecated];
  return diagnostic;
}
