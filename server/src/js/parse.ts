import * as ts from 'typescript';
import { astConverter } from '@typescript-eslint/typescript-estree/use-at-your-own-risk';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Node = TSESTree.Node;

export interface JsParseResult {
  program: TSESTree.Program;
  /** TypeScript's own diagnostics: present when the user's code does not parse. */
  syntaxErrors: readonly { start: number; message: string }[];
  /** The TypeScript tree, kept so that the next version can be reparsed incrementally. */
  sourceFile: ts.SourceFile;
}

function scriptKindOf(fileName: string, isTs: boolean): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return isTs ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

/**
 * The smallest changed span between two texts: what TypeScript's incremental
 * parser needs to reuse the unchanged parts of the previous tree.
 */
function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return ts.createTextChangeRange(ts.createTextSpan(prefix, oldText.length - prefix - suffix), newText.length - prefix - suffix);
}

/**
 * Parses JS/TS into ESTree with ranges and parent pointers.
 *
 * typescript-estree's own `parse` throws on the first syntax error; half-typed
 * code is the normal state in an editor, so the TypeScript tree (which TS
 * always produces, with error recovery) is converted directly and the syntax
 * errors are returned beside it. When the previous version's tree is given,
 * TypeScript reparses incrementally.
 */
export function parseJs(fileName: string, text: string, isTs: boolean, previous?: ts.SourceFile): JsParseResult {
  let sourceFile: ts.SourceFile;
  if (previous && previous.fileName === fileName) {
    sourceFile = ts.updateSourceFile(previous, text, changeRange(previous.text, text));
  } else {
    sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName, isTs));
  }
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const syntaxErrors = diagnostics.map((d) => ({
    start: d.start,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  const mutable = sourceFile as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] };
  mutable.parseDiagnostics = [];
  let program: TSESTree.Program;
  try {
    program = convert(sourceFile);
  } catch {
    // The converter throws on some recovered trees (`): Promise<` while the type is being typed):
    // blank the lines with syntax errors (offsets kept) and convert that; never fail the file.
    program = convertWithoutErrorLines(fileName, text, isTs, diagnostics);
  } finally {
    mutable.parseDiagnostics = diagnostics;
  }
  return { program, syntaxErrors, sourceFile };
}

const CONVERTER_SETTINGS = {
  allowInvalidAST: true,
  errorOnUnknownASTType: false,
  suppressDeprecatedPropertyWarnings: true,
  range: true,
  loc: true, // computed by the converter anyway; keeping it avoids a second walk to delete it
  tokens: false,
  comment: false,
};

function convert(sourceFile: ts.SourceFile): TSESTree.Program {
  return astConverter(sourceFile, CONVERTER_SETTINGS as never, false).estree as TSESTree.Program;
}

function convertWithoutErrorLines(fileName: string, text: string, isTs: boolean, diagnostics: readonly ts.DiagnosticWithLocation[]): TSESTree.Program {
  const chars = text.split('');
  for (const d of diagnostics) {
    const at = Math.min(Math.max(d.start, 0), Math.max(text.length - 1, 0));
    let start = at;
    while (start > 0 && text[start - 1] !== '\n') start--;
    let end = at;
    while (end < text.length && text[end] !== '\n') end++;
    for (let i = start; i < end; i++) if (chars[i] !== '\r') chars[i] = ' ';
  }
  try {
    const patched = ts.createSourceFile(fileName, chars.join(''), ts.ScriptTarget.Latest, true, scriptKindOf(fileName, isTs));
    (patched as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics = [];
    return convert(patched);
  } catch {
    const end = { line: 1, column: 0 };
    return { type: 'Program', body: [], sourceType: 'module', comments: [], tokens: [], range: [0, text.length], loc: { start: end, end } } as unknown as TSESTree.Program;
  }
}
