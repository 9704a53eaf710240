import { ruleDocsUrl } from '../../core/docs';
import { RELEASE } from '../../core/releases';
import type { Finding, Fix, Severity } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { HOLE } from '../../js/evaluate';
import type { Segment } from '../soap-passport/soapText';

export const ID = 'soap-web-services';

export interface SoapVersion {
  year: number;
  release: number;
}

/** A SOAP web services endpoint URL, WSDL reference or namespace URN found in a text. */
export interface SoapReference {
  kind: 'endpoint' | 'wsdl' | 'namespace';
  version?: SoapVersion;
  /** Offsets in the file (or in the scanned string, for evaluated values). */
  range: OffsetRange;
  /** For endpoint/WSDL: whether the reference has a strong anchor (`NetSuitePort_…`, `netsuite.wsdl`) rather than a host. */
  anchored: boolean;
}

/** Runs of URL characters: a URL, a host, a URN (`${…}` parts are holes, which count as URL characters). */
const TOKEN = /[^\s"'`<>()[\]\\,;]+/g;
/** The SOAP host: `webservices.netsuite.com`, `webservices.sandbox.netsuite.com`, `webservices.na1.netsuite.com` — not inside a URN (`….platform.webservices.netsuite.com`). */
const HOST = /(?:^|[/@])webservices(?:\.[a-z0-9-]+)*\.netsuite\.com(?![\w-])/i;
const PORT = /NetSuitePort_(?:(\d{4})_(\d))?/i;
const WSDL_FILE = /netsuite\.wsdl\b/i;
const WSDL_PATH = /\/wsdl\b|[?&]wsdl\b|\.wsdl\b/i;
const NAMESPACE = new RegExp(`^urn:[a-z]+_(?:(\\d{4})_(\\d)|[${HOLE}$][^.]*)(?:\\.[a-z]+)?\\.webservices\\.netsuite\\.com`, 'i');
const ANY_VERSION = /(?:^|[^\d])v?(\d{4})_(\d)(?!\d)/;

/** A value that points at SOAP web services: the SOAP host, a `NetSuitePort_…` endpoint or a WSDL. */
export function namesSoapEndpoint(value: string): boolean {
  return HOST.test(value) || PORT.test(value) || WSDL_FILE.test(value) || WSDL_PATH.test(value);
}

/** Every endpoint, WSDL and namespace reference in a segment, in order. */
export function references(segment: Segment): SoapReference[] {
  const out: SoapReference[] = [];
  for (const m of segment.text.matchAll(TOKEN)) {
    let token = m[0];
    let at = m.index;
    // `url=https://…`, `location:https://…`: the reference starts at the scheme.
    const scheme = /[a-z][\w+.-]*:\/\//i.exec(token);
    if (scheme && scheme.index > 0) {
      at += scheme.index;
      token = token.slice(scheme.index);
    }
    const trailing = /[.:=&?#]+$/.exec(token);
    if (trailing) token = token.slice(0, trailing.index);
    if (token.length === 0) continue;
    const range = { start: segment.start + at, end: segment.start + at + token.length };
    const reference = classify(token, range);
    if (reference) out.push(reference);
  }
  return out;
}

function classify(token: string, range: OffsetRange): SoapReference | undefined {
  const port = PORT.exec(token);
  if (port) {
    const version = port[1] ? { year: Number(port[1]), release: Number(port[2]) } : undefined;
    return { kind: 'endpoint', version, range, anchored: true };
  }
  const host = HOST.test(token);
  if (WSDL_FILE.test(token) || (host && WSDL_PATH.test(token))) {
    return { kind: 'wsdl', version: versionIn(token), range, anchored: WSDL_FILE.test(token) };
  }
  // Schema imports (`…/xsd/platform/v2019_1_0/core.xsd`) are neither endpoints nor WSDLs.
  if (host && !/\.xsd\b|\/rest\//i.test(token)) return { kind: 'endpoint', version: versionIn(token), range, anchored: false };
  const urn = NAMESPACE.exec(token);
  if (urn) {
    const version = urn[1] ? { year: Number(urn[1]), release: Number(urn[2]) } : undefined;
    return { kind: 'namespace', version, range: { start: range.start, end: range.start + urn[0].length }, anchored: false };
  }
  return undefined;
}

function versionIn(token: string): SoapVersion | undefined {
  const m = ANY_VERSION.exec(token);
  return m ? { year: Number(m[1]), release: Number(m[2]) } : undefined;
}

export function isOlderThanLast(version: SoapVersion | undefined): boolean {
  if (!version) return false;
  const [year, release] = RELEASE.lastSoapEndpoint.split('.').map(Number);
  return version.year < year || (version.year === year && version.release < release);
}

const WHAT: Record<SoapReference['kind'], string> = {
  endpoint: 'SOAP web services endpoint',
  wsdl: 'SOAP web services WSDL',
  namespace: 'SOAP web services namespace',
};

export function message(kind: SoapReference['kind'], version: SoapVersion | undefined): string {
  const v = version ? ` (version ${version.year}.${version.release})` : '';
  const rest = `Move to REST web services with OAuth 2.0 (OAuth 2.0 is not available for SOAP).`;
  if (isOlderThanLast(version)) {
    return `${WHAT[kind]}${v}: as of ${RELEASE.noNewTba} only the ${RELEASE.lastSoapEndpoint} endpoint is supported and no new SOAP integrations may be created; SOAP web services are removed in ${RELEASE.soapRemoved}. ${rest}`;
  }
  return `${WHAT[kind]}${v}: ${RELEASE.lastSoapEndpoint} is the last SOAP endpoint; no new SOAP integrations may be created as of ${RELEASE.noNewTba}, and SOAP web services are removed in ${RELEASE.soapRemoved}. ${rest}`;
}

export function hover(version: SoapVersion | undefined): string {
  return [
    `**SOAP web services** (\`${ID}\`)`,
    '',
    `- ${RELEASE.lastSoapEndpoint} is the last SOAP endpoint NetSuite releases.`,
    `- As of ${RELEASE.noNewTba} only the ${RELEASE.lastSoapEndpoint} endpoint is supported, and no new SOAP integrations may be created.` +
      (isOlderThanLast(version) ? ` This one (${version!.year}.${version!.release}) is older: it is unsupported then.` : ''),
    `- SOAP web services are removed in ${RELEASE.soapRemoved}: existing SOAP integrations stop working.`,
    '',
    `**Fix:** move the integration to REST web services (\`/services/rest/record/v1/…\`, SuiteQL at \`/services/rest/query/v1/suiteql\`) or RESTlets, with OAuth 2.0. Until then, upgrading to the ${RELEASE.lastSoapEndpoint} endpoint keeps it supported to ${RELEASE.soapRemoved}, but that changes the WSDL types and is not automatic.`,
    '',
    `[Rule documentation](${ruleDocsUrl(ID)})`,
  ].join('\n');
}

export function finding(range: OffsetRange, kind: SoapReference['kind'], version: SoapVersion | undefined): Finding {
  const severity: Severity | undefined = isOlderThanLast(version) ? 'warning' : undefined;
  const out: Finding = { ruleId: ID, range, message: message(kind, version), hover: hover(version) };
  if (severity) out.severity = severity;
  return out;
}

/**
 * No automatic migration exists. Bumping the version in the URL to 2025_2 is
 * not offered: the endpoint version selects the WSDL, the record types and
 * the namespaces the code sends, so the edit alone breaks requests.
 */
export function guideFixes(): Fix[] {
  return [{ title: 'Open the migration guide: SOAP → REST web services + OAuth 2.0', edits: [], preferred: false, openUrl: ruleDocsUrl(ID) }];
}
