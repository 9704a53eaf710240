#!/usr/bin/env node
// Runs test/vscode/suite inside a desktop VS Code with @vscode/test-electron.
//
// It needs a VS Code build. Either VSCODE_EXECUTABLE_PATH names a local one
// (test-electron's `vscodeExecutablePath`), or test-electron downloads one
// from update.code.visualstudio.com (checked first, with a short timeout;
// SUITEAUTH_VSCODE_DOWNLOAD=0 skips the attempt). Without either it prints
// `vscode: did not run: <why>` and exits 0: it did not run, so it neither
// passed nor failed, and .ci/run does not count it.
//
// When it runs, the last line is `vscode: N passed, N failed`; exit code 0
// only if everything passed. On Linux without a display, run it under
// `xvfb-run -a`.
'use strict';

const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures', 'workspace');

function didNotRun(why) {
  console.log(`vscode: did not run: ${why}`);
  process.exit(0);
}

function reachable(url, ms) {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: ms }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function main() {
  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch (e) {
    didNotRun(`@vscode/test-electron is not installed (${e.message.split('\n')[0]})`);
  }
  const extensionDevelopmentPath = ROOT;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    console.error('vscode: dist/ has no bundles; run `npm run build` first');
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  }
  const options = {
    extensionDevelopmentPath,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
  };
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (executable) {
    if (!fs.existsSync(executable)) didNotRun(`VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
    options.vscodeExecutablePath = executable;
  } else if (process.env.SUITEAUTH_VSCODE_DOWNLOAD === '0') {
    didNotRun('no VSCODE_EXECUTABLE_PATH, and downloads are off (SUITEAUTH_VSCODE_DOWNLOAD=0)');
  } else if (!(await reachable('https://update.code.visualstudio.com/api/releases/stable', 10000))) {
    didNotRun('no VSCODE_EXECUTABLE_PATH, and update.code.visualstudio.com cannot be reached to download VS Code');
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('# no DISPLAY: desktop VS Code needs one (run under `xvfb-run -a`)');
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-vscode-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  const results = path.join(tmp, 'results.json');
  options.launchArgs = [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(tmp, 'user-data')];
  options.extensionTestsEnv = { SUITEAUTH_EXTHOST_RESULTS: results, SUITEAUTH_EXTHOST_LABEL: 'vscode' };
  let exitCode = 0;
  try {
    await testElectron.runTests(options);
  } catch (e) {
    exitCode = 1;
    console.error(`vscode: ${e && e.message ? e.message : e}`);
  }
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(results, 'utf8')).summary;
  } catch {
    summary = undefined;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  // The suite prints its own summary; repeat it last (or say that nothing ran).
  console.log(summary || 'vscode: 0 passed, 1 failed');
  process.exit(summary && exitCode === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`vscode: ${e && e.stack ? e.stack : e}`);
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
});
