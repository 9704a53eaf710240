import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import { describeKind, type SecretKind } from './names';

export const ID = 'hardcoded-secret';

/** Where the message tells the user to move the value. */
export type Destination =
  | { kind: 'env'; name: string }
  | { kind: 'suitescript' }
  | { kind: 'config'; name: string };

/**
 * The message never holds the value nor any part of it: only the key as
 * written and the value's length (spec: "Secrets never leave the file").
 */
export function redacted(length: number): string {
  return `<redacted, ${length} char${length === 1 ? '' : 's'}>`;
}

function why(kind: SecretKind): string {
  switch (kind) {
    case 'consumerSecret':
    case 'tokenSecret':
      return ` Consumer and token secrets are TBA credentials: no new TBA integrations can be created as of NetSuite ${RELEASE.noNewTba}; plan the move to OAuth 2.0.`;
    case 'password':
      return ` A NetSuite password in code means user-credential logins, which RESTlets created since ${RELEASE.restletsRejectNlauth} and SOAP since ${RELEASE.soapRejectsPassport} reject.`;
    case 'privateKey':
      return ` Whoever holds the private key of an OAuth 2.0 client-credentials certificate can mint access tokens: upload a new certificate (up to five per integration since NetSuite ${RELEASE.fiveCertificates}) and revoke this one.`;
    case 'clientSecret':
      return ` Regenerate the client secret on the integration record; for server-to-server access, OAuth 2.0 client credentials with a certificate (up to five per integration since NetSuite ${RELEASE.fiveCertificates}) need no shared secret.`;
    default:
      return ` OAuth 2.0 client credentials with a certificate (up to five per integration since NetSuite ${RELEASE.fiveCertificates}) need no shared secret in the client.`;
  }
}

function where(destination: Destination): string {
  switch (destination.kind) {
    case 'env':
      return `read it from the environment (\`process.env.${destination.name}\`)`;
    case 'suitescript':
      return 'keep it in an API secret or a script parameter';
    default:
      return `reference an environment variable or secret store (\`${destination.name}\`) instead`;
  }
}

export function secretMessage(kind: SecretKind, label: string, length: number, destination: Destination): string {
  const what = kind === 'privateKey' ? 'PEM private key' : `NetSuite ${describeKind(kind)}`;
  return `Hard-coded ${what} in \`${label}\` (${redacted(length)}): anyone who can read this file can use it. Rotate it and ${where(destination)}.${why(kind)}`;
}

export function secretHover(kind: SecretKind, label: string, length: number, destination: Destination): string {
  const what = kind === 'privateKey' ? 'PEM private key' : `NetSuite ${describeKind(kind)}`;
  const fix =
    destination.kind === 'env'
      ? `Read it from \`process.env.${destination.name}\` (set in the deployment, or a \`.env\` file that is never committed).`
      : destination.kind === 'suitescript'
        ? 'In SuiteScript, keep it in an API secret (Setup > Company > API Secrets) read with `https.createSecureString({ input: \'{custsecret_…}\' })`, or in a script parameter read with `runtime.getCurrentScript().getParameter(…)`.'
        : `Reference an environment variable or secret store (\`${destination.name}\`) that the deployment fills in.`;
  return [
    `**Hard-coded ${what}** (\`${ID}\`)`,
    '',
    `\`${label}\` holds a literal credential (${redacted(length)}). A secret in source control is a leaked secret: everyone with read access to the repository, its forks, backups and CI logs can act as the integration.${why(kind)}`,
    '',
    `**Fix:** rotate the secret (the old value stays in the history), then remove it from the file. ${fix}`,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}
