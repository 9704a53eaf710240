import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { NETSUITE_URL } from '../../js/netsuiteContext';
import { hasTbaContext } from '../tba-oauth1/context';
import type { Node } from '../../js/ast';
import { matchingStrings } from '../shared/jsStrings';

export const ID = 'tba-token-endpoint';

/** The TBA token flow endpoints, by path (after a host, a slash or an unknown base such as `BASE + 'rest/accesstoken'`). */
export const ENDPOINT = /(?:^|[/\uE000])rest\/(requesttoken|accesstoken|issuetoken)\b|(?:^|[/\uE000])app\/login\/secure\/(authorizetoken)\.nl\b/i;

export const AUTH_CODE_DOCS = 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158081944642.html';

export function endpointFinding(range: { start: number; end: number }, endpoint: string): Finding {
  const name = endpoint.toLowerCase();
  const issue = name === 'issuetoken';
  const message = issue
    ? `The TBA issuetoken endpoint mints tokens from a user's email and password (NLAuth). User credentials are prohibited for 2FA roles (${RELEASE.mandatory2fa}) and no new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba}; use the OAuth 2.0 authorization code grant with PKCE or client credentials.`
    : `The TBA token flow endpoint ${name === 'authorizetoken' ? 'authorizetoken.nl' : name} belongs to token-based authentication (OAuth 1.0): no new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba}. Use the OAuth 2.0 authorization code grant with PKCE (/app/login/oauth2/authorize.nl and /services/rest/auth/oauth2/v1/token).`;
  const hover = [
    `**TBA token endpoint** (\`${ID}\`)`,
    '',
    issue
      ? '`/rest/issuetoken` exchanges a NetSuite email and password for a TBA token: the password still travels, and 2FA roles cannot use it.'
      : 'The three-step TBA flow (`requesttoken` → `authorizetoken.nl` → `accesstoken`) issues OAuth 1.0 tokens.',
    '',
    `- No new TBA integrations as of NetSuite ${RELEASE.noNewTba}; TBA's end is tentatively planned for ${RELEASE.soapRemoved}.`,
    `- The OAuth 2.0 equivalent is the authorization code grant with PKCE (required for new integrations as of ${RELEASE.pkceRequired}).`,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
  return { ruleId: ID, range, message, hover, severity: issue ? 'error' : undefined };
}

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const netsuite = hasTbaContext(js);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const m of matchingStrings(js, (value) => ENDPOINT.test(value))) {
    // The paths alone are generic; a NetSuite host in the value or NetSuite context in the file makes them NetSuite's.
    if (!netsuite && !NETSUITE_URL.test(m.value)) continue;
    const match = ENDPOINT.exec(m.value)!;
    const endpoint = (match[1] ?? match[2]).toLowerCase();
    // One finding per call site: the same endpoint written twice in one call (the URL and its signature) is one call.
    const key = `${callSite(m.root).range[0]}:${endpoint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(endpointFinding({ start: m.root.range[0], end: m.root.range[1] }, endpoint));
  }
  return out;
}

/** The outermost call of the statement that contains the node (the node itself outside calls). */
function callSite(node: Node): Node {
  let site: Node = node;
  for (let p = node.parent; p && p.type !== 'BlockStatement' && p.type !== 'Program' && !p.type.startsWith('Function') && p.type !== 'ArrowFunctionExpression'; p = p.parent) {
    if (p.type === 'CallExpression' || p.type === 'NewExpression') site = p;
  }
  return site;
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return [
    { title: 'Open the OAuth 2.0 authorization code (PKCE) guide', edits: [], preferred: false, openUrl: AUTH_CODE_DOCS },
    { title: 'Show the tba-token-endpoint rule page', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) },
  ];
}
