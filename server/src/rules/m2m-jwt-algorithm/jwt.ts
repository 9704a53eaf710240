import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, isStringLiteral, memberName, propertyName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';

/** Algorithms NetSuite accepts for a client-credentials assertion. */
export const ALLOWED = new Set(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
/** Longest lifetime NetSuite accepts (exp − iat), in seconds. */
export const MAX_LIFETIME = 3600;
/** Values that name a JWS algorithm. */
export const JWS_ALG = /^(?:[RHPE]S(?:256|384|512)|ES256K|EdDSA|none)$/i;

/** The numeric value of a constant expression: literals, `+ - * /`, constants, parentheses. */
export function numeric(js: JsFile, node: Node, depth = 0): number | undefined {
  const n = unwrap(node);
  if (depth > 12) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'UnaryExpression' && n.operator === '-') {
    const v = numeric(js, n.argument, depth + 1);
    return v === undefined ? undefined : -v;
  }
  if (n.type === 'BinaryExpression' && ['*', '+', '-', '/'].includes(n.operator)) {
    const a = numeric(js, n.left as Node, depth + 1);
    const b = numeric(js, n.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    if (n.operator === '*') return a * b;
    if (n.operator === '+') return a + b;
    if (n.operator === '-') return a - b;
    return b === 0 ? undefined : a / b;
  }
  if (n.type === 'Identifier') {
    const init = js.evaluator.constantInit(n);
    return init ? numeric(js, init, depth + 1) : undefined;
  }
  if (n.type === 'MemberExpression') {
    const name = memberName(n);
    const entry = name !== undefined ? js.evaluator.property(n.object, name) : undefined;
    return entry ? numeric(js, entry.value, depth + 1) : undefined;
  }
  return undefined;
}

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(?:ms|msecs?|milliseconds?)$/i, 0.001],
  [/^(?:s|secs?|seconds?)$/i, 1],
  [/^(?:m|mins?|minutes?)$/i, 60],
  [/^(?:h|hrs?|hours?)$/i, 3600],
  [/^(?:d|days?)$/i, 86400],
  [/^(?:w|weeks?)$/i, 604800],
  [/^(?:y|yrs?|years?)$/i, 31557600],
];

/**
 * Seconds of a time span string: `'2h'`, `'90 minutes'`, `'1d'`. A number
 * without a unit is milliseconds for `ms` (jsonwebtoken), `unitless` says how to read it.
 */
export function spanSeconds(text: string, unitless: 'ms' | 's' | 'invalid'): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (!m[2]) return unitless === 'invalid' ? undefined : unitless === 'ms' ? value / 1000 : value;
  const unit = UNIT_SECONDS.find(([re]) => re.test(m[2]!));
  return unit ? value * unit[1] : undefined;
}

export interface Lifetime {
  seconds: number;
  /** The node to replace to cap the lifetime. */
  node: Node;
  /** What replaces it. */
  replacement: 'seconds' | 'milliseconds' | 'span';
}

/** `expiresIn` of jsonwebtoken (number = seconds, string = ms format): the literal or expression. */
export function expiresInLifetime(js: JsFile, value: Node, numberUnit: 'seconds' | 'milliseconds' = 'seconds', depth = 0): Lifetime | undefined {
  const n = unwrap(value);
  const resolved = unwrap(js.evaluator.resolve(n));
  // `process.env.JWT_EXPIRES_IN || '2h'`: the default is what runs when the variable is not set.
  if (resolved.type === 'LogicalExpression' && (resolved.operator === '||' || resolved.operator === '??') && depth < 3) {
    return expiresInLifetime(js, resolved.right, numberUnit, depth + 1);
  }
  if (isStringLiteral(resolved) || (resolved.type === 'TemplateLiteral' && resolved.expressions.length === 0)) {
    const text = isStringLiteral(resolved) ? resolved.value : resolved.quasis[0].value.cooked ?? '';
    const seconds = spanSeconds(text, 'ms');
    return seconds === undefined ? undefined : { seconds, node: n, replacement: 'span' };
  }
  const v = numeric(js, n);
  if (v === undefined) return undefined;
  return { seconds: numberUnit === 'milliseconds' ? v / 1000 : v, node: n, replacement: numberUnit };
}

