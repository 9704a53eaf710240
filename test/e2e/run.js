#!/usr/bin/env node
// End-to-end test of the packaged SuiteAuth extension in the REAL VS Code
// workbench: code-server 4.100.3 (VS Code 1.100.3) driven by playwright-core in
// Debian's Chromium. Install the tools first: `bash scripts/e2e/install.sh`.
//
// Usage: node test/e2e/run.js path/to/suiteauth-X.Y.Z.vsix   (or SUITEAUTH_VSIX=...)
//
// Two parts, one code-server:
//   1. What a user sees, driven through the UI (fixtures/workspace): Problems
//      rows with rule ids, the status bar item and its output, SuiteScript
//      JSDoc highlighting, the quick-fix menu and its migration, the dotenv
//      language, Scan Workspace, Show Rule Documentation.
//   2. The extension-host suite (test/vscode/suite, the one @vscode/test-electron
//      runs in desktop VS Code) inside code-server's own extension host, loaded
//      through the workbench's `payload` (extensionDevelopmentPath = the
//      installed .vsix, extensionTestsPath = test/vscode/suite/index.js).
//
// Environment:
//   SUITEAUTH_VSIX            the .vsix to test (when no argument is given)
//   SUITEAUTH_E2E_HOME        tools cache used by install.sh (default ~/.cache/suiteauth-e2e)
//   SUITEAUTH_E2E_TIMEOUT_MS  overall time limit (default 420000 = 7 min)
//   SUITEAUTH_E2E_KEEP=1      keep the temporary folder (user data, logs, workspace)
//   SUITEAUTH_E2E_HEADED=1    show the browser (needs a display)
//
// Output: one line per check, `ok - name` or `not ok - name: reason`, then
// exactly one line `e2e: N passed, N failed`. Exit code 0 only if all passed.
// On failure: test/e2e/artifacts/<check>.png plus code-server and VS Code logs.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const net = require('net');
const { spawn } = require('child_process');

const OVERALL_TIMEOUT_MS = Number(process.env.SUITEAUTH_E2E_TIMEOUT_MS) || 7 * 60 * 1000;
const SERVER_TIMEOUT_MS = 60 * 1000; // language server start + first diagnostics
const UI_TIMEOUT_MS = 30 * 1000;
const EXTHOST_TIMEOUT_MS = 3 * 60 * 1000;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad'
];
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'workspace');
const EXTHOST_FIXTURE = path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace');
const EXTHOST_SUITE = path.join(ROOT, 'test', 'vscode', 'suite', 'index.js');
const FIXTURE_FILE = 'restlet-client.js';
const DOCS_URL = 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/nlauth-header.md';
const ARTIFACTS = path.join(__dirname, 'artifacts');
const E2E_HOME = process.env.SUITEAUTH_E2E_HOME || path.join(os.homedir(), '.cache', 'suiteauth-e2e');
const TOOLS = path.join(E2E_HOME, 'code-server');
const CODE_SERVER_ENTRY = path.join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

// ---------------------------------------------------------------- checks ----

// The UI checks, in order; a check whose `needs` failed is reported as skipped.
const CHECKS = [
  { id: 'workbench-loads', name: 'workbench loads' },
  { id: 'problem-shown', name: 'opening restlet-client.js shows an nlauth-header problem', needs: ['workbench-loads'] },
  { id: 'status-item', name: 'the SuiteAuth status bar item counts the findings and opens the SuiteAuth output', needs: ['problem-shown'] },
  { id: 'jsdoc-highlighted', name: 'SuiteScript JSDoc tag values are highlighted (injection grammar)', needs: ['problem-shown'] },
  { id: 'quickfix-offered', name: 'quick-fix menu offers the NLAuth migration', needs: ['problem-shown'] },
  { id: 'quickfix-removes-nlauth', name: 'choosing the quick fix removes NLAuth from the editor', needs: ['quickfix-offered'] },
  { id: 'problem-cleared', name: 'the nlauth-header problem disappears after the fix', needs: ['quickfix-removes-nlauth'] },
  { id: 'dotenv', name: '.env opens as Dotenv, highlighted, with its nlauth-header problem', needs: ['workbench-loads'] },
  { id: 'scan-workspace', name: 'Scan Workspace lists problems of files that are not open', needs: ['workbench-loads'] },
  { id: 'rule-docs', name: 'Show Rule Documentation lists the rules and opens the chosen rule page', needs: ['workbench-loads'] }
];
// Results of every check, UI and extension host: id -> { name, ok, reason }.
const results = new Map();
// The extension-host part: one entry, replaced by one result per mocha test once it ran.
const EXTHOST = { id: 'exthost', name: 'extension-host suite (test/vscode) in code-server' };
let page = null;
let finished = false;

