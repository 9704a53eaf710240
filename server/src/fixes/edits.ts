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

/**
 * Deletions of whole lines leave the blank lines around them: when a removed
 * block of lines sits between two blank lines (or a blank line and the
 * start or end of a block), one of them goes too, and deletions separated
 * only by blank lines become one. Other edits are returned unchanged.
 */
export function tidyLineRemovals(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const isLineStart = (o: number) => o === 0 || text[o - 1] === '\n';
  const removals = edits.filter((e) => e.newText === '' && e.range.end > e.range.start && isLineStart(e.range.start) && isLineStart(e.range.end)).sort((a, b) => a.range.start - b.range.start);
  const others = edits.filter((e) => !removals.includes(e));
  const merged: TextEdit[] = [];
  for (const r of removals) {
    const last = merged[merged.length - 1];
    if (last && r.range.start >= last.range.end && /^\s*$/.test(text.slice(last.range.end, r.range.start)) && !others.some((o) => o.range.start >= last.range.end && o.range.end <= r.range.start)) {
      merged[merged.length - 1] = { range: { start: last.range.start, end: Math.max(last.range.end, r.range.end) }, newText: '' };
    } else if (last && r.range.start < last.range.end) {
      merged[merged.length - 1] = { range: { start: last.range.start, end: Math.max(last.range.end, r.range.end) }, newText: '' };
    } else merged.push({ range: { ...r.range }, newText: '' });
  }
  for (const m of merged) {
    const before = text.slice(0, m.range.start);
    const blankBefore = m.range.start === 0 || /(^|\n)[ \t]*\r?\n$/.test(before) || /[{(\[][ \t]*\r?\n$/.test(before);
    const after = /^(?:[ \t]*\r?\n)+/.exec(text.slice(m.range.end));
    if (blankBefore && after && !others.some((o) => o.range.start >= m.range.end && o.range.start < m.range.end + after[0].length)) m.range.end += after[0].length;
    else if (!after && /^[ \t]*[})\]]/.test(text.slice(m.range.end))) {
      // The removed lines ended a block: the blank lines before them go with them.
      const blank = /(?:\r?\n[ \t]*)+\r?\n$/.exec(before);
      if (blank && !others.some((o) => o.range.end > m.range.start - blank[0].length + 1 && o.range.start < m.range.start)) m.range.start -= blank[0].length - (before.endsWith('\r\n') ? 2 : 1);
    }
  }
  return [...others, ...merged];
}

/**
 * Removes several elements of one comma-separated list (array elements,
 * parameters, import specifiers) in edits that do not overlap: runs of
 * neighbouring elements go together, each run the way `removeListItem` would.
 */
export function removeListItems(text: string, items: readonly Node[], siblings: readonly Node[]): TextEdit[] {
  const removed = new Set(items);
  const edits: TextEdit[] = [];
  for (let i = 0; i < siblings.length; i++) {
    if (!removed.has(siblings[i])) continue;
    let j = i;
    while (j + 1 < siblings.length && removed.has(siblings[j + 1])) j++;
    const first = siblings[i];
    const last = siblings[j];
    if (j < siblings.length - 1) {
      edits.push({ range: { start: lineAwareStart(text, first.range[0]), end: lineAwareStart(text, siblings[j + 1].range[0]) }, newText: '' });
    } else {
      let end = last.range[1];
      const after = /^\s*,/.exec(text.slice(end));
      if (after) end += after[0].length;
      if (i > 0) edits.push({ range: { start: siblings[i - 1].range[1], end }, newText: after ? ',' : '' });
      else edits.push({ range: { start: first.range[0], end }, newText: '' });
    }
    i = j;
  }
  return edits;
}
