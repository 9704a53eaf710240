/** Offsets are UTF-16 code-unit indexes into the document text, as in the LSP. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** Zero-based line and character, as in the LSP. */
export interface Position {
  line: number;
  character: number;
}

/**
 * Line starts of a text, computed once per document version, so that parsers
 * can run with ranges only and lines/columns are looked up on demand.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[position.line];
    const nextStart = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }
}

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

/** Applies non-overlapping edits; edits at the same offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.range.start < cursor) throw new Error('overlapping edits');
    result += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return result + text.slice(cursor);
}

/** True when the text looks binary (a NUL byte in its first 8 KiB). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
