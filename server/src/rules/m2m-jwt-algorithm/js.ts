import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { calleePath, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { detectStyle, quoted } from '../../fixes/style';

export const ID = 'm2m-jwt-algorithm';

const ALLOWED = new Set(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
const MAX_LIFETIME = 3600;

interface JwtData {
  range: OffsetRange;
  replacement: string;
  preferred: boolean;
  title: string;
}

/** The client-credentials flow in the file: the assertion type, the grant, or a JWT signed for NetSuite's token URL. */
function isM2mFile(js: JsFile): boolean {
  return /client_credentials|client[-_]?assertion|jwt-bearer|\/services\/rest\/auth\/oauth2\/v1\/token/i.test(js.text) && hasNetSuiteContext(js);
}

function algorithmMessage(alg: string): string {
  return `The client assertion is signed ${alg}: NetSuite's OAuth 2.0 client credentials (M2M) flow accepts only PS256/PS384/PS512 and ES256/ES384/ES512, so the token request fails. Use PS256 with the same RSA key (certificates are per integration record; at most five active as of ${RELEASE.fiveCertificates}).`;
}

function lifetimeMessage(seconds: number): string {
  return `The client assertion lives ${describe(seconds)}: NetSuite rejects an M2M JWT whose exp is more than 60 minutes after iat. Cap it at 3600 seconds.`;
}

function describe(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} hours` : seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}

function hover(): string {
  return [
    `**M2M client assertion NetSuite rejects** (\`${ID}\`)`,
    '',
    'NetSuite\'s client-credentials grant takes a JWT assertion with `alg` in PS256/PS384/PS512 or ES256/ES384/ES512 (not RS256 or HS256), `kid` = the certificate id, `iss` = the client id, `aud` = the token URL and `exp` at most 60 minutes after `iat`.',
    '',
    '**Fix:** sign with `PS256` (RSA-PSS, same RSA key) or `ES256` (EC P-256 key), and keep `exp` within an hour.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

function make(range: OffsetRange, msg: string, data: Omit<JwtData, 'range'>): Finding {
  return { ruleId: ID, range, message: msg, hover: hover(), data: { ...data, range } satisfies JwtData };
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  if (!isM2mFile(js)) return [];
  const style = detectStyle(js.text);
  // A hand-built signature must switch to PSS padding too; a JWT library does that by itself.
  const library = [...js.importedModules()].some((m) => /^(jsonwebtoken|jose|node-jose|jwt-simple|fast-jwt)$/.test(m));
  const pss = /RSA_PKCS1_PSS_PADDING|RSA-PSS|ecdsa|ES256/i.test(js.text);
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding) => {
    const k = `${f.range.start}:${f.range.end}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(f);
    }
  };

  for (const property of js.index.of('Property')) {
    if (property.computed || property.kind !== 'init') continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (!key) continue;
    const value = unwrap(property.value);
    if ((key === 'alg' || key === 'algorithm') && value.type === 'Literal' && typeof value.value === 'string') {
      const alg = value.value.toUpperCase();
      if (!/^(RS|HS|PS|ES)\d{3}$/.test(alg) || ALLOWED.has(alg)) continue;
      const target = alg.startsWith('RS') ? `PS${alg.slice(2)}` : 'PS256';
      // HS* signs with a shared secret: switching to PS256 needs the certificate's private key, which the code may not load.
      const preferred = alg.startsWith('RS') && (library || pss);
      push(make({ start: value.range[0], end: value.range[1] }, algorithmMessage(value.value), { replacement: quoted(target, style), preferred, title: `Sign the assertion with ${target}` }));
    }
    if (key === 'expiresIn') {
      const seconds = lifetime(js, value);
      if (seconds !== undefined && seconds > MAX_LIFETIME) {
        const replacement = value.type === 'Literal' && typeof value.value === 'string' ? quoted('1h', style) : '3600';
        push(make({ start: value.range[0], end: value.range[1] }, lifetimeMessage(seconds), { replacement, preferred: true, title: 'Let the assertion expire within an hour' }));
      }
    }
    if (key === 'exp' && value.type === 'BinaryExpression' && value.operator === '+') {
      const seconds = numeric(js, value.right);
      if (seconds !== undefined && seconds > MAX_LIFETIME) {
        push(make({ start: value.right.range[0], end: value.right.range[1] }, lifetimeMessage(seconds), { replacement: '3600', preferred: true, title: 'Let the assertion expire within an hour' }));
      }
    }
  }

  // jose: new SignJWT(…).setProtectedHeader({ alg }) handled above; .setExpirationTime('2h') here.
  for (const call of js.index.of('CallExpression')) {
    const path = calleePath(call.callee);
    if (path?.[path.length - 1] !== 'setExpirationTime') continue;
    const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (!arg) continue;
    const seconds = lifetime(js, arg);
    if (seconds !== undefined && seconds > MAX_LIFETIME) {
      push(make({ start: arg.range[0], end: arg.range[1] }, lifetimeMessage(seconds), { replacement: quoted('1h', style), preferred: true, title: 'Let the assertion expire within an hour' }));
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** Seconds of `'2h'`, `'90m'`, `7200`, `2 * 60 * 60`; jose's relative `'2 hours'` too. */
function lifetime(js: JsFile, node: Node): number | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)?\s*$/i.exec(n.value);
    if (!m) return undefined;
    const v = Number(m[1]);
    const unit = (m[2] ?? 's').toLowerCase();
    if (unit.startsWith('d')) return v * 86400;
    if (unit.startsWith('h')) return v * 3600;
    if (unit.startsWith('m')) return v * 60;
    return v;
  }
  return numeric(js, n);
}

function numeric(js: JsFile, node: Node, depth = 0): number | undefined {
  const n = unwrap(node);
  if (depth > 10) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'BinaryExpression' && ['*', '+'].includes(n.operator)) {
    const a = numeric(js, n.left as Node, depth + 1);
    const b = numeric(js, n.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    return n.operator === '*' ? a * b : a + b;
  }
  if (n.type === 'Identifier') {
    const init = js.evaluator.constantInit(n as TSESTree.Identifier);
    return init ? numeric(js, init, depth + 1) : undefined;
  }
  return undefined;
}

export function jsFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as JwtData;
  return [
    { title: data.title, edits: [{ range: data.range, newText: data.replacement }], preferred: data.preferred },
    { title: 'Show the m2m-jwt-algorithm rule page', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) },
  ];
}
