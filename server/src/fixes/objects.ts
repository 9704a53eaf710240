import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from '../core/text';
import { indentationAt } from './style';

/**
 * Adds `key: value` properties at the end of an object literal, one per line
 * when the object is written over several lines (with the indentation of its
 * last property), inline otherwise; a trailing comma stays a trailing comma.
 */
export function addProperties(text: string, object: TSESTree.ObjectExpression, properties: string[], eol: string): TextEdit {
  const close = object.range[1] - 1;
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    return { range: { start: object.range[0], end: object.range[1] }, newText: `{ ${properties.join(', ')} }` };
  }
  const multiline = text.slice(object.range[0], object.range[1]).includes('\n');
  const between = text.slice(last.range[1], close);
  const trailingComma = /^\s*,/.test(between);
  if (multiline) {
    const indent = indentationAt(text, last.range[0]);
    const added = properties.map((p) => `${eol}${indent}${p}`).join(',');
    const insertAt = trailingComma ? last.range[1] + between.indexOf(',') + 1 : last.range[1];
    return { range: { start: insertAt, end: insertAt }, newText: trailingComma ? `${added},` : `,${added}` };
  }
  const insertAt = trailingComma ? last.range[1] + between.indexOf(',') + 1 : last.range[1];
  return { range: { start: insertAt, end: insertAt }, newText: trailingComma ? ` ${properties.join(', ')},` : `, ${properties.join(', ')}` };
}
