import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { OffsetRange } from '../core/text';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/**
 * JSON and JSONC (comments and trailing commas are accepted in every .json:
 * tsconfig-style files are common and a comment is no reason to miss a secret).
 */
export function parseJsonConfig(text: string): ConfigDocument {
  const doc: ConfigDocument = { kind: 'json', entries: [], blocks: [], errors: [] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  for (const error of parseErrors) {
    doc.errors.push({ range: { start: Math.min(error.offset, text.length), end: endOf(text, error) }, message: errorMessage(error) });
  }
  if (root) walk(text, root, [], doc);
  return doc;
}

function errorMessage(error: ParseError): string {
  // 'CloseBraceExpected' → 'Close brace expected'
  const words = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function walk(text: string, node: Node, path: string[], doc: ConfigDocument): void {
  if (node.type === 'object') {
    const block: ConfigBlock = { path, range: rangeOf(text, node), entries: [], kind: 'object' };
    doc.blocks.push(block);
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || keyNode.type !== 'string') continue;
      const key = String(keyNode.value);
      const entry: ConfigEntry = { path: [...path, key], key, keyRange: stringRange(text, keyNode) };
      if (valueNode) setValue(text, entry, valueNode);
      block.entries.push(entry);
      doc.entries.push(entry);
      if (valueNode) walk(text, valueNode, entry.path, doc);
    }
  } else if (node.type === 'array') {
    const items = node.children ?? [];
    items.forEach((item, index) => walk(text, item, [...path, String(index)], doc));
    addKeyValueItems(text, node, path, doc);
  }
}

/** Arrays whose `{ name, value }` items are variables (ECS task definitions, Kubernetes manifests in JSON). */
const NAME_VALUE_LISTS = /^(env|environment|environmentVariables|variables|secrets)$/i;

/**
 * Postman environments (`values`), collection auth blocks (`oauth1`, `oauth2`),
 * headers and query params are arrays of `{ key, value }` objects: expose each
 * item as the entry it stands for, so that rules see `password` and not `key`.
 */
function addKeyValueItems(text: string, array: Node, path: string[], doc: ConfigDocument): void {
  let block: ConfigBlock | undefined;
  for (const item of array.children ?? []) {
    if (item.type !== 'object') continue;
    // Postman `{ key, value }`; AWS ECS / Kubernetes-style `environment: [{ name, value }]`.
    const keyNode = propertyValue(item, 'key') ?? (NAME_VALUE_LISTS.test(path[path.length - 1] ?? '') ? propertyValue(item, 'name') : undefined);
    if (!keyNode || keyNode.type !== 'string') continue;
    const key = String(keyNode.value);
    const entry: ConfigEntry = { path: [...path, key], key, keyRange: stringRange(text, keyNode), keyValueItem: true };
    const valueNode = propertyValue(item, 'value');
    if (valueNode) setValue(text, entry, valueNode);
    if (!block) {
      block = { path, range: rangeOf(text, array), entries: [], kind: 'keyValueItems' };
      doc.blocks.push(block);
    }
    block.entries.push(entry);
    doc.entries.push(entry);
  }
}

function propertyValue(object: Node, name: string): Node | undefined {
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === name) return valueNode;
  }
  return undefined;
}

function setValue(text: string, entry: ConfigEntry, node: Node): void {
  switch (node.type) {
    case 'string':
      entry.value = String(node.value);
      entry.valueRange = stringRange(text, node);
      break;
    case 'number':
    case 'boolean':
      // As written: `1.0` must not become "1".
      entry.value = text.slice(node.offset, endOf(text, node));
      entry.valueRange = rangeOf(text, node);
      break;
    case 'null':
      entry.valueRange = rangeOf(text, node);
      break;
  }
}

/** jsonc-parser counts an unterminated block comment one character past the end of the text, and so the nodes around it. */
function endOf(text: string, node: { offset: number; length: number }): number {
  return Math.min(node.offset + node.length, text.length);
}

function rangeOf(text: string, node: Node): OffsetRange {
  return { start: Math.min(node.offset, text.length), end: endOf(text, node) };
}

/** The string's characters without its quotes (an unterminated string has no closing one). */
function stringRange(text: string, node: Node): OffsetRange {
  const end = endOf(text, node);
  const start = text.charCodeAt(node.offset) === 0x22 ? node.offset + 1 : node.offset;
  const closed = end - 1 >= start && text.charCodeAt(end - 1) === 0x22;
  return { start, end: closed ? end - 1 : end };
}
