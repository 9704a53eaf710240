import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { Rule } from '../core/rule';
import { ruleDocsUrl, REPOSITORY_URL } from '../core/docs';
import type { FileReport } from './scan';

export interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixable: boolean;
}

/** Forward slashes, relative to the working directory: the same on every OS. */
export function relativePath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

export function toJsonFindings(reports: readonly FileReport[], cwd: string): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const start = r.lines.positionAt(f.range.start);
      const end = r.lines.positionAt(f.range.end);
      out.push({
        file: relativePath(r.path, cwd),
        rule: f.ruleId,
        severity: f.severity,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        message: f.message,
        fixable: r.fixable.has(f),
      });
    }
  }
  return out;
}

export function formatJson(reports: readonly FileReport[], cwd: string): string {
  return JSON.stringify({ version: 1, findings: toJsonFindings(reports, cwd) }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * A fingerprint that survives lines moving: the rule, the file and the text of
 * the finding's first line (whitespace-normalised), plus its occurrence number
 * among identical lines. It hashes the line, so no source text leaves the file.
 */
export function fingerprints(report: FileReport, cwd: string): string[] {
  const counts = new Map<string, number>();
  return report.findings.map((f) => {
    const start = report.lines.positionAt(f.range.start);
    const lineText = report.text.slice(report.lines.lineStart(start.line), report.lines.lineEnd(start.line)).replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\u0000${relativePath(report.path, cwd)}\u0000${lineText}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return crypto.createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}

export function formatSarif(reports: readonly FileReport[], cwd: string, rules: readonly Rule[], version: string): string {
  const results: object[] = [];
  for (const r of reports) {
    const prints = fingerprints(r, cwd);
    r.findings.forEach((f, i) => {
      const start = r.lines.positionAt(f.range.start);
      const end = r.lines.positionAt(f.range.end);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: rules.findIndex((x) => x.meta.id === f.ruleId),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativePath(r.path, cwd), uriBaseId: '%SRCROOT%' },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
        partialFingerprints: { 'suiteauth/v1': prints[i] },
      });
    });
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'SuiteAuth',
            version,
            semanticVersion: version,
            informationUri: REPOSITORY_URL,
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: `${rule.meta.description} ${rule.meta.rationale}` },
              helpUri: ruleDocsUrl(rule.meta.id),
              help: { text: `${rule.meta.rationale} See ${ruleDocsUrl(rule.meta.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.meta.defaultSeverity] },
              properties: { tags: ['security', 'netsuite', ...rule.meta.tags.filter((t) => t !== 'security')] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(cwd) } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function pathToUri(dir: string): string {
  const abs = path.resolve(dir).split(path.sep).join('/');
  return `file://${abs.startsWith('/') ? '' : '/'}${abs}/`;
}

export function formatText(reports: readonly FileReport[], cwd: string, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const SEV: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  let total = 0;
  let fixable = 0;
  const bySeverity: Record<string, number> = {};
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    lines.push(paint('4', relativePath(r.path, cwd)));
    for (const f of r.findings) {
      const p = r.lines.positionAt(f.range.start);
      const fixHint = r.fixable.has(f) ? paint('32', ' [fixable: run with --fix]') : '';
      lines.push(`  ${p.line + 1}:${p.character + 1}  ${paint(SEV[f.severity], f.severity.padEnd(7))}  ${f.message}  ${paint('90', f.ruleId)}${fixHint}`);
      total++;
      if (r.fixable.has(f)) fixable++;
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    }
    lines.push('');
  }
  const parts = ['error', 'warning', 'info', 'hint'].filter((s) => bySeverity[s]).map((s) => `${bySeverity[s]} ${s}${bySeverity[s] === 1 || s === 'info' ? '' : 's'}`);
  const files = reports.length;
  lines.push(total === 0 ? `No NetSuite authentication problems found in ${files} file${files === 1 ? '' : 's'}.` : `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'} scanned${fixable ? `; ${fixable} fixable with --fix` : ''}.`);
  return lines.join('\n') + '\n';
}
