import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/**
 * dotenv, following the `dotenv` npm package where implementations differ:
 * quoted values may span lines, `#` starts a comment only after whitespace in
 * an unquoted value, and `KEY: value` is accepted like `KEY=value`.
 */
export function parseDotenvConfig(text: string): ConfigDocument {
  const doc: ConfigDocument = { kind: 'dotenv', entries: [], blocks: [], errors: [] };
  const block: ConfigBlock = { path: [], range: { start: 0, end: text.length }, entries: [], kind: 'file' };
  const closer = new QuoteCloser(text);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const lineEnd = endOfLine(text, i);
    let next = nextLineStart(text, lineEnd);
    let p = skipBlanks(text, i, lineEnd);
    if (p === lineEnd || text[p] === '#') {
      i = next;
      continue;
    }
    let exported = false;
    if (text.startsWith('export', p) && (text[p + 6] === ' ' || text[p + 6] === '\t')) {
      p = skipBlanks(text, p + 6, lineEnd);
      exported = true;
    }
    const keyStart = p;
    while (p < lineEnd && isKeyChar(text.charCodeAt(p))) p++;
    const keyEnd = p;
    p = skipBlanks(text, p, lineEnd);
    const separator = text[p];
    if (keyEnd === keyStart || (separator !== '=' && separator !== ':')) {
      // `export NAME` re-exports an existing variable: valid shell, nothing to record.
      if (!(exported && keyEnd > keyStart && p === lineEnd)) {
        doc.errors.push({ range: { start: keyStart, end: lineEnd }, message: 'Expected KEY=value' });
      }
      i = next;
      continue;
    }
    p = skipBlanks(text, p + 1, lineEnd);
    const key = text.slice(keyStart, keyEnd);
    const entry: ConfigEntry = { path: [key], key, keyRange: { start: keyStart, end: keyEnd } };
    const quote = text[p];
    const close = quote === '"' || quote === "'" || quote === '`' ? closer.find(quote, p + 1) : -1;
    if (close >= 0) {
      const raw = text.slice(p + 1, close);
      entry.value = quote === '"' ? unescapeDoubleQuoted(raw) : raw;
      entry.valueRange = { start: p + 1, end: close };
      next = nextLineStart(text, endOfLine(text, close));
    } else {
      if (quote === '"' || quote === "'" || quote === '`') {
        doc.errors.push({ range: { start: p, end: lineEnd }, message: 'Unterminated quoted value' });
      }
      let end = p;
      while (end < lineEnd && !(text[end] === '#' && (end === p || text[end - 1] === ' ' || text[end - 1] === '\t'))) end++;
      while (end > p && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      entry.value = text.slice(p, end);
      entry.valueRange = { start: p, end };
    }
    block.entries.push(entry);
    doc.entries.push(entry);
    i = next;
  }
  doc.blocks.push(block);
  return doc;
}

/**
 * Finds closing quotes. A search that fails remembers where it started: any
 * later search for the same quote fails too (it would reach the same state),
 * which keeps a file full of unterminated quotes linear.
 */
class QuoteCloser {
  private readonly failedFrom = new Map<string, number>();
  constructor(private readonly text: string) {}

  find(quote: string, from: number): number {
    const failed = this.failedFrom.get(quote);
    if (failed !== undefined && from >= failed) return -1;
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === quote) return i;
    }
    this.failedFrom.set(quote, from);
    return -1;
  }
}

function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

function isKeyChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

export function endOfLine(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function nextLineStart(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return Math.min(text.length, lineEnd + 1);
}
