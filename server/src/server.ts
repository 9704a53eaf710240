#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// `node server/out/server.js --stdio` (or --node-ipc / --socket=N): any LSP client can start it.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: node server.js --stdio | --node-ipc | --socket=<port>\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