function log(msg) {
  process.stdout.write(`# ${msg}\n`);
}

function report(check, ok, reason) {
  if (results.has(check.id)) return;
  results.set(check.id, { name: check.name, ok, reason });
  const r = reason ? String(reason).split('\n')[0].slice(0, 400) : '';
  process.stdout.write(ok ? `ok - ${check.name}\n` : `not ok - ${check.name}: ${r || 'failed'}\n`);
}

async function screenshot(id) {
  if (!page || page.isClosed()) return;
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${id}.png`);
    await page.screenshot({ path: file, timeout: 10000 });
    log(`screenshot: ${path.relative(process.cwd(), file)}`);
  } catch (e) {
    log(`screenshot for ${id} failed: ${e.message.split('\n')[0]}`);
  }
}

// Runs the checks in order; a check whose prerequisite failed is skipped.
async function runChecks(steps) {
  for (const check of CHECKS) {
    if (finished) return;
    const failedNeed = (check.needs || []).find((id) => !(results.get(id) || {}).ok);
    if (failedNeed) {
      report(check, false, `skipped, needs "${CHECKS.find((c) => c.id === failedNeed).name}"`);
      continue;
    }
    try {
      await steps[check.id]();
      report(check, true);
    } catch (e) {
      if (finished) return;
      report(check, false, e && e.message ? e.message : String(e));
      await screenshot(check.id);
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
}

// ------------------------------------------------------------- processes ----

const started = []; // { pid, label } of every process we spawned ourselves

// Parses /proc/<pid>/stat: [ppid, pgid, state, starttime].
function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { state: f[0], ppid: Number(f[1]), pgid: Number(f[2]), start: f[19] };
  } catch {
    return null;
  }
}

// All live descendants of rootPid (including rootPid), as { pid, start }.
function processTree(rootPid) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (!st) continue;
    if (!children.has(st.ppid)) children.set(st.ppid, []);
    children.get(st.ppid).push({ pid: Number(name), ...st });
  }
  const out = [];
  const root = procStat(rootPid);
  if (root) out.push({ pid: rootPid, ...root });
  const queue = [rootPid];
  while (queue.length) {
    const p = queue.shift();
    for (const c of children.get(p) || []) {
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

function comm(pid) {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const type = args.find((a) => a.startsWith('--type='));
    return path.basename(args[0]) + (type ? `(${type.slice(7)})` : '');
  } catch {
    return '?';
  }
}

function alive(proc) {
  const st = procStat(proc.pid);
  return !!st && st.start === proc.start && st.state !== 'Z';
}

function signal(proc, sig) {
  try {
    process.kill(proc.pid, sig);
  } catch {
    /* already gone */
  }
}

// Ends rootPid, its process group and every descendant (snapshotted first, so
// children that get re-parented when their parent dies are still found).
async function killTree(rootPid, label) {
  const tree = processTree(rootPid).filter((p) => p.state !== 'Z');
  if (!tree.length) return;
  log(`stopping ${label}: ${tree.map((p) => `${p.pid}:${comm(p.pid)}`).join(' ')}`);
  try {
    process.kill(-rootPid, 'SIGTERM'); // its process group (spawned detached)
  } catch {
    /* no such group */
  }
  tree.forEach((p) => signal(p, 'SIGTERM'));
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && tree.some(alive)) await sleep(100);
  const left = tree.filter(alive);
  if (left.length) {
    log(`SIGKILL ${label} leftovers: ${left.map((p) => p.pid).join(' ')}`);
    try {
      process.kill(-rootPid, 'SIGKILL');
    } catch {
      /* no such group */
    }
    left.forEach((p) => signal(p, 'SIGKILL'));
    const d2 = Date.now() + 3000;
    while (Date.now() < d2 && left.some(alive)) await sleep(100);
  }
}

function cleanEnv(extra) {
  const env = { ...process.env, ...extra };
  // Inside a VS Code / code-server terminal these would turn the code-server
  // CLI into a remote client of THAT instance.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

// Runs `node <argv...>` as its child and stops that child's whole process group
// when the harness itself disappears without cleaning up (e.g. SIGKILL by a CI
// timeout): code-server runs in a process group of its own, so an outer kill of
// the harness's group would not reach it.
const WATCHDOG = `
const { spawn } = require('child_process');
const parent = process.ppid;
const child = spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, sig) => process.exit(code === null ? 1 : code));
setInterval(() => {
  if (process.ppid === parent) return;
  try { process.kill(0, 'SIGTERM'); } catch {}
  setTimeout(() => { try { process.kill(0, 'SIGKILL'); } catch {} }, 3000);
}, 1000).unref();
`;

// Spawns a process in its own process group, logging to logFile.
function startProcess(label, cmd, args, opts) {
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', out, out]
  });
  fs.closeSync(out);
  started.push({ pid: child.pid, label });
  child.exitInfo = null;
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, sig) => {
      child.exitInfo = { code, sig };
      resolve(child.exitInfo);
    });
    child.on('error', (err) => {
      child.exitInfo = { code: -1, sig: null, err };
      resolve(child.exitInfo);
    });
  });
  return child;
}

async function runToEnd(label, cmd, args, opts, timeoutMs) {
  const child = startProcess(label, cmd, args, opts);
  const t = await Promise.race([child.exited, sleep(timeoutMs).then(() => null)]);
  if (!t) {
    await killTree(child.pid, label);
    throw new Error(`${label} did not finish within ${timeoutMs / 1000} s (log: ${opts.logFile})`);
  }
  await killTree(child.pid, label); // anything it left behind
  return t;
}

// ---------------------------------------------------------------- helpers ----

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// Waits for fn() to return a truthy value (polling), or throws `what`.
async function until(fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} (waited ${Math.round(timeoutMs / 1000)} s)${last instanceof Error ? `: ${last.message.split('\n')[0]}` : ''}`);
    }
    await sleep(250);
  }
}

