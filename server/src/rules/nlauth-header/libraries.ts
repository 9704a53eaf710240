import type { Node } from '../../js/ast';
import { unwrap } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';

/**
 * RESTlet client libraries that send an NLAuth header for the caller when
 * they are given a NetSuite email (or user name) and password. The finding
 * goes on the settings object that holds the credentials: that is what a
 * developer edits to move to OAuth 2.0.
 */
interface NlauthLibrary {
  module: string;
  /** Member path of the call (`createLink`), or [] for the module itself (`new NetSuiteRestlet(…)`). */
  path: string[];
  /** Index of the settings argument. */
  argument: number;
  /** Keys that make the settings user credentials (any one of each group). */
  login: string[];
  password: string[];
  label: string;
}

const LIBRARIES: readonly NlauthLibrary[] = [
  { module: 'nsrestlet', path: ['createLink'], argument: 0, login: ['email'], password: ['password'], label: 'nsrestlet' },
  { module: 'netsuite-restlet', path: [], argument: 0, login: ['username', 'email'], password: ['password'], label: 'netsuite-restlet' },
];

export interface LibraryCredentials {
  /** The object literal with the credentials. */
  settings: Node;
  library: string;
  role?: string;
}

export function libraryCredentials(js: JsFile): LibraryCredentials[] {
  const out: LibraryCredentials[] = [];
  const seen = new Set<Node>();
  for (const rc of js.calls()) {
    const lib = LIBRARIES.find((l) => l.module === rc.module && l.path.join('.') === rc.path.join('.'));
    if (!lib) continue;
    const arg = rc.call.arguments[lib.argument];
    if (!arg) continue;
    const settings = unwrap(js.evaluator.resolve(arg));
    if (settings.type !== 'ObjectExpression' || seen.has(settings)) continue;
    const has = (names: string[]) => names.some((n) => js.evaluator.property(settings, n) !== undefined);
    if (!has(lib.login) || !has(lib.password)) continue;
    // Token settings in the same object win: the library then signs with TBA, another rule's finding.
    if (js.evaluator.property(settings, 'tokenSecret') || js.evaluator.property(settings, 'consumerSecret')) continue;
    seen.add(settings);
    const roleValue = js.evaluator.property(settings, 'role')?.value;
    const role = roleValue ? js.evaluator.constantString(roleValue) : undefined;
    out.push({ settings, library: lib.label, role: role !== undefined && /^\d+$/.test(role) ? role : undefined });
  }
  return out;
}
