import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { carriersOf, type Carrier } from './js-carriers';
import { pkceFixes } from './js-fix';
import { nodeRange } from './js-oauth';

export const ID = 'missing-pkce';

export interface JsPkceData {
  carrier: Carrier;
}

/**
 * JS/TS side of `missing-pkce`: OAuth 2.0 authorization code requests to
 * NetSuite without PKCE, however they are built (see js-carriers.ts). The
 * authorize request (no `code_challenge`) and the token request (no
 * `code_verifier`) are separate findings, each on the object, string, query
 * object or library options a developer edits to add the parameter.
 */
export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  return carriersOf(js).map((carrier) => ({
    ruleId: ID,
    range: nodeRange(carrier.node),
    message: message(carrier),
    hover: hover(carrier),
    data: { carrier } satisfies JsPkceData,
  }));
}

export function jsFixes(finding: Finding, context: RuleContext): Fix[] {
  const data = finding.data as JsPkceData | undefined;
  if (!data) return [];
  return pkceFixes(context, data.carrier);
}

const deadline = () => `PKCE is required for all new NetSuite authorization code integrations, public and confidential clients, as of ${RELEASE.pkceRequired}`;

export function message(carrier: Carrier): string {
  if (carrier.kind === 'disabled') {
    const option = carrier.library === 'openid-client' ? 'usePKCE' : 'pkce';
    return `This ${carrier.library} strategy for NetSuite has PKCE switched off (\`${option}: false\`). ${deadline()}: switch it on (S256).`;
  }
  if (carrier.side === 'authorize') {
    if (carrier.kind === 'object' && carrier.library === 'passport-oauth2') {
      return `This passport-oauth2 strategy for NetSuite does not use PKCE (no \`pkce: true\`). ${deadline()}: add \`pkce: true\` (S256) with \`state: true\`.`;
    }
    const what =
      carrier.kind !== 'string' && carrier.kind !== 'query' && 'library' in carrier && carrier.library === 'simple-oauth2'
        ? 'simple-oauth2 `authorizeURL()` builds a NetSuite authorize URL'
        : 'library' in carrier && carrier.library === 'openid-client'
          ? 'openid-client builds a NetSuite authorization URL'
          : 'This NetSuite authorize request asks for an authorization code';
    return `${what} without a \`code_challenge\` (no PKCE). ${deadline()}: send \`code_challenge\` = base64url(SHA-256(code_verifier)) with \`code_challenge_method=S256\`.`;
  }
  const what =
    'library' in carrier && carrier.library === 'simple-oauth2'
      ? 'simple-oauth2 `getToken()` exchanges a NetSuite authorization code'
      : 'library' in carrier && carrier.library === 'openid-client'
        ? 'openid-client exchanges the NetSuite authorization code'
        : 'This NetSuite token request (`grant_type=authorization_code`) exchanges an authorization code';
  return `${what} without a \`code_verifier\` (no PKCE). ${deadline()}: send the verifier whose S256 challenge went with the authorize request.`;
}

function hover(carrier: Carrier): string {
  const fix =
    carrier.kind === 'disabled' || ('library' in carrier && carrier.library === 'passport-oauth2')
      ? '**Fix:** set `pkce: true` (passport-oauth2 then sends an S256 challenge and the verifier, kept in the session with `state: true`).'
      : carrier.side === 'authorize'
        ? '**Fix:** generate a `code_verifier` (`crypto.randomBytes(32).toString(\'base64url\')`), keep it with the `state` (session, store), and send `code_challenge = crypto.createHash(\'sha256\').update(verifier).digest(\'base64url\')` with `code_challenge_method=S256`.'
        : '**Fix:** send `code_verifier` (the verifier kept with the `state` when the authorize request was made) with `grant_type=authorization_code`.';
  return [
    `**Authorization code grant without PKCE** (\`${ID}\`)`,
    '',
    'Without PKCE an intercepted authorization code can be redeemed by whoever holds it. PKCE binds the code to a secret verifier that only the client that started the flow knows: the authorize request carries its SHA-256 challenge, the token request the verifier itself.',
    '',
    `- NetSuite requires PKCE for every new OAuth 2.0 authorization code integration, public and confidential, as of ${RELEASE.pkceRequired} (public clients already need it).`,
    '- The authorize request and the token request are reported separately: both need their half.',
    '',
    fix,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

export type { Fix };
