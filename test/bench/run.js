#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: how fast SuiteAuth analyses, measured against a baseline
 * taken in the same run on the same machine — TypeScript's own
 * `ts.createSourceFile` on the same text — so the numbers are ratios, not
 * absolute thresholds that depend on the machine.
 *
 *   node test/bench/run.js [--lines 5000] [--files 200] [--iterations 15] [--entries 2000] [--json]
 *
 * Runs the compiled server (`server/out`; build with `npx tsc -b server`).
 * Generated inputs go to `.bench/` (git-ignored) and are rewritten each run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'server/out');
if (!fs.existsSync(path.join(OUT, 'cli.js'))) {
  process.stderr.write('bench: server/out/cli.js is missing; run `npx tsc -b server` first\n');
  process.exit(1);
}
const ts = require('typescript');
const { Analyzer, FileContext } = require(path.join(OUT, 'core/analyzer.js'));
const { ALL_RULES } = require(path.join(OUT, 'rules/index.js'));
const { DEFAULT_SETTINGS } = require(path.join(OUT, 'core/settings.js'));
const { runCli } = require(path.join(OUT, 'cli/main.js'));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const LINES = option('lines', 5000);
const FILES = option('files', 200);
const ITERATIONS = option('iterations', 15);
const CONFIG_ENTRIES = option('entries', 2000);
const JSON_OUTPUT = process.argv.includes('--json');

// ------------------------------------------------------------ inputs

/** A deterministic pseudo-random sequence, so every run measures the same text. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A SuiteScript 2.1 Suitelet/library of about `lines` lines: record loads,
 * searches, string building, HTTP calls with headers — and, every so often,
 * an NLAuth header (the auth marker SuiteAuth looks for).
 */
function suiteScript(lines, seed, withAuth) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = [
    '/**',
    ' * @NApiVersion 2.1',
    ' * @NScriptType Suitelet',
    ' */',
    "define(['N/https', 'N/record', 'N/search', 'N/url', 'N/runtime', 'N/log'], (https, record, search, url, runtime, log) => {",
    "  const BASE = 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl';",
  ];
  let n = 0;
  while (out.length < lines - 3) {
    n++;
    const kind = withAuth && n % 25 === 0 ? 'auth' : pick(['record', 'search', 'text', 'http', 'math']);
    out.push(`  function step${n}(context, input) {`);
    if (kind === 'auth') {
      out.push(`    const role = ${pick([3, 1032, 18, 1001])};`);
      out.push("    const header = 'NLAuth nlauth_account=' + runtime.accountId + ', nlauth_email=' + input.user + ', nlauth_signature=' + input.word + ', nlauth_role=' + role;");
      out.push(`    const response = https.post({ url: BASE + '?script=${n}&deploy=1', headers: { Authorization: header, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });`);
      out.push('    return JSON.parse(response.body);');
    } else if (kind === 'record') {
      out.push(`    const rec = record.load({ type: record.Type.SALES_ORDER, id: input.id${n % 7} });`);
      out.push(`    const total = rec.getValue({ fieldId: 'total' }) * ${(rnd() * 3).toFixed(2)};`);
      out.push(`    rec.setValue({ fieldId: 'memo', value: 'step ${n}: ' + total.toFixed(2) });`);
      out.push('    return rec.save({ ignoreMandatoryFields: true });');
    } else if (kind === 'search') {
      out.push(`    const results = search.create({ type: 'customer', filters: [['entityid', 'contains', input.q${n % 5}]], columns: ['entityid', 'companyname'] }).run().getRange({ start: 0, end: ${10 + (n % 90)} });`);
      out.push('    const names = [];');
      out.push('    for (const r of results) { names.push(r.getValue({ name: \'companyname\' })); }');
      out.push("    return names.join(', ');");
    } else if (kind === 'text') {
      out.push(`    const parts = ['order', String(input.id), '${pick(['open', 'billed', 'closed', 'pending'])}'];`);
      out.push(`    const label = \`\${parts.join('-')} (\${context.request.method}) #${n}\`;`);
      out.push("    log.debug({ title: 'label', details: label });");
      out.push('    return label.toUpperCase();');
    } else if (kind === 'http') {
      out.push(`    const target = url.resolveScript({ scriptId: 'customscript_step_${n}', deploymentId: 'customdeploy_step_${n}' });`);
      out.push("    const response = https.get({ url: target, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });");
      out.push(`    if (response.code !== 200) { throw new Error('step ${n} failed: ' + response.code); }`);
      out.push('    return JSON.parse(response.body);');
    } else {
      out.push(`    let acc = ${n};`);
      out.push(`    for (let i = 0; i < ${5 + (n % 20)}; i++) { acc = (acc * 31 + i) % 1000003; }`);
      out.push("    if (acc % 2 === 0) { log.audit({ title: 'even', details: acc }); }");
      out.push('    return acc;');
    }
    out.push('  }');
  }
  out.push(`  return { onRequest: (context) => context.response.write(String(step1(context, context.request.parameters))) };`);
  out.push('});');
  return out.join('\n') + '\n';
}

