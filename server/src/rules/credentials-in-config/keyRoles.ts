/**
 * What a config key means, whatever its spelling: `NS_TOKEN_ID`, `tokenId`,
 * `token_id`, `token-id`, `ns_token_key`, `netsuite.auth.token.id` are all a
 * TBA token id. Shared by `credentials-in-config` and `tba-credentials-in-config`.
 */

export type KeyRole =
  // User credentials (NLAuth, SOAP passport, MuleSoft login connection)
  | 'email'
  | 'password'
  | 'role'
  | 'applicationId'
  // TBA (OAuth 1.0a)
  | 'consumerKey'
  | 'consumerSecret'
  | 'tokenId'
  /** `token` alone: a token id only next to a token secret (netsuite-rest, nsconfig, Postman). */
  | 'token'
  | 'tokenSecret'
  | 'signatureMethod'
  // Both
  | 'account'
  /** `type: tba`, `auth_type: token`, `authType: token-auto`: selects TBA. */
  | 'tbaSelector'
  /** `auth_type: password`, `type: user_credentials`: selects user credentials. */
  | 'userSelector'
  // OAuth 2.0 (what the fix writes; never part of a finding)
  | 'clientId'
  | 'certificateId'
  | 'privateKey';

/** A key split into words with their character offsets in the key. */
export interface KeyWord {
  word: string;
  start: number;
  end: number;
}

export interface KeyMeaning {
  role: KeyRole;
  /** Words of the key (lower case) with offsets. */
  words: KeyWord[];
  /** Indexes (into `words`) of the words that carry the role (`token`, `id` in `NS_TOKEN_ID`). */
  roleWords: number[];
  /** The other words, minus NetSuite and filler words: keys with the same qualifier belong to one set (`sb` in `NS_SB_EMAIL`). */
  qualifier: string;
  /** The key names NetSuite by itself (`NETSUITE_…`, `ns_…`). */
  netsuiteNamed: boolean;
}

