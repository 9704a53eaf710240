import { QuoteType, Tokenizer } from 'htmlparser2';
import type { OffsetRange } from '../core/text';
import type { ConfigBlock, ConfigDocument, ConfigEntry } from './model';

/**
 * XML on htmlparser2's tokenizer in XML mode: it reports the offsets of every
 * name, attribute value and text run, and never gives up on bad input, so the
 * tree (and the errors) are ours to build.
 */
export function parseXmlConfig(text: string): ConfigDocument {
  const builder = new XmlBuilder(text);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, builder);
  tokenizer.write(text);
  tokenizer.end();
  return builder.finish();
}

interface Frame {
  qname: string;
  name: QName;
  /** Offset of the `<`. */
  start: number;
  nameStart: number;
  path: string[];
  attributes: ConfigEntry[];
  /** Text-only child elements. */
  children: ConfigEntry[];
  /** `<property name="tokenId" value="…"/>` children, each the entry it stands for. */
  items: ConfigEntry[];
  hasElementChild: boolean;
  text: string;
  textStart: number;
  textEnd: number;
  contentStart: number;
  /** End of the last name or attribute the tokenizer reported inside the open tag. */
  scanned: number;
}

interface QName {
  local: string;
  prefix?: string;
}

interface PendingAttribute {
  start: number;
  end: number;
  value: string;
}

class XmlBuilder {
  private readonly doc: ConfigDocument = { kind: 'xml', entries: [], blocks: [], errors: [] };
  private readonly stack: Frame[] = [];
  /** An open tag whose `>` has not been seen yet. */
  private pending: Frame | undefined;
  private attribute: PendingAttribute | undefined;

  constructor(private readonly text: string) {}

  finish(): ConfigDocument {
    if (this.pending) {
      this.error(this.pending.nameStart, this.pending.nameStart + this.pending.qname.length, `Unterminated tag <${this.pending.qname}>`);
      this.recoverAttributes(this.pending, this.attribute?.start ?? this.pending.scanned);
      this.attribute = undefined;
      this.close(this.pending, this.text.length, true);
      this.pending = undefined;
    }
    while (this.stack.length > 0) {
      const frame = this.stack.pop()!;
      this.error(frame.nameStart, frame.nameStart + frame.qname.length, `Element <${frame.qname}> is not closed`);
      this.close(frame, this.text.length, false);
    }
    // Elements complete after their children; rules read in document order.
    this.doc.entries.sort((a, b) => a.keyRange.start - b.keyRange.start);
    this.doc.blocks.sort((a, b) => a.range.start - b.range.start);
    return this.doc;
  }

  onopentagname(start: number, end: number): void {
    const qname = this.text.slice(start, end);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.hasElementChild = true;
    const name = splitName(qname);
    this.pending = {
      qname,
      name,
      start: start - 1,
      nameStart: start,
      path: [...(parent?.path ?? []), name.local],
      attributes: [],
      children: [],
      items: [],
      hasElementChild: false,
      text: '',
      textStart: -1,
      textEnd: -1,
      contentStart: end,
      scanned: end,
    };
  }

  onattribname(start: number, end: number): void {
    this.attribute = { start, end, value: '' };
  }

  onattribdata(start: number, end: number): void {
    if (this.attribute) this.attribute.value += this.text.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    if (this.attribute) this.attribute.value += String.fromCodePoint(codepoint);
  }

  onattribend(quote: QuoteType, endIndex: number): void {
    const attribute = this.attribute;
    const element = this.pending;
    this.attribute = undefined;
    if (!attribute || !element) return;
    const qname = this.text.slice(attribute.start, attribute.end);
    const name = splitName(qname);
    const entry: ConfigEntry = {
      path: [...element.path, name.local],
      key: name.local,
      keyRange: localRange(attribute.start, attribute.end, name),
      xml: 'attribute',
    };
    if (name.prefix !== undefined) entry.prefix = name.prefix;
    if (quote !== QuoteType.NoValue) {
      let valueStart = attribute.end;
      while (valueStart < endIndex && /[\s=]/.test(this.text[valueStart])) valueStart++;
      const quoted = quote === QuoteType.Double || quote === QuoteType.Single;
      if (quoted) valueStart++;
      entry.value = attribute.value;
      entry.valueRange = { start: Math.min(valueStart, endIndex), end: quoted ? Math.max(valueStart, endIndex - 1) : endIndex };
    }
    element.attributes.push(entry);
    this.doc.entries.push(entry);
    element.scanned = Math.max(element.scanned, endIndex);
  }

  onopentagend(endIndex: number): void {
    const frame = this.pending;
    this.pending = undefined;
    if (!frame) return;
    frame.contentStart = endIndex + 1;
    this.stack.push(frame);
  }

  onselfclosingtag(endIndex: number): void {
    const frame = this.pending;
    this.pending = undefined;
    if (frame) this.close(frame, endIndex + 1, true);
  }

