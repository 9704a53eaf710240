import { keyWords, normalizeKey } from '../../config/keys';

/**
 * Key and variable names of `hardcoded-secret`: which names say "this holds a
 * NetSuite credential", and the environment variable a value moves to.
 * Shared by the JS/TS and the config side, so both read names the same way.
 */

export type SecretKind = 'password' | 'consumerSecret' | 'tokenSecret' | 'clientSecret' | 'privateKey' | 'secret';

export interface SecretName {
  kind: SecretKind;
  /** The key as the user wrote it, qualified by its parent for a bare `secret` (`consumer.secret`). */
  label: string;
  /** Words of the key (and of its parent, for a bare `secret`), lower case. */
  words: string[];
  /** The name itself says NetSuite (`NS_PASSWORD`, `netsuiteConsumerSecret`, `custentity_ns_password`). */
  netsuiteNamed: boolean;
}

/** First words that make a name describe an action or a property of a password, not the password. */
const NOT_A_VALUE_PREFIX = new Set([
  'has', 'is', 'use', 'uses', 'should', 'require', 'requires', 'required', 'reset', 'forgot', 'forgotten', 'change', 'validate',
  'hash', 'hashed', 'check', 'encrypt', 'encrypted', 'decrypt', 'show', 'hide', 'toggle', 'get', 'set', 'update', 'verify',
  'enable', 'enabled', 'disable', 'disabled', 'allow', 'min', 'max', 'no', 'without', 'generate', 'create', 'compare', 'match',
  'masked', 'salted', 'on', 'handle', 'submit', 'send', 'store', 'save', 'load', 'read', 'fetch', 'prompt', 'ask', 'input',
  'rotate', 'expire', 'expired', 'expires', 'last', 'can', 'needs', 'need', 'must', 'supports', 'include', 'includes',
]);

/** Words that put a credential on another service (a database, mail, file transfer, a keystore). */
const OTHER_SERVICE_WORDS = new Set([
  'db', 'database', 'datasource', 'mysql', 'postgres', 'postgresql', 'pg', 'mssql', 'sql', 'oracle', 'mongo', 'mongodb', 'redis',
  'smtp', 'mail', 'email', 'imap', 'pop3', 'sftp', 'ftp', 'ftps', 'ssh', 'ldap', 'rabbit', 'rabbitmq', 'amqp', 'kafka', 'jdbc',
  'keystore', 'truststore', 'proxy', 'elastic', 'elasticsearch', 'snowflake', 'salesforce', 'sfdc', 'shopify', 'stripe', 'github',
  'gitlab', 'docker', 'registry', 'npm', 'twitter', 'google', 'facebook', 'slack', 'aws', 'azure', 'gcp', 'session', 'cookie',
  'webhook', 'encryption', 'grafana', 'pgadmin', 'minio', 's3', 'hubspot', 'zendesk', 'jira', 'smtps', 'vpn', 'wifi',
]);

const PASS_OWNERS = new Set(['user', 'username', 'login', 'ns', 'netsuite', 'account', 'admin', 'api', 'auth', 'integration', 'service', 'app', 'client', 'my', 'default', 'role', 'restlet', 'soap', 'web', 'portal', 'sandbox', 'prod', 'production']);

/** The words of a name; `NetSuite` split by camel case is put back together. */
export function nameWords(name: string): string[] {
  const words = keyWords(name);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'net' && words[i + 1] === 'suite') {
      out.push('netsuite');
      i++;
    } else if (words[i] === 'suite' && (words[i + 1] === 'talk' || words[i + 1] === 'script')) {
      out.push(`suite${words[i + 1]}`);
      i++;
    } else out.push(words[i]);
  }
  return out;
}

/** A name that says NetSuite: `netsuite…`, `suitetalk`, `ns` as a leading word, NetSuite field ids (`custentity_…`). */
export function isNetSuiteNamed(name: string): boolean {
  const normalized = normalizeKey(name);
  if (/netsuite|suitetalk|suitescript/.test(normalized)) return true;
  const words = nameWords(name);
  for (let i = 0; i < words.length - 1; i++) if (words[i] === 'ns') return true;
  if (/^(?:nlauth|cust(?:entity|record|body|col|item|event|script|page|secret))/.test(normalized)) return true;
  return false;
}

/**
 * The secret a name stands for, or undefined. `parent` is the enclosing key
 * (`consumer` for `consumer: { key, secret }`), which decides what a bare
 * `secret` is. `siblings` are the other keys of the same object, normalised
 * (a TBA set written `{ ck, cs, tk, ts }`).
 */