/** Splits a key into words with offsets: `nsTokenId` → ns, token, id; `NS_TOKEN_ID` → ns, token, id. */
export function splitKey(key: string): KeyWord[] {
  const words: KeyWord[] = [];
  const pattern = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key)) !== null) {
    words.push({ word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  // `SB1`, `v2`: digits glue to the word before them when written without a separator.
  const merged: KeyWord[] = [];
  for (const w of words) {
    const last = merged[merged.length - 1];
    if (last && /^[0-9]+$/.test(w.word) && last.end === w.start) merged[merged.length - 1] = { word: last.word + w.word, start: last.start, end: w.end };
    else merged.push(w);
  }
  return merged;
}

const NETSUITE_WORDS = new Set(['netsuite', 'ns', 'suitetalk', 'nlauth']);
/** Words that say nothing about which credential set a key belongs to. */
const FILLER_WORDS = new Set(['auth', 'authentication', 'api', 'credentials', 'credential', 'creds', 'cred', 'integration', 'rest', 'restlet', 'restlets', 'soap', 'ws', 'webservices', 'config', 'settings', 'tba', 'oauth', 'oauth1', 'login', 'user', 'connection', 'conn', 'default', 'value', 'the', 'my', 'key']);

/**
 * Words naming another system: `DB_PASSWORD`, `SMTP_USER`, `proxy_password`
 * are not NetSuite's even in a NetSuite project (unless the key also says NetSuite).
 */
export const FOREIGN_WORDS: ReadonlySet<string> = new Set([
  'db', 'database', 'datasource', 'postgres', 'postgresql', 'pg', 'psql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'memcached', 'cassandra', 'couchdb', 'dynamo', 'dynamodb',
  'sql', 'mssql', 'sqlserver', 'jdbc', 'odbc', 'oracle', 'snowflake', 'bigquery', 'redshift', 'databricks', 'clickhouse', 'neo4j', 'influx', 'influxdb', 'supabase', 'firebase',
  'smtp', 'imap', 'pop', 'pop3', 'mail', 'mailer', 'sendgrid', 'mailgun', 'mailchimp', 'ses', 'postmark',
  'ftp', 'sftp', 'ssh', 'scp', 'ldap', 'ad', 'kerberos', 'radius', 'vpn', 'proxy', 'socks',
  'rabbitmq', 'rabbit', 'amqp', 'kafka', 'mq', 'activemq', 'sqs', 'sns', 'nats', 'mqtt',
  'keystore', 'truststore', 'jks', 'pfx', 'p12', 'pkcs12', 'cert', 'certificate', 'ssl', 'tls', 'gpg', 'pgp',
  'aws', 'azure', 'gcp', 'google', 'gcloud', 's3', 'blob', 'minio', 'cloudflare', 'heroku', 'vercel', 'netlify',
  'docker', 'registry', 'npm', 'nexus', 'artifactory', 'maven', 'gradle', 'pypi', 'nuget', 'github', 'gh', 'gitlab', 'bitbucket', 'git', 'jenkins', 'circleci', 'travis', 'sonar', 'sonarqube', 'snyk', 'codecov',
  'elastic', 'elasticsearch', 'es', 'kibana', 'opensearch', 'grafana', 'prometheus', 'datadog', 'newrelic', 'sentry', 'splunk', 'pagerduty',
  'slack', 'discord', 'telegram', 'teams', 'twilio', 'zoom', 'twitter', 'facebook', 'fb', 'instagram', 'linkedin', 'youtube', 'tiktok',
  'salesforce', 'sfdc', 'sf', 'hubspot', 'zendesk', 'jira', 'confluence', 'atlassian', 'notion', 'airtable', 'asana', 'trello', 'monday', 'intercom', 'freshdesk', 'marketo', 'pardot',
  'shopify', 'magento', 'woocommerce', 'woo', 'bigcommerce', 'amazon', 'ebay', 'etsy', 'walmart', 'stripe', 'paypal', 'braintree', 'square', 'adyen', 'authorize',
  'quickbooks', 'qbo', 'intuit', 'xero', 'sage', 'dynamics', 'sap', 'workday', 'zoho', 'odoo', 'acumatica', 'shipstation', 'shipbob', 'fedex', 'ups', 'usps', 'dhl', 'avalara', 'vertex',
  'openai', 'anthropic', 'mapbox', 'algolia', 'contentful', 'sanity', 'strapi', 'auth0', 'okta', 'keycloak', 'cognito', 'jwt', 'session', 'cookie', 'csrf', 'xsrf', 'webhook', 'bot',
  'wifi', 'router', 'printer', 'camera', 'device', 'vault',
]);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass']);
/** Keys about passwords that are not one: `password_policy`, `reset_password_url`, `password_grant`. */
const PASSWORD_EXCLUDE = new Set(['keystore', 'truststore', 'passphrase', 'policy', 'reset', 'url', 'uri', 'link', 'length', 'min', 'max', 'hash', 'hashed', 'salt', 'expiry', 'expires', 'expiration', 'change', 'changed', 'prompt', 'field', 'label', 'enabled', 'enable', 'disabled', 'required', 'regex', 'pattern', 'rule', 'rules', 'strength', 'hint', 'forgot', 'confirm', 'confirmation', 'grant', 'flow', 'mode', 'type', 'key', 'private', 'encrypted', 'encryption', 'store', 'age', 'history', 'complexity', 'validation', 'placeholder', 'title', 'text', 'message', 'error', 'input', 'selector', 'xpath', 'locator', 'button', 'visible', 'show', 'hide', 'through', 'pass']);
const EMAIL_EXCLUDE = new Set(['template', 'templates', 'from', 'to', 'sender', 'recipient', 'recipients', 'notification', 'notifications', 'notify', 'alert', 'alerts', 'support', 'subject', 'reply', 'cc', 'bcc', 'report', 'reports', 'contact', 'owner', 'body', 'domain', 'verified', 'verification', 'field', 'label', 'regex', 'pattern', 'selector', 'input', 'agent', 'id', 'ids', 'group', 'groups', 'list', 'home', 'dir', 'directory', 'data', 'profile', 'pool', 'count', 'limit', 'role', 'message', 'error', 'header', 'claim', 'attribute', 'mapping', 'format', 'placeholder', 'title', 'text', 'button', 'xpath', 'locator']);
const TOKEN_EXCLUDE = new Set(['access', 'refresh', 'bearer', 'session', 'csrf', 'xsrf', 'jwt', 'personal', 'pat', 'url', 'uri', 'endpoint', 'expiry', 'expires', 'expiration', 'ttl', 'lifetime', 'type', 'name', 'header', 'cookie', 'verification', 'verify', 'device', 'registration', 'push', 'fcm', 'api', 'auth', 'bot', 'app', 'client', 'request', 'requests', 'limit', 'count', 'path', 'file', 'cache', 'store', 'storage', 'prefix', 'length', 'field', 'param', 'parameter', 'query', 'issuer', 'audience', 'scope', 'scopes', 'format', 'service', 'server', 'info', 'revoke', 'revocation', 'introspection', 'exchange', 'oauth2', 'id2']);
const CONSUMER_EXCLUDE = new Set(['group', 'topic', 'queue', 'offset', 'name', 'count', 'threads', 'timeout', 'url', 'uri', 'endpoint', 'type', 'tag', 'config']);

const TBA_SELECTOR_VALUES = new Set(['token', 'tba', 'oauth1', 'oauth10', 'oauth10a', 'oauth1a', 'tokenauto', 'tokenbased', 'tokenbasedauthentication', 'tokenbasedauth', 'tokenauth', 'tokenpassport']);
const USER_SELECTOR_VALUES = new Set(['password', 'usercredentials', 'usercredential', 'credentials', 'basic', 'login', 'nlauth', 'userpassword', 'emailpassword', 'passport', 'requestlevelcredentials']);
const SELECTOR_KEYS = new Set(['type', 'authtype', 'authenticationtype', 'authmethod', 'authenticationmethod', 'authmode', 'authenticationmode', 'auth', 'authentication', 'authscheme', 'scheme', 'loginmethod', 'logintype', 'method']);

function normalizeValue(value: string | undefined): string {
  return (value ?? '').toLowerCase().replace(/[\s_.\-]+/g, '');
}

/**
 * The meaning of a key (and, for selectors, its value); undefined for keys
 * that are not part of a NetSuite credential set.
 */
export function keyMeaning(key: string, value?: string): KeyMeaning | undefined {
  if (key.length > 200 || !MAYBE_ROLE.test(key)) return undefined;
  // Only selector keys depend on their value.
  const cacheKey = SELECTOR_KEYS.has(key.toLowerCase().replace(/[\s_.\-]+/g, '')) ? `${key}\u0000${value ?? ''}` : key;
  const cached = meaningCache.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const computed = computeMeaning(key, value);
  if (meaningCache.size > 20_000) meaningCache.clear();
  meaningCache.set(cacheKey, computed ?? null);
  return computed;
}

/** Keys that cannot have a role (`name`, `url`, `key`, `value`) are skipped before any work. */
const MAYBE_ROLE = /pass|pwd|pw|mail|user|login|account|realm|compan|role|app|consumer|token|signature|hash|type|auth|method|mode|scheme|client|cert|kid|private|nlauth/i;
const meaningCache = new Map<string, KeyMeaning | null>();

function computeMeaning(key: string, value?: string): KeyMeaning | undefined {
  const words = splitKey(key);
  if (words.length === 0 || words.length > 12) return undefined;
  const netsuiteNamed = words.some((w) => NETSUITE_WORDS.has(w.word)) || /netsuite/i.test(key);
  const relevant: number[] = [];
  words.forEach((w, i) => {
    if (!NETSUITE_WORDS.has(w.word)) relevant.push(i);
  });
  const list = relevant.map((i) => words[i].word);
  const has = (word: string) => list.includes(word);
  const indexOf = (word: string) => relevant[list.indexOf(word)];
  const foreign = !netsuiteNamed && list.some((w) => FOREIGN_WORDS.has(w));

  const result = (role: KeyRole, roleWords: number[]): KeyMeaning | undefined => {
    const roleSet = new Set(roleWords);
    const qualifier = relevant
      .filter((i) => !roleSet.has(i))
      .map((i) => words[i].word)
      .filter((w) => !FILLER_WORDS.has(w))
      .join(' ');
    return { role, words, roleWords: roleWords.filter((i) => i !== undefined).sort((a, b) => a - b), qualifier, netsuiteNamed };
  };
  const matching = (predicate: (w: string) => boolean) => relevant.filter((i) => predicate(words[i].word));

  // OAuth 2.0 keys first: `client_secret` is not a TBA consumer secret here.
  if (has('client') && has('id')) return result('clientId', [indexOf('client'), indexOf('id')]);
  if ((has('certificate') || has('cert')) && (has('id') || has('kid'))) return result('certificateId', matching((w) => w === 'certificate' || w === 'cert' || w === 'id' || w === 'kid'));
  if (list.length === 1 && list[0] === 'kid') return result('certificateId', [relevant[0]]);
  if (has('private') && has('key')) return result('privateKey', matching((w) => w === 'private' || w === 'key' || w === 'path' || w === 'file'));

  // TBA
  if (has('consumer')) {
    if (list.some((w) => CONSUMER_EXCLUDE.has(w)) || foreign) return undefined;
    if (has('secret')) return result('consumerSecret', matching((w) => w === 'consumer' || w === 'secret' || w === 'key'));
    if (has('key') || has('id')) return result('consumerKey', matching((w) => w === 'consumer' || w === 'key' || w === 'id'));
    return undefined;
  }
  if (has('token')) {
    const at = list.indexOf('token');
    // `id_token`: an OpenID token, not a token id.
    if (list.slice(0, at).includes('id')) return undefined;
    // OAuth 1.0a calls the token an access token: `access_token_secret` exists only there (OAuth 2.0 has no token secret),
    // and `access_token` is a token id only next to such a secret.
    if (has('access') && !foreign && !list.some((w) => w !== 'access' && w !== 'token' && w !== 'secret')) {
      return has('secret') ? result('tokenSecret', matching((w) => w === 'access' || w === 'token' || w === 'secret')) : result('token', matching((w) => w === 'access' || w === 'token'));
    }
    if (list.some((w) => TOKEN_EXCLUDE.has(w)) || foreign) return undefined;
    if (has('secret')) return result('tokenSecret', matching((w) => w === 'token' || w === 'secret' || w === 'key'));
    if (has('id') || has('key')) return result('tokenId', matching((w) => w === 'token' || w === 'id' || w === 'key'));
    if (list.length === 1) return result('token', [indexOf('token')]);
    return undefined;
  }
  if (has('tokenid') || has('tokenkey')) return result('tokenId', [relevant[list.findIndex((w) => w === 'tokenid' || w === 'tokenkey')]]);
  if (has('tokensecret')) return result('tokenSecret', [indexOf('tokensecret')]);
  if (has('consumerkey')) return result('consumerKey', [indexOf('consumerkey')]);
  if (has('consumersecret')) return result('consumerSecret', [indexOf('consumersecret')]);
  if (has('signature') && (has('method') || has('algorithm') || has('alg') || has('type'))) {
    return result('signatureMethod', matching((w) => ['signature', 'method', 'algorithm', 'alg', 'type'].includes(w)));
  }
  if (netsuiteNamed && has('hash') && has('type') && list.length === 2) return result('signatureMethod', matching((w) => w === 'hash' || w === 'type'));

  // Selectors: `type: tba`, `auth_type: token`, `authType: token-auto`.
  const normalizedKey = list.join('');
  if (SELECTOR_KEYS.has(normalizedKey) && value !== undefined) {
    const v = normalizeValue(value);
    if (TBA_SELECTOR_VALUES.has(v)) return result('tbaSelector', relevant);
    if (USER_SELECTOR_VALUES.has(v)) return result('userSelector', relevant);
    return undefined;
  }

  // User credentials
  // `user_password`, `login_email`: the login words belong to the role (the fix renames them away with it).
  const withLoginWords = (roleWords: number[]): number[] => {
    const out = [...roleWords].sort((a, b) => a - b);
    while (out.length > 0 && out[0] > 0 && (words[out[0] - 1].word === 'user' || words[out[0] - 1].word === 'login')) out.unshift(out[0] - 1);
    return out;
  };
  const nlauthSignature = words.some((w) => w.word === 'nlauth') && has('signature');
  const passwordWord = list.findIndex((w) => PASSWORD_WORDS.has(w) && (w !== 'pass' || list.length <= 2) && (w !== 'pw' || list.length <= 2));
  if (passwordWord >= 0 || nlauthSignature) {
    if (list.some((w) => PASSWORD_EXCLUDE.has(w) && !PASSWORD_WORDS.has(w)) || foreign) return undefined;
    if (list.filter((w) => PASSWORD_WORDS.has(w)).length > 1) return undefined;
    return result('password', withLoginWords(matching((w) => PASSWORD_WORDS.has(w) || w === 'file' || (nlauthSignature && w === 'signature'))));
  }
  if (has('role')) {
    if (list.some((w) => ['arn', 'assume', 'session', 'name', 'names', 'mapping', 'claim', 'policy', 'iam', 'binding', 'bindings', 'admin'].includes(w)) || foreign) return undefined;
    return result('role', matching((w) => w === 'role' || w === 'id' || w === 'internal'));
  }
  if (has('roleid')) return result('role', [indexOf('roleid')]);
  if (has('email') || has('username') || has('emailaddress') || (has('user') && list.length <= 2) || (list.length === 1 && list[0] === 'login')) {
    if (list.some((w) => EMAIL_EXCLUDE.has(w)) || foreign) return undefined;
    // `user_name` is a user name, `user_email` an email; `user_agent`/`user_id` were excluded above.
    return result('email', withLoginWords(matching((w) => ['email', 'username', 'emailaddress', 'user', 'name', 'address', 'login'].includes(w))));
  }
  if ((has('application') || has('app')) && has('id')) {
    if (foreign) return undefined;
    return result('applicationId', matching((w) => w === 'application' || w === 'app' || w === 'id'));
  }
  if (has('applicationid')) return result('applicationId', [indexOf('applicationid')]);
  if (has('account') || has('realm') || has('accountid') || (has('company') && has('id'))) {
    if (list.some((w) => ['type', 'name', 'service', 'sid', 'manager', 'balance', 'list', 'number2', 'url', 'uri', 'plan', 'status', 'owner'].includes(w)) || foreign) return undefined;
    return result('account', matching((w) => ['account', 'realm', 'accountid', 'id', 'company', 'number'].includes(w)));
  }
  return undefined;
}

/** A path segment (`database`, `spring.datasource`, `smtp`) naming another system, and not NetSuite. */
export function isForeignSegment(segment: string): boolean {
  let known = foreignCache.get(segment);
  if (known === undefined) {
    const words = splitKey(segment).map((w) => w.word);
    known = !words.some((w) => NETSUITE_WORDS.has(w)) && !/netsuite/i.test(segment) && words.some((w) => FOREIGN_WORDS.has(w));
    if (foreignCache.size > 20_000) foreignCache.clear();
    foreignCache.set(segment, known);
  }
  return known;
}

const foreignCache = new Map<string, boolean>();

/** Roles the fix removes from a user-credential set. */
export const USER_ROLES: readonly KeyRole[] = ['email', 'password', 'role', 'applicationId'];
/** Roles the fix removes from a TBA set. */
export const TBA_ROLES: readonly KeyRole[] = ['consumerKey', 'consumerSecret', 'tokenId', 'token', 'tokenSecret', 'signatureMethod'];
