// Extension-host test runner (VS Code's `extensionTestsPath`): runs the mocha
// suite inside the real extension host, next to the SuiteAuth extension.
// Used by test/vscode/run.js (@vscode/test-electron, desktop VS Code) and by
// test/e2e/run.js (code-server's extension host, via the workbench `payload`).
//
// Ends with one line `<label>: N passed, N failed` (label from
// SUITEAUTH_EXTHOST_LABEL, default `vscode`). When SUITEAUTH_EXTHOST_RESULTS
// names a file, the results are also written there as JSON.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

async function run() {
  // mocha 12 is an ES module: import it (works in every extension host's Node).
  const mod = await import(pathToFileURL(require.resolve('mocha')).href);
  const Mocha = mod.default || mod.Mocha || mod;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const name of fs.readdirSync(__dirname).sort()) if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
  await mocha.loadFilesAsync();
  const label = process.env.SUITEAUTH_EXTHOST_LABEL || 'vscode';
  const results = { passed: [], failed: [], pending: [] };
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, err) => results.failed.push({ title: t.fullTitle(), error: String((err && err.stack) || err) }));
    runner.on('pending', (t) => results.pending.push(t.fullTitle()));
  });
  const summary = `${label}: ${results.passed.length} passed, ${results.failed.length} failed`;
  console.log(summary);
  if (process.env.SUITEAUTH_EXTHOST_RESULTS) fs.writeFileSync(process.env.SUITEAUTH_EXTHOST_RESULTS, JSON.stringify({ ...results, summary }, null, 2));
  if (results.failed.length > 0) throw new Error(`${results.failed.length} extension-host test(s) failed`);
}

module.exports = { run };
