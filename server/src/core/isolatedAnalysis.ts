import { Analyzer, type AnalysisResult, type FileContext, type ReportedFinding } from './analyzer';
import type { Settings } from './settings';

export interface IsolatedResult {
  result: AnalysisResult;
  /** Rules that threw (a bug in SuiteAuth); the others still reported. */
  failed: { ruleId: string; error: unknown }[];
}

/**
 * Analyses with every rule; when one throws, runs the rules one by one so
 * that the others still report. Throws only when the failure is not a rule's
 * (then no finding can be trusted). Shared by the server's main thread and its
 * analysis worker, so both isolate rule bugs the same way.
 */
export function analyzeIsolated(analyzer: Analyzer, context: FileContext, settings: Settings): IsolatedResult {
  try {
    return { result: analyzer.analyze(context, settings), failed: [] };
  } catch (first) {
    const findings: ReportedFinding[] = [];
    let syntaxErrors: AnalysisResult['syntaxErrors'] = [];
    const failed: IsolatedResult['failed'] = [];
    for (const rule of analyzer.rules) {
      try {
        const one = new Analyzer([rule]).analyze(context, settings);
        findings.push(...one.findings);
        if (one.syntaxErrors.length > 0) syntaxErrors = one.syntaxErrors;
      } catch (error) {
        failed.push({ ruleId: rule.meta.id, error });
      }
    }
    if (failed.length === 0) throw first;
    findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    return { result: { findings, syntaxErrors }, failed };
  }
}