export function classifyName(name: string, parent?: string, siblings?: ReadonlySet<string>): SecretName | undefined {
  // Cheap test first: most names in a file say nothing about secrets.
  if (!/pass|pw|secret|priv|signature|^(?:cs|ts)$/i.test(name)) return undefined;
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const n = normalizeKey(name);
  if (n.length === 0 || n.length > 80) return undefined;
  if (NOT_A_VALUE_PREFIX.has(words[0]) && words.length > 1) return undefined;
  if (!isNetSuiteNamed(name) && words.some((w) => OTHER_SERVICE_WORDS.has(w))) return undefined;
  if (parent !== undefined && !isNetSuiteNamed(name) && !isNetSuiteNamed(parent) && nameWords(parent).some((w) => OTHER_SERVICE_WORDS.has(w))) return undefined;
  const netsuiteNamed = isNetSuiteNamed(name) || (parent !== undefined && isNetSuiteNamed(parent));
  const last = words[words.length - 1];
  const make = (kind: SecretKind, extraWords: string[] = [], label = name): SecretName => ({ kind, label, words: [...extraWords, ...words], netsuiteNamed });

  if (n === 'nlauthsignature' || n.endsWith('password') || n.endsWith('passwd') || n.endsWith('pwd') || last === 'pw') return make('password');
  // `pass` is a password alone (`auth: { user, pass }`) or after a word that says whose (`userPass`, `NS_PASS`), not in `STATUS_PASS`.
  if (last === 'pass' && (words.length === 1 || PASS_OWNERS.has(words[words.length - 2]))) return make('password');
  if (/consumersecret(?:key)?$/.test(n)) return make('consumerSecret');
  if (/(?:tokensecret|accesssecret)(?:key)?$/.test(n)) return make('tokenSecret');
  if (/clientsecret(?:key)?$/.test(n)) return make('clientSecret');
  if (/(?:privatekey|privkey)(?:pem)?$/.test(n)) return make('privateKey');
  // nsoauth1-style sets: `{ ck, cs, tk, ts }`.
  if (siblings && (n === 'cs' || n === 'ts') && siblings.has('ck') && siblings.has('tk')) return make(n === 'cs' ? 'consumerSecret' : 'tokenSecret');
  if (n.endsWith('secret') || n.endsWith('secretkey')) {
    const parentWords = parent !== undefined ? nameWords(parent) : [];
    const qualified = parent !== undefined ? `${parent}.${name}` : name;
    if (words.length === 1 || (words.length === 2 && words[1] === 'key')) {
      if (parentWords.includes('consumer')) return make('consumerSecret', parentWords, qualified);
      if (parentWords.includes('token') || parentWords.includes('access')) return make('tokenSecret', parentWords, qualified);
      if (parentWords.includes('client')) return make('clientSecret', parentWords, qualified);
    }
    // `NS_SECRET`, `netsuiteSecret`: a NetSuite secret of some kind.
    if (isNetSuiteNamed(name)) return make('secret');
    // `{ key, secret }` passed to an OAuth signer.
    if (words.length === 1 && parentWords.length === 1 && parentWords[0] === 'oauth') return make('secret', [], name);
    if (parent !== undefined && isNetSuiteNamed(parent) && words.length === 1) return make('secret', parentWords, qualified);
    return undefined;
  }
  return undefined;
}

/** What the message calls each kind. */
export function describeKind(kind: SecretKind): string {
  switch (kind) {
    case 'password':
      return 'password';
    case 'consumerSecret':
      return 'consumer secret';
    case 'tokenSecret':
      return 'token secret';
    case 'clientSecret':
      return 'client secret';
    case 'privateKey':
      return 'private key';
    default:
      return 'secret';
  }
}

const CANONICAL_TAIL: Record<SecretKind, string[]> = {
  password: ['password'],
  consumerSecret: ['consumer', 'secret'],
  tokenSecret: ['token', 'secret'],
  clientSecret: ['client', 'secret'],
  privateKey: ['private', 'key'],
  secret: ['secret'],
};

/** Words that only say where the value sits, not what it is: dropped from environment names. */
const NOISE = new Set(['netsuite', 'ns', 'oauth', 'oauth1', 'oauth2', 'tba', 'auth', 'config', 'conf', 'cfg', 'settings', 'options', 'opts', 'credentials', 'creds', 'default', 'the', 'x', 'my', 'this', 'env', 'const', 'var', 'value', 'values']);

export type EnvPrefix = 'NETSUITE_' | 'NS_';

