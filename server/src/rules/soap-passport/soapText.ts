import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ConfigDocument } from '../../config/model';
import type { OffsetRange } from '../../core/text';
import { calleePath, memberName, unwrap, type Node } from '../../js/ast';
import { HOLE } from '../../js/evaluate';
import type { JsFile } from '../../js/jsFile';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { isDescriptiveUse, stringRoots } from '../../js/strings';

/**
 * Raw-text scanning shared by the SOAP rules (`soap-passport`,
 * `soap-token-passport`, `inbound-sso`, `soap-web-services`). SOAP XML lives
 * in JS/TS strings and templates, in `.xml`/`.wsdl` files and inside config
 * values (a Postman request body): each is a *segment* of the file's text,
 * scanned with comments (`<!-- -->`) blanked out, so a finding's range is
 * always the exact text a developer edits.
 */

/** A piece of the file's text that holds string content. `text` has the same length as the range. */
export interface Segment {
  start: number;
  end: number;
  /** The raw source of the range with XML comments (and template `${…}` parts) blanked. */
  text: string;
}

export interface JsSegment extends Segment {
  /** The string literal or template literal. */
  node: TSESTree.StringLiteral | TSESTree.TemplateLiteral;
  /** The string expression it is part of (what the evaluator follows). */
  root: Node;
  /** The string is a log/error/comparison/test-title argument: it describes, it does not send. */
  descriptive: boolean;
  /** The segment follows an unknown part ending in `<` (`'<' + ns + ':passport>'`). */
  afterOpenBracketHole: boolean;
}

/** Blanks `<!-- … -->` (an unterminated comment runs to the end) with spaces of the same length. */
export function blankXmlComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (m) => m.replace(/[^\r\n]/g, ' '));
}

// ---------------------------------------------------------------- JS/TS

const jsCache = new WeakMap<JsFile, JsSegment[]>();

const TEST_TITLES = new Set(['describe', 'it', 'test', 'context', 'suite', 'specify', 'xit', 'xdescribe', 'fit', 'fdescribe']);

/** Every string literal and template literal of the file that holds a value, in source order. */
export function jsSegments(js: JsFile): JsSegment[] {
  const cached = jsCache.get(js);
  if (cached) return cached;
  const roots = new Set<Node>(stringRoots(js));
  const rootOf = (node: Node): Node => {
    for (let n: Node | undefined = node; n; n = n.parent) if (roots.has(n)) return n;
    return node;
  };
  const out: JsSegment[] = [];
  const add = (node: TSESTree.StringLiteral | TSESTree.TemplateLiteral) => {
    const start = node.range[0] + 1;
    const end = Math.max(start, node.range[1] - 1);
    let raw = js.text.slice(start, end);
    if (node.type === 'TemplateLiteral') {
      // `${…}` parts are unknown here: blank them with holes so that a URL or a tag keeps its extent.
      for (let i = 0; i + 1 < node.quasis.length; i++) {
        const from = node.quasis[i].range[1] - 2 - start;
        const to = node.quasis[i + 1].range[0] + 1 - start;
        if (from < 0 || to > raw.length || to <= from) continue;
        raw = raw.slice(0, from) + HOLE.repeat(to - from) + raw.slice(to);
      }
    }
    const root = rootOf(node);
    out.push({
      node,
      start,
      end,
      text: blankXmlComments(raw),
      root,
      descriptive: isDescriptiveUse(root) || isTestTitle(root),
      afterOpenBracketHole: node.type === 'Literal' && followsOpenBracketHole(js, node),
    });
  };
  for (const literal of js.index.of('Literal')) {
    if (typeof literal.value !== 'string' || isNotAValue(literal)) continue;
    add(literal as TSESTree.StringLiteral);
  }
  for (const template of js.index.of('TemplateLiteral')) {
    if (template.parent?.type === 'TSLiteralType') continue;
    add(template);
  }
  out.sort((a, b) => a.start - b.start);
  jsCache.set(js, out);
  return out;
}

/** Property keys, module specifiers and type-level strings carry no value. */
function isNotAValue(literal: TSESTree.Literal): boolean {
  const parent = literal.parent;
  if (!parent) return false;
  if (parent.type === 'Property' && parent.key === literal && !parent.computed) return true;
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration') return true;
  if (parent.type === 'ImportExpression') return true;
  if (parent.type === 'TSLiteralType' || parent.type === 'TSEnumMember' || parent.type === 'TSExternalModuleReference') return true;
  if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require') return true;
  return false;
}

