import type { Finding, Fix, RuleContext } from '../../core/rule';
import { configSegments } from '../soap-passport/soapText';
import { finding, guideFixes, references } from './references';

/**
 * Endpoint URLs and WSDL references in config values of every kind (JSON,
 * Postman, YAML, dotenv, .properties) and anywhere in XML text (attribute
 * values such as `<soap:address location="…">`, element text, CDATA). One
 * finding per reference; namespace URNs count only when the file names no
 * endpoint, once, on the first.
 */
export function checkConfig(context: RuleContext): Finding[] {
  const { text, kind } = context.document;
  const out: Finding[] = [];
  let namespace: Finding | undefined;
  for (const segment of configSegments(text, () => context.config(), kind)) {
    // Postman splits its URL into `host` and `path` arrays next to `raw`: the raw URL is the reference.
    if (segment.path && isPostmanUrlPart(segment.path)) continue;
    for (const r of references(segment)) {
      if (r.kind === 'namespace') namespace ??= finding(r.range, 'namespace', r.version);
      else out.push(finding(r.range, r.kind, r.version));
    }
  }
  if (out.length === 0 && namespace) out.push(namespace);
  return out.sort((a, b) => a.range.start - b.range.start);
}

function isPostmanUrlPart(path: string[]): boolean {
  for (let i = 0; i + 1 < path.length; i++) if (path[i] === 'url' && (path[i + 1] === 'path' || path[i + 1] === 'host')) return true;
  return false;
}

export function configFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
