import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange, TextEdit } from '../../core/text';
import { calleePath, isStringLiteral, memberName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { bindingReferences } from '../../fixes/deadCode';
import { literalMatch, matchingStrings } from '../shared/jsStrings';
import { hasOauth1Evidence, hasTbaContext } from '../tba-oauth1/context';

export const ID = 'tba-hmac-sha1';

/** `HMAC-SHA1` / `HMAC_SHA1` / `HMACSHA1` as a whole word, never `HMAC-SHA1xx`. */
const METHOD = /HMAC[-_]?SHA-?1(?![0-9])/i;
/** A SHA-1 digest name: `sha1`, `SHA-1`. */
const SHA1 = /^sha-?1$/i;
/** crypto-js single-function modules and npm packages that only do HMAC-SHA1. */
const SHA1_MODULE = /hmac-?sha-?1(?![0-9])/i;

interface HmacData {
  /** The edits that switch this place to SHA-256. */
  edits: TextEdit[];
  title: string;
}

export function message(where: string): string {
  return `${where}: NetSuite rejects HMAC-SHA1 signatures for token-based authentication since ${RELEASE.hmacSha1Ended}; only HMAC-SHA256 works. (TBA itself takes no new integrations as of ${RELEASE.noNewTba}: plan the move to OAuth 2.0.)`;
}

export function hover(): string {
  return [
    `**HMAC-SHA1 TBA signature** (\`${ID}\`)`,
    '',
    `NetSuite ended HMAC-SHA1 support for token-based authentication signatures in ${RELEASE.hmacSha1Ended}: requests signed with it fail. Use \`HMAC-SHA256\` and a SHA-256 HMAC.`,
    '',
    `This is an interim fix: as of ${RELEASE.noNewTba} no new TBA integrations can be created, so plan the move to OAuth 2.0 (see \`tba-oauth1\`).`,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

/** The SHA-256 spelling in the same style: `HMAC-SHA1` → `HMAC-SHA256`, `HmacSHA1` → `HmacSHA256`, `sha-1` → `sha-256`. */
export function sha256Spelling(text: string): string {
  return text.replace(/SHA-?1(?![0-9])/i, (m) => m.slice(0, -1) + '256');
}

const METHOD_WHERE = 'HMAC-SHA1 is the TBA signature method';
const HASH_WHERE = 'The TBA signature is an HMAC with SHA-1';

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  if (!hasTbaContext(js)) return [];
  const out: Finding[] = [];
  const add = (range: OffsetRange, edits: TextEdit[], where: string) => {
    if (out.some((f) => f.range.start === range.start && f.range.end === range.end)) return;
    const own = edits.find((e) => e.range.start >= range.start && e.range.end <= range.end) ?? edits[0];
    const title = where === METHOD_WHERE ? `Sign with ${own.newText}` : `Hash with SHA-256 (${own.newText})`;
    out.push({ ruleId: ID, range, message: message(where), hover: hover(), data: { edits, title } satisfies HmacData });
  };
  const rename = (start: number, end: number): TextEdit => ({ range: { start, end }, newText: sha256Spelling(js.text.slice(start, end)) });

  // 1. The method as a value: signer option, header parameter, tokenPassport algorithm, library setting.
  for (const m of matchingStrings(js, (value, root) => METHOD.test(value) && !isModuleSpecifier(root))) {
    const range = literalMatch(js, [m.root, ...m.reached], METHOD);
    if (range) add(wholeLiteral(js, range) ?? range, [rename(range.start, range.end)], METHOD_WHERE);
  }

  // 2. The hash function of a signer. Only where the file signs OAuth 1.0 (or a token passport): SHA-1 HMACs have other uses.
  if (!hasOauth1Evidence(js)) return sorted(out);
  for (const call of [...js.index.of('CallExpression'), ...js.index.of('NewExpression')]) {
    const callee = unwrap(call.callee);
    const name = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    if (name === undefined) continue;
    const [first] = call.arguments as Node[];
    if (name === 'createHmac' && first) {
      // Node: crypto.createHmac('sha1', key); N/crypto: crypto.createHmac({ algorithm: crypto.HashAlg.SHA1, key })
      const alg = unwrap(js.evaluator.resolve(first));
      // OAuth and token-passport signatures are base64; a hex digest is a checksum or a webhook signature.
      if (digestEncoding(call) === 'hex') continue;
      if (isStringLiteral(alg) && SHA1.test(alg.value)) add(nodeRange(alg), [rename(alg.range[0] + 1, alg.range[1] - 1)], HASH_WHERE);
      else if (alg.type === 'ObjectExpression') {
        const algorithm = js.evaluator.property(alg, 'algorithm')?.value;
        const value = algorithm ? unwrap(js.evaluator.resolve(algorithm)) : undefined;
        if (value?.type === 'MemberExpression' && SHA1.test(memberName(value) ?? '')) add(nodeRange(value), [rename(value.property.range[0], value.property.range[1])], HASH_WHERE);
        else if (isStringLiteral(value) && SHA1.test(value.value)) add(nodeRange(value), [rename(value.range[0] + 1, value.range[1] - 1)], HASH_WHERE);
      }
    } else if (/^HmacSHA1$/i.test(name) && callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
      // CryptoJS.HmacSHA1(base, key): a crypto-js bundle loaded as `…/hmac-sha1` has no SHA-256, so its path changes too.
      add(nodeRange(callee.property), [rename(callee.property.range[0], callee.property.range[1]), ...moduleEdits(js, rootIdentifier(callee))], HASH_WHERE);
    } else if (callee.type === 'Identifier' && (SHA1_MODULE.test(js.moduleOf(callee)?.module ?? '') || /^HmacSHA1$/i.test(name))) {
      // import hmacSHA1 from 'crypto-js/hmac-sha1'; hmacSHA1(base, key)
      const edits = identifierEdits(js, callee);
      if (edits) add(nodeRange(callee), edits, HASH_WHERE);
    } else if (name === 'create' && callee.type === 'MemberExpression' && /(^|\.)HMAC$/.test(calleePath(callee.object)?.join('.') ?? '') && first) {
      // CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA1, key)
      const alg = unwrap(first);
      if (alg.type === 'MemberExpression' && SHA1.test(memberName(alg) ?? '')) add(nodeRange(alg), [rename(alg.property.range[0], alg.property.range[1])], HASH_WHERE);
    } else if (call.type === 'NewExpression' && /^jssha$/i.test(name) && isStringLiteral(first) && SHA1.test(first.value) && /setHMACKey|getHMAC|hmacKey/.test(js.text)) {
      // jsSHA: new jsSHA('SHA-1', 'TEXT') with setHMACKey
      add(nodeRange(first), [rename(first.range[0] + 1, first.range[1] - 1)], HASH_WHERE);
    }
  }
  // Web Crypto: { name: 'HMAC', hash: 'SHA-1' } or { name: 'HMAC', hash: { name: 'SHA-1' } }
  for (const object of js.index.of('ObjectExpression')) {
    const name = js.evaluator.property(object, 'name')?.value;
    const hash = js.evaluator.property(object, 'hash')?.value;
    if (!name || !hash || js.evaluator.constantString(name)?.toUpperCase() !== 'HMAC') continue;
    const h = unwrap(hash);
    const literal = h.type === 'ObjectExpression' ? js.evaluator.property(h, 'name')?.value : h;
    if (literal && isStringLiteral(unwrap(literal)) && SHA1.test((unwrap(literal) as TSESTree.StringLiteral).value)) {
      const l = unwrap(literal);
      add(nodeRange(l), [rename(l.range[0] + 1, l.range[1] - 1)], HASH_WHERE);
    }
  }
  return sorted(out);
}

/** `require('crypto-js/hmac-sha1')`, `define(['./lib/hmac-sha1'], …)`: a file name, not a signature method. */
function isModuleSpecifier(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require') return true;
  if (parent?.type === 'ImportExpression') return true;
  const call = parent?.type === 'ArrayExpression' ? parent.parent : undefined;
  return call?.type === 'CallExpression' && call.callee.type === 'Identifier' && (call.callee.name === 'define' || call.callee.name === 'require');
}

/** `createHmac(…).update(…).digest('hex')`: the encoding of the digest, when the chain shows it. */
function digestEncoding(call: Node): string | undefined {
  let n: Node = call;
  while (n.parent?.type === 'MemberExpression' && n.parent.object === n && n.parent.parent?.type === 'CallExpression') {
    const chained = n.parent.parent;
    if (memberName(n.parent) === 'digest') {
      const arg = chained.arguments[0];
      return isStringLiteral(arg) ? arg.value.toLowerCase() : undefined;
    }
    n = chained;
  }
  return undefined;
}

function sorted(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start - b.range.start);
}

function nodeRange(node: Node): OffsetRange {
  return { start: node.range[0], end: node.range[1] };
}

/** A match that is the whole content of a string literal is reported on the literal, quotes included. */
function wholeLiteral(js: JsFile, range: OffsetRange): OffsetRange | undefined {
  for (const literal of js.index.of('Literal')) {
    if (isStringLiteral(literal) && literal.range[0] + 1 === range.start && literal.range[1] - 1 === range.end) return nodeRange(literal);
  }
  return undefined;
}

function rootIdentifier(member: TSESTree.MemberExpression): TSESTree.Identifier | undefined {
  let n: Node = member;
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n : undefined;
}

/** The module string an identifier is loaded from (`define(['./crypto-js/hmac-sha1'], …)`, `require(…)`, `import`), renamed to SHA-256. */
function moduleEdits(js: JsFile, id: TSESTree.Identifier | undefined): TextEdit[] {
  const module = id ? js.moduleOf(id)?.module : undefined;
  if (!module || !SHA1_MODULE.test(module)) return [];
  const edits: TextEdit[] = [];
  for (const literal of js.index.of('Literal')) {
    if (!isStringLiteral(literal) || literal.value !== module) continue;
    const parent = literal.parent;
    const isSpecifier =
      parent?.type === 'ImportDeclaration' ||
      parent?.type === 'ArrayExpression' ||
      (parent?.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require');
    if (!isSpecifier) continue;
    const m = SHA1_MODULE.exec(js.text.slice(literal.range[0], literal.range[1]))!;
    const start = literal.range[0] + m.index;
    const end = start + m[0].length;
    edits.push({ range: { start, end }, newText: sha256Spelling(js.text.slice(start, end)) });
  }
  return edits;
}

/** `hmacSHA1` from `crypto-js/hmac-sha1`: every reference renamed, and the module path. */
function identifierEdits(js: JsFile, callee: TSESTree.Identifier): TextEdit[] | undefined {
  const binding = js.scopes.resolve(callee);
  if (!binding) return undefined;
  const edits: TextEdit[] = moduleEdits(js, callee);
  if (/SHA-?1/i.test(binding.name)) {
    const renamed = sha256Spelling(binding.name);
    if (js.scopes.bindingsNamed(renamed).length > 0) return edits.length > 0 ? edits : undefined;
    for (const id of [binding.id, ...bindingReferences(js, binding)]) {
      // `{ hmacSHA1 }` shorthand keeps its key: `{ hmacSHA1: hmacSHA256 }`.
      const parent = id.parent;
      const shorthand = parent?.type === 'Property' && parent.shorthand && parent.value === id;
      const importShorthand = parent?.type === 'ImportSpecifier' && parent.local === id && parent.imported.range[0] === id.range[0];
      edits.push({ range: { start: id.range[0], end: id.range[1] }, newText: shorthand || importShorthand ? `${id.name}: ${renamed}` : renamed });
      if (importShorthand) edits[edits.length - 1].newText = `${id.name} as ${renamed}`;
    }
  }
  const unique = edits.filter((e, i) => !edits.some((f, j) => j < i && f.range.start === e.range.start));
  return unique.length > 0 ? unique : undefined;
}

export function jsFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as HmacData;
  if (data.edits.length === 0) return [];
  return [{ title: data.title, edits: data.edits, preferred: true }];
}
