import type { LanguageKind, SourceDocument } from './document';
import type { LineIndex, OffsetRange, TextEdit } from './text';
import type { JsFile } from '../js/jsFile';
import type { ConfigDocument } from '../config/model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RuleMeta {
  /** Public API: users write it in settings, suppressions and baselines. Never changes once shipped. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters, with the NetSuite release and date. */
  rationale: string;
  fixable: boolean;
  /** `deprecated` renders with a strike-through in editors. */
  tags: readonly ('deprecated' | 'security')[];
  kinds: readonly LanguageKind[];
}

export interface Finding {
  ruleId: string;
  range: OffsetRange;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. `/rest/issuetoken`). */
  severity?: Severity;
  /** Explains why and what to do; shown on hover. Markdown. */
  hover?: string;
  /** Rule-private facts the rule's `fixes` needs; never sent to clients. */
  data?: unknown;
}

/** A file a fix creates next to the document (never overwriting an existing one). */
export interface CreatedFile {
  /** Path relative to the document's folder. */
  relativePath: string;
  text: string;
}

export interface AppendedText {
  /** Path relative to the document's folder. */
  relativePath: string;
  /** Appended as is; the sink adds a line break first when the file does not end with one. */
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  createFiles?: CreatedFile[];
  /**
   * Text appended to files next to the document only when they already exist
   * (e.g. a `NAME=` line in `.env.example`); never creates them. The LSP turns
   * it into a workspace edit, `scan --fix` appends in place.
   */
  appendToFiles?: AppendedText[];
  /** The rule's preferred fix: applied by `--fix` and `source.fixAll`. */
  preferred: boolean;
  /** A fix that opens documentation instead of editing (no automatic migration exists). */
  openUrl?: string;
}

/** What a rule sees: the document, its line index and, for code, the shared parse. */
export interface RuleContext {
  readonly document: SourceDocument;
  readonly lines: LineIndex;
  /** The parsed JS/TS file, parsed once per version and shared by all rules. */
  js(): JsFile;
  /** The parsed config file (JSON, YAML, dotenv, properties, XML), parsed once per version. */
  config(): ConfigDocument;
}

export interface Rule {
  readonly meta: RuleMeta;
  /**
   * A cheap test on the raw text: when it does not match, the rule cannot
   * report, and a file no rule's marker matches is not parsed at all.
   */
  readonly marker: RegExp;
  check(context: RuleContext): Finding[];
  fixes?(finding: Finding, context: RuleContext): Fix[];
}
