import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { Node } from '../../js/ast';
import { jsSegments, type JsSegment } from '../soap-passport/soapText';
import type { JsFile } from '../../js/jsFile';
import { ID, finding, guideFixes, references, type SoapReference, type SoapVersion } from './references';

export { ID };

/**
 * Endpoints and WSDLs in strings and templates, one finding per URL where it
 * is written. A URL built from parts (`BASE + '/services/NetSuitePort_2019_1'`)
 * is one finding, on its most telling part (`NetSuitePort_…` or
 * `netsuite.wsdl` before the bare host). Namespace URNs count only when the
 * file names no endpoint, once, on the first.
 */
export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const segments = jsSegments(js).filter((s) => !s.descriptive);
  const rawBySegment = new Map<JsSegment, SoapReference[]>();
  for (const s of segments) rawBySegment.set(s, references(s));

  // Roots whose value names an endpoint or WSDL.
  const candidates: { root: Node; values: SoapReference[]; reached: readonly Node[] }[] = [];
  const seenRoots = new Set<Node>();
  for (const s of segments) {
    if (seenRoots.has(s.root)) continue;
    seenRoots.add(s.root);
    const { value, reached } = js.evaluator.evaluate(s.root);
    const values = references({ start: 0, end: value.length, text: value }).filter((r) => r.kind !== 'namespace');
    if (values.length > 0) candidates.push({ root: s.root, values, reached });
  }
  const reachedByOthers = new Set<Node>();
  for (const c of candidates) for (const r of c.reached) if (r !== c.root) reachedByOthers.add(r);
  const within = (node: Node, set: Set<Node>) => {
    for (let p: TSESTree.Node | undefined = node; p; p = p.parent) if (set.has(p)) return true;
    return false;
  };

  const out: Finding[] = [];
  const taken = new Set<number>();
  const add = (f: Finding) => {
    if (taken.has(f.range.start)) return;
    taken.add(f.range.start);
    out.push(f);
  };
  for (const c of candidates) {
    if (within(c.root, reachedByOthers)) continue;
    const inRoot = (s: JsSegment) => s.root === c.root;
    const inReached = (s: JsSegment) => c.reached.some((r) => r.range[0] <= s.start && s.end <= r.range[1]);
    let raw = segments.filter(inRoot).flatMap((s) => rawBySegment.get(s)!).filter((r) => r.kind !== 'namespace');
    if (raw.length === 0) raw = segments.filter(inReached).flatMap((s) => rawBySegment.get(s)!).filter((r) => r.kind !== 'namespace');
    const firstVersion = c.values.find((v) => v.version)?.version ?? siblingVersion(js, c.root);
    // A bare host names no version; `NetSuitePort_${this.version}` does, if only the file knew it.
    const inferred = c.values.some((v) => v.anchored) ? fileVersion(segments) : undefined;
    if (raw.length === 0) {
      add(finding({ start: c.root.range[0], end: c.root.range[1] }, c.values[0].kind, firstVersion ?? inferred));
      continue;
    }
    if (raw.length > c.values.length) {
      // Parts of one URL: keep the most telling part of each.
      const ranked = [...raw].sort((a, b) => Number(b.anchored) - Number(a.anchored) || Number(b.kind === 'endpoint') - Number(a.kind === 'endpoint'));
      raw = ranked.slice(0, c.values.length).sort((a, b) => a.range.start - b.range.start);
    }
    raw.forEach((r, i) => {
      const value = c.values[i] ?? c.values[0];
      const kind = r.anchored ? r.kind : value.kind;
      add(finding(r.range, kind, r.version ?? value.version ?? firstVersion ?? inferred));
    });
  }

  if (out.length === 0) {
    // Namespace URNs alone: once per file, on the first.
    for (const s of segments) {
      const urn = rawBySegment.get(s)!.find((r) => r.kind === 'namespace');
      if (!urn) continue;
      let version = urn.version;
      if (!version) {
        const value = js.evaluator.stringOf(s.root);
        version = references({ start: 0, end: value.length, text: value }).find((r) => r.kind === 'namespace' && r.version)?.version;
      }
      add(finding(urn.range, 'namespace', version ?? fileVersion(segments)));
      break;
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/**
 * The version of a settings object the URL sits in: `{ apiVersion: '2019_2', wsdlPath: './wsdl/netsuite.wsdl' }`
 * (node-suitetalk builds its endpoint from it).
 */
function siblingVersion(js: JsFile, root: Node): SoapVersion | undefined {
  let n: Node = root;
  while (n.parent && (n.parent.type === 'TSAsExpression' || n.parent.type === 'TSSatisfiesExpression' || n.parent.type === 'TSNonNullExpression')) n = n.parent;
  const property = n.parent;
  if (property?.type !== 'Property' || property.value !== n || property.parent?.type !== 'ObjectExpression') return undefined;
  for (const entry of js.evaluator.properties(property.parent) ?? []) {
    if (!/^(?:api|wsdl|ns|soap|netsuite|endpoint)?_?version$/i.test(entry.name)) continue;
    const m = /^v?(\d{4})[._](\d)\b/.exec(js.evaluator.constantString(entry.value) ?? '');
    if (m) return { year: Number(m[1]), release: Number(m[2]) };
  }
  return undefined;
}

/**
 * The one SOAP version a file spells as a constant (`const DEFAULT_VERSION = '2020_1'`), for
 * an endpoint whose version the evaluator cannot follow (`NetSuitePort_${this.version}`).
 * Several different versions: unknown.
 */
function fileVersion(segments: readonly JsSegment[]): SoapVersion | undefined {
  const found = new Set<string>();
  for (const s of segments) {
    const m = /^v?(\d{4})_(\d)(?:_0)?$/.exec(s.text.trim());
    if (m && Number(m[1]) >= 2008 && Number(m[1]) <= 2030) found.add(`${m[1]}.${m[2]}`);
  }
  if (found.size !== 1) return undefined;
  const [year, release] = [...found][0].split('.').map(Number);
  return { year, release };
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
