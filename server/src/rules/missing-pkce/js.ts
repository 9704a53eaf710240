import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { calleePath, contains, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { hasNetSuiteContext } from '../../js/netsuiteContext';
import { matchingStrings } from '../shared/jsStrings';
import { pkceFixes } from './fix';

export const ID = 'missing-pkce';

export type PkceSide = 'authorize' | 'token' | 'library';

export interface PkceData {
  side: PkceSide;
  node: Node;
  /** `passport-oauth2`, `simple-oauth2`, `openid-client` when a library is configured. */
  library?: string;
}

const AUTHORIZE_PATH = /\/app\/login\/oauth2\/authorize\.nl/i;

export function message(side: PkceSide, library?: string): string {
  const why = `PKCE is required for every new OAuth 2.0 authorization code integration to NetSuite, public and confidential clients, as of ${RELEASE.pkceRequired}.`;
  if (side === 'authorize') return `This NetSuite authorization request has no code_challenge. ${why} Send code_challenge (S256) and keep the verifier with the state.`;
  if (side === 'token') return `This NetSuite token request (grant_type=authorization_code) has no code_verifier. ${why} Send the code_verifier of the authorization request.`;
  return `${library} is configured for NetSuite's authorization code grant without PKCE. ${why}`;
}

export function hover(): string {
  return [
    `**OAuth 2.0 authorization code without PKCE** (\`${ID}\`)`,
    '',
    `As of NetSuite ${RELEASE.pkceRequired}, PKCE (RFC 7636) is required for every new authorization code integration, public and confidential clients alike.`,
    '',
    '1. Generate a `code_verifier`: 32 random bytes, base64url.',
    '2. Send `code_challenge = base64url(sha256(verifier))` and `code_challenge_method=S256` to `/app/login/oauth2/authorize.nl`; keep the verifier with the `state`.',
    '3. Send `code_verifier` with `grant_type=authorization_code` to `/services/rest/auth/oauth2/v1/token`.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

function make(node: Node, data: Omit<PkceData, 'node'>): Finding {
  return { ruleId: ID, range: { start: node.range[0], end: node.range[1] }, message: message(data.side, data.library), hover: hover(), data: { ...data, node } satisfies PkceData };
}

/** Whether the code (not comments) of the file names a PKCE parameter anywhere: keys, strings, identifiers. */
function codeMentions(js: JsFile, pattern: RegExp): boolean {
  for (const lit of js.index.of('Literal')) if (typeof lit.value === 'string' && pattern.test(lit.value)) return true;
  for (const q of js.index.of('TemplateElement')) if (pattern.test(q.value.raw)) return true;
  for (const id of js.index.of('Identifier')) if (pattern.test(id.name)) return true;
  return false;
}

function keyOf(p: TSESTree.Property): string | undefined {
  if (p.computed) return undefined;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
}

function objectHas(object: TSESTree.ObjectExpression, pattern: RegExp): boolean {
  return object.properties.some((p) => p.type === 'Property' && pattern.test(keyOf(p) ?? ''));
}

function objectValue(js: JsFile, object: TSESTree.ObjectExpression, key: string): string | undefined {
  const entry = js.evaluator.property(object, key);
  return entry ? js.evaluator.constantString(entry.value) : undefined;
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  if (!hasNetSuiteContext(js)) return [];
  const hasChallenge = codeMentions(js, /code_?challenge|codeChallenge|pkce/i);
  const hasVerifier = codeMentions(js, /code_?verifier|codeVerifier|pkceCodeVerifier|pkce/i);
  const out: Finding[] = [];

  // Libraries: passport-oauth2, simple-oauth2, openid-client.
  for (const rc of js.calls()) {
    const module = rc.module ?? '';
    const last = rc.path[rc.path.length - 1] ?? '';
    if (/^passport-oauth2$|^passport-netsuite/.test(module) && rc.call.type === 'NewExpression') {
      const options = rc.call.arguments[0] ? unwrap(js.evaluator.resolve(rc.call.arguments[0])) : undefined;
      if (options?.type !== 'ObjectExpression') continue;
      const pkce = js.evaluator.property(options, 'pkce');
      const on = pkce && unwrap(pkce.value).type === 'Literal' && (unwrap(pkce.value) as TSESTree.Literal).value === true;
      const url = objectValue(js, options, 'authorizationURL') ?? '';
      if (!on && (AUTHORIZE_PATH.test(url) || /netsuite/i.test(url))) out.push(make(options, { side: 'library', library: 'passport-oauth2' }));
    }
  }
  for (const call of js.index.of('CallExpression')) {
    const path = calleePath(call.callee);
    const last = path?.[path.length - 1];
    if (last !== 'authorizeURL' && last !== 'authorizationUrl' && last !== 'buildAuthorizationUrl') continue;
    const arg = call.arguments[last === 'buildAuthorizationUrl' ? 1 : 0];
    const options = arg ? unwrap(js.evaluator.resolve(arg)) : undefined;
    if (options && options.type !== 'ObjectExpression') continue;
    if (options && objectHas(options, /^code_?challenge$|^codeChallenge$/i)) continue;
    const library = last === 'authorizeURL' ? 'simple-oauth2' : 'openid-client';
    out.push(make(options ?? call, { side: 'authorize', library }));
  }

  // Authorization requests built by hand: a parameter object, or a URL string.
  const authorizeObjects = js.index.of('ObjectExpression').filter((o) => objectValue(js, o, 'response_type') === 'code' && !objectHas(o, /code_?challenge/i));
  for (const o of authorizeObjects) if (!out.some((f) => contains((f.data as PkceData).node, o))) out.push(make(o, { side: 'authorize' }));
  if (!hasChallenge) {
    const urls = matchingStrings(js, (value) => (AUTHORIZE_PATH.test(value) || /(^|[?&])response_type=code(&|$)/.test(value)) && !/code_challenge/.test(value));
    // One authorization request per file part: a URL whose parameters are an object already reported is the same request.
    for (const m of urls) {
      if (authorizeObjects.length > 0 || out.some((f) => (f.data as PkceData).side !== 'token')) break;
      if (!/response_type|\?|\$\{|\uE000/.test(m.value) && !AUTHORIZE_PATH.test(m.value)) continue;
      out.push(make(m.root, { side: 'authorize' }));
      break;
    }
  }

  // Token requests: grant_type=authorization_code without code_verifier.
  if (!hasVerifier) {
    const tokenObjects = js.index.of('ObjectExpression').filter((o) => objectValue(js, o, 'grant_type') === 'authorization_code');
    for (const o of tokenObjects) out.push(make(o, { side: 'token' }));
    if (tokenObjects.length === 0) {
      for (const m of matchingStrings(js, (value) => /(^|[?&\s])grant_type=authorization_code(&|$|\s|\uE000)/.test(value))) out.push(make(m.root, { side: 'token' }));
      for (const call of js.index.of('CallExpression')) {
        const path = calleePath(call.callee);
        const last = path?.[path.length - 1];
        if ((last === 'append' || last === 'set') && call.arguments.length >= 2 && js.evaluator.constantString(call.arguments[0]) === 'grant_type' && js.evaluator.constantString(call.arguments[1]) === 'authorization_code') {
          out.push(make(call, { side: 'token' }));
        }
      }
      // simple-oauth2 `getToken({ code, redirect_uri })`.
      for (const call of js.index.of('CallExpression')) {
        const path = calleePath(call.callee);
        if (path?.[path.length - 1] !== 'getToken' || !path.some((p) => /client|oauth|auth/i.test(p))) continue;
        const options = call.arguments[0] ? unwrap(js.evaluator.resolve(call.arguments[0])) : undefined;
        if (options?.type === 'ObjectExpression' && js.evaluator.property(options, 'code')) out.push(make(options, { side: 'token', library: 'simple-oauth2' }));
      }
    }
  }
  const unique = out.filter((f, i) => out.findIndex((g) => g.range.start === f.range.start && g.range.end === f.range.end) === i);
  return unique.sort((a, b) => a.range.start - b.range.start);
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  return pkceFixes(finding.data as PkceData, context);
}
