import type { JsFile } from './jsFile';

/**
 * NetSuite context of a JS/TS file (spec: "NetSuite context"). OAuth rules
 * fire only when the file shows it, so a Twitter or GitHub OAuth client in
 * the same repository is not a finding. Only code counts: string values,
 * identifiers and module specifiers, never comments (JSDoc `@NApiVersion`
 * excepted: it is how SuiteScript declares itself).
 */

/** Hosts and paths that only NetSuite serves. */
export const NETSUITE_URL = /(?:^|[./\s"'`:])(?:[\w-]+\.)*(?:netsuite\.com|netsuite\.com\.?\w*)(?=$|[/:?#\s"'`])|\/app\/site\/hosting\/restlet\.nl|\/services\/rest\/|\/app\/login\/oauth2\/|\/app\/login\/secure\/|\/services\/NetSuitePort_/i;

/** Client libraries and connectors that exist only to talk to NetSuite. */
export const NETSUITE_LIBRARIES = [
  'netsuite-rest',
  'netsuite-api-client',
  'nsrestlet',
  'netsuite-restlet',
  'node-suitetalk',
  'suitetalk',
  'nsconfig',
  'netsuite',
  'netsuite-js',
  'netsuite-sdk',
  '@suitegeezus/netsuite-rest',
  'netsuite-tba-rest',
  '@oracle/suitecloud-cli',
  '@oracle/suitecloud-unit-testing',
];

/** Identifier or key names that say NetSuite: `netsuite…`, `ns_…`, `NETSUITE_…`, `NS_…`, `nsAccountId`. */
export function isNetSuiteName(name: string): boolean {
  return /netsuite|suitetalk|suitescript/i.test(name) || /^ns(?:_|[A-Z0-9])|^NS_|_ns_|_NS_/.test(name);
}

/** A NetSuite account id as used in `realm`: digits, optionally `_SB1`/`_RP2` (sandbox, release preview). */
export const ACCOUNT_ID = /^(?:\d{4,10}|TSTDRV\d+)(?:_(?:SB|RP)\d+)?$/i;

const cache = new WeakMap<JsFile, boolean>();

export function hasNetSuiteContext(js: JsFile): boolean {
  let known = cache.get(js);
  if (known === undefined) {
    known = compute(js);
    cache.set(js, known);
  }
  return known;
}

function compute(js: JsFile): boolean {
  if (js.isSuiteScript) return true;
  for (const spec of js.importedModules()) {
    const name = spec.toLowerCase();
    if (NETSUITE_LIBRARIES.some((lib) => name === lib || name.startsWith(`${lib}/`)) || /netsuite|suitetalk/.test(name)) return true;
  }
  for (const literal of js.index.of('Literal')) {
    if (typeof literal.value === 'string' && isNetSuiteString(literal.value)) return true;
  }
  for (const quasi of js.index.of('TemplateElement')) {
    if (isNetSuiteString(quasi.value.cooked ?? quasi.value.raw)) return true;
  }
  for (const id of js.index.of('Identifier')) {
    if (isNetSuiteName(id.name)) return true;
  }
  return false;
}

/** A string value that names NetSuite by itself. */
export function isNetSuiteString(value: string): boolean {
  return NETSUITE_URL.test(value) || /\bnlauth_|\brealm\s*=\s*"?(?:\d{4,10}|TSTDRV\d+)(?:_(?:SB|RP)\d+)?"?/i.test(value) || /^(?:NETSUITE|NS)_[A-Z0-9_]+$/.test(value);
}
