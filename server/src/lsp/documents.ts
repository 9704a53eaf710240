import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type * as ts from 'typescript';
import type { LanguageKind } from '../core/document';
import type { Analysis } from './analysis';
import type { Finding } from '../core/rule';
import type { Settings } from '../core/settings';

/** An open document and what the server keeps between its versions. */
export interface OpenDocument {
  text: TextDocument;
  kind: LanguageKind;
  /** The analysis of the last version asked for (in progress or done), and the settings it used. */
  analysis?: { version: number; settings: Settings; promise: Promise<Analysis | undefined> };
  /** TypeScript's tree of the last parsed version, for incremental reparsing. */
  previousSourceFile?: ts.SourceFile;
  /**
   * Findings of the last version that parsed cleanly, with their ranges moved
   * through every edit since: shown while the user's code is half-typed.
   */
  lastGood?: Finding[];
}

/** Moves an offset range through one edit of the text. */
export function shiftRange(range: { start: number; end: number }, editStart: number, editEnd: number, newLength: number): { start: number; end: number } | undefined {
  const delta = newLength - (editEnd - editStart);
  if (editEnd <= range.start) return { start: range.start + delta, end: range.end + delta };
  if (editStart >= range.end) return range;
  // The edit touches the finding: keep it if the edit is strictly inside, growing or shrinking with it.
  if (editStart >= range.start && editEnd <= range.end) {
    const end = range.end + delta;
    return end > range.start ? { start: range.start, end } : undefined;
  }
  return undefined;
}

/** Applies LSP content changes one at a time, moving the last good findings through each. */
export function applyChanges(doc: OpenDocument, changes: TextDocumentContentChangeEvent[], version: number): void {
  let text = doc.text;
  for (const change of changes) {
    if ('range' in change) {
      const start = text.offsetAt(change.range.start);
      const end = text.offsetAt(change.range.end);
      if (doc.lastGood) {
        doc.lastGood = doc.lastGood.flatMap((f) => {
          const range = shiftRange(f.range, start, end, change.text.length);
          return range ? [{ ...f, range }] : [];
        });
      }
    } else doc.lastGood = undefined;
    text = TextDocument.update(text, [change], version);
  }
  doc.text = text;
}
