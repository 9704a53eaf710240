import { ACCOUNT_ID, NETSUITE_URL } from '../../js/netsuiteContext';
import { normalizeKey } from '../../config/keys';
import { isNetSuiteNamed } from './names';

/**
 * NetSuite context of one settings object (a JS object literal, a config
 * block): the shapes only NetSuite credentials have, for files that say
 * NetSuite nowhere else (`module.exports = { account, consumerKey, … }`).
 */
export interface Sibling {
  key: string;
  /** Constant string value, when there is one. */
  value?: string;
}

const SECRET_KEY = /pass(?:word|wd)?|pwd|secret|token|signature|private|credential/i;

function isAccountValue(value: string | undefined): boolean {
  if (value === undefined) return false;
  return ACCOUNT_ID.test(value.trim().replace(/-(sb|rp)(\d+)$/i, '_$1$2'));
}

/*
 * A Postman file with thousands of `{ key, value }` items gives every item the
 * same sibling list: the answers below are kept per list, so that asking for
 * each item stays linear.
 */
const keysOfList = new WeakMap<readonly Sibling[], ReadonlySet<string>>();
const netsuiteLists = new WeakMap<readonly Sibling[], boolean>();
const otherServiceLists = new WeakMap<readonly Sibling[], boolean>();

function memo(cache: WeakMap<readonly Sibling[], boolean>, siblings: readonly Sibling[], compute: (siblings: readonly Sibling[]) => boolean): boolean {
  let answer = cache.get(siblings);
  if (answer === undefined) cache.set(siblings, (answer = compute(siblings)));
  return answer;
}

/** The normalised keys of a sibling list. */
export function siblingKeys(siblings: readonly Sibling[]): ReadonlySet<string> {
  let keys = keysOfList.get(siblings);
  if (!keys) keysOfList.set(siblings, (keys = new Set(siblings.map((s) => normalizeKey(s.key)))));
  return keys;
}

/** The sibling keys and values of one object say NetSuite. */
export function siblingsSayNetSuite(siblings: readonly Sibling[]): boolean {
  return memo(netsuiteLists, siblings, computeSiblingsSayNetSuite);
}

function computeSiblingsSayNetSuite(siblings: readonly Sibling[]): boolean {
  const keys = siblingKeys(siblings);
  const has = (re: RegExp) => [...keys].some((k) => re.test(k));
  for (const s of siblings) {
    if (isNetSuiteNamed(s.key)) return true;
    const k = normalizeKey(s.key);
    if (k.endsWith('realm') && isAccountValue(s.value)) return true;
    if (/^(?:account|accountid|accountnumber|company|companyid)$/.test(k) && isAccountValue(s.value)) {
      if (/_(?:sb|rp)\d+$|^tstdrv/i.test(s.value!.trim())) return true;
      if (has(/^(?:role|roleid)$/) || has(/email/) || has(/tokenid|tokenkey|consumerkey/)) return true;
    }
    if (s.value !== undefined && !SECRET_KEY.test(k) && (NETSUITE_URL.test(s.value) || /\bnetsuite\b|suitetalk/i.test(s.value))) return true;
  }
  // A token *id* is NetSuite's word (Twitter and others say access token).
  if (has(/(?:^|[^s])tokenid$/) && has(/tokensecret$/)) return true;
  if (has(/consumerkey$/) && has(/consumersecret/) && has(/^(?:token|tokenkey|tokenid)$/) && has(/tokensecret/) && has(/^(?:account|accountid|realm)$/)) return true;
  // SOAP passport shape: email, password, account, role.
  if (has(/^email$/) && has(/password/) && has(/^(?:account|accountid)$/) && has(/^(?:role|roleid)$/)) return true;
  return false;
}

const OTHER_SERVICE_KEYS = /^(?:database|db|dbname|databasename|dialect|connectionstring|connectionlimit|connectionurl|jdbcurl|datasource|smtp|smtphost|mailhost|schema|keyspace|replicaset|authsource|bucket|vhost|queue)$/;
const OTHER_SERVICE_PORTS = new Set(['21', '22', '25', '110', '143', '389', '465', '587', '636', '993', '995', '1433', '1521', '3306', '5432', '5672', '6379', '9042', '11211', '27017']);

/**
 * The siblings describe another service's connection (a database, SMTP,
 * SFTP, LDAP, a queue): its `password` is not NetSuite's even in a NetSuite file.
 */
export function siblingsSayOtherService(siblings: readonly Sibling[]): boolean {
  return memo(otherServiceLists, siblings, computeSiblingsSayOtherService);
}

function computeSiblingsSayOtherService(siblings: readonly Sibling[]): boolean {
  for (const s of siblings) {
    const k = normalizeKey(s.key);
    if (OTHER_SERVICE_KEYS.test(k)) return true;
    if (k === 'port' && s.value !== undefined && OTHER_SERVICE_PORTS.has(s.value.trim())) return true;
    if (/^(?:host|hostname|server|servername)$/.test(k) && s.value !== undefined && s.value !== '' && !NETSUITE_URL.test(s.value) && !/netsuite/i.test(s.value)) return true;
    if (/^(?:url|uri|dsn)$/.test(k) && s.value !== undefined && /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|sftp|ftp|ftps|ldaps?|smtps?|jdbc:[a-z]+|mssql|sqlserver|oracle):/i.test(s.value.trim())) return true;
  }
  return false;
}

/** Node modules whose settings objects are not NetSuite's. */
export const OTHER_SERVICE_MODULES = /^(?:mysql2?(?:\/promise)?|pg|pg-pool|postgres|mssql|tedious|oracledb|mongodb|mongoose|redis|ioredis|nodemailer|knex|sequelize|typeorm|@prisma\/client|ssh2|ssh2-sftp-client|ftp|basic-ftp|ldapjs|amqplib|snowflake-sdk|mariadb|better-sqlite3|sqlite3|cassandra-driver|@elastic\/elasticsearch|imap|imap-simple|smtp-server)$/;
