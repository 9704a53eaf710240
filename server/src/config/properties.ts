import type { OffsetRange } from '../core/text';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/** Java `.properties`, as `java.util.Properties.load` reads it. */
export function parsePropertiesConfig(text: string): ConfigDocument {
  const doc: ConfigDocument = { kind: 'properties', entries: [], blocks: [], errors: [] };
  const reader = new LogicalLineReader(text, doc);
  const prefixes = new Map<string, ConfigBlock>();
  while (!reader.atEnd()) {
    const start = reader.skipLeadingWhitespace();
    if (reader.atEnd()) break;
    const first = text[start];
    if (first === '#' || first === '!' || first === '\n' || first === '\r') {
      // Comment and blank lines are natural lines: a trailing backslash does not continue them.
      reader.skipNaturalLine();
      continue;
    }
    const key = reader.read(true);
    reader.skipSeparator();
    const value = reader.read(false);
    reader.skipLineTerminator();
    const entry: ConfigEntry = { path: [key.text], key: key.text, keyRange: key.range, value: value.text, valueRange: value.range };
    doc.entries.push(entry);
    const dot = key.text.lastIndexOf('.');
    if (dot > 0) {
      const prefix = key.text.slice(0, dot);
      let block = prefixes.get(prefix);
      if (!block) {
        block = { path: [prefix], range: { start: key.range.start, end: value.range.end }, entries: [], kind: 'prefix' };
        prefixes.set(prefix, block);
        doc.blocks.push(block);
      }
      block.range.end = Math.max(block.range.end, value.range.end);
      block.entries.push(entry);
    }
  }
  doc.blocks.push({ path: [], range: { start: 0, end: text.length }, entries: [...doc.entries], kind: 'file' });
  return doc;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Reads keys and values over backslash continuations, decoding escapes as it goes. */
class LogicalLineReader {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly doc: ConfigDocument,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  skipLeadingWhitespace(): number {
    while (this.i < this.text.length && isBlank(this.text[this.i])) this.i++;
    return this.i;
  }

  skipNaturalLine(): void {
    while (this.i < this.text.length && !isEol(this.text[this.i])) this.i++;
    this.skipLineTerminator();
  }

  skipLineTerminator(): void {
    if (this.text[this.i] === '\r') this.i++;
    if (this.text[this.i] === '\n') this.i++;
  }

  /** Whitespace, then at most one `=` or `:`, then whitespace: the key/value separator. */
  skipSeparator(): void {
    this.skipBlanksAndContinuations();
    if (this.text[this.i] === '=' || this.text[this.i] === ':') {
      this.i++;
      this.skipBlanksAndContinuations();
    }
  }

  private skipBlanksAndContinuations(): void {
    for (;;) {
      while (this.i < this.text.length && isBlank(this.text[this.i])) this.i++;
      if (this.text[this.i] === '\\' && isEol(this.text[this.i + 1])) this.continueLine();
      else return;
    }
  }

  /** From the backslash of a continuation to the first non-blank of the next line. */
  private continueLine(): void {
    this.i++;
    this.skipLineTerminator();
    while (this.i < this.text.length && isBlank(this.text[this.i])) this.i++;
  }

  /** A key (stops at an unescaped separator or whitespace) or a value (stops at the end of the logical line). */
  read(isKey: boolean): { text: string; range: OffsetRange } {
    const text = this.text;
    const start = this.i;
    let end = start;
    let out = '';
    while (this.i < text.length) {
      const c = text[this.i];
      if (isEol(c)) break;
      if (isKey && (c === '=' || c === ':' || isBlank(c))) break;
      if (c !== '\\') {
        out += c;
        end = ++this.i;
        continue;
      }
      const next = text[this.i + 1];
      if (next === undefined) {
        // A lone backslash at the end of the file is dropped, as Java does.
        this.i++;
        break;
      }
      if (isEol(next)) {
        this.continueLine();
        continue;
      }
      if (next === 'u') {
        const hex = text.slice(this.i + 2, this.i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else {
          this.doc.errors.push({ range: { start: this.i, end: Math.min(text.length, this.i + 2 + hex.length) }, message: 'Malformed \\uXXXX escape' });
          out += 'u';
          this.i += 2;
        }
      } else {
        out += ESCAPES[next] ?? next;
        this.i += 2;
      }
      end = this.i;
    }
    return { text: out, range: { start, end: Math.max(start, end) } };
  }
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function isEol(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}
