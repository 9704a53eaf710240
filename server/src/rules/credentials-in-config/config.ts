import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { describeRole } from '../nlauth-header';
import { rewriteSet } from './rewrite';
import { credentialSets, isSoapBound, describeValue, roleIdOf, type CredentialSet } from './sets';

const ID = 'credentials-in-config';

/** Config-file side of `credentials-in-config`: NetSuite email + password sets, one finding per set on the password key. */
export function checkConfig(context: RuleContext): Finding[] {
  const doc = context.config();
  return credentialSets(doc, context.document.uri)
    .filter((set) => set.kind === 'user')
    .map((set) => ({ ruleId: ID, range: set.range, message: message(set, isSoapBound(doc, set)), hover: hover(set), data: { start: set.range.start, end: set.range.end } }));
}

export function configFixes(finding: Finding, context: RuleContext): Fix[] {
  const set = credentialSets(context.config(), context.document.uri).find((s) => s.kind === 'user' && s.range.start === finding.range.start && s.range.end === finding.range.end);
  if (!set) return [];
  if (set.connector) {
    return [{ title: 'Open the REST web services + OAuth 2.0 migration guide (the MuleSoft NetSuite connector has no OAuth 2.0)', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }];
  }
  if (isSoapBound(context.config(), set)) {
    // OAuth 2.0 is not offered for SOAP web services: client-credentials keys here would log in nowhere.
    return [{ title: 'Open the REST web services + OAuth 2.0 migration guide (this configuration is for SOAP web services, which have no OAuth 2.0)', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }];
  }
  const edit = rewriteSet(context.config(), context.document.text, set);
  const fixes: Fix[] = [];
  if (edit) fixes.push({ title: 'Replace the NetSuite email and password with OAuth 2.0 client-credentials keys (client id, certificate id, private key path)', edits: [edit], preferred: true });
  fixes.push({ title: `Open the ${ID} documentation`, edits: [], preferred: false, openUrl: ruleDocsUrl(ID) });
  return fixes;
}

function passwordText(set: CredentialSet): string {
  return `\`${set.reportEntry.key}\` (${describeValue(set.reportEntry.value)})`;
}

function message(set: CredentialSet, soap: boolean): string {
  const role = describeRole(roleIdOf(set));
  const what = set.connector ? `MuleSoft NetSuite connector logs in with a NetSuite user's email and password: ${passwordText(set)}.` : `NetSuite user credentials (email and password) in a config file: ${passwordText(set)}.`;
  return (
    what +
    role +
    ` User credentials are prohibited for 2FA-required roles (since ${RELEASE.mandatory2fa}), rejected by RESTlets created since ${RELEASE.restletsRejectNlauth} and by SOAP endpoints since ${RELEASE.soapRejectsPassport}; ` +
    (soap && !set.connector
      ? 'this client uses SOAP web services, which have no OAuth 2.0: move it to REST web services or RESTlets with OAuth 2.0 client credentials (M2M).'
      : 'use OAuth 2.0 client credentials (M2M).')
  );
}

function hover(set: CredentialSet): string {
  const lines = [
    `**NetSuite user credentials in config** (\`${ID}\`)`,
    '',
    `This ${set.connector ? 'connector' : 'file'} logs in to NetSuite with a user's email and password (${passwordText(set)}). A placeholder or environment reference does not help: the *method* is the problem.${describeRole(roleIdOf(set))}`,
    '',
    `- Roles that require two-factor authentication (Administrator and other highly privileged roles, mandatory since ${RELEASE.mandatory2fa}) cannot use user credentials at all.`,
    `- RESTlets created since NetSuite ${RELEASE.restletsRejectNlauth} reject user credentials; REST web services never accepted them; SOAP endpoints since ${RELEASE.soapRejectsPassport} reject the passport.`,
    '',
    set.connector
      ? '**Fix:** the MuleSoft NetSuite connector speaks SOAP, which has no OAuth 2.0: move the integration to REST web services or RESTlets with OAuth 2.0 client credentials.'
      : '**Fix:** create an OAuth 2.0 client-credentials (M2M) mapping for the integration (certificate + least-privilege role) and configure the client id, certificate id and private key path instead. The quick fix rewrites the keys; the values stay yours to fill.',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ];
  return lines.join('\n');
}
