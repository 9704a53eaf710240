import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { literalMatch, matchingStrings } from '../shared/jsStrings';

export const ID = 'tba-hmac-sha1';

/** `HMAC-SHA1` / `HMAC_SHA1` / `HmacSHA1` as a whole word, never `HMAC-SHA1xx`. */
const METHOD = /HMAC[-_]?SHA-?1(?![0-9])/i;

interface HmacData {
  /** The exact text to replace. */
  range: OffsetRange;
  replacement: string;
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

/** The SHA-256 spelling in the same style: `HMAC-SHA1` → `HMAC-SHA256`, `HmacSHA1` → `HmacSHA256`, `sha1` → `sha256`. */
export function sha256Spelling(text: string): string {
  return text.replace(/SHA-?1(?![0-9])/i, (m) => (m === m.toLowerCase() ? 'sha256' : m.includes('-') ? 'SHA-256' : 'SHA256'));
}

function make(range: OffsetRange, original: string, where: string): Finding {
  const data: HmacData = { range, replacement: sha256Spelling(original) };
  return { ruleId: ID, range, message: message(where), hover: hover(), data };
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const text = js.text;
  const netsuite = hasNetSuiteContext(js);
  // OAuth 1.0 in the file: the signature-method strings and parameters, or a signer library.
  const oauth1 = /oauth_|oauth-1\.0a|signature_method|signatureMethod|\bOAuth\b|tokenPassport|realm/i.test(text);
  if (!netsuite || !oauth1) return [];
  const out: Finding[] = [];

  // 1. The method as a value: option, header parameter, tokenPassport algorithm.
  for (const m of matchingStrings(js, (value) => METHOD.test(value))) {
    const range = literalMatch(js, [m.root, ...m.reached], METHOD);
    if (!range) continue;
    out.push(make(range, text.slice(range.start, range.end), 'HMAC-SHA1 is the TBA signature method'));
  }

  // 2. The hash function: crypto.createHmac('sha1', …), CryptoJS.HmacSHA1(…), N/crypto HashAlg.SHA1.
  for (const call of js.index.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
      const name = callee.property.name;
      if (name === 'createHmac') {
        const arg = call.arguments[0];
        const alg = arg ? unwrap(arg) : undefined;
        if (alg?.type === 'Literal' && typeof alg.value === 'string' && /^sha-?1$/i.test(alg.value)) {
          const range = { start: alg.range[0] + 1, end: alg.range[1] - 1 };
          out.push(make(range, alg.value, 'The TBA signature is an HMAC with SHA-1'));
        } else if (alg?.type === 'ObjectExpression') {
          // N/crypto: crypto.createHmac({ algorithm: crypto.HashAlg.SHA1, key })
          const algorithm = js.evaluator.property(alg, 'algorithm')?.value;
          const member = algorithm ? unwrap(algorithm) : undefined;
          if (member?.type === 'MemberExpression' && !member.computed && member.property.type === 'Identifier' && /^SHA1$/i.test(member.property.name)) {
            out.push(make({ start: member.property.range[0], end: member.property.range[1] }, member.property.name, 'The TBA signature is an HMAC with SHA-1'));
          }
        }
      } else if (/^HmacSHA1$/i.test(name)) {
        out.push(make({ start: callee.property.range[0], end: callee.property.range[1] }, name, 'The TBA signature is an HMAC with SHA-1'));
      }
    } else if (callee.type === 'Identifier' && /^(hmacSHA1|HmacSHA1)$/.test(callee.name) && isImportedHmac(js, callee)) {
      out.push(make({ start: callee.range[0], end: callee.range[1] }, callee.name, 'The TBA signature is an HMAC with SHA-1'));
    }
  }
  // Once per place: a range inside another is the same finding.
  const unique = out.filter((f, i) => !out.some((g, j) => j < i && g.range.start === f.range.start && g.range.end === f.range.end));
  return unique.sort((a, b) => a.range.start - b.range.start);
}

/** `import hmacSHA1 from 'crypto-js/hmac-sha1'` and friends. */
function isImportedHmac(js: JsFile, id: TSESTree.Identifier): boolean {
  const ref = js.moduleOf(id);
  return !!ref && /crypto-js/.test(ref.module);
}

export function jsFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as HmacData;
  return [{ title: `Sign with ${data.replacement}`, edits: [{ range: data.range, newText: data.replacement }], preferred: true }];
}

export type { Node };
