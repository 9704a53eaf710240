import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Fix } from '../../core/rule';

export const ID = 'soap-token-passport';

export function message(how: 'element' | 'object'): string {
  const what = how === 'element' ? 'SOAP <tokenPassport>' : 'SOAP tokenPassport header built from an object';
  return (
    `${what}: token-based authentication (OAuth 1.0) over SOAP. No new TBA or SOAP integrations may be created as of ${RELEASE.noNewTba}, when only the ${RELEASE.lastSoapEndpoint} SOAP endpoint is still supported, and SOAP web services are removed in ${RELEASE.soapRemoved}.` +
    ' OAuth 2.0 is not available for SOAP: move to REST web services with OAuth 2.0.'
  );
}

export function hover(): string {
  return [
    `**SOAP token passport** (\`${ID}\`)`,
    '',
    'A `<tokenPassport>` (account, consumerKey, token, nonce, timestamp, signature) signs every SOAP request with token-based authentication (OAuth 1.0).',
    '',
    `- As of ${RELEASE.noNewTba} no new TBA integrations (SOAP, REST web services, RESTlets) and no new SOAP integrations may be created; existing ones keep working for now.`,
    `- As of ${RELEASE.noNewTba} only the ${RELEASE.lastSoapEndpoint} SOAP endpoint is supported; SOAP web services are removed in ${RELEASE.soapRemoved}.`,
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
