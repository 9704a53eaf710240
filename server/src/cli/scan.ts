import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer, FileContext, type ReportedFinding } from '../core/analyzer';
import { kindFromPath, type SourceDocument } from '../core/document';
import { fixAll } from '../core/fixAll';
import type { Settings } from '../core/settings';
import { LineIndex, looksBinary } from '../core/text';

/** Build output and dependencies are never the user's source. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', 'build', 'coverage', '.next', '.nuxt', '.cache', '.vscode-test', 'bower_components']);

export interface FileReport {
  /** Absolute path. */
  path: string;
  text: string;
  lines: LineIndex;
  findings: ReportedFinding[];
  syntaxErrors: number;
  skipped?: string;
  fixable: Set<ReportedFinding>;
}

export function collectFiles(inputs: readonly string[], onWarning: (message: string) => void): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (p: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      if (explicit) throw new UsageError(`no such file or folder: ${p}`);
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && SKIPPED_DIRECTORIES.has(path.basename(p))) return;
      let entries: string[];
      try {
        entries = fs.readdirSync(p).sort();
      } catch (error) {
        onWarning(`cannot read folder ${p}: ${(error as Error).message}`);
        return;
      }
      for (const e of entries) visit(path.join(p, e), false);
    } else if (stat.isFile()) {
      if (!explicit && !kindFromPath(p)) return;
      const abs = path.resolve(p);
      if (!seen.has(abs)) {
        seen.add(abs);
        out.push(abs);
      }
    }
  };
  for (const input of inputs) visit(input, true);
  return out;
}

export class UsageError extends Error {}

export function scanFile(analyzer: Analyzer, file: string, settings: Settings, fix: boolean): FileReport {
  const kind = kindFromPath(file);
  const base = { path: file, syntaxErrors: 0, fixable: new Set<ReportedFinding>() };
  if (!kind) return { ...base, text: '', lines: new LineIndex(''), findings: [], skipped: 'not a file kind SuiteAuth analyses' };
  const size = fs.statSync(file).size;
  if (size > settings.maxFileSize) return { ...base, text: '', lines: new LineIndex(''), findings: [], skipped: `larger than maxFileSize (${size} bytes)` };
  let text = fs.readFileSync(file, 'utf8');
  if (looksBinary(text)) return { ...base, text: '', lines: new LineIndex(''), findings: [], skipped: 'looks binary' };
  const document: SourceDocument = { uri: pathToFileURL(file).href, kind, text, version: 1 };
  if (fix) {
    const fixed = fixAll(analyzer, document, settings);
    if (fixed.applied > 0 && fixed.text !== text) {
      writePreservingMode(file, fixed.text);
      text = fixed.text;
      for (const created of fixed.createFiles) {
        const target = path.resolve(path.dirname(file), created.relativePath);
        if (!fs.existsSync(target)) fs.writeFileSync(target, created.text);
      }
    }
  }
  const context = new FileContext({ ...document, text });
  const result = analyzer.analyze(context, settings);
  const fixable = new Set(result.findings.filter((f) => analyzer.fixesFor(f, context).some((x) => x.preferred && x.edits.length > 0)));
  return { ...base, text, lines: context.lines, findings: result.findings, syntaxErrors: result.syntaxErrors.length, skipped: result.skipped, fixable };
}

/** Writes through a temporary file so that an interrupted run never leaves half a file. */
function writePreservingMode(file: string, text: string): void {
  const tmp = `${file}.suiteauth-${process.pid}.tmp`;
  const mode = fs.statSync(file).mode;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}
