/**
 * The language server's analysis worker (a `worker_threads` worker running
 * server.js itself, so that the .vsix carries one bundle): large
 * documents are parsed and analysed here so that the server's main thread
 * keeps answering the editor (hover, small files, cancellation) meanwhile.
 * It runs the same `Analyzer` and rules as the main thread and the CLI, and
 * keeps the last analysed version of each document for its fixes.
 */
import type * as ts from 'typescript';
import { parentPort } from 'node:worker_threads';
import { Analyzer, FileContext, type ReportedFinding } from '../core/analyzer';
import { fixAll } from '../core/fixAll';
import { scanFile } from '../cli/scan';
import { analyzeIsolated } from '../core/isolatedAnalysis';
import { ALL_RULES } from '../rules';
import { toAnalysedFinding } from './analysis';
import { toDiagnostic } from './diagnostics';
import type { WorkerAnalysis, WorkerFileScan, WorkerRequest, WorkerResponse } from './analysisWorkerProtocol';

const analyzer = new Analyzer(ALL_RULES);
/** Per document: the last analysed version, and TypeScript's tree for an incremental reparse of the next. */
const documents = new Map<string, { version: number; context: FileContext; findings: ReportedFinding[]; sourceFile?: ts.SourceFile }>();

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'analyze': {
      const { document, settings } = request;
      const previous = documents.get(document.uri);
      const context = new FileContext(document, previous?.sourceFile);
      const { result, failed } = analyzeIsolated(analyzer, context, settings);
      documents.set(document.uri, { version: document.version, context, findings: result.findings, sourceFile: context.parsedJs?.parse.sourceFile ?? previous?.sourceFile });
      const value: WorkerAnalysis = {
        findings: result.findings.map(toAnalysedFinding),
        syntaxErrors: result.syntaxErrors.map((e) => ({ start: e.start, message: e.message })),
        skipped: result.skipped,
        failed: failed.map((f) => ({ ruleId: f.ruleId, error: (f.error as Error)?.stack ?? String(f.error) })),
      };
      return value;
    }
    case 'fixes': {
      const entry = documents.get(request.uri);
      // A newer version was analysed since: the editor asks again for it.
      if (!entry || entry.version !== request.version) return [];
      const finding = entry.findings[request.index];
      return finding ? analyzer.fixesFor(finding, entry.context) : [];
    }
    case 'fixAll':
      return fixAll(analyzer, request.document, request.settings);
    case 'scanFile': {
      const report = scanFile(analyzer, request.file, request.settings);
      const value: WorkerFileScan = { diagnostics: report.findings.map((f) => toDiagnostic(toAnalysedFinding(f), report.lines)), skipped: report.skipped };
      return value;
    }
    case 'forget':
      documents.delete(request.uri);
      return null;
  }
}

/** Serves the main thread's requests; called by server.js when it runs as the worker. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalysisWorker runs in a worker thread');
  port.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { id: request.id, ok: true, value: handle(request) };
    } catch (error) {
      response = { id: request.id, ok: false, error: (error as Error)?.stack ?? String(error) };
    }
    port.postMessage(response);
  });
}
