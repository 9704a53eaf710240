import type { Rule, Severity } from '../core/rule';
import { ruleDocsUrl, REPOSITORY_URL } from '../core/docs';
import { countBySeverity, type Row, type RunReport } from './results';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

// ---------------------------------------------------------------- JSON

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

/** The issue-2 contract: `{ version: 1, findings: [...] }`, files relative to the working directory. */
export function formatJson(report: RunReport): string {
  const findings: JsonFinding[] = report.rows.map((r) => ({
    file: r.cwdPath,
    rule: r.ruleId,
    severity: r.severity,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    message: r.message,
    fixable: r.fixable,
  }));
  return JSON.stringify({ version: 1, findings }, null, 2) + '\n';
}

// ---------------------------------------------------------------- SARIF

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub code scanning's `security-severity` (high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9) from the rule's default severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0', hint: '1.0' };

/** A URI reference for a `/`-separated path: each segment percent-encoded. */
export function uriOfPath(p: string): string {
  return p
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%(21|24|26|27|28|29|2A|2B|2C|3B|3D|40)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))))
    .join('/');
}

function fileUri(absolutePosix: string): string {
  const p = absolutePosix.startsWith('/') ? absolutePosix : `/${absolutePosix}`;
  // A Windows drive letter keeps its colon: file:///C:/repo/
  return `file://${uriOfPath(p).replace(/^\/([A-Za-z])%3A/, '/$1:')}`;
}

export function sarifRule(rule: Rule): object {
  const { meta } = rule;
  const tags = ['security', 'netsuite', ...meta.tags.filter((t) => t !== 'security')];
  return {
    id: meta.id,
    name: meta.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} ${meta.rationale}` },
    helpUri: ruleDocsUrl(meta.id),
    help: {
      text: `${meta.rationale} See ${ruleDocsUrl(meta.id)}`,
      markdown: `${meta.rationale}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[meta.defaultSeverity] },
    properties: { tags, 'security-severity': SECURITY_SEVERITY[meta.defaultSeverity] },
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: every rule in
 * `tool.driver.rules`, results with paths relative to the repository root
 * under `%SRCROOT%`, regions (1-based, end column exclusive, UTF-16 columns)
 * and `partialFingerprints` that do not depend on line numbers.
 */
export function formatSarif(report: RunReport, options: { rules: readonly Rule[]; version: string; repoRoot: string }): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const results = report.rows.map((r) => {
    const index = ruleIndex.get(r.ruleId);
    return {
      ruleId: r.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: SARIF_LEVEL[r.severity],
      message: { text: r.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: r.inRepo ? { uri: uriOfPath(r.repoPath), uriBaseId: '%SRCROOT%' } : { uri: fileUri(r.repoPath) },
            region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
          },
        },
      ],
      // Code scanning matches alerts across runs by `primaryLocationLineHash` only (and upload-sarif
      // computes a line-window hash when it is missing); ours does not depend on line numbers.
      partialFingerprints: { primaryLocationLineHash: r.fingerprint, 'suiteauth/v1': r.fingerprint },
      properties: { fixable: r.fixable },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'SuiteAuth',
            version: options.version,
            semanticVersion: options.version,
            informationUri: REPOSITORY_URL,
            rules: options.rules.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.internalError,
            toolExecutionNotifications: report.notes.map((n) => ({ level: n.level, message: { text: n.message } })),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(options.repoRoot.replace(/\\/g, '/').replace(/\/?$/, '/')) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

// ---------------------------------------------------------------- GitHub workflow commands

/** Escaping of @actions/core for a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of @actions/core for a command's property values (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` lines
 * that GitHub Actions turns into annotations on the pull request. Paths are
 * relative to the repository root (the workspace GitHub resolves them against).
 */
export function formatGithub(report: RunReport): string {
  const lines = report.rows.map((r) => {
    const props = [
      `file=${escapeProperty(r.repoPath)}`,
      `line=${r.line}`,
      `col=${r.column}`,
      `endLine=${r.endLine}`,
      `endColumn=${r.endColumn}`,
      `title=${escapeProperty(`SuiteAuth ${r.ruleId}`)}`,
    ].join(',');
    const hint = r.fixable ? 'Fixable: run `suiteauth scan --fix`. ' : '';
    return `::${GITHUB_COMMAND[r.severity]} ${props}::${escapeData(`${r.message}\n${hint}Rule documentation: ${ruleDocsUrl(r.ruleId)}`)}`;
  });
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- text

export interface TextOptions {
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** `3 problems (2 errors, 1 warning) in 2 files; 5 files scanned.` */
export function summaryLine(report: RunReport): string {
  const { rows, filesScanned } = report;
  const scanned = `${plural(filesScanned, 'file')} scanned`;
  if (rows.length === 0) return `No problems found; ${scanned}.`;
  const counts = countBySeverity(rows);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  const files = new Set(rows.map((r) => r.file)).size;
  return `${plural(rows.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${scanned}.`;
}

/** For people: grouped by file, colour only when asked (a TTY), rule ids, fix hints and a summary. */
export function formatText(report: RunReport, options: TextOptions): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const byFile = new Map<string, Row[]>();
  for (const r of report.rows) {
    const list = byFile.get(r.cwdPath);
    if (list) list.push(r);
    else byFile.set(r.cwdPath, [r]);
  }
  for (const [file, rows] of byFile) {
    out.push(paint('1', file));
    const posWidth = Math.max(...rows.map((r) => `${r.line}:${r.column}`.length));
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    for (const r of rows) {
      const pos = `${r.line}:${r.column}`.padEnd(posWidth);
      const sev = paint(SEVERITY_COLOR[r.severity], r.severity.padEnd(sevWidth));
      const fix = r.fixable ? `  ${paint('32', 'fixable')}` : '';
      out.push(`  ${pos}  ${sev}  ${r.message}  ${paint('90', r.ruleId)}${fix}`);
    }
    out.push('');
  }
  if (report.fixed && (report.fixed.problems > 0 || report.fixed.created.length > 0 || report.fixed.appended.length > 0)) {
    out.push(`Fixed ${plural(report.fixed.problems, 'problem')} in ${plural(report.fixed.files, 'file')}.`);
    for (const c of report.fixed.created) out.push(`  created ${c}`);
    for (const a of report.fixed.appended) out.push(`  appended to ${a}`);
  }
  const counts = countBySeverity(report.rows);
  const summary = summaryLine(report);
  out.push(paint(counts.error > 0 ? '1;31' : counts.warning > 0 ? '1;33' : report.rows.length > 0 ? '1' : '32', summary));
  const fixable = report.rows.filter((r) => r.fixable).length;
  if (fixable > 0) out.push(`${fixable === report.rows.length ? (fixable === 1 ? 'It' : 'All of them') : `${fixable} of them`} can be fixed with ${paint('1', 'suiteauth scan --fix')}.`);
  if (report.baselined > 0) out.push(`${plural(report.baselined, 'finding')} in the baseline ${report.baselined === 1 ? 'is' : 'are'} not shown.`);
  if (report.quietHidden > 0) out.push(`${plural(report.quietHidden, 'finding')} below error ${report.quietHidden === 1 ? 'is' : 'are'} not shown (--quiet).`);
  const ruleIds = [...new Set(report.rows.map((r) => r.ruleId))].sort();
  for (const id of ruleIds) out.push(`${paint('90', `${id}:`)} ${ruleDocsUrl(id)}`);
  return out.join('\n') + '\n';
}
