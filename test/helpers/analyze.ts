import { Analyzer, FileContext, type ReportedFinding } from '../../server/src/core/analyzer';
import { kindFromPath, isJsLike, type LanguageKind } from '../../server/src/core/document';
import { fixAll } from '../../server/src/core/fixAll';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/settings';
import { LineIndex, applyEdits } from '../../server/src/core/text';
import { parseJs } from '../../server/src/js/parse';
import { parseConfig } from '../../server/src/config/parse';
import { ALL_RULES, RULE_IDS } from '../../server/src/rules';

export const analyzer = new Analyzer(ALL_RULES);

/** Settings with only the given rules on (at their default severity). */
export function onlyRules(...ids: string[]): Settings {
  const rules: Settings['rules'] = {};
  for (const id of RULE_IDS) if (!ids.includes(id)) rules[id] = 'off';
  return { ...DEFAULT_SETTINGS, rules };
}

export function documentFor(fileName: string, text: string, kind?: LanguageKind) {
  const k = kind ?? kindFromPath(fileName);
  if (!k) throw new Error(`no kind for ${fileName}`);
  return { uri: `file:///work/${fileName}`, kind: k, text, version: 1 };
}

export function analyze(fileName: string, text: string, settings: Settings = DEFAULT_SETTINGS) {
  const context = new FileContext(documentFor(fileName, text));
  return { context, result: analyzer.analyze(context, settings) };
}

export function findings(fileName: string, text: string, settings: Settings = DEFAULT_SETTINGS): ReportedFinding[] {
  return analyze(fileName, text, settings).result.findings;
}

/** `line:col-line:col`, 1-based, end column exclusive (as in the CLI's JSON). */
export function rangeString(text: string, range: { start: number; end: number }): string {
  const lines = new LineIndex(text);
  const s = lines.positionAt(range.start);
  const e = lines.positionAt(range.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

/** Offset range of the `nth` occurrence of `needle` (0-based) — for exact-range assertions. */
export function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${nth}) not in text`);
  }
  return { start: at, end: at + needle.length };
}

/** Findings as `rule@range` strings, the shape most assertions compare. */
export function summary(fileName: string, text: string, settings?: Settings): string[] {
  return findings(fileName, text, settings).map((f) => `${f.ruleId}@${rangeString(text, f.range)}`);
}

export function fixAllText(fileName: string, text: string, settings: Settings = DEFAULT_SETTINGS): string {
  return fixAll(analyzer, documentFor(fileName, text), settings).text;
}

/** Problems that would make a file fail to parse, by kind (the fix-safety oracle). */
export function parseProblems(fileName: string, text: string): string[] {
  const kind = kindFromPath(fileName)!;
  if (isJsLike(kind)) return parseJs(fileName, text, kind === 'ts').syntaxErrors.map((e) => e.message);
  return parseConfig(kind, text).errors.map((e) => e.message);
}

export { applyEdits };
