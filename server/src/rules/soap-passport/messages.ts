import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Fix } from '../../core/rule';
import { describeRole } from '../nlauth-header';

export const ID = 'soap-passport';

/** Oracle's page on moving SOAP integrations to REST web services (SOAP removal, ORA:section_N3418621). */
export const REST_MIGRATION_URL = 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3418621.html';

const WHY =
  ` SOAP endpoints ${RELEASE.soapRejectsPassport} and later reject passport (user-credential) logins; as of ${RELEASE.noNewTba} only the ${RELEASE.lastSoapEndpoint} endpoint is supported, and SOAP web services are removed in ${RELEASE.soapRemoved}.` +
  ' OAuth 2.0 is not available for SOAP: move to REST web services with OAuth 2.0.';

export function elementMessage(role: string | undefined): string {
  return `SOAP <passport> logs in with a NetSuite user's email and password.` + describeRole(role) + WHY;
}

export function objectMessage(role: string | undefined): string {
  return `SOAP passport header or login built from an object: it sends a NetSuite user's email and password.` + describeRole(role) + WHY;
}

export function libraryMessage(library: string, role: string | undefined): string {
  return `${library} is configured with a NetSuite email and password, so it logs in to SOAP web services with a passport.` + describeRole(role) + WHY;
}

export function hover(role: string | undefined): string {
  return [
    `**SOAP passport login** (\`${ID}\`)`,
    '',
    `A \`<passport>\` (email, password, account, role) in a SOAP \`login\` or in the header of every request sends a NetSuite user's password.${describeRole(role)}`,
    '',
    `- SOAP endpoints ${RELEASE.soapRejectsPassport} and later reject it; only older endpoints accept user credentials, and those are long out of support.`,
    `- Roles that require 2FA (Administrator and other highly privileged roles, since ${RELEASE.mandatory2fa}) cannot use user credentials at all.`,
    `- As of ${RELEASE.noNewTba} only the ${RELEASE.lastSoapEndpoint} SOAP endpoint is supported and no new SOAP integrations may be created; SOAP web services are removed in ${RELEASE.soapRemoved}.`,
    '',
    '**Fix:** OAuth 2.0 is not offered for SOAP web services, so there is no drop-in replacement: move the integration to REST web services (or a RESTlet) with OAuth 2.0 client credentials (M2M).',
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

/** No automatic migration exists: the only action opens the guide. */
export function guideFixes(): Fix[] {
  return [{ title: 'Open the migration guide: SOAP → REST web services + OAuth 2.0', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }];
}