  onclosetag(start: number, end: number): void {
    const qname = this.text.slice(start, end);
    let index = this.stack.length - 1;
    while (index >= 0 && this.stack[index].qname !== qname) index--;
    if (index < 0) {
      this.error(start, end, `Unexpected closing tag </${qname}>`);
      return;
    }
    const tagStart = Math.max(0, start - 2);
    while (this.stack.length - 1 > index) {
      const frame = this.stack.pop()!;
      this.error(frame.nameStart, frame.nameStart + frame.qname.length, `Element <${frame.qname}> is not closed`);
      this.close(frame, tagStart, false);
    }
    const gt = this.text.indexOf('>', end);
    this.close(this.stack.pop()!, gt < 0 ? end : gt + 1, false);
  }

  ontext(start: number, end: number): void {
    this.addText(this.text.slice(start, end), start, end);
  }

  ontextentity(codepoint: number, endIndex: number): void {
    const amp = this.text.lastIndexOf('&', endIndex - 1);
    this.addText(String.fromCodePoint(codepoint), amp < 0 ? endIndex : amp, endIndex);
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.addText(this.text.slice(start, endIndex - endOffset), start, endIndex - endOffset);
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  /**
   * The attributes of a tag cut off by the end of the text (half-typed in an
   * editor), which the tokenizer never reports: `tokenSecret="abc` has the
   * value `abc`, `tokenSecret=` an empty one, `tokenSecret` none.
   */
  private recoverAttributes(frame: Frame, from: number): void {
    const pattern = /([^\s=/>"'<]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>"']*)))?/g;
    pattern.lastIndex = from;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(this.text)) !== null) {
      const qname = match[1];
      const start = match.index;
      const name = splitName(qname);
      const entry: ConfigEntry = { path: [...frame.path, name.local], key: name.local, keyRange: localRange(start, start + qname.length, name), xml: 'attribute' };
      if (name.prefix !== undefined) entry.prefix = name.prefix;
      const raw = match[2] ?? match[3] ?? match[4];
      if (raw !== undefined) {
        const quoted = match[2] !== undefined || match[3] !== undefined;
        const valueEnd = match.index + match[0].length - (quoted && /["']$/.test(match[0]) && match[0].length > qname.length + 2 ? 1 : 0);
        const valueStart = valueEnd - raw.length;
        entry.value = raw;
        entry.valueRange = { start: valueStart, end: valueEnd };
      }
      frame.attributes.push(entry);
      this.doc.entries.push(entry);
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }

  private addText(value: string, start: number, end: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    frame.text += value;
    if (frame.textStart < 0) frame.textStart = start;
    frame.textEnd = end;
  }

  private close(frame: Frame, end: number, selfClosing: boolean): void {
    const parent = this.stack[this.stack.length - 1];
    if (!frame.hasElementChild) {
      const entry: ConfigEntry = {
        path: frame.path,
        key: frame.name.local,
        keyRange: localRange(frame.nameStart, frame.nameStart + frame.qname.length, frame.name),
        xml: 'element',
      };
      if (frame.name.prefix !== undefined) entry.prefix = frame.name.prefix;
      if (!selfClosing) {
        entry.value = frame.text.trim();
        entry.valueRange = frame.textStart < 0 ? { start: frame.contentStart, end: frame.contentStart } : this.trimmed(frame.textStart, frame.textEnd);
      }
      parent?.children.push(entry);
      this.doc.entries.push(entry);
    }
    const item = nameValueItem(frame);
    if (item && parent) {
      parent.items.push(item);
      this.doc.entries.push(item);
    }
    if (frame.items.length > 0) {
      this.doc.blocks.push({ path: frame.path, range: { start: frame.start, end: Math.max(frame.start, end) }, entries: frame.items, kind: 'keyValueItems' });
    }
    const entries = [...frame.attributes, ...frame.children];
    if (entries.length > 0) {
      const block: ConfigBlock = { path: frame.path, range: { start: frame.start, end: Math.max(frame.start, end) }, entries, kind: 'element' };
      if (frame.name.prefix !== undefined) block.prefix = frame.name.prefix;
      this.doc.blocks.push(block);
    }
  }

  private trimmed(start: number, end: number): OffsetRange {
    while (start < end && /\s/.test(this.text[start])) start++;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return { start, end };
  }

  private error(start: number, end: number, message: string): void {
    this.doc.errors.push({ range: { start, end }, message });
  }
}

/**
 * Spring `<property name="tokenId" value="…"/>`, `<entry key="…" value="…"/>` and the like name a
 * setting by an attribute's value: expose it as that setting (key range = the name's value), as
 * Postman `{ key, value }` items are in JSON, so that rules see `tokenId` and not `name`.
 */
function nameValueItem(frame: Frame): ConfigEntry | undefined {
  const name = frame.attributes.find((a) => (a.key === 'name' || a.key === 'key') && a.value !== undefined && a.valueRange && /^[A-Za-z_][\w.-]*$/.test(a.value));
  const value = frame.attributes.find((a) => a.key === 'value' && a.value !== undefined && a.valueRange);
  if (!name || !value || frame.attributes.length > 3) return undefined;
  return { path: [...frame.path.slice(0, -1), name.value!], key: name.value!, keyRange: name.valueRange!, value: value.value, valueRange: value.valueRange, keyValueItem: true, xml: 'attribute' };
}

function splitName(qname: string): QName {
  const colon = qname.indexOf(':');
  return colon > 0 ? { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) } : { local: qname };
}

function localRange(start: number, end: number, name: QName): OffsetRange {
  return { start: name.prefix === undefined ? start : start + name.prefix.length + 1, end };
}
