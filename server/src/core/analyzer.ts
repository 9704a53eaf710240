import type * as ts from 'typescript';
import { isJsLike, type SourceDocument } from './document';
import type { Finding, Fix, Rule, RuleContext, Severity } from './rule';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { findSuppressions } from './suppressions';
import { LineIndex, looksBinary } from './text';
import { JsFile } from '../js/jsFile';
import { parseJs } from '../js/parse';
import { parseConfig } from '../config/parse';
import type { ConfigDocument } from '../config/model';

export interface ReportedFinding extends Finding {
  severity: Severity;
  rule: Rule;
}

export interface AnalysisResult {
  findings: ReportedFinding[];
  /** The document did not parse cleanly; findings come from the recovered tree. */
  syntaxErrors: readonly { start: number; message: string }[];
  /** Why the document was not analysed, when it was not (too large, binary). */
  skipped?: string;
}

/**
 * One document version as the rules see it. Parsing happens at most once, on
 * the first rule that asks, so files without any rule's marker are never parsed.
 */
export class FileContext implements RuleContext {
  readonly lines: LineIndex;
  private jsFile: JsFile | undefined;
  private configDoc: ConfigDocument | undefined;

  constructor(
    readonly document: SourceDocument,
    private readonly previousSourceFile?: ts.SourceFile,
  ) {
    this.lines = new LineIndex(document.text);
  }

  js(): JsFile {
    if (!this.jsFile) {
      const fileName = fileNameOf(this.document.uri);
      this.jsFile = new JsFile(this.document.text, parseJs(fileName, this.document.text, this.document.kind === 'ts', this.previousSourceFile));
    }
    return this.jsFile;
  }

  config(): ConfigDocument {
    return (this.configDoc ??= parseConfig(this.document.kind, this.document.text));
  }

  /** Whether `js()` has been called (the parse cache is worth keeping). */
  get parsedJs(): JsFile | undefined {
    return this.jsFile;
  }
}

function fileNameOf(uri: string): string {
  const path = uri.replace(/^file:\/\//, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export class Analyzer {
  constructor(readonly rules: readonly Rule[]) {}

  ruleById(id: string): Rule | undefined {
    return this.rules.find((r) => r.meta.id === id);
  }

  analyze(context: FileContext, settings: Settings = DEFAULT_SETTINGS): AnalysisResult {
    const { document } = context;
    if (!settings.enable) return { findings: [], syntaxErrors: [], skipped: 'SuiteAuth is disabled by settings' };
    if (document.text.length > settings.maxFileSize) {
      return { findings: [], syntaxErrors: [], skipped: `file is larger than maxFileSize (${document.text.length} > ${settings.maxFileSize} characters)` };
    }
    if (looksBinary(document.text)) return { findings: [], syntaxErrors: [], skipped: 'file looks binary' };
    const active = this.rules.filter((rule) => rule.meta.kinds.includes(document.kind) && severityFor(rule, settings) !== 'off' && rule.marker.test(document.text));
    const findings: ReportedFinding[] = [];
    const suppressions = findSuppressions(document.text, context.lines);
    for (const rule of active) {
      for (const finding of rule.check(context)) {
        const configured = settings.rules[rule.meta.id];
        const severity = configured && configured !== 'off' ? configured : finding.severity ?? rule.meta.defaultSeverity;
        if (suppressions.isSuppressed(rule.meta.id, context.lines.positionAt(finding.range.start).line)) continue;
        findings.push({ ...finding, severity, rule });
      }
    }
    findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    const syntaxErrors = isJsLike(document.kind) && context.parsedJs ? context.parsedJs.parse.syntaxErrors : [];
    return { findings, syntaxErrors };
  }

  fixesFor(finding: ReportedFinding, context: FileContext): Fix[] {
    return finding.rule.fixes?.(finding, context) ?? [];
  }
}

export function severityFor(rule: Rule, settings: Settings): Severity | 'off' {
  return settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}
