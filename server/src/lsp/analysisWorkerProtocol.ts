import type { Diagnostic } from 'vscode-languageserver';
import type { SourceDocument } from '../core/document';
import type { Settings } from '../core/settings';
import type { AnalysedFinding } from './analysis';

/** Messages between the server's main thread and its analysis worker. */
export type WorkerRequest =
  | { id: number; op: 'analyze'; document: SourceDocument; settings: Settings }
  | { id: number; op: 'fixes'; uri: string; version: number; index: number }
  | { id: number; op: 'fixAll'; document: SourceDocument; settings: Settings }
  | { id: number; op: 'scanFile'; file: string; settings: Settings }
  | { id: number; op: 'forget'; uri: string };

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A file on disk analysed for the workspace scan: its diagnostics, or why it was skipped. */
export interface WorkerFileScan {
  diagnostics: Diagnostic[];
  skipped?: string;
}

export interface WorkerAnalysis {
  findings: AnalysedFinding[];
  syntaxErrors: { start: number; message: string }[];
  skipped?: string;
  failed: { ruleId: string; error: string }[];
}
