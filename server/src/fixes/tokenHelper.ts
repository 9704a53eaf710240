import { detectStyle, type CodeStyle } from './style';

export const TOKEN_FUNCTION = 'getNetSuiteAccessToken';

/**
 * An OAuth 2.0 client-credentials (M2M) token function for Node: a JWT
 * assertion with kid = certificate id, iss = client id, aud = the token
 * endpoint, signed PS256 with the certificate's private key, posted with the
 * jwt-bearer assertion type. Every id and the key path come from environment
 * variables; nothing secret is written into the user's file.
 * `var` keeps the cache hoisted, so a call made while the module is still
 * loading does not hit the temporal dead zone.
 */
const HELPER_LINES = (ts: boolean): string[] => [
  '// OAuth 2.0 client credentials (M2M) for NetSuite, added by SuiteAuth: https://github.com/suiteauth/suiteauth/blob/main/docs/oauth2-client-credentials.md',
  '// Set NETSUITE_ACCOUNT_ID, NETSUITE_CLIENT_ID, NETSUITE_CERTIFICATE_ID and NETSUITE_PRIVATE_KEY_PATH (PEM of the certificate uploaded to the integration\'s M2M setup).',
  ts ? 'var netSuiteAccessTokenCache: { token: string; expiresAt: number } | undefined;' : 'var netSuiteAccessTokenCache;',
  '',
  `async function ${TOKEN_FUNCTION}()${ts ? ': Promise<string>' : ''} {`,
  '  if (netSuiteAccessTokenCache && netSuiteAccessTokenCache.expiresAt > Date.now() + 60000) {',
  '    return netSuiteAccessTokenCache.token;',
  '  }',
  "  const crypto = await import('node:crypto');",
  "  const fs = await import('node:fs/promises');",
  "  const account = String(process.env.NETSUITE_ACCOUNT_ID).toLowerCase().replace(/_/g, '-');",
  '  const tokenUrl = `https://${account}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;',
  '  const now = Math.floor(Date.now() / 1000);',
  `  const encode = (value${ts ? ': object' : ''}) => Buffer.from(JSON.stringify(value)).toString('base64url');`,
  "  const header = encode({ alg: 'PS256', typ: 'JWT', kid: process.env.NETSUITE_CERTIFICATE_ID });",
  "  const claims = encode({ iss: process.env.NETSUITE_CLIENT_ID, scope: process.env.NETSUITE_SCOPE || 'restlets,rest_webservices', aud: tokenUrl, iat: now, exp: now + 300 });",
  `  const privateKey = await fs.readFile(String(process.env.NETSUITE_PRIVATE_KEY_PATH), 'utf8');`,
  '  const signature = crypto',
  "    .sign('sha256', Buffer.from(`${header}.${claims}`), {",
  '      key: privateKey,',
  '      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,',
  '      saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,',
  '    })',
  "    .toString('base64url');",
  '  const response = await fetch(tokenUrl, {',
  "    method: 'POST',",
  "    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },",
  '    body: new URLSearchParams({',
  "      grant_type: 'client_credentials',",
  "      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',",
  '      client_assertion: `${header}.${claims}.${signature}`,',
  '    }),',
  '  });',
  '  if (!response.ok) {',
  '    throw new Error(`NetSuite token request failed: HTTP ${response.status}`);',
  '  }',
  ts
    ? '  const body = (await response.json()) as { access_token: string; expires_in: number };'
    : '  const body = await response.json();',
  '  netSuiteAccessTokenCache = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };',
  '  return body.access_token;',
  '}',
];

/** The helper in the file's own style (quotes, semicolons, indentation, line ends). */
export function tokenHelperSource(isTs: boolean, style: CodeStyle): string {
  return HELPER_LINES(isTs)
    .map((line) => {
      let out = line;
      if (style.quote === '"' && !out.startsWith('//')) out = out.replace(/'/g, '"');
      if (!style.semicolons && out.endsWith(';') && !out.startsWith('//')) out = out.slice(0, -1);
      const lead = /^( {2})+/.exec(out)?.[0] ?? '';
      return style.indent.repeat(lead.length / 2) + out.slice(lead.length);
    })
    .join(style.eol);
}

export function tokenHelperFor(text: string, isTs: boolean): string {
  return tokenHelperSource(isTs, detectStyle(text));
}

/** File name of the token module a fix may create next to the document. */
export function tokenModuleName(isTs: boolean, esm: boolean): string {
  if (isTs) return 'netsuiteAccessToken.ts';
  return esm ? 'netsuiteAccessToken.mjs' : 'netsuiteAccessToken.js';
}

/** The helper as a module of its own: exported in the module system of the file that imports it. */
export function tokenModuleSource(isTs: boolean, esm: boolean, style: CodeStyle): string {
  const body = tokenHelperSource(isTs, style);
  const semi = style.semicolons ? ';' : '';
  if (esm || isTs) return body.replace(`async function ${TOKEN_FUNCTION}(`, `export async function ${TOKEN_FUNCTION}(`) + style.eol;
  return `${body}${style.eol}${style.eol}module.exports = { ${TOKEN_FUNCTION} }${semi}${style.eol}`;
}

/** The import of the token module, in the file's module system. */
export function tokenImportSource(isTs: boolean, esm: boolean, style: CodeStyle): string {
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const name = tokenModuleName(isTs, esm);
  if (esm || isTs) {
    // Node's ESM resolution needs the extension; TypeScript maps `.js` to the `.ts` source.
    const spec = isTs ? './netsuiteAccessToken.js' : `./${name}`;
    return `import { ${TOKEN_FUNCTION} } from ${q}${spec}${q}${semi}`;
  }
  return `const { ${TOKEN_FUNCTION} } = require(${q}./netsuiteAccessToken${q})${semi}`;
}
