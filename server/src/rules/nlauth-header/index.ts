import { ruleDocsUrl } from '../../core/docs';
import { KNOWN_ROLES, RELEASE } from '../../core/releases';
import type { Finding, Fix, Rule, RuleContext } from '../../core/rule';
import { HOLE } from '../../js/evaluate';
import type { Node } from '../../js/ast';
import { isDescriptiveUse, stringRoots } from '../../js/strings';
import { builtOnce } from '../shared/jsStrings';
import { nlauthFixes } from './fix';
import { libraryCredentials } from './libraries';
import { checkConfig, configFixes } from './config';
import { isJsLike } from '../../core/document';

const ID = 'nlauth-header';

/** `NLAuth ` followed by a field or an unknown part, at the start or as a raw `Authorization:` line. */
const NLAUTH_VALUE = new RegExp(`(^|[\\r\\n])\\s*(authorization\\s*:\\s*)?nlauth\\s+(nlauth_|${HOLE})`, 'i');
const ROLE = new RegExp(`nlauth_role\\s*=\\s*([^,\\s${HOLE}]*)(${HOLE})?`, 'i');

export interface NlauthData {
  root: Node;
  role?: string;
  /** Set when a RESTlet client library builds the header from email/password settings. */
  library?: string;
}

/** What the message says about the role the header logs in with. */
export function describeRole(role: string | undefined): string {
  if (role === undefined) return '';
  const known = KNOWN_ROLES[role];
  if (known?.requires2fa) {
    return ` It logs in with role ${role} (${known.name}), which must use two-factor authentication (mandatory since ${RELEASE.mandatory2fa}): NetSuite prohibits user credentials for it.`;
  }
  if (known) return ` It logs in with role ${role} (${known.name}).`;
  return ` It logs in with role ${role}.`;
}

export function roleOf(value: string): string | undefined {
  const m = ROLE.exec(value);
  if (!m || m[2] || !/^\d+$/.test(m[1])) return undefined;
  return m[1];
}

function message(role: string | undefined): string {
  return (
    `NLAuth header sends a NetSuite user's email and password with every request.` +
    describeRole(role) +
    ` RESTlets created since ${RELEASE.restletsRejectNlauth} reject NLAuth and REST web services never accept it; use OAuth 2.0.`
  );
}

function hover(role: string | undefined): string {
  return [
    `**NLAuth user credentials** (\`${ID}\`)`,
    '',
    `The \`Authorization: NLAuth nlauth_account=…, nlauth_email=…, nlauth_signature=…\` header carries the user's password in clear on every call.${describeRole(role)}`,
    '',
    `- RESTlets created since NetSuite ${RELEASE.restletsRejectNlauth} reject it; REST web services never accepted it.`,
    `- Roles that require 2FA (Administrator and other highly privileged roles, since ${RELEASE.mandatory2fa}) cannot use user credentials.`,
    '',
    '**Fix:** call a RESTlet of the same account with `https.requestRestlet` (no credentials needed); otherwise send `Authorization: Bearer <token>` from the OAuth 2.0 client-credentials (M2M) flow.',
  ].join('\n');
}

export const nlauthHeader: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: 'An NLAuth Authorization header (NetSuite email and password) built or sent in code.',
    rationale: `User credentials for RESTlets: rejected by RESTlets created since ${RELEASE.restletsRejectNlauth}, never accepted by REST web services, prohibited for Administrator and other 2FA-required roles (${RELEASE.mandatory2fa}).`,
    fixable: true,
    tags: ['security'],
    kinds: ['js', 'ts', 'json', 'yaml', 'dotenv', 'properties', 'xml'],
  },
  marker: /nlauth|nsrestlet|netsuite-restlet/i,

  check(context: RuleContext): Finding[] {
    if (!isJsLike(context.document.kind)) return checkConfig(context);
    const js = context.js();
    const matches: { root: Node; value: string; reached: readonly Node[] }[] = [];
    for (const root of stringRoots(js)) {
      if (isDescriptiveUse(root)) continue;
      const { value, reached } = js.evaluator.evaluate(root);
      if (NLAUTH_VALUE.test(value)) matches.push({ root, value, reached });
    }
    // A header built in a constant and sent from several places is one finding, where it is built.
    const headers: Finding[] = builtOnce(matches).map((m) => {
      const role = roleOf(m.value);
      const data: NlauthData = { root: m.root, role };
      return { ruleId: ID, range: { start: m.root.range[0], end: m.root.range[1] }, message: message(role), hover: hover(role) + `\n\n[Rule documentation](${ruleDocsUrl(ID)})`, data };
    });
    const libraries: Finding[] = libraryCredentials(js).map((c) => {
      const data: NlauthData = { root: c.settings, role: c.role, library: c.library };
      return {
        ruleId: ID,
        range: { start: c.settings.range[0], end: c.settings.range[1] },
        message: `${c.library} is configured with a NetSuite email and password, so it sends an NLAuth header.` + describeRole(c.role) + ` RESTlets created since ${RELEASE.restletsRejectNlauth} reject NLAuth; use OAuth 2.0.`,
        hover: hover(c.role) + `\n\n[Rule documentation](${ruleDocsUrl(ID)})`,
        data,
      };
    });
    return [...headers, ...libraries].sort((a, b) => a.range.start - b.range.start);
  },

  fixes(finding: Finding, context: RuleContext): Fix[] {
    if (!isJsLike(context.document.kind)) return configFixes(finding, context);
    return nlauthFixes(finding.data as NlauthData, context);
  },
};
