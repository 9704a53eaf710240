#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorker } from './lsp/analysisWorker';
import { startServer } from './lsp/server';

if (!isMainThread) {
  // This same file is the server's analysis worker for large documents (one bundle in the .vsix).
  runAnalysisWorker();
} else {
  // `node server/out/server.js --stdio` (or --node-ipc / --socket=N): any LSP client can start it.
  if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write('usage: node server.js --stdio | --node-ipc | --socket=<port>\n');
    process.exit(2);
  }
  // SUITEAUTH_WORKER_THRESHOLD (characters; 0 sends every document) lets the tests run the protocol suite through the worker.
  const threshold = Number.parseInt(process.env.SUITEAUTH_WORKER_THRESHOLD ?? '', 10);
  startServer(createConnection(ProposedFeatures.all), {
    workerFile: __filename,
    workerThreshold: Number.isInteger(threshold) && threshold >= 0 ? threshold : undefined,
  });
}
