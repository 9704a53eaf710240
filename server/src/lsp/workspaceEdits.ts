import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CreateFile, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { AppendedText, CreatedFile } from '../core/rule';
import { LineIndex, type TextEdit } from '../core/text';

/** How the server sees other files: the editor's buffer when open, else the disk. */
export interface FileView {
  /**
   * The file's text and open-document version (null when not open), or
   * undefined when there is no such file. `text` is undefined for a file that
   * exists but cannot be read (too large, not a regular file, no permission).
   */
  read(uri: string): { text?: string; version: number | null } | undefined;
}

/** What the client's `workspace.workspaceEdit` capability allows. */
export interface EditSupport {
  documentChanges: boolean;
  /** `resourceOperations` includes `create`. */
  createFiles: boolean;
}

/** The document a fix belongs to. */
export interface EditTarget {
  uri: string;
  version: number;
  lines: LineIndex;
}

export interface FileChanges {
  edits: readonly TextEdit[];
  createFiles?: readonly CreatedFile[];
  appendToFiles?: readonly AppendedText[];
}

export type WorkspaceEditResult = { edit: WorkspaceEdit } | { disabled: string };

/**
 * Turns a fix (edits to the document, files to create next to it, text to
 * append to existing siblings) into one LSP workspace edit.
 *
 * - Created files never overwrite: a file that already exists with the same
 *   text needs nothing; one with different text disables the fix (its edits
 *   would import a helper that is not there). Otherwise the edit is a
 *   `CreateFile { ignoreIfExists: true }` followed by inserting the text,
 *   which needs `documentChanges` with the `create` resource operation.
 * - Appends go to siblings that exist and do not already contain the text, as
 *   one insertion at their end (with a line break first when they lack one);
 *   siblings that do not exist are left alone, as `scan --fix` does.
 * - Without created files the edit is a plain `changes` map, which every client supports.
 */
export function workspaceEditFor(target: EditTarget, fix: FileChanges, files: FileView, support: EditSupport): WorkspaceEditResult {
  const documentEdits: LspTextEdit[] = fix.edits.map((e) => ({
    range: { start: target.lines.positionAt(e.range.start), end: target.lines.positionAt(e.range.end) },
    newText: e.newText,
  }));

  const creates: { uri: string; text: string }[] = [];
  for (const created of fix.createFiles ?? []) {
    const uri = siblingUri(target.uri, created.relativePath);
    if (!uri) return { disabled: `It creates ${created.relativePath} next to the file, and the file is not saved on disk.` };
    const existing = files.read(uri);
    if (existing) {
      if (existing.text !== undefined && existing.text === created.text) continue;
      return { disabled: `${created.relativePath} already exists with different content; SuiteAuth never overwrites a file.` };
    }
    if (!creates.some((c) => c.uri === uri)) creates.push({ uri, text: created.text });
  }

  const appends = new Map<string, { version: number | null; edit: LspTextEdit }>();
  for (const appended of fix.appendToFiles ?? []) {
    const uri = siblingUri(target.uri, appended.relativePath);
    if (!uri || uri === target.uri) continue;
    const existing = files.read(uri);
    // Only files that exist (and can be read) are appended to.
    if (!existing || existing.text === undefined) continue;
    const previous = appends.get(uri);
    const current = existing.text + (previous ? previous.edit.newText : '');
    if (current.includes(appended.text.replace(/\r?\n$/, ''))) continue;
    const eol = /\r\n/.test(existing.text) ? '\r\n' : '\n';
    if (previous) {
      const separator = current === '' || current.endsWith('\n') ? '' : eol;
      previous.edit.newText += separator + appended.text;
      continue;
    }
    const separator = existing.text === '' || existing.text.endsWith('\n') ? '' : eol;
    const end = new LineIndex(existing.text).positionAt(existing.text.length);
    appends.set(uri, { version: existing.version, edit: { range: { start: end, end }, newText: separator + appended.text } });
  }

  if (creates.length === 0) {
    const changes: Record<string, LspTextEdit[]> = { [target.uri]: documentEdits };
    for (const [uri, a] of appends) changes[uri] = [a.edit];
    return { edit: { changes } };
  }
  if (!support.documentChanges || !support.createFiles) {
    return { disabled: `It creates ${fix.createFiles!.map((c) => c.relativePath).join(', ')}, and this editor does not accept workspace edits that create files.` };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const origin = { line: 0, character: 0 };
  for (const c of creates) {
    documentChanges.push({ kind: 'create', uri: c.uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: c.uri, version: null }, edits: [{ range: { start: origin, end: origin }, newText: c.text }] });
  }
  documentChanges.push({ textDocument: { uri: target.uri, version: target.version }, edits: documentEdits });
  for (const [uri, a] of appends) documentChanges.push({ textDocument: { uri, version: a.version }, edits: [a.edit] });
  return { edit: { documentChanges } };
}

/** The file: URI of a path relative to the document's folder; undefined for documents not on disk. */
export function siblingUri(documentUri: string, relativePath: string): string | undefined {
  if (!documentUri.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(documentUri);
  } catch {
    return undefined;
  }
  return pathToFileURL(path.resolve(path.dirname(file), relativePath)).href;
}
