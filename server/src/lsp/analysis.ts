import type { FileContext, ReportedFinding } from '../core/analyzer';
import type { Analyzer } from '../core/analyzer';
import type { Fix } from '../core/rule';
import type { Settings } from '../core/settings';
import type { LineIndex } from '../core/text';
import type { Publishable } from './diagnostics';
import { toPublishable } from './diagnostics';

/** A finding as the server's sinks need it: plain data, so that it can come from the analysis worker. */
export interface AnalysedFinding extends Publishable {
  hover?: string;
}

/**
 * One analysed version of an open document, wherever it was analysed (on the
 * main thread, or in the worker for large files). Diagnostics, hover and code
 * actions all read it, so a version is analysed once.
 */
export interface Analysis {
  version: number;
  settings: Settings;
  lines: LineIndex;
  findings: AnalysedFinding[];
  syntaxErrors: readonly { start: number; message: string }[];
  skipped?: string;
  /** Rules that threw (logged where they threw); the others still reported. */
  failedRules: string[];
  /** The fixes of `findings[index]`, computed on the same version. */
  fixes(index: number): Promise<Fix[]>;
}

export function toAnalysedFinding(f: ReportedFinding): AnalysedFinding {
  const finding: AnalysedFinding = toPublishable(f);
  if (f.hover !== undefined) finding.hover = f.hover;
  return finding;
}

/** The fixes of a finding of an in-process analysis. */
export function fixesOnThisThread(analyzer: Analyzer, context: FileContext, findings: readonly ReportedFinding[]): (index: number) => Promise<Fix[]> {
  return async (index) => {
    const finding = findings[index];
    return finding ? analyzer.fixesFor(finding, context) : [];
  };
}
