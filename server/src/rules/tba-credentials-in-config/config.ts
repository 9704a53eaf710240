import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import { rewriteSet } from '../credentials-in-config/rewrite';
import { credentialSets, isSoapBound, type CredentialSet } from '../credentials-in-config/sets';

const ID = 'tba-credentials-in-config';

/**
 * Config-file side of `tba-credentials-in-config`: consumer key/secret +
 * token id/secret sets, one finding per set on the token id key; Postman
 * `auth.type: oauth1` on the `oauth1` value; a bare `type: tba` selector on its value.
 */
export function checkConfig(context: RuleContext): Finding[] {
  const doc = context.config();
  return credentialSets(doc, context.document.uri)
    .filter((set) => set.kind === 'tba')
    .map((set) => ({ ruleId: ID, range: set.range, message: message(set, isSoapBound(doc, set)), hover: hover(set), data: { start: set.range.start, end: set.range.end } }));
}

export function configFixes(finding: Finding, context: RuleContext): Fix[] {
  const set = credentialSets(context.config(), context.document.uri).find((s) => s.kind === 'tba' && s.range.start === finding.range.start && s.range.end === finding.range.end);
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
  if (edit) {
    const title = set.postman
      ? 'Switch the Postman auth to OAuth 2.0 (authorization code with PKCE, NetSuite endpoints)'
      : 'Replace the TBA credentials with OAuth 2.0 client-credentials keys (client id, certificate id, private key path)';
    fixes.push({ title, edits: [edit], preferred: true });
  }
  fixes.push({ title: `Open the ${ID} documentation`, edits: [], preferred: false, openUrl: ruleDocsUrl(ID) });
  return fixes;
}

function where(set: CredentialSet): string {
  if (set.postman) return 'Postman auth type `oauth1` is NetSuite token-based authentication (TBA)';
  if (set.connector) return `MuleSoft NetSuite connector uses token-based authentication (TBA): \`${set.reportEntry.key}\``;
  if (set.selectorOnly) return `\`${set.reportEntry.key}\` selects NetSuite token-based authentication (TBA)`;
  return `NetSuite token-based authentication (TBA) credentials in a config file: consumer key/secret and token id/secret (\`${set.reportEntry.key}\`)`;
}

function message(set: CredentialSet, soap: boolean): string {
  const target = soap && !set.connector
    ? 'this client uses SOAP web services, which have no OAuth 2.0 (and SOAP is removed in ' + RELEASE.soapRemoved + '): move it to REST web services or RESTlets with OAuth 2.0 client credentials (M2M).'
    : 'migrate to OAuth 2.0 client credentials (M2M).';
  return `${where(set)}. No new TBA integrations as of NetSuite ${RELEASE.noNewTba} and TBA's end of support is tentatively ${RELEASE.soapRemoved}; ${target}`;
}

function hover(set: CredentialSet): string {
  const fix = set.postman
    ? '**Fix:** use Postman\'s OAuth 2.0 authorization (authorization code with PKCE, S256) against the NetSuite authorize and token endpoints; the quick fix switches the auth block.'
    : set.connector
      ? '**Fix:** the MuleSoft NetSuite connector speaks SOAP, which has no OAuth 2.0: move the integration to REST web services or RESTlets with OAuth 2.0 client credentials.'
      : '**Fix:** set up OAuth 2.0 client credentials (M2M) on the integration record (a certificate mapped to a least-privilege role) and configure the client id, certificate id and private key path instead. The quick fix rewrites the keys; the values stay yours to fill.';
  return [
    `**TBA credentials in config** (\`${ID}\`)`,
    '',
    `${where(set)}. Consumer key/secret and token id/secret sign every request with OAuth 1.0a.`,
    '',
    `- No new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba} (SOAP, REST web services, RESTlets); existing ones keep working for now.`,
    `- TBA's end of support is tentatively planned for ${RELEASE.soapRemoved}; HMAC-SHA1 signatures already stopped working in ${RELEASE.hmacSha1Ended}.`,
    '',
    fix,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}
