import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetRange } from '../core/text';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/** Lists of `KEY=value` strings (docker-compose `environment:`, `args:`). */
const ASSIGNMENT_LISTS = /^(environment|env|args|build[-_]?args)$/i;

/** Aliases can expand exponentially ("billion laughs"); past this many aliased visits we stop expanding. */
const MAX_ALIASED_VISITS = 100_000;

export function parseYamlConfig(text: string): ConfigDocument {
  const doc: ConfigDocument = { kind: 'yaml', entries: [], blocks: [], errors: [] };
  let documents = parseStream(text);
  const seen = new Set<string>();
  const addErrors = () => {
    for (const document of documents) {
      for (const error of document.errors) {
        const start = Math.min(error.pos[0], text.length);
        const range = { start, end: Math.min(Math.max(start, error.pos[1]), text.length) };
        const id = `${range.start}:${range.end}:${error.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        doc.errors.push({ range, message: error.message });
      }
    }
  };
  addErrors();
  // Half-typed `password: "abc` swallows the lines after it into the string.
  // Recover the entries after it: parse again with the opening quote of each
  // unterminated multi-line quoted scalar blanked (offsets are unchanged).
  let parsed = text;
  for (let attempt = 0; attempt < 8 && documents.some((d) => d.errors.some((e) => e.code === 'MISSING_CHAR')); attempt++) {
    const patched = blankUnterminatedQuotes(parsed, documents);
    if (patched === parsed) break;
    parsed = patched;
    documents = parseStream(parsed);
  }
  let aliasedVisits = 0;
  // Anchors are looked up across the whole stream: Spring-style files define
  // `defaults: &defaults` in the first document and merge it in later ones.
  const anchors = new Map<string, { start: number; node: Node }[]>();
  for (const document of documents) collectAnchors(document, anchors);
  documents.forEach((document, documentIndex) => {
    new YamlWalker(text, document, documentIndex, doc, anchors, () => ++aliasedVisits <= MAX_ALIASED_VISITS).walkRoot();
  });
  return doc;
}

function parseStream(text: string): Document.Parsed[] {
  // uniqueKeys is quadratic on large maps and duplicate keys are not our concern.
  return [...parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })];
}

/** The text with the opening quote of every unterminated quoted scalar that spans lines replaced by a space. */
function blankUnterminatedQuotes(text: string, documents: Document.Parsed[]): string {
  const starts: number[] = [];
  for (const document of documents) {
    visit(document, {
      Scalar: (_key, scalar) => {
        if (!scalar.range || (scalar.type !== 'QUOTE_DOUBLE' && scalar.type !== 'QUOTE_SINGLE')) return;
        const [start, end] = scalar.range;
        if (isUnterminated(text, scalar) && /[\r\n]/.test(text.slice(start, end))) starts.push(start);
      },
    });
  }
  if (starts.length === 0) return text;
  let out = '';
  let last = 0;
  for (const start of starts.sort((a, b) => a - b)) {
    out += text.slice(last, start) + ' ';
    last = start + 1;
  }
  return out + text.slice(last);
}

/** A quoted scalar whose closing quote is missing. */
function isUnterminated(text: string, scalar: Scalar): boolean {
  if ((scalar.type !== 'QUOTE_DOUBLE' && scalar.type !== 'QUOTE_SINGLE') || !scalar.range) return false;
  const quote = scalar.type === 'QUOTE_DOUBLE' ? '"' : "'";
  const [start, end] = scalar.range;
  if (text[start] !== quote) return false;
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  if (last <= start || text[last] !== quote) return true;
  if (quote === "'") return false;
  let backslashes = 0;
  for (let i = last - 1; i > start && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function collectAnchors(document: Document.Parsed, anchors: Map<string, { start: number; node: Node }[]>): void {
  visit(document, {
    Node: (_key, node) => {
      if (node.anchor && node.range) {
        const definitions = anchors.get(node.anchor) ?? [];
        definitions.push({ start: node.range[0], node });
        anchors.set(node.anchor, definitions);
      }
    },
  });
}

class YamlWalker {
  /** Collections being walked: an alias to one of them would recurse forever. */
  private readonly active = new Set<Node>();
  private budgetReported = false;

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
    private readonly documentIndex: number,
    private readonly doc: ConfigDocument,
    private readonly anchors: Map<string, { start: number; node: Node }[]>,
    private readonly allowAliasedVisit: () => boolean,
  ) {}

  walkRoot(): void {
    const contents = this.document.contents;
    if (contents) this.walk(contents, [], false);
  }

  private walk(node: Node, path: string[], aliased: boolean): void {
    const resolved = this.resolve(node);
    if (!resolved) return;
    if (resolved.node !== node) aliased = true;
    const target = resolved.node;
    if (aliased && !this.takeBudget()) return;
    if (this.active.has(target)) return;
    this.active.add(target);
    try {
      if (isMap(target)) this.walkMap(target, path, aliased);
      else if (isSeq(target)) {
        target.items.forEach((item, index) => isNodeLike(item) && this.walk(item, [...path, String(index)], aliased));
        if (ASSIGNMENT_LISTS.test(path[path.length - 1] ?? '')) {
          this.walkAssignments(target, path, aliased);
          this.walkNameValueItems(target, path, aliased);
        }
      }
    } finally {
      this.active.delete(target);
    }
  }

  private walkMap(map: YAMLMap, path: string[], aliased: boolean): void {
    const block: ConfigBlock = { path, range: this.rangeOf(map), entries: [], kind: 'object', documentIndex: this.documentIndex };
    this.doc.blocks.push(block);
    for (const { pair, merged } of this.effectivePairs(map, new Set())) {
      const entry = this.pairEntry(pair, path, aliased || merged);
      if (!entry) continue;
      block.entries.push(entry);
      this.doc.entries.push(entry);
      const value = pair.value;
      if (isNodeLike(value) && !isScalar(value)) this.walk(value, entry.path, aliased || merged);
    }
  }

  /**
   * docker-compose `environment: [ "KEY=value", ... ]`: each item is an entry
   * named by its key, with ranges inside the scalar (quotes excluded).
   */
  private walkAssignments(seq: YAMLSeq, path: string[], aliased: boolean): void {
    let block: ConfigBlock | undefined;
    for (const item of seq.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
      if (item.type !== 'PLAIN' && item.type !== 'QUOTE_DOUBLE' && item.type !== 'QUOTE_SINGLE') continue;
      const range = this.scalarRange(item);
      const raw = this.text.slice(range.start, range.end);
      const m = /^([A-Za-z_][A-Za-z0-9_.\-]*)=/.exec(raw);
      if (!m || raw.includes('\n') || raw.includes('\\')) continue;
      const key = m[1];
      const entry: ConfigEntry = {
        path: [...path, key],
        key,
        keyRange: { start: range.start, end: range.start + key.length },
        value: raw.slice(key.length + 1),
        valueRange: { start: range.start + key.length + 1, end: range.end },
        documentIndex: this.documentIndex,
        assignment: true,
      };
      if (aliased) entry.aliased = true;
      if (!block) {
        block = { path, range: this.rangeOf(seq), entries: [], kind: 'keyValueItems', documentIndex: this.documentIndex };
        this.doc.blocks.push(block);
      }
      block.entries.push(entry);
      this.doc.entries.push(entry);
    }
  }

  /**
   * Kubernetes `env: [ { name: KEY, value: v } ]`: each item is an entry named
   * by its `name` (key range: the name's value), with the `value` as value.
   */
  private walkNameValueItems(seq: YAMLSeq, path: string[], aliased: boolean): void {
    let block: ConfigBlock | undefined;
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      let nameNode: Scalar | undefined;
      let valueNode: Scalar | undefined;
      for (const pair of item.items) {
        if (!isScalar(pair.key)) continue;
        if (pair.key.value === 'name' && isScalar(pair.value) && typeof pair.value.value === 'string') nameNode = pair.value;
        if (pair.key.value === 'value' && isScalar(pair.value)) valueNode = pair.value;
      }
      if (!nameNode) continue;
      const key = this.scalarText(nameNode);
      const entry: ConfigEntry = { path: [...path, key], key, keyRange: this.scalarRange(nameNode), documentIndex: this.documentIndex, keyValueItem: true };
      if (valueNode) {
        if (valueNode.value !== null) entry.value = this.scalarText(valueNode);
        entry.valueRange = this.scalarRange(valueNode);
      }
      if (aliased) entry.aliased = true;
      if (!block) {
        block = { path, range: this.rangeOf(seq), entries: [], kind: 'keyValueItems', documentIndex: this.documentIndex };
        this.doc.blocks.push(block);
      }
      block.entries.push(entry);
      this.doc.entries.push(entry);
    }
  }

  /**
   * The pairs a map has once `<<` merge keys are applied: its own keys win over
   * merged ones, and earlier merge sources win over later ones (YAML 1.1 merge).
   */
  private effectivePairs(map: YAMLMap, visiting: Set<YAMLMap>): { pair: Pair; merged: boolean }[] {
    const result: { pair: Pair; merged: boolean }[] = [];
    const seen = new Set<string>();
    const sources: YAMLMap[] = [];
    visiting.add(map);
    for (const pair of map.items) {
      if (this.isMergeKey(pair.key)) {
        const value = pair.value;
        const candidates = isSeq(value) ? value.items : [value];
        for (const candidate of candidates) {
          const source = isNodeLike(candidate) ? this.resolve(candidate)?.node : undefined;
          if (source && isMap(source) && !visiting.has(source)) sources.push(source);
        }
        continue;
      }
      const key = this.keyText(pair.key);
      if (key !== undefined) seen.add(key);
      result.push({ pair, merged: false });
    }
    for (const source of sources) {
      for (const { pair } of this.effectivePairs(source, visiting)) {
        const key = this.keyText(pair.key);
        if (key === undefined || seen.has(key)) continue;
        if (!this.takeBudget()) break;
        seen.add(key);
        result.push({ pair, merged: true });
      }
    }
    visiting.delete(map);
    return result;
  }

  private pairEntry(pair: Pair, path: string[], aliased: boolean): ConfigEntry | undefined {
    const keyNode = isNodeLike(pair.key) ? this.resolve(pair.key) : undefined;
    if (!keyNode || !isScalar(keyNode.node)) return undefined;
    const key = this.scalarText(keyNode.node);
    const entry: ConfigEntry = { path: [...path, key], key, keyRange: this.scalarRange(keyNode.node), documentIndex: this.documentIndex };
    const valueNode = isNodeLike(pair.value) ? this.resolve(pair.value) : undefined;
    if (valueNode && isScalar(valueNode.node)) {
      const scalar = valueNode.node;
      if (scalar.value !== null) entry.value = this.scalarText(scalar);
      const range = this.scalarRange(scalar);
      if (range.end > range.start || scalar.value !== null) entry.valueRange = range;
    }
    if (aliased || keyNode.node !== pair.key || (valueNode && valueNode.node !== pair.value)) entry.aliased = true;
    return entry;
  }

  /** Follows an alias to the last definition of its anchor before it. */
  private resolve(node: Node): { node: Node } | undefined {
    if (!isAlias(node)) return { node };
    const definitions = this.anchors.get(node.source);
    if (!definitions) return undefined;
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: Node | undefined;
    for (const definition of definitions) if (definition.start < at) found = definition.node;
    return found && !isAlias(found) ? { node: found } : undefined;
  }

  private takeBudget(): boolean {
    if (this.allowAliasedVisit()) return true;
    if (!this.budgetReported) {
      this.budgetReported = true;
      this.doc.errors.push({ range: { start: 0, end: 0 }, message: 'Too many alias expansions; the rest are not followed' });
    }
    return false;
  }

  private isMergeKey(key: unknown): boolean {
    if (!isScalar(key) || !key.range) return false;
    return key.type === 'PLAIN' && this.text.slice(key.range[0], key.range[1]) === '<<';
  }

  private keyText(key: unknown): string | undefined {
    if (!isNodeLike(key)) return undefined;
    const resolved = this.resolve(key)?.node;
    return resolved && isScalar(resolved) ? this.scalarText(resolved) : undefined;
  }

  /** Strings as decoded; numbers, booleans and dates as written (`1.0` must not become "1"). */
  private scalarText(scalar: Scalar): string {
    const unterminated = this.unterminatedQuoted(scalar);
    if (unterminated !== undefined) return unterminated;
    if (typeof scalar.value === 'string') return scalar.value;
    if (scalar.value === null || scalar.value === undefined) return scalar.source ?? '';
    if (typeof scalar.source === 'string' && scalar.source !== '') return scalar.source;
    const range = scalar.range;
    return range ? this.text.slice(range[0], range[1]) : String(scalar.value);
  }

  /**
   * The value of a quoted scalar that has no closing quote, decoded from the
   * text up to the end of its range (the library drops its last character,
   * taking it for the missing quote). Undefined for other scalars.
   */
  private unterminatedQuoted(scalar: Scalar): string | undefined {
    if (!isUnterminated(this.text, scalar) || !scalar.range) return undefined;
    const quote = scalar.type === 'QUOTE_DOUBLE' ? '"' : "'";
    const [start, end] = scalar.range;
    const raw = this.text.slice(start + 1, end).replace(/[ \t]*\r?\n[ \t]*/g, ' ').replace(/\s+$/, '');
    if (quote === "'") return raw.replace(/''/g, "'");
    return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
      return ({ n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v', e: '\x1b', ' ': ' ', '/': '/', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
    });
  }

  /** The scalar's characters without quotes or block-scalar header. */
  private scalarRange(scalar: Scalar): OffsetRange {
    const range = scalar.range;
    if (!range) return { start: 0, end: 0 };
    let start = range[0];
    let end = range[1];
    if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
      const quote = scalar.type === 'QUOTE_DOUBLE' ? '"' : "'";
      if (this.text[start] === quote) start++;
      if (isUnterminated(this.text, scalar)) {
        while (end > start && /\s/.test(this.text[end - 1])) end--;
      } else if (end - 1 >= start && this.text[end - 1] === quote) end--;
    } else if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
      const newline = this.text.indexOf('\n', start);
      start = newline < 0 || newline >= end ? end : newline + 1;
      while (start < end && (this.text[start] === ' ' || this.text[start] === '\t')) start++;
      while (end > start && /\s/.test(this.text[end - 1])) end--;
    }
    return { start, end };
  }

  private rangeOf(node: Node): OffsetRange {
    return node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  }
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}
