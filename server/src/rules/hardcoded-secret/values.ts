import { isPlaceholder, isReference } from '../../config/netsuiteContext';
import { keyWords } from '../../config/keys';
import { classifyName, type SecretKind } from './names';

/**
 * Whether a literal is a live credential value rather than a placeholder,
 * a reference or a name. Placeholders are never findings: `<…>`, `${…}`,
 * `{{…}}`, `xxx`, `***`, `changeme`, `your-…`, `example`, `TODO`, empty,
 * environment and secret-store references, NetSuite `custsecret_…` ids.
 */

const PEM_PRIVATE = /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/;
const PEM_ANY = /-----BEGIN [A-Z0-9 ]+-----/;

/** A PEM private key with a body (not `-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----`). */
export function isPemPrivateKey(value: string): boolean {
  const m = PEM_PRIVATE.exec(value);
  if (!m) return false;
  const rest = value.slice(m.index + m[0].length);
  const end = rest.search(/-----END /);
  const body = (end >= 0 ? rest.slice(0, end) : rest).replace(/\\n|\\r/g, '\n');
  if (/[<>{}]|\$\{|your|paste|insert|replace|placeholder/i.test(body) && !/[A-Za-z0-9+/]{40,}/.test(body)) return false;
  const runs = body.match(/[A-Za-z0-9+/=]{16,}/g) ?? [];
  return runs.some((run) => !/^(.)\1+$/.test(run) && !/^x+$/i.test(run) && new Set(run).size > 6);
}

/** Any PEM block (certificates and public keys are not secrets). */
export function isPem(value: string): boolean {
  return PEM_ANY.test(value);
}

/** Words in a value that make it an example or an instruction, whatever else it holds. */
const PLACEHOLDER_WORDS = new Set([
  'example', 'examples', 'sample', 'placeholder', 'dummy', 'fake', 'mock', 'changeme', 'redacted', 'todo', 'tbd', 'fixme',
  'your', 'yours', 'replace', 'insert', 'paste', 'enter', 'goes', 'here', 'tbc', 'xxx', 'xxxx', 'notreal', 'notasecret',
]);

/** Words that, when a value is made only of them, make it filler (`test-secret`, `client_secret_value`). */
const FILLER_WORDS = new Set([
  'test', 'testing', 'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'key', 'keys', 'token', 'tokens', 'consumer',
  'client', 'private', 'value', 'demo', 'foo', 'bar', 'baz', 'qux', 'string', 'some', 'a', 'the', 'ns', 'netsuite', 'id', 'api',
  'access',
]);

const TRANSLATIONS = new Set([
  'passwort', 'kennwort', 'contraseña', 'contrasena', 'clave', 'mot de passe', 'senha', 'palavra-passe', 'wachtwoord', 'parola', 'parola d\'ordine',
  'lösenord', 'losenord', 'adgangskode', 'passord', 'salasana', 'hasło', 'haslo', 'heslo', 'jelszó', 'jelszo', 'geslo', 'lozinka', 'parolă',
  'пароль', 'парола', 'κωδικός', 'şifre', 'sifre', 'סיסמה', 'كلمة المرور', '密码', '密碼', 'パスワード', '비밀번호', 'mật khẩu', 'รหัสผ่าน', 'kata sandi',
  'kata laluan', 'secreto', 'geheimnis', 'segreto', 'secret client', 'clé privée', 'privater schlüssel',
]);

const NETSUITE_ID = /^\{?\s*cust(?:secret|script|page|entity|record|body|col|item|event)_\w*\s*\}?$/i;

/**
 * Whether `value`, held by a name of `kind`, is a live credential.
 * Unknown kinds (a PEM under any name) only count as PEM private keys.
 */
export function isLiveSecret(value: string, kind: SecretKind | undefined): boolean {
  if (isPem(value)) return isPemPrivateKey(value);
  if (kind === undefined) return false;
  const v = value.trim();
  if (v.length < 4 || v.length > 8192) return false;
  if (isPlaceholderValue(v)) return false;
  if (kind === 'privateKey') {
    // Without a PEM header, only a long key-like blob is a key (a path or file name is not).
    const blob = v.replace(/\\[nr]|\s/g, '');
    return /^[A-Za-z0-9+/=_-]{40,}$/.test(blob) && new Set(blob).size > 10;
  }
  return true;
}

/** Placeholders, references, names, paths, URLs and prose: anything that is not a credential value. */
export function isPlaceholderValue(raw: string): boolean {
  const v = raw.trim();
  if (v === '') return true;
  if (isPlaceholder(v) || isReference(v)) return true;
  // References and template syntax anywhere in the value.
  if (/\$\{|\{\{|\}\}|%env\(|\$\(|\(\([^)]*\)\)|#\{|^ENC\(.*\)$|^\{cipher\}|^vault:|^arn:aws:|^projects\/[^/]+\/secrets\//i.test(v)) return true;
  // Encrypted values: Ansible vault, SOPS, Mule secure properties, HashiCorp transit.
  if (/^\$ANSIBLE_VAULT;|^ENC\[[A-Z0-9_]+,|^!\[.*\]$|^vault:v\d+:/.test(v)) return true;
  if (/<[^<>]+>/.test(v) || /^\[[^\]]*\]$/.test(v)) return true;
  if (/^%[A-Za-z_][\w.]*%$/.test(v)) return true;
  if (NETSUITE_ID.test(v)) return true;
  // Masks and elisions.
  if (/\.\.\.|…|x{4,}|X{4,}|\*{3,}|•{2,}|_{4,}|#{4,}|\?{3,}/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^(?:true|false|null|none|nil|undefined|n\/a|na|empty|blank|unset|required|optional|string|secure|hidden|masked)$/i.test(v)) return true;
  // The word "password" in other languages: a translation file's value, not a password.
  if (TRANSLATIONS.has(v.toLowerCase().replace(/[:：]$/, ''))) return true;
  // An environment variable name (`NS_PASSWORD`) or a key name (`consumerSecret`, `netsuite.password`).
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  if (/^[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*$/.test(v) && keyWords(v).length >= 2 && !/\d/.test(v) && classifyName(v)) return true;
  // URLs, paths and file names.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true;
  if (/^(?:\.{1,2}[\\/]|~[\\/]|\/[\w.-]+\/|[A-Za-z]:\\)/.test(v) && !/\s/.test(v)) return true;
  if (/^[\w.-]+\.(?:pem|key|p8|p12|pfx|crt|cer|der|json|txt|ya?ml|env|properties)$/i.test(v)) return true;
  // Prose: labels and messages (`Password is required`, `Password:`).
  if (/:$/.test(v) && /^[A-Za-z][A-Za-z ]*:$/.test(v)) return true;
  if ((v.match(/\s+/g) ?? []).length >= 2 && /^[A-Za-z][A-Za-z ,.'’!?()-]*$/.test(v)) return true;
  // Two or more words of letters only, capitalised or not in ASCII: a label or a translation (`Passwort bestätigen`).
  if (/^\p{L}{2,}(?:[ \t]+\p{L}{2,})+[.!?:]?$/u.test(v) && (/^\p{Lu}\p{Ll}/u.test(v) || /[^\x00-\x7F]/.test(v))) return true;
  const words = keyWords(v.replace(/[^A-Za-z0-9]+/g, ' '));
  // A phrase about a password (`invalid password`, `required|min:8`), a status (`passed`).
  if (/\s/.test(v) && words.some((w) => /^(?:password|passwd|secret|token|key|required)$/.test(w))) return true;
  if (/^(?:required|nullable|sometimes)(?:[|:,]|$)/i.test(v)) return true;
  if (/^(?:pass|passed|fail|failed|ok|success|error|pending|skip|skipped|valid|invalid)$/i.test(v)) return true;
  if (words.some((w) => PLACEHOLDER_WORDS.has(w))) return true;
  if (words.length > 0 && words.every((w) => FILLER_WORDS.has(w))) return true;
  if (/^(?:your|my|the|enter|insert|put|add|replace|set)(?=[A-Z_\-\s])/.test(v)) return true;
  return false;
}
