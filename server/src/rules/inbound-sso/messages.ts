import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Fix } from '../../core/rule';

export const ID = 'inbound-sso';

/** The operation a finding names, normalised: `ssoLoginAsync` → `ssoLogin`. */
export function operationOf(name: string): 'mapSso' | 'ssoLogin' {
  return /^mapsso/i.test(name) ? 'mapSso' : 'ssoLogin';
}

export function message(operation: 'mapSso' | 'ssoLogin'): string {
  const pkce = `Replace inbound single sign-on with the OAuth 2.0 authorization code grant with PKCE (PKCE is required for new integrations as of ${RELEASE.pkceRequired}); SOAP web services are removed in ${RELEASE.soapRemoved}.`;
  if (operation === 'mapSso') return `SOAP mapSso (inbound single sign-on) no longer works on any endpoint since ${RELEASE.mapSsoRemoved}. ` + pkce;
  return `SOAP ssoLogin (NetSuite's proprietary inbound single sign-on) is deprecated: its companion mapSso is gone since ${RELEASE.mapSsoRemoved}. ` + pkce;
}

export function hover(operation: 'mapSso' | 'ssoLogin'): string {
  return [
    `**Inbound single sign-on** (\`${ID}\`)`,
    '',
    operation === 'mapSso'
      ? `\`mapSso\` linked a partner's SSO identity to a NetSuite user. It has not worked on any SOAP endpoint since ${RELEASE.mapSsoRemoved} (the schema still lists it).`
      : `\`ssoLogin\` logs in to SOAP web services with NetSuite's proprietary inbound SSO token. It is deprecated (its companion \`mapSso\` is gone since ${RELEASE.mapSsoRemoved}), and SOAP web services are removed in ${RELEASE.soapRemoved}.`,
    '',
    `**Fix:** let each user authorize the application with the OAuth 2.0 authorization code grant with PKCE (\`/app/login/oauth2/authorize.nl\`, then \`/services/rest/auth/oauth2/v1/token\`), and call REST web services or RESTlets with the access token. PKCE is required for new authorization-code integrations as of ${RELEASE.pkceRequired}.`,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

/** No automatic migration exists: the only action opens the guide. */
export function guideFixes(): Fix[] {
  return [{ title: 'Open the migration guide: inbound SSO → OAuth 2.0 authorization code with PKCE', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }];
}
