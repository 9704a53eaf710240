import { normalizeKey } from '../../config/keys';
import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { configStrings, isPostmanDocument, isScriptLine, lineOfMatch, literalAround, matchRange, replace, type ConfigString } from '../configShared';
import { describeRole, roleOf } from './index';

const ID = 'nlauth-header';

/**
 * An NLAuth header value: `NLAuth nlauth_…` (also after `Authorization:`, in
 * a curl line or a DataWeave/template expression, or with a variable first),
 * or the `nlauth_email=…`/`nlauth_signature=…` fields without the scheme.
 */
const NLAUTH = /\bNLAuth\s+(?:nlauth_|\{\{|\$\{)|\bnlauth_(?:email|signature)\s*=/i;

/** What the Postman header becomes: a Bearer token from a collection or environment variable. */
export const POSTMAN_BEARER = 'Bearer {{netsuite_access_token}}';

interface ConfigNlauthData {
  config: true;
  /** The range of the whole header value when Postman can send a Bearer token instead. */
  bearer?: OffsetRange;
}

/**
 * Config-file side of `nlauth-header`: NLAuth header values in config values
 * (any kind), Postman request headers, environment variables and pre-request
 * script lines. Reported on the value (in a script line, on the string literal).
 */
export function checkConfig(context: RuleContext): Finding[] {
  const text = context.document.text;
  const out: Finding[] = [];
  for (const s of configStrings(context)) {
    if (!NLAUTH.test(s.value)) continue;
    const match = matchRange(text, s, NLAUTH);
    if (!match) continue;
    const range = isScriptLine(s) ? literalAround(text, s, match) : lineOfMatch(text, s, match);
    const role = roleOf(text.slice(range.start, range.end)) ?? roleOf(s.value);
    const data: ConfigNlauthData = { config: true };
    if (isPostmanHeader(context, s)) data.bearer = s.range;
    out.push({ ruleId: ID, range, message: message(s, role), hover: hover(role, data.bearer !== undefined), data });
  }
  return out;
}

export function configFixes(finding: Finding, _context: RuleContext): Fix[] {
  const data = finding.data as ConfigNlauthData | undefined;
  const fixes: Fix[] = [];
  if (data?.bearer) {
    fixes.push({ title: `Send a Bearer token instead: ${POSTMAN_BEARER} (OAuth 2.0)`, edits: [replace(data.bearer, POSTMAN_BEARER)], preferred: true });
  }
  fixes.push({ title: 'Open the nlauth-header guide: move this NetSuite call to OAuth 2.0', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) });
  return fixes;
}

/** A Postman request header `Authorization: NLAuth …` (the whole value): Postman resolves `{{netsuite_access_token}}` itself. */
function isPostmanHeader(context: RuleContext, s: ConfigString): boolean {
  const entry = s.entry;
  if (!entry?.keyValueItem || normalizeKey(entry.key) !== 'authorization') return false;
  if (entry.path[entry.path.length - 2] !== 'header' || !isPostmanDocument(context)) return false;
  return /^\s*NLAuth\s/i.test(s.value);
}

function where(s: ConfigString): string {
  if (isScriptLine(s)) return 'A Postman script builds an NLAuth header';
  if (s.entry?.keyValueItem && s.entry.path[s.entry.path.length - 2] === 'header') return 'This Postman request sends an NLAuth header';
  return `An NLAuth header is stored in the config value \`${valueName(s)}\``;
}

/** The key of a value, with its parent when the key alone says nothing (`default-header/value`, `url/raw`). */
export function valueName(s: ConfigString): string {
  const path = s.path.filter((p) => !/^\d+$/.test(p));
  const key = s.entry?.key ?? path[path.length - 1] ?? 'value';
  if (/^(?:value|raw|text|content|data|string)$/i.test(key) && path.length >= 2) return `${path[path.length - 2]}/${key}`;
  return key;
}

function message(s: ConfigString, role: string | undefined): string {
  return (
    `${where(s)}: it sends a NetSuite user's email and password with every request.` +
    describeRole(role) +
    ` RESTlets created since ${RELEASE.restletsRejectNlauth} reject NLAuth and REST web services never accept it; use OAuth 2.0.`
  );
}

function hover(role: string | undefined, bearer: boolean): string {
  return [
    `**NLAuth user credentials in config** (\`${ID}\`)`,
    '',
    `An \`NLAuth nlauth_account=…, nlauth_email=…, nlauth_signature=…\` header carries the user's password in clear on every call.${describeRole(role)}`,
    '',
    `- RESTlets created since NetSuite ${RELEASE.restletsRejectNlauth} reject it; REST web services never accepted it.`,
    `- Roles that require 2FA (Administrator and other highly privileged roles, since ${RELEASE.mandatory2fa}) cannot use user credentials.`,
    '',
    bearer
      ? `**Fix:** send \`Authorization: ${POSTMAN_BEARER}\` and get the token with OAuth 2.0 (Postman's OAuth 2.0 authorization, or the client-credentials flow); the quick fix rewrites the header.`
      : '**Fix:** configure the integration for OAuth 2.0 (client credentials for servers and jobs, authorization code with PKCE for users) and send `Authorization: Bearer <token>`.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}