/** Test titles and assertions (`it('…')`, `expect(xml).toContain('<passport>')`, `assert.equal(x, '…')`) describe; they do not send. */
function isTestTitle(root: Node): boolean {
  const parent = root.parent;
  if (parent?.type !== 'CallExpression' || !(parent.arguments as Node[]).includes(root)) return false;
  const path = calleePath(parent.callee);
  if (path && parent.arguments[0] === root && TEST_TITLES.has(path[0]) && (path.length === 1 || ['only', 'skip', 'each', 'todo'].includes(path[1]))) return true;
  if (path?.[0] === 'expect') return true;
  const callee = unwrap(parent.callee);
  return callee.type === 'MemberExpression' && ASSERTIONS.has(memberName(callee) ?? '');
}

const ASSERTIONS = new Set([
  'toContain', 'toMatch', 'toEqual', 'toBe', 'toStrictEqual', 'toInclude', 'toHaveBeenCalledWith', 'toThrow',
  'include', 'includes', 'contain', 'contains', 'equal', 'equals', 'eql', 'strictEqual', 'deepEqual', 'deepStrictEqual',
  'notEqual', 'notStrictEqual', 'match', 'doesNotMatch', 'notInclude', 'calledWith',
]);

function followsOpenBracketHole(js: JsFile, literal: TSESTree.Literal): boolean {
  const parent = literal.parent;
  if (parent?.type !== 'BinaryExpression' || parent.operator !== '+' || parent.right !== literal) return false;
  return js.evaluator.stringOf(parent.left).endsWith('<' + HOLE);
}

/** Same-file NetSuite or SOAP context: a NetSuite host, library, key or module, a SOAP client library, a NetSuite URN. */
export function hasSoapContext(js: JsFile): boolean {
  return hasNetSuiteContext(js) || hasSoapClientContext(js);
}

const soapClientCache = new WeakMap<JsFile, boolean>();

/**
 * SOAP specifically: a SOAP client library (node-soap, strong-soap, a
 * SuiteTalk wrapper) or a NetSuite SOAP endpoint, WSDL or namespace in a
 * string. REST-only NetSuite code does not have it.
 */
export function hasSoapClientContext(js: JsFile): boolean {
  let known = soapClientCache.get(js);
  if (known === undefined) {
    known =
      [...js.importedModules()].some((m) => /^(?:soap|strong-soap|easy-soap-request|soap-request|node-soap|node-suitetalk|suitetalk|netsuite)(?:\/|$)/i.test(m)) ||
      jsSegments(js).some((s) => NETSUITE_SOAP_WORDS.test(s.text));
    soapClientCache.set(js, known);
  }
  return known;
}

const NETSUITE_SOAP_WORDS = /webservices\.netsuite\.com|NetSuitePort_|platformMsgs|platformCore|urn:(?:messages|core)_/i;

// ---------------------------------------------------------------- config

/**
 * The segments of a config file: for XML the whole text (comments blanked;
 * CDATA and attribute values are text like any other), for the other kinds
 * the raw range of every scalar value.
 */
