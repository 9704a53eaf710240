import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from '../core/text';
import type { Node } from '../js/ast';

/** Removes an element of a comma-separated list (object property, array element) with its comma. */
export function removeListItem(text: string, item: Node, siblings: readonly Node[]): TextEdit {
  const i = siblings.indexOf(item);
  if (i >= 0 && i < siblings.length - 1) {
    return { range: { start: lineAwareStart(text, item.range[0]), end: lineAwareStart(text, siblings[i + 1].range[0]) }, newText: '' };
  }
  if (i > 0) {
    // Last item: drop the comma before it, and a trailing comma after it if any.
    let end = item.range[1];
    const after = /^\s*,/.exec(text.slice(end));
    if (after) end += after[0].length;
    return { range: { start: siblings[i - 1].range[1], end }, newText: after ? ',' : '' };
  }
  let end = item.range[1];
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  return { range: { start: item.range[0], end }, newText: '' };
}

/** When an item starts its own line, removing it removes the whole line, indentation included. */
function lineAwareStart(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset)) ? lineStart : offset;
}

/** Removes a statement and, when it stands on its own lines, those lines. */
export function removeStatement(text: string, statement: Node): TextEdit {
  let start = statement.range[0];
  let end = statement.range[1];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) {
    const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
    if (rest) {
      start = lineStart;
      end += rest[0].length;
    }
  }
  return { range: { start, end }, newText: '' };
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: { start: node.range[0], end: node.range[1] }, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { range: { start: offset, end: offset }, newText };
}

/** The statement a node belongs to (the child of a block or program). */
export function statementOf(node: Node): TSESTree.Statement | undefined {
  let n: Node | undefined = node;
  while (n?.parent && n.parent.type !== 'BlockStatement' && n.parent.type !== 'Program' && n.parent.type !== 'SwitchCase' && n.parent.type !== 'StaticBlock') n = n.parent;
  return n?.parent ? (n as TSESTree.Statement) : undefined;
}
