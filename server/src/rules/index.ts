import type { Rule } from '../core/rule';
import { nlauthHeader } from './nlauth-header';
import { soapPassport } from './soap-passport';
import { credentialsInConfig } from './credentials-in-config';
import { inboundSso } from './inbound-sso';
import { tbaOauth1 } from './tba-oauth1';
import { tbaHmacSha1 } from './tba-hmac-sha1';
import { soapTokenPassport } from './soap-token-passport';
import { tbaCredentialsInConfig } from './tba-credentials-in-config';
import { tbaTokenEndpoint } from './tba-token-endpoint';
import { missingPkce } from './missing-pkce';
import { pkcePlain } from './pkce-plain';
import { hardcodedSecret } from './hardcoded-secret';
import { m2mJwtAlgorithm } from './m2m-jwt-algorithm';
import { soapWebServices } from './soap-web-services';

/** Every rule, in the order of the catalog (shared/spec/rules.md). */
export const ALL_RULES: readonly Rule[] = [
  nlauthHeader,
  soapPassport,
  credentialsInConfig,
  inboundSso,
  tbaOauth1,
  tbaHmacSha1,
  soapTokenPassport,
  tbaCredentialsInConfig,
  tbaTokenEndpoint,
  missingPkce,
  pkcePlain,
  hardcodedSecret,
  m2mJwtAlgorithm,
  soapWebServices,
];

export const RULE_IDS: readonly string[] = ALL_RULES.map((r) => r.meta.id);