export function configSegments(text: string, doc: () => ConfigDocument, kind: string): (Segment & { path?: string[] })[] {
  if (kind === 'xml') return [{ start: 0, end: text.length, text: blankXmlComments(text) }];
  const out: (Segment & { path?: string[] })[] = [];
  const seen = new Set<number>();
  for (const entry of doc().entries) {
    const range = entry.valueRange;
    if (!range || range.end <= range.start || seen.has(range.start)) continue;
    seen.add(range.start);
    out.push({ start: range.start, end: range.end, text: blankXmlComments(text.slice(range.start, range.end)), path: entry.path });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------- XML elements

export interface ElementMatch {
  /** The local name as written (`passport`). */
  local: string;
  prefix?: string;
  /** Offsets of the local name in the file. */
  range: OffsetRange;
  /** Offset of the `<` in the segment text (-1 for DataWeave `ns#name:` keys). */
  openIndex: number;
  /** Index just after the local name in the segment text. */
  nameEnd: number;
  /** Written escaped (`&lt;urn:passport&gt;`). */
  escaped?: boolean;
}

/**
 * Opening tags `<name`, `<prefix:name` (and `<${…}:name` in templates) of the
 * given local names in a segment; with `escaped`, also `&lt;prefix:name`; with
 * `dataWeave`, also `ns#name:` keys of a MuleSoft DataWeave script.
 */
export function openTags(segment: Segment, names: readonly string[], options: { leadingColon?: boolean; dataWeave?: boolean; escaped?: boolean } = {}): ElementMatch[] {
  const alternatives = names.join('|');
  const pattern = new RegExp(`<(?:([A-Za-z_\\uE000][\\w.\\uE000-]*):)?(${alternatives})(?=[\\s/>]|$)`, 'g');
  const out: ElementMatch[] = [];
  for (const m of segment.text.matchAll(pattern)) {
    const nameStart = m.index + m[0].length - m[2].length;
    out.push({ local: m[2], prefix: m[1], range: { start: segment.start + nameStart, end: segment.start + nameStart + m[2].length }, openIndex: m.index, nameEnd: nameStart + m[2].length });
  }
  if (options.leadingColon) {
    const lead = new RegExp(`^:(${alternatives})(?=[\\s/>]|$)`).exec(segment.text);
    if (lead) out.unshift({ local: lead[1], prefix: HOLE, range: { start: segment.start + 1, end: segment.start + 1 + lead[1].length }, openIndex: -1, nameEnd: 1 + lead[1].length });
  }
  if (options.escaped) {
    // XML escaped inside XML (`&lt;urn:passport&gt;` in a request stored as text).
    const escaped = new RegExp(`&lt;(?:([A-Za-z_][\\w.-]*):)?(${alternatives})(?=[\\s/>]|&gt;|$)`, 'g');
    for (const m of segment.text.matchAll(escaped)) {
      const nameStart = m.index + m[0].length - m[2].length;
      out.push({ local: m[2], prefix: m[1], range: { start: segment.start + nameStart, end: segment.start + nameStart + m[2].length }, openIndex: m.index, nameEnd: nameStart + m[2].length, escaped: true });
    }
  }
  if (options.dataWeave) {
    const dw = new RegExp(`(?<![\\w#])(\\w+)#(${alternatives})(?=\\s*:)`, 'g');
    for (const m of segment.text.matchAll(dw)) {
      const nameStart = m.index + m[1].length + 1;
      out.push({ local: m[2], prefix: m[1], range: { start: segment.start + nameStart, end: segment.start + nameStart + m[2].length }, openIndex: -1, nameEnd: nameStart + m[2].length });
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/**
 * The content of the element opened at `match` in `text` (up to its closing
 * tag), or undefined when the element is not closed there. Self-closing
 * elements have empty content.
 */
export function elementContent(text: string, match: { local: string; prefix?: string; nameEnd: number; escaped?: boolean }): string | undefined {
  if (match.escaped) {
    // Same length, so offsets hold: `&lt;` becomes three pads and `<`.
    const unescaped = elementContent(text.replace(/&lt;/g, '\u0001\u0001\u0001<').replace(/&gt;/g, '\u0001\u0001\u0001>'), { ...match, escaped: false });
    return unescaped?.replace(/\u0001/g, '');
  }
  const gt = text.indexOf('>', match.nameEnd);
  if (gt < 0) return undefined;
  if (text[gt - 1] === '/') return '';
  const close = new RegExp(`</(?:[\\w.\\uE000-]+:)?${match.local}\\s*>`, 'g');
  close.lastIndex = gt + 1;
  const m = close.exec(text);
  return m ? text.slice(gt + 1, m.index) : undefined;
}

const CREDENTIAL_CHILD = /<(?:[\w.\uE000-]+:)?(?:email|password|account|role)\b/;

/**
 * Whether a `<passport>` element is a NetSuite login: its content has
 * credential children, or is not known (built elsewhere, a hole). A text-only
 * `<passport>AB123</passport>` (a travel document) is not.
 */
export function isLoginPassport(content: string | undefined): boolean {
  if (content === undefined) return true;
  if (CREDENTIAL_CHILD.test(content)) return true;
  return content.includes(HOLE) || /\$\{/.test(content);
}

/** `<role internalId="3"/>` inside passport content. */
export function roleInXml(content: string | undefined): string | undefined {
  if (!content) return undefined;
  const m = /<(?:[\w.-]+:)?role\b[^>]*?\binternalId\s*=\s*\\?["']?(\d+)\\?["']?/i.exec(content);
  return m?.[1];
}

/** The first passport-like element in an evaluated value, for the content check. */
export function valueElements(value: string, local: string): { content: string | undefined }[] {
  const out: { content: string | undefined }[] = [];
  const segment: Segment = { start: 0, end: value.length, text: value };
  for (const m of openTags(segment, [local], { leadingColon: value.startsWith(':') })) out.push({ content: elementContent(value, m) });
  return out;
}
