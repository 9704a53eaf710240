import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer, FileContext, type ReportedFinding } from '../core/analyzer';
import { kindFromPath, type SourceDocument } from '../core/document';
import { fixAll } from '../core/fixAll';
import type { Settings } from '../core/settings';
import { LineIndex } from '../core/text';
import { createExclusive, writeAtomic } from './write';

export { collectFiles, SKIPPED_DIRECTORIES, UsageError } from './files';

export interface FileReport {
  /** Absolute path. */
  path: string;
  text: string;
  lines: LineIndex;
  findings: ReportedFinding[];
  syntaxErrors: number;
  /** Why the file was not analysed (binary, too large, unreadable, ...). */
  skipped?: string;
  fixable: Set<ReportedFinding>;
}

/** Bytes are read only when they can fit `maxFileSize` UTF-16 code units (a UTF-8 byte is at most one unit, three bytes at least one). */
function tooLargeToRead(size: number, settings: Settings): boolean {
  return size > settings.maxFileSize * 3;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

interface ReadResult {
  text?: string;
  bytes?: Buffer;
  /** Decoding was lossy: the file may be analysed but never rewritten. */
  notUtf8?: boolean;
  skipped?: string;
}

function readSource(file: string, settings: Settings): ReadResult {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    return { skipped: `cannot read it (${describeError(error)})` };
  }
  if (tooLargeToRead(size, settings)) return { skipped: `larger than maxFileSize (${size} bytes > ${settings.maxFileSize} characters)` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { skipped: `cannot read it (${describeError(error)})` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { skipped: 'looks binary (NUL bytes)' };
  try {
    return { text: UTF8.decode(bytes), bytes };
  } catch {
    return { text: bytes.toString('utf8'), bytes, notUtf8: true };
  }
}

function sameContent(file: string, text: string): boolean {
  try {
    return fs.readFileSync(file).equals(Buffer.from(text, 'utf8'));
  } catch {
    return false;
  }
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  return code ?? String((error as Error)?.message ?? error);
}

function documentOf(file: string, text: string): SourceDocument | undefined {
  const kind = kindFromPath(file);
  return kind ? { uri: pathToFileURL(file).href, kind, text, version: 1 } : undefined;
}

/** Analyses one file on disk. Never throws for bad input: the report says why it was skipped. */
export function scanFile(analyzer: Analyzer, file: string, settings: Settings): FileReport {
  const empty = (skipped: string): FileReport => ({ path: file, text: '', lines: new LineIndex(''), findings: [], syntaxErrors: 0, skipped, fixable: new Set() });
  const read = readSource(file, settings);
  if (read.text === undefined) return empty(read.skipped ?? 'cannot read it');
  const document = documentOf(file, read.text);
  if (!document) return empty('not a kind of file SuiteAuth analyses');
  const context = new FileContext(document);
  const result = analyzer.analyze(context, settings);
  const fixable = new Set(result.findings.filter((f) => analyzer.fixesFor(f, context).some((x) => x.preferred && (x.edits.length > 0 || (x.createFiles?.length ?? 0) > 0))));
  return { path: file, text: read.text, lines: context.lines, findings: result.findings, syntaxErrors: result.syntaxErrors.length, skipped: result.skipped, fixable };
}

export interface FixOutcome {
  /** Preferred fixes applied to the file's text. */
  applied: number;
  written: boolean;
  /** Absolute paths of files created next to it (never overwritten). */
  created: string[];
  /** Absolute paths of existing files text was appended to. */
  appended: string[];
  /** Things the user must know: a file not rewritten, a file not created... */
  notes: string[];
  /** Writing failed: the run must not exit 0 or 1 as if all went well. */
  failed: boolean;
}

/**
 * Applies the preferred fixes of a file in place. The new text goes to a
 * temporary file next to it that is then renamed over it, so an interrupted
 * run leaves either the old or the new file; the file is re-read just before
 * and left alone if it changed meanwhile or is not valid UTF-8 (rewriting it
 * would lose bytes). `createFiles` never overwrite: when a different file
 * has the name, the file's fixes are not applied at all. `appendToFiles`
 * only append to files that exist and do not already contain the text.
 */
export function fixFile(analyzer: Analyzer, file: string, settings: Settings, rel: (p: string) => string): FixOutcome {
  const outcome: FixOutcome = { applied: 0, written: false, created: [], appended: [], notes: [], failed: false };
  const read = readSource(file, settings);
  if (read.text === undefined || !read.bytes) return outcome;
  const document = documentOf(file, read.text);
  if (!document) return outcome;
  const fixed = fixAll(analyzer, document, settings);
  if (fixed.applied === 0) return outcome;
  if (read.notUtf8) {
    outcome.notes.push(`not fixing ${rel(file)}: it is not valid UTF-8, and rewriting it would change bytes`);
    return outcome;
  }
  // The edits may rely on a created file (a helper they import): when a different file
  // already has its name, the fix is not applied at all rather than half applied.
  const dir = path.dirname(file);
  for (const created of fixed.createFiles) {
    const target = path.resolve(dir, created.relativePath);
    if (fs.existsSync(target) && !sameContent(target, created.text)) {
      outcome.notes.push(`not fixing ${rel(file)}: its fix creates ${rel(target)}, and a different file with that name exists`);
      return outcome;
    }
  }
  if (fixed.text !== read.text) {
    try {
      const current = fs.readFileSync(file);
      if (!current.equals(read.bytes)) {
        outcome.notes.push(`not fixing ${rel(file)}: it changed while SuiteAuth was fixing it`);
        return outcome;
      }
      writeAtomic(file, fixed.text);
      outcome.written = true;
    } catch (error) {
      outcome.notes.push(`could not write ${rel(file)}: ${describeError(error)}`);
      outcome.failed = true;
      return outcome;
    }
  }
  outcome.applied = fixed.applied;
  for (const created of fixed.createFiles) {
    const target = path.resolve(dir, created.relativePath);
    try {
      if (createExclusive(target, created.text)) outcome.created.push(target);
      else if (!sameContent(target, created.text)) {
        outcome.notes.push(`could not create ${rel(target)}: a different file with that name appeared meanwhile`);
        outcome.failed = true;
      }
    } catch (error) {
      outcome.notes.push(`could not create ${rel(target)}: ${describeError(error)}`);
      outcome.failed = true;
    }
  }
  for (const appended of fixed.appendToFiles) {
    const target = path.resolve(dir, appended.relativePath);
    let existing: Buffer;
    try {
      existing = fs.readFileSync(target);
    } catch {
      continue; // Only files that exist are appended to.
    }
    try {
      const text = existing.toString('utf8');
      if (text.includes(appended.text.replace(/\r?\n$/, ''))) continue;
      const eol = /\r\n/.test(text) ? '\r\n' : '\n';
      const separator = text === '' || text.endsWith('\n') ? '' : eol;
      writeAtomic(target, Buffer.concat([existing, Buffer.from(separator + appended.text, 'utf8')]));
      outcome.appended.push(target);
    } catch (error) {
      outcome.notes.push(`could not append to ${rel(target)}: ${describeError(error)}`);
      outcome.failed = true;
    }
  }
  return outcome;
}
