import type { SourceDocument } from './document';
import { Analyzer, FileContext } from './analyzer';
import type { AppendedText, CreatedFile, Fix } from './rule';
import type { Settings } from './settings';
import { applyEdits, type TextEdit } from './text';

export interface FixAllResult {
  text: string;
  /** How many fixes were applied. */
  applied: number;
  createFiles: CreatedFile[];
  /** `appendToFiles` of the applied fixes, in order, without exact duplicates. */
  appendToFiles: AppendedText[];
}

const MAX_PASSES = 30;

/**
 * Applies every preferred fix, re-analysing between passes (as ESLint does):
 * in each pass the fixes whose edits do not overlap are applied together,
 * the rest wait for the next pass on fresh findings. Stops when a pass
 * applies nothing, so a second run on its output changes nothing.
 */
export function fixAll(analyzer: Analyzer, document: SourceDocument, settings: Settings): FixAllResult {
  let text = document.text;
  let applied = 0;
  const createFiles: CreatedFile[] = [];
  const appendToFiles: AppendedText[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const context = new FileContext({ ...document, text, version: document.version + pass });
    const result = analyzer.analyze(context, settings);
    const chosen: Fix[] = [];
    const taken: { start: number; end: number }[] = [];
    for (const finding of result.findings) {
      const fix = analyzer.fixesFor(finding, context).find((f) => f.preferred && f.edits.length > 0);
      if (!fix) continue;
      const span = { start: Math.min(...fix.edits.map((e) => e.range.start)), end: Math.max(...fix.edits.map((e) => e.range.end)) };
      if (taken.some((t) => t.start <= span.end && span.start <= t.end)) continue;
      taken.push(span);
      chosen.push(fix);
    }
    if (chosen.length === 0) break;
    const edits: TextEdit[] = chosen.flatMap((f) => f.edits);
    text = applyEdits(text, edits);
    applied += chosen.length;
    for (const f of chosen) for (const c of f.createFiles ?? []) if (!createFiles.some((e) => e.relativePath === c.relativePath)) createFiles.push(c);
    for (const f of chosen) for (const a of f.appendToFiles ?? []) if (!appendToFiles.some((e) => e.relativePath === a.relativePath && e.text === a.text)) appendToFiles.push(a);
  }
  return { text, applied, createFiles, appendToFiles };
}
