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
    const settings = {
      allowInvalidAST: true,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
      range: true,
      loc: true, // computed by the converter anyway; keeping it avoids a second walk to delete it
      tokens: false,
      comment: false,
    };
    program = astConverter(sourceFile, settings as never, false).estree as TSESTree.Program;
  } finally {
    mutable.parseDiagnostics = diagnostics;
  }
  return { program, syntaxErrors, sourceFile };
}