/** jose `setExpirationTime('2h')` (relative) or `setExpirationTime(now + 7200)` (absolute). */
export function joseExpiration(js: JsFile, value: Node): Lifetime | undefined {
  const n = unwrap(value);
  const resolved = unwrap(js.evaluator.resolve(n));
  if (isStringLiteral(resolved)) {
    const seconds = spanSeconds(resolved.value, 'invalid');
    return seconds === undefined ? undefined : { seconds, node: n, replacement: 'span' };
  }
  return expOffset(js, n);
}

function isTimeCall(node: Node): 'ms' | 's' | undefined {
  const n = unwrap(node);
  const path = n.type === 'CallExpression' ? calleePath(n.callee)?.join('.') : undefined;
  if (path === 'Date.now') return 'ms';
  if (n.type === 'CallExpression' && unwrap(n.callee).type === 'MemberExpression' && memberName(unwrap(n.callee) as TSESTree.MemberExpression) === 'getTime') return 'ms';
  return undefined;
}

/**
 * The lifetime in an absolute `exp`: `now + 7200`, `iat + 2 * 60 * 60`,
 * `Math.floor(Date.now() / 1000) + 7200`, `Math.floor(Date.now() / 1000 + 7200)`,
 * `Math.floor((Date.now() + 2 * 3600 * 1000) / 1000)`.
 */
export function expOffset(js: JsFile, value: Node, depth = 0): Lifetime | undefined {
  const n = unwrap(value);
  if (depth > 4) return undefined;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const right = numeric(js, n.right);
    const left = numeric(js, n.left as Node);
    if (right !== undefined && left === undefined) {
      return isTimeCall(n.left as Node) === 'ms' ? { seconds: right / 1000, node: n.right, replacement: 'milliseconds' } : { seconds: right, node: n.right, replacement: 'seconds' };
    }
    if (left !== undefined && right === undefined) {
      return isTimeCall(n.right) === 'ms' ? { seconds: left / 1000, node: n.left as Node, replacement: 'milliseconds' } : { seconds: left, node: n.left as Node, replacement: 'seconds' };
    }
    return undefined;
  }
  if (n.type === 'CallExpression') {
    const path = calleePath(n.callee)?.join('.');
    if ((path === 'Math.floor' || path === 'Math.round' || path === 'Math.ceil' || path === 'Math.trunc' || path === 'parseInt' || path === 'Number') && n.arguments[0]) {
      const inner = unwrap(n.arguments[0]);
      // (Date.now() + N) / 1000
      if (inner.type === 'BinaryExpression' && inner.operator === '/' && numeric(js, inner.right) === 1000) {
        const sum = unwrap(inner.left as Node);
        const found = expOffset(js, sum, depth + 1);
        if (found && found.replacement === 'milliseconds') return found;
        return undefined;
      }
      return expOffset(js, inner, depth + 1);
    }
  }
  if (n.type === 'Identifier') {
    const init = js.evaluator.constantInit(n);
    const binding = js.scopes.resolve(n);
    if (init && binding?.declarator?.init === init) return expOffset(js, init, depth + 1);
  }
  return undefined;
}

/** `'RS256'` → `'PS256'`: the RSA-PSS algorithm of the same hash, for the same RSA key. */
export function pssOf(alg: string): string | undefined {
  const m = /^RS(256|384|512)$/i.exec(alg);
  return m ? `PS${m[1]}` : undefined;
}

export function keyName(node: Node): string | undefined {
  if (node.type !== 'Property') return undefined;
  return propertyName(node.key, node.computed);
}

/** Decodes a base64url JWT segment (`eyJ…`) to its JSON, when it is one. */
export function decodeSegment(text: string): Record<string, unknown> | undefined {
  if (!/^eyJ[A-Za-z0-9_-]+={0,2}$/.test(text)) return undefined;
  try {
    const json = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const value = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The same segment with `alg` replaced, in the same encoding (base64url, padding kept as it was). */
export function reencodeSegment(text: string, alg: string): string {
  const json = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const replaced = json.replace(/("alg"\s*:\s*")[^"]*(")/, `$1${alg}$2`);
  const encoded = Buffer.from(replaced, 'utf8').toString('base64url');
  return text.endsWith('=') ? encoded + '='.repeat((4 - (encoded.length % 4)) % 4) : encoded;
}