// ------------------------------------------------------------------- main ----

async function main() {
  const vsixArg = process.argv[2] || process.env.SUITEAUTH_VSIX;
  if (!vsixArg) throw new Error('usage: node test/e2e/run.js path/to/extension.vsix (or set SUITEAUTH_VSIX)');
  const vsix = path.resolve(vsixArg);
  if (!fs.existsSync(vsix)) throw new Error(`vsix not found: ${vsix}`);
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed in ${TOOLS}; run: bash scripts/e2e/install.sh`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run: bash scripts/e2e/install.sh`);
  let chromium;
  try {
    ({ chromium } = require(require.resolve('playwright-core', { paths: [TOOLS] })));
  } catch (e) {
    throw new Error(`playwright-core is not installed in ${TOOLS}; run: bash scripts/e2e/install.sh (${e.message})`);
  }

  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'suiteauth-e2e-')));
  state.tmp = tmp;
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const exthostWorkspace = path.join(tmp, 'exthost-workspace');
  const exthostResults = path.join(tmp, 'exthost-results.json');
  const csLog = path.join(tmp, 'code-server.log');
  state.csLog = csLog;
  state.userData = userData;
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  fs.cpSync(EXTHOST_FIXTURE, exthostWorkspace, { recursive: true });
  state.originalText = fs.readFileSync(path.join(workspace, FIXTURE_FILE), 'utf8');
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'editor.minimap.enabled': false,
        'editor.hover.enabled': false,
        'editor.parameterHints.enabled': false,
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'files.autoSave': 'off',
        'chat.commandCenter.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden'
      },
      null,
      2
    )
  );
  // code-server writes a config file and logs into XDG folders: keep them in tmp.
  const env = cleanEnv({
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    // Read by test/vscode/suite/index.js when it runs in this code-server's extension host.
    SUITEAUTH_EXTHOST_RESULTS: exthostResults,
    SUITEAUTH_EXTHOST_LABEL: 'extension host'
  });
  const common = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];

  // 1. install the extension
  log(`installing ${vsix}`);
  const installLog = path.join(tmp, 'install-extension.log');
  const inst = await runToEnd(
    'code-server --install-extension',
    process.execPath,
    ['-e', WATCHDOG, '--', CODE_SERVER_ENTRY, ...common, '--install-extension', vsix],
    { cwd: tmp, env, logFile: installLog },
    120000
  );
  const installed = fs.readdirSync(extensions).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
  if (inst.code !== 0 || installed.length === 0) {
    throw new Error(`installing the vsix failed (exit ${inst.code}):\n${tail(installLog)}`);
  }
  log(`installed: ${installed.join(', ')}`);
  const installedExtension = path.join(extensions, installed.find((n) => n.startsWith('suiteauth.suiteauth-')) || installed[0]);

  // 2. start code-server (retry on a port race)
  let port;
  let server;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    log(`starting code-server on 127.0.0.1:${port}`);
    server = startProcess(
      'code-server',
      process.execPath,
      [
        '-e',
        WATCHDOG,
        '--',
        CODE_SERVER_ENTRY,
        ...common,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace
      ],
      { cwd: tmp, env, logFile: csLog }
    );
    const up = await until(
      async () => server.exitInfo || (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200,
      SERVER_TIMEOUT_MS,
      'code-server did not answer /healthz'
    ).catch((e) => e);
    if (up === true) break;
    await killTree(server.pid, 'code-server');
    if (attempt < 3 && /EADDRINUSE/.test(tail(csLog, 50))) continue;
    throw new Error(`${up instanceof Error ? up.message : `code-server exited (${JSON.stringify(server.exitInfo)})`}\n${tail(csLog)}`);
  }
  log('code-server is up');
  const origin = `http://127.0.0.1:${port}`;

  // 3. browser: only code-server is reachable; the rule page is a stub (no network, no telemetry)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.SUITEAUTH_E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
    // Chromium's crash handler writes into ~/.config/chromium otherwise
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'chromium-config'), XDG_CACHE_HOME: path.join(tmp, 'chromium-cache') },
    timeout: 60000,
    // our own handlers stop everything (Playwright's would exit before that)
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false
  });
  state.browser = browser;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  const opened = []; // pages the workbench opened (vscode.env.openExternal)
  await context.route(
    (url) => url.origin !== origin,
    (route) => (route.request().url().startsWith(DOCS_URL) ? route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>nlauth-header</h1>' }) : route.abort())
  );
  page = await context.newPage();
  context.on('page', (p) => {
    if (p !== page) opened.push(p);
  });
  const consoleLines = [];
  state.consoleLines = consoleLines;
  const onConsole = (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${m.text()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  const url = `${origin}/?folder=${encodeURIComponent(workspace)}`;

  const diskFile = path.join(workspace, FIXTURE_FILE);
  const problemRows = (text = 'nlauth-header') => page.locator('.markers-panel .monaco-list-row', { hasText: text });
  const activeEditor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const editorText = async () => (await activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  const statusItem = () => page.locator('.statusbar-item[id$="suiteauth.status"]').first();
  const rowTexts = async () => (await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => [])).map((r) => r.replace(/\s+/g, ' '));

  await runChecks({
    'workbench-loads': async () => {
      log(`opening ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT_MS });
      await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: SERVER_TIMEOUT_MS });
      // the folder is open once the Explorer lists the fixture
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE_FILE })
        .first()
        .waitFor({ state: 'visible', timeout: SERVER_TIMEOUT_MS })
        .catch(() => {
          throw new Error(`the Explorer does not list ${FIXTURE_FILE} (folder not opened?)`);
        });
    },

    'problem-shown': async () => {
      await openWithQuickOpen(FIXTURE_FILE);
      await until(async () => (await editorText()).includes('NLAuth'), UI_TIMEOUT_MS, `the editor does not show ${FIXTURE_FILE}`);
      await focusProblems();
      await problemRows()
        .first()
        .waitFor({ state: 'visible', timeout: SERVER_TIMEOUT_MS })
        .catch(async () => {
          throw new Error(`no Problems row containing "nlauth-header" (rows: ${JSON.stringify(await rowTexts())})`);
        });
      log(`problem: ${(await problemRows().first().innerText()).replace(/\s+/g, ' ')}`);
    },

    'status-item': async () => {
      const text = await until(
        async () => {
          const t = ((await statusItem().innerText().catch(() => '')) || '').trim();
          return /^SuiteAuth: [1-9]\d*$/.test(t) ? t : false;
        },
        SERVER_TIMEOUT_MS,
        'the status bar has no "SuiteAuth: <findings>" item'
      );
      const label = await statusItem().getAttribute('aria-label');
      log(`status bar: "${text}" (${label})`);
      if (!/findings? in \d+ files? in the workspace/.test(label || '')) throw new Error(`unexpected status tooltip: ${label}`);
      await statusItem().click();
      // The Output view shows the SuiteAuth channel.
      await until(
        async () => {
          const picked = await page.locator('.part.panel select.monaco-select-box, .part.panel .monaco-select-box').evaluateAll((els) => els.map((e) => e.value || e.title || e.textContent || ''));
          const titles = await page.locator('.part.panel .composite-bar .action-item.checked, .part.panel .title-label').allInnerTexts().catch(() => []);
          return picked.some((v) => /SuiteAuth/.test(v)) && titles.join(' ').toUpperCase().includes('OUTPUT');
        },
        UI_TIMEOUT_MS,
        'clicking the status bar item did not show the SuiteAuth output'
      );
    },

    'jsdoc-highlighted': async () => {
      // The view renders tokens as spans with one class per colour: the tag's value must
      // not have the colour of the comment text around it (the built-in grammar leaves it so).
      const line = activeEditor().locator('.view-line', { hasText: '@NApiVersion' }).first();
      await line.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      let spans = [];
      await until(
        async () => {
          spans = await line.locator('span > span').evaluateAll((els) => els.map((e) => [e.textContent.replace(/\u00a0/g, ' '), e.className]));
          const value = spans.find(([t]) => t.trim() === '2.1');
          const star = spans.find(([t]) => t.trim() === '*');
          return value && star && star[1] !== value[1];
        },
        UI_TIMEOUT_MS,
        '"2.1" after @NApiVersion is not a token with a colour of its own'
      ).catch((e) => {
        throw new Error(`${e.message}: ${JSON.stringify(spans)}`);
      });
      log(`@NApiVersion line tokens: ${JSON.stringify(spans)}`);
    },

    'quickfix-offered': async () => {
      const item = await openQuickFixMenu();
      log(`quick fix: ${(await item.innerText()).replace(/\s+/g, ' ')}`);
    },

    'quickfix-removes-nlauth': async () => {
      await chooseFix();
      await until(async () => !(await editorText()).includes('NLAuth'), UI_TIMEOUT_MS, 'the editor still shows NLAuth after choosing the quick fix');
      // The view only renders visible lines: save, then check the whole file.
      await activeEditor().click({ position: { x: 200, y: 10 } }).catch(() => {});
      await page.keyboard.press('Control+S');
      const text = await until(
        () => {
          const t = fs.readFileSync(diskFile, 'utf8');
          return t.includes('NLAuth') && t === state.originalText ? false : t;
        },
        UI_TIMEOUT_MS,
        'the saved file did not change'
      );
      if (text.includes('NLAuth')) {
        const line = text.split('\n').findIndex((l) => l.includes('NLAuth')) + 1;
        throw new Error(`the saved file still contains NLAuth on line ${line}`);
      }
    },

    'problem-cleared': async () => {
      await focusProblems();
      await until(async () => (await problemRows(FIXTURE_FILE).count()) === 0, SERVER_TIMEOUT_MS, `the Problems panel still lists ${FIXTURE_FILE}`);
    },

    dotenv: async () => {
      await openWithQuickOpen('.env');
      const mode = page.locator('.statusbar-item#status\\.editor\\.mode').first();
      await until(async () => ((await mode.innerText().catch(() => '')) || '').trim() === 'Dotenv', UI_TIMEOUT_MS, 'the language mode of .env is not "Dotenv"').catch(async (e) => {
        throw new Error(`${e.message} (it is "${(await mode.innerText().catch(() => '?')).trim()}")`);
      });
      // Tokenization is asynchronous: wait until the key and the value are spans of different colours.
      const line = activeEditor().locator('.view-line', { hasText: 'NS_ACCOUNT' }).first();
      let spans = [];
      await until(
        async () => {
          spans = await line.locator('span > span').evaluateAll((els) => els.map((e) => [e.textContent.replace(/\u00a0/g, ' '), e.className]));
          const key = spans.find(([t]) => t === 'NS_ACCOUNT');
          const value = spans.find(([t]) => t === '1234567');
          return key && value && key[1] !== value[1];
        },
        UI_TIMEOUT_MS,
        'key and value of NS_ACCOUNT=1234567 are not highlighted apart'
      ).catch((e) => {
        throw new Error(`${e.message}: ${JSON.stringify(spans)}`);
      });
      log(`.env line tokens: ${JSON.stringify(spans)}`);
      await focusProblems();
      // The file row reads ".env" then its folder ("config") and the count.
      await until(async () => (await rowTexts()).some((r) => /^\.env ?config\b/.test(r.trim())), SERVER_TIMEOUT_MS, 'the Problems panel lists no .env file').catch(async (e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(await rowTexts())}`);
      });
      if (!(await rowTexts()).some((r) => r.includes('nlauth-header') && r.includes('Ln 3'))) throw new Error(`no nlauth-header row on line 3 of .env; rows: ${JSON.stringify(await rowTexts())}`);
    },

    'scan-workspace': async () => {
      if ((await rowTexts()).some((r) => r.includes('legacy.mjs'))) throw new Error('legacy.mjs is listed before the scan');
      await runCommand('SuiteAuth: Scan Workspace');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'SuiteAuth scanned' }).first();
      await toast.waitFor({ state: 'visible', timeout: SERVER_TIMEOUT_MS }).catch(() => {
        throw new Error('no "SuiteAuth scanned …" notification');
      });
      log(`notification: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
      await focusProblems();
      await until(async () => (await rowTexts()).some((r) => r.includes('legacy.mjs')), SERVER_TIMEOUT_MS, 'the Problems panel does not list unopened/legacy.mjs').catch(async (e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(await rowTexts())}`);
      });
      await page.keyboard.press('Escape');
    },

    'rule-docs': async () => {
      await runCommand('SuiteAuth: Show Rule Documentation');
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await until(async () => (await rows.count()) >= 10, UI_TIMEOUT_MS, 'the rule quick pick did not list the rules');
      const input = page.locator('.quick-input-widget .quick-input-box input').first();
      await input.fill('nlauth-header');
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'nlauth-header' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      // code-server opens the page in a new tab, or (popup blocked) asks first.
      const tab = await until(
        async () => {
          const p = opened.find((o) => o.url().startsWith(DOCS_URL));
          if (p) return p;
          const ask = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ }).first();
          if (await ask.isVisible().catch(() => false)) await ask.click();
          return false;
        },
        UI_TIMEOUT_MS,
        `no tab opened ${DOCS_URL}`
      ).catch((e) => {
        throw new Error(`${e.message}; tabs: ${JSON.stringify(opened.map((o) => o.url()))}`);
      });
      log(`rule page opened: ${tab.url()}`);
    }
  });

  // 4. the extension-host suite, in a window of its own on the same code-server
  await runExtensionHostSuite();

  // Quick Open (Control+P), type the name, Enter.
  async function openWithQuickOpen(name) {
    const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    await page.keyboard.press('Escape');
    await until(
      async () => {
        if (!(await input.isVisible())) {
          await page.locator('.monaco-workbench').first().focus().catch(() => {});
          await page.keyboard.press('Control+P');
          await input.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
        }
        return input.isVisible();
      },
      UI_TIMEOUT_MS,
      'Quick Open (Control+P) did not open'
    );
    await input.fill(name);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`Quick Open does not list ${name}`);
      });
    await page.keyboard.press('Enter');
    await page
      .locator('.tabs-container .tab.active', { hasText: name })
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`${name} did not open in an editor tab`);
      });
  }

  // Chooses the migration in the open quick-fix menu with the keyboard (move
  // the focus down to it, Enter), like a user would; mouse clicks on the action
  // widget's rows are not reliable in headless Chromium.
  async function chooseFix() {
    const focusedRow = page.locator('.action-widget .monaco-list-row.focused').first();
    for (let i = 0; i < 40; i++) {
      const text = (await focusedRow.innerText({ timeout: 5000 }).catch(() => '')) || '';
      if (/Bearer|requestRestlet/.test(text)) {
        await page.keyboard.press('Enter');
        await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => {});
        return;
      }
      await page.keyboard.press('ArrowDown');
      await sleep(50);
    }
    throw new Error('could not move the quick-fix menu focus to the migration item');
  }

  // Command palette "View: Focus Problems", falling back to Ctrl+Shift+M.
  async function focusProblems() {
    const panel = page.locator('.markers-panel').first();
    if (await panel.isVisible()) return;
    await runCommand('Focus on Problems View').catch((e) => log(`command palette: ${e.message}`));
    await panel.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    if (await panel.isVisible()) return;
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new Error('the Problems panel did not open');
    });
  }

  async function runCommand(label) {
    const input = page.locator('.quick-input-widget .quick-input-box input').first();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
  }

  // Puts the cursor on the squiggle (via the Problems row) and opens the quick-fix
  // menu with Ctrl+.; returns the migration item. Retries, since the code
  // actions come from the language server.
  async function openQuickFixMenu() {
    const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: /Bearer|requestRestlet/ }).first();
    let seen = [];
    await until(
      async () => {
        await page.keyboard.press('Escape');
        await focusProblems();
        const row = problemRows().first();
        await row.waitFor({ state: 'visible', timeout: 10000 });
        // A double click on the message (not on the code, which is a link) opens
        // the location with the cursor on the squiggle and focus in the editor.
        await row.dblclick({ position: { x: 100, y: 10 } });
        await page
          .locator('.editor-group-container.active .monaco-editor.focused')
          .first()
          .waitFor({ state: 'visible', timeout: 5000 });
        await page.keyboard.press('Control+.');
        await page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
        if (await fix.isVisible()) return true;
        seen = await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => []);
        return false;
      },
      UI_TIMEOUT_MS,
      'the quick-fix menu offers no item containing "Bearer" or "requestRestlet"'
    ).catch((e) => {
      throw new Error(`${e.message}; items seen: ${JSON.stringify(seen.map((s) => s.replace(/\s+/g, ' ')))}`);
    });
    return fix;
  }

  // test/vscode/suite in this code-server's extension host: the workbench's
  // `payload` names the development extension (the installed .vsix content)
  // and the test runner; the workbench calls window.codeAutomationExit when
  // the extension host ends after the tests.
  async function runExtensionHostSuite() {
    if (finished) return;
    for (const p of [page, ...opened]) await p.close().catch(() => {});
    page = await context.newPage();
    page.on('console', onConsole);
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(installedExtension)],
      ['extensionTestsPath', remote(EXTHOST_SUITE)],
      ['skipWelcome', 'true']
    ]);
    log('running test/vscode/suite in the extension host');
    const started = Date.now();
    await page.goto(`${origin}/?folder=${encodeURIComponent(exthostWorkspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT_MS });
    const code = await Promise.race([exited, sleep(EXTHOST_TIMEOUT_MS).then(() => 'timeout')]);
    log(`extension host ended (${code}) after ${Math.round((Date.now() - started) / 1000)} s`);
    let outcome;
    try {
      outcome = JSON.parse(fs.readFileSync(exthostResults, 'utf8'));
    } catch {
      await screenshot(EXTHOST.id);
      report(EXTHOST, false, code === 'timeout' ? `no result within ${EXTHOST_TIMEOUT_MS / 1000} s` : `the suite wrote no results (exit ${code})`);
      return;
    }
    for (const title of outcome.passed) report({ id: `exthost:${title}`, name: `extension host: ${title}` }, true);
    for (const f of outcome.failed) report({ id: `exthost:${f.title}`, name: `extension host: ${f.title}` }, false, f.error);
    if (outcome.passed.length + outcome.failed.length === 0) report(EXTHOST, false, 'the suite ran no tests');
  }
}

const state = {};

async function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    const failed = [...results.values()].some((r) => !r.ok) || CHECKS.some((c) => !results.has(c.id));
    if (failed && state.tmp) {
      try {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        if (state.csLog && fs.existsSync(state.csLog)) fs.copyFileSync(state.csLog, path.join(ARTIFACTS, 'code-server.log'));
        const logs = state.userData && path.join(state.userData, 'logs');
        if (logs && fs.existsSync(logs)) fs.cpSync(logs, path.join(ARTIFACTS, 'vscode-logs'), { recursive: true });
        if (state.consoleLines && state.consoleLines.length) {
          fs.writeFileSync(path.join(ARTIFACTS, 'browser-console.log'), state.consoleLines.join('\n') + '\n');
        }
        log(`logs saved in ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}`);
      } catch (e) {
        log(`saving logs failed: ${e.message}`);
      }
    }
    if (state.browser) {
      await Promise.race([state.browser.close().catch(() => {}), sleep(10000)]);
    }
    for (const p of started.slice().reverse()) await killTree(p.pid, p.label);
    // Whatever is still below us (e.g. Chromium if close() hung).
    const left = processTree(process.pid).filter((p) => p.pid !== process.pid && p.state !== 'Z');
    if (left.length) await Promise.all(left.map((p) => killTree(p.pid, `leftover pid ${p.pid}`)));
    if (state.tmp && process.env.SUITEAUTH_E2E_KEEP !== '1') {
      fs.rmSync(state.tmp, { recursive: true, force: true, maxRetries: 3 });
    } else if (state.tmp) {
      log(`kept ${state.tmp}`);
    }
  })();
  return state.cleaning;
}


async function finish(extraFailure) {
  if (finished) return;
  finished = true;
  for (const check of CHECKS) {
    if (!results.has(check.id)) report(check, false, extraFailure || 'not run');
  }
  if (![...results.keys()].some((id) => id === EXTHOST.id || id.startsWith('exthost:'))) report(EXTHOST, false, extraFailure || 'not run');
  await Promise.race([cleanup().catch((e) => log(`cleanup: ${e.message}`)), sleep(30000)]);
  const all = [...results.values()];
  const passed = all.filter((r) => r.ok).length;
  const failedCount = all.length - passed;
  process.stdout.write(`e2e: ${passed} passed, ${failedCount} failed\n`);
  process.exit(failedCount === 0 ? 0 : 1);
}

const startedAt = Date.now();
const overall = setTimeout(async () => {
  const pending = CHECKS.find((c) => !results.has(c.id));
  if (pending) await screenshot(pending.id);
  finish(`timed out: whole run exceeded ${OVERALL_TIMEOUT_MS / 1000} s`);
}, OVERALL_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(`interrupted by ${sig}`));

main()
  .then(() => {
    clearTimeout(overall);
    log(`run took ${Math.round((Date.now() - startedAt) / 1000)} s`);
    return finish();
  })
  .catch(async (e) => {
    clearTimeout(overall);
    const msg = e && e.message ? e.message : String(e);
    process.stderr.write(`e2e setup error: ${msg}\n`);
    const pending = CHECKS.find((c) => !results.has(c.id));
    if (pending && page) await screenshot(pending.id);
    return finish(`setup failed: ${msg.split('\n')[0]}`);
  });