/**
 * The same kind of code with no word any rule's marker looks for (no NLAuth,
 * no "key", no "exp"...): SuiteAuth should not even parse it.
 */
function plainCode(lines, seed) {
  const rnd = random(seed);
  const out = ["'use strict';", 'const items = [];'];
  let n = 0;
  while (out.length < lines - 1) {
    n++;
    out.push(`function compute${n}(order, rate) {`);
    out.push(`  const amount = order.quantity * rate + ${(rnd() * 100).toFixed(2)};`);
    out.push(`  const label = 'order-' + order.id + '-${n}';`);
    out.push(`  items.push({ label, amount, when: Date.now() % ${100 + n} });`);
    out.push('  return amount > 100 ? Math.round(amount) : amount;');
    out.push('}');
  }
  out.push('module.exports = { items };');
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------ timing

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median milliseconds of `fn` over ITERATIONS runs after warm-up runs; `setup` runs untimed before each. */
function measure(fn, { setup, iterations = ITERATIONS, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) fn(setup ? setup() : undefined);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const arg = setup ? setup() : undefined;
    const start = process.hrtime.bigint();
    fn(arg);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

async function measureAsync(fn, iterations) {
  await fn();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

// ------------------------------------------------------------ run

async function main() {
  const benchDir = path.join(ROOT, '.bench');
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });

  const analyzer = new Analyzer(ALL_RULES);
  const settings = DEFAULT_SETTINGS;
  const createSourceFile = (name, text) => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const doc = (file, text, version = 1) => ({ uri: pathToFileURL(file).href, kind: 'js', text, version });

  const kb = (n) => `${Math.round(n / 1024)} KB`;

  // 1. One large SuiteScript file with auth markers.
  const bigFile = path.join(benchDir, 'big_suitelet.js');
  const big = suiteScript(LINES, 1, true);
  fs.writeFileSync(bigFile, big);
  const bigLines = big.split('\n').length - 1;
  const baseline = measure(() => createSourceFile(bigFile, big));
  const parseOnly = measure(() => new FileContext(doc(bigFile, big)).js());
  let findings = 0;
  const full = measure(() => {
    findings = analyzer.analyze(new FileContext(doc(bigFile, big)), settings).findings.length;
  });

  // 2. Incremental re-analysis after a one-character edit in the middle.
  const at = big.indexOf("'step ", Math.floor(big.length / 2)) + 1;
  const edited = big.slice(0, at) + 'S' + big.slice(at + 1);
  const previousTree = () => {
    const context = new FileContext(doc(bigFile, big));
    analyzer.analyze(context, settings);
    return context.parsedJs.parse.sourceFile;
  };
  const updateOnly = measure((prev) => ts.updateSourceFile(prev, edited, ts.createTextChangeRange(ts.createTextSpan(at, 1), 1)), {
    setup: () => createSourceFile(bigFile, big),
  });
  let incrementalFindings = 0;
  const incremental = measure(
    (prev) => {
      incrementalFindings = analyzer.analyze(new FileContext(doc(bigFile, edited, 2), prev), settings).findings.length;
    },
    { setup: previousTree },
  );

  // 3. The same size of code with no auth marker.
  const plainFile = path.join(benchDir, 'plain.js');
  const plain = plainCode(LINES, 2);
  fs.writeFileSync(plainFile, plain);
  const markers = ALL_RULES.filter((r) => r.meta.kinds.includes('js') && r.marker.test(plain)).map((r) => r.meta.id);
  const plainBaseline = measure(() => createSourceFile(plainFile, plain));
  let parsedPlain = false;
  const noMarker = measure(() => {
    const context = new FileContext(doc(plainFile, plain));
    analyzer.analyze(context, settings);
    parsedPlain = !!context.parsedJs;
  });

  // 4. A folder of FILES files, a third with auth markers, scanned by the CLI.
  const folder = path.join(benchDir, 'project');
  let folderBytes = 0;
  const folderFiles = [];
  for (let i = 0; i < FILES; i++) {
    const text = i % 3 === 0 ? suiteScript(250, 100 + i, true) : plainCode(250, 100 + i);
    const file = path.join(folder, `dir${i % 10}`, `script_${i}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    folderBytes += text.length;
    folderFiles.push(file);
  }
  const folderBaseline = measure(() => {
    for (const f of folderFiles) createSourceFile(f, fs.readFileSync(f, 'utf8'));
  }, { iterations: Math.max(3, Math.floor(ITERATIONS / 3)) });
  const sink = { write: () => true, isTTY: false };
  const io = { cwd: folder, env: {}, stdout: sink, stderr: sink, readStdin: async () => '' };
  const cliInProcess = await measureAsync(() => runCli(['scan', '.', '--format', 'json'], io), Math.max(3, Math.floor(ITERATIONS / 3)));
  const spawnRuns = Math.max(3, Math.floor(ITERATIONS / 5));
  const nodeStartup = measure(() => spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }), { iterations: spawnRuns, warmup: 1 });
  const moduleLoad = measure(() => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(OUT, 'cli/main.js'))})`], { stdio: 'ignore' }), { iterations: spawnRuns, warmup: 1 });
  let cliStatus;
  const cliSpawned = measure(() => {
    cliStatus = spawnSync(process.execPath, [path.join(OUT, 'cli.js'), 'scan', '.', '--format', 'json'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] }).status;
  }, { iterations: spawnRuns, warmup: 1 });

  // 5. Config files of CONFIG_ENTRIES entries each, every kind, full analysis;
  // the baseline is the platform's JSON.parse of the JSON one.
  const n = CONFIG_ENTRIES;
  const configTexts = {
    dotenv: Array.from({ length: n }, (_, i) => `export NS_KEY_${i}="value ${i}" # c`).join('\n') + '\nNS_ACCOUNT=123\nNS_PASSWORD=x\nNS_EMAIL=a@b.c\n',
    properties: Array.from({ length: n }, (_, i) => `netsuite.b${i % 50}.key${i} = value ${i}`).join('\n') + '\nnetsuite.email=a@b.c\nnetsuite.password=x\n',
    json: JSON.stringify({ netsuite: { account: '123', email: 'a@b.c', password: 'x' }, values: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}`, nested: { a: i } })) }, null, 2),
    yaml: 'netsuite:\n  account: "123"\n  email: a@b.c\n  password: x\nitems:\n' + Array.from({ length: n }, (_, i) => `  - key: k${i}\n    value: "v${i}"\n    nested: {a: ${i}}`).join('\n') + '\n',
    xml: '<netsuite account="123"><email>a@b.c</email><password>x</password>' + Array.from({ length: n }, (_, i) => `<item key="k${i}"><value>v${i}</value><n a="${i}"/></item>`).join('\n') + '</netsuite>',
  };
  const configBaseline = measure(() => JSON.parse(configTexts.json));
  const configRows = Object.entries(configTexts).map(([kind, text]) => {
    const file = path.join(benchDir, `config.${kind === 'dotenv' ? 'env' : kind}`);
    let configFindings = 0;
    const ms = measure(() => {
      configFindings = analyzer.analyze(new FileContext({ uri: pathToFileURL(file).href, kind, text, version: 1 }), settings).findings.length;
    });
    return { name: `SuiteAuth: ${kind}, ${kb(text.length)}, full analysis (${configFindings} findings)`, ms, base: configBaseline };
  });

  // ------------------------------------------------------------ report
  const rows = [
    { group: `one SuiteScript file, ${bigLines} lines, ${kb(big.length)}, ${findings} findings`, name: 'baseline: ts.createSourceFile', ms: baseline, base: baseline },
    { name: 'SuiteAuth: parse only (TS tree, ESTree, node index)', ms: parseOnly, base: baseline },
    { name: 'SuiteAuth: full analysis (parse once, every rule)', ms: full, base: baseline },
    { name: 'reference: ts.updateSourceFile after a 1-char edit', ms: updateOnly, base: baseline },
    { name: `SuiteAuth: re-analysis after a 1-char edit (incremental reparse)`, ms: incremental, base: baseline },
    { group: `same size, no auth marker (${bigLines} lines)`, name: 'baseline: ts.createSourceFile', ms: plainBaseline, base: plainBaseline },
    { name: `SuiteAuth: analysis (${parsedPlain ? 'PARSED' : 'not parsed'})`, ms: noMarker, base: plainBaseline },
    { group: `folder of ${FILES} files, ${kb(folderBytes)}`, name: 'baseline: read + ts.createSourceFile, every file', ms: folderBaseline, base: folderBaseline },
    { name: 'SuiteAuth CLI: scan --format json, in-process', ms: cliInProcess, base: folderBaseline },
    { name: 'SuiteAuth CLI: scan --format json, spawned node', ms: cliSpawned, base: folderBaseline },
    { name: 'reference: spawned `node -e ""` (startup only)', ms: nodeStartup, base: folderBaseline },
    { name: 'reference: spawned node loading the CLI modules only', ms: moduleLoad, base: folderBaseline },
    { group: `config files, ${CONFIG_ENTRIES} entries each`, name: 'baseline: JSON.parse of the JSON file', ms: configBaseline, base: configBaseline },
    ...configRows,
  ];
  if (JSON_OUTPUT) {
    process.stdout.write(JSON.stringify({ lines: bigLines, files: FILES, iterations: ITERATIONS, node: process.version, typescript: ts.version, rows }, null, 2) + '\n');
  } else {
    const width = Math.max(...rows.map((r) => r.name.length));
    const lines = [`SuiteAuth benchmark — Node ${process.version}, TypeScript ${ts.version}, median of ${ITERATIONS} runs (fewer for folders)`, ''];
    lines.push(`  ${'case'.padEnd(width)}  ${'median ms'.padStart(10)}  ${'× baseline'.padStart(10)}`);
    for (const r of rows) {
      if (r.group) lines.push('', r.group);
      lines.push(`  ${r.name.padEnd(width)}  ${r.ms.toFixed(1).padStart(10)}  ${(r.ms / r.base).toFixed(2).padStart(10)}`);
    }
    lines.push('');
    if (markers.length > 0) {
      lines.push(`note: the "no auth marker" file matches the marker of ${markers.join(', ')} (${parsedPlain ? 'and was parsed' : 'its check still did not parse it'}).`);
    }
    if (incrementalFindings !== findings) lines.push(`note: the edited file has ${incrementalFindings} findings, the original ${findings}.`);
    if (cliStatus !== 1) lines.push(`note: the CLI exited ${cliStatus} (expected 1: the folder has findings).`);
    lines.push('Ratios compare with the baseline of the same group, measured in this run; they are not pass/fail thresholds.');
    process.stdout.write(lines.join('\n') + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