/**
 * The environment variable a secret moves to: `consumerSecret` →
 * `NETSUITE_CONSUMER_SECRET`. A name that already is one (`NS_TOKEN_SECRET`)
 * is kept; a name with its own NetSuite prefix keeps that prefix; otherwise
 * the file's convention (`prefix`) is used. Qualifiers stay
 * (`sandboxPassword` → `NETSUITE_SANDBOX_PASSWORD`).
 */
export function envNameFor(secret: SecretName, name: string, prefix: EnvPrefix, qualifiers: string[] = []): string {
  if (/^(?:NETSUITE|NS)_[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(name) && qualifiers.length === 0) return name;
  const words = secret.words;
  let ownPrefix: EnvPrefix | undefined;
  if (words.includes('netsuite')) ownPrefix = 'NETSUITE_';
  else if (words.includes('ns')) ownPrefix = 'NS_';
  const tail = CANONICAL_TAIL[secret.kind];
  // Everything before the words that name the kind is a qualifier (sandbox, prod, restlet, ...).
  const kept = words.filter((w) => !NOISE.has(w) && !/^\d+$/.test(w) && !/^cust(?:entity|record|body|col|item|event|script|page|secret)$/.test(w));
  const qualifierWords: string[] = [];
  for (const w of [...qualifiers.flatMap(nameWords), ...kept]) {
    if (tail.includes(w) || isKindWord(w, secret.kind)) continue;
    if (NOISE.has(w) || /^\d+$/.test(w)) continue;
    if (!qualifierWords.includes(w)) qualifierWords.push(w);
  }
  const body = [...qualifierWords, ...tail].join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '');
  return `${ownPrefix ?? prefix}${body}`;
}

function isKindWord(word: string, kind: SecretKind): boolean {
  switch (kind) {
    case 'password':
      return ['pass', 'pw', 'pwd', 'passwd', 'password', 'nlauth', 'signature'].includes(word) || word.endsWith('password');
    case 'consumerSecret':
      return ['consumer', 'secret', 'key', 'cs', 'consumersecret'].includes(word);
    case 'tokenSecret':
      return ['token', 'secret', 'key', 'access', 'ts', 'tokensecret'].includes(word);
    case 'clientSecret':
      return ['client', 'secret', 'key', 'clientsecret'].includes(word);
    case 'privateKey':
      return ['private', 'key', 'priv', 'pem', 'privatekey'].includes(word);
    default:
      return ['secret', 'key'].includes(word);
  }
}

/** `NETSUITE_CONSUMER_SECRET` → `consumer_secret` (script parameter and API secret ids). */
export function suiteScriptIdPart(envName: string): string {
  const stripped = envName.replace(/^(?:NETSUITE|NS)_/, '') || envName;
  return stripped.toLowerCase().slice(0, 28);
}

/**
 * One environment name per value: names that two different values would
 * share get the keys around them (`qualify(i, round)`), and, when those do
 * not tell them apart, a number (`NETSUITE_PASSWORD_2`), in source order.
 * A name the file already uses (`taken`) counts as another value's, so a
 * second `--fix` pass never reuses a name an earlier pass gave out.
 * `fixed[i]` names (an environment variable's own key) never change.
 */
export function distinctNames(
  names: string[],
  values: readonly string[],
  qualify: (i: number, round: number) => string | undefined,
  fixed: readonly boolean[] = [],
  taken: (name: string) => boolean = () => false,
): string[] {
  const out = [...names];
  const collides = (i: number, byName: Map<string, Set<string>>) => !fixed[i] && ((byName.get(out[i])?.size ?? 0) > 1 || taken(out[i]));
  for (let round = 1; round <= 3; round++) {
    const byName = new Map<string, Set<string>>();
    out.forEach((n, i) => byName.set(n, (byName.get(n) ?? new Set()).add(values[i])));
    let changed = false;
    out.forEach((n, i) => {
      if (!collides(i, byName)) return;
      const next = qualify(i, round);
      if (next !== undefined && next !== n) {
        out[i] = next;
        changed = true;
      }
    });
    if (!changed) break;
  }
  // The same value keeps the first name it got.
  const byValue = new Map<string, string>();
  out.forEach((n, i) => {
    if (fixed[i]) return;
    const first = byValue.get(values[i]);
    if (first === undefined) byValue.set(values[i], n);
    else out[i] = first;
  });
  // Numbers for what is left, in source order.
  const owner = new Map<string, string>();
  out.forEach((n, i) => {
    if (fixed[i]) {
      owner.set(n, values[i]);
      return;
    }
    let name = n;
    for (let k = 2; k < 100; k++) {
      const holder = owner.get(name);
      if (holder === values[i] || (holder === undefined && !taken(name))) break;
      name = `${n}_${k}`;
    }
    owner.set(name, values[i]);
    out[i] = name;
  });
  return out;
}
