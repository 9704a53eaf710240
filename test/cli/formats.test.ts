import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeData, escapeProperty, uriOfPath } from '../../server/src/cli/formats';
import { ALL_RULES } from '../../server/src/rules';
import { buildOnce, cleanTemps, cli, cliInProcess, DOCS, MSG, project, read, ROOT, tempDir, write } from './helpers';

/**
 * Exact output of every format for test/fixtures/cli/project, with only
 * nlauth-header on (the finished rule; other rules are being written and
 * must not change these expectations). Ranges were checked by hand against
 * the fixture files: the NLAuth string or concatenation, 1-based, end column
 * exclusive.
 */
const FINDINGS = [
  { file: 'integrations/sync.mjs', line: 4, column: 16, endLine: 4, endColumn: 148, message: MSG.plain },
  { file: 'legacy/old.mjs', line: 4, column: 16, endLine: 4, endColumn: 148, message: MSG.plain },
  { file: 'src/restlet_caller.js', line: 15, column: 24, endLine: 15, endColumn: 137, message: MSG.admin },
  { file: 'src/suppressed.js', line: 11, column: 18, endLine: 11, endColumn: 114, message: MSG.plain },
];

describe('cli: output formats', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('text: grouped by file, rule ids, fix hints, summary; no colour when not a terminal', () => {
    const dir = project();
    const run = cli(['scan', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'integrations/sync.mjs',
        `  4:16  error  ${MSG.plain}  nlauth-header  fixable`,
        '',
        'legacy/old.mjs',
        `  4:16  error  ${MSG.plain}  nlauth-header  fixable`,
        '',
        'src/restlet_caller.js',
        `  15:24  error  ${MSG.admin}  nlauth-header  fixable`,
        '',
        'src/suppressed.js',
        `  11:18  error  ${MSG.plain}  nlauth-header  fixable`,
        '',
        '4 problems (4 errors) in 4 files; 5 files scanned.',
        'All of them can be fixed with suiteauth scan --fix.',
        `nlauth-header: ${DOCS}/nlauth-header.md`,
        '',
      ].join('\n'),
    );
  });

  it('text: colour with FORCE_COLOR, and NO_COLOR / FORCE_COLOR=0 / --no-color switch it off', () => {
    const dir = project();
    const coloured = cli(['scan', 'src/restlet_caller.js', '--rule', 'nlauth-header'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    const E = '\u001b[';
    assert.equal(
      coloured.stdout,
      [
        `${E}1msrc/restlet_caller.js${E}0m`,
        `  15:24  ${E}31merror${E}0m  ${MSG.admin}  ${E}90mnlauth-header${E}0m  ${E}32mfixable${E}0m`,
        '',
        `${E}1;31m1 problem (1 error) in 1 file; 1 file scanned.${E}0m`,
        `It can be fixed with ${E}1msuiteauth scan --fix${E}0m.`,
        `${E}90mnlauth-header:${E}0m ${DOCS}/nlauth-header.md`,
        '',
      ].join('\n'),
    );
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }] as Record<string, string>[]) {
      assert.doesNotMatch(cli(['scan', 'src/restlet_caller.js'], { cwd: dir, env }).stdout, /\u001b/);
    }
    assert.doesNotMatch(cli(['scan', 'src/restlet_caller.js', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b/);
  });

  it('text: colour on a terminal unless NO_COLOR (in-process, stdout is a TTY)', async () => {
    const dir = project();
    const tty = await cliInProcess(['scan', 'src/clean.js'], { cwd: dir, stdoutTTY: true });
    assert.equal(tty.stdout, '\u001b[32mNo problems found; 1 file scanned.\u001b[0m\n');
    const noColor = await cliInProcess(['scan', 'src/clean.js'], { cwd: dir, stdoutTTY: true, env: { NO_COLOR: '1' } });
    assert.equal(noColor.stdout, 'No problems found; 1 file scanned.\n');
    assert.equal(noColor.status, 0);
  });

  it('text: mixed severities are aligned per file, counted in the summary, and only fixable ones say so', async () => {
    const dir = tempDir();
    write(dir, 'a.js', 'ERR();\nwarn();\n\n\n\n\n\n\n\n\ninfo(); hint();\n');
    const rule = {
      meta: { ...ALL_RULES[0].meta, id: 'test-mixed', kinds: ['js' as const] },
      marker: /ERR/,
      check: (ctx: { document: { text: string } }) =>
        (['ERR', 'warn', 'info', 'hint'] as const).map((w) => {
          const start = ctx.document.text.indexOf(w);
          const severity = ({ ERR: 'error', warn: 'warning', info: 'info', hint: 'hint' } as const)[w];
          return { ruleId: 'test-mixed', range: { start, end: start + w.length }, message: `a ${severity}`, severity };
        }),
      fixes: (f: { message: string; range: { start: number; end: number } }) => (f.message === 'a warning' ? [{ title: 'x', edits: [{ range: f.range, newText: 'ok' }], preferred: true }] : []),
    };
    const run = await cliInProcess(['scan'], { cwd: dir }, { rules: [rule] });
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        'a.js',
        '  1:1   error    a error  test-mixed',
        '  2:1   warning  a warning  test-mixed  fixable',
        '  11:1  info     a info  test-mixed',
        '  11:9  hint     a hint  test-mixed',
        '',
        '4 problems (1 error, 1 warning, 1 info, 1 hint) in 1 file; 1 file scanned.',
        '1 of them can be fixed with suiteauth scan --fix.',
        `test-mixed: ${DOCS}/test-mixed.md`,
        '',
      ].join('\n'),
    );
    const github = await cliInProcess(['scan', '--format', 'github'], { cwd: dir }, { rules: [rule] });
    assert.deepEqual(
      github.stdout.split('\n').map((l) => l.split(' ')[0]),
      ['::error', '::warning', '::notice', '::notice', '4', ''],
    );
    const sarif = JSON.parse((await cliInProcess(['scan', '--format', 'sarif'], { cwd: dir }, { rules: [rule] })).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { level: string }) => r.level),
      ['error', 'warning', 'note', 'note'],
    );
  });

  it('json: the issue-2 contract, files relative to the working directory', () => {
    const dir = project();
    const run = cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout), {
      version: 1,
      findings: FINDINGS.map((f) => ({ file: f.file, rule: 'nlauth-header', severity: 'error', line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.message, fixable: true })),
    });
    // From a subfolder, paths stay relative to the working directory.
    const sub = JSON.parse(cli(['scan', '..', '--format=json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout);
    assert.deepEqual(
      sub.findings.map((f: { file: string }) => f.file),
      ['../integrations/sync.mjs', '../legacy/old.mjs', 'restlet_caller.js', 'suppressed.js'],
    );
  });

  it('github: workflow commands with every position, escaped properties and message', () => {
    const dir = project();
    const run = cli(['scan', '--format', 'github', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    const fix = '%0AFixable: run `suiteauth scan --fix`. Rule documentation: ' + `${DOCS}/nlauth-header.md`;
    assert.equal(
      run.stdout,
      [
        ...FINDINGS.map(
          (f) => `::error file=${f.file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=SuiteAuth nlauth-header::${f.message}${fix}`,
        ),
        '4 problems (4 errors) in 4 files; 5 files scanned.',
        '',
      ].join('\n'),
    );
  });

  it('github: escaping of %, CR, LF in data and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('dir:x/a,b%.js\n'), 'dir%3Ax/a%2Cb%25.js%0A');
  });

  it('github: a file name with , : and % is escaped in the file property', () => {
    const dir = tempDir();
    write(dir, 'odd,name:100%.js', read(project(), 'src/restlet_caller.js'));
    const run = cli(['scan', '--format', 'github', '--rule', 'nlauth-header'], { cwd: dir });
    assert.match(run.stdout, /^::error file=odd%2Cname%3A100%25\.js,line=15,col=24,endLine=15,endColumn=137,title=SuiteAuth nlauth-header::/);
  });

  it('sarif: results with level, message, %SRCROOT%-relative uri, region and fingerprints; every rule in the driver', () => {
    const dir = project();
    const run = cli(['scan', '--format', 'sarif', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const r = sarif.runs[0];
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    assert.deepEqual(
      { name: r.tool.driver.name, version: r.tool.driver.version, informationUri: r.tool.driver.informationUri },
      { name: 'SuiteAuth', version, informationUri: 'https://github.com/suiteauth/suiteauth' },
    );
    assert.deepEqual(r.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/` } });
    assert.equal(r.columnKind, 'utf16CodeUnits');
    assert.deepEqual(r.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);

    // Every rule of the catalog, with what code scanning shows.
    assert.deepEqual(
      r.tool.driver.rules.map((x: { id: string }) => x.id),
      ALL_RULES.map((x) => x.meta.id),
    );
    for (const [i, rule] of r.tool.driver.rules.entries()) {
      const meta = ALL_RULES[i].meta;
      assert.equal(rule.shortDescription.text, meta.description);
      assert.ok(rule.fullDescription.text.startsWith(meta.description) && rule.fullDescription.text.includes(meta.rationale));
      assert.equal(rule.helpUri, `${DOCS}/${meta.id}.md`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.defaultSeverity]);
      assert.ok(rule.properties.tags.includes('security'));
      assert.match(rule.properties['security-severity'], /^\d\.\d$/);
    }

    const prints = r.results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['suiteauth/v1']);
    for (const p of prints) assert.match(p, /^[0-9a-f]{32}$/);
    // GitHub matches alerts by primaryLocationLineHash only: it carries the same line-number-free fingerprint.
    for (const x of r.results) assert.deepEqual(Object.keys(x.partialFingerprints), ['primaryLocationLineHash', 'suiteauth/v1']);
    for (const x of r.results) assert.equal(x.partialFingerprints.primaryLocationLineHash, x.partialFingerprints['suiteauth/v1']);
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are distinct (same text in two files still differs)');
    assert.deepEqual(
      r.results.map((x: Record<string, unknown>) => ({ ...x, partialFingerprints: undefined })),
      FINDINGS.map((f) => ({
        ruleId: 'nlauth-header',
        ruleIndex: 0,
        level: 'error',
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
        partialFingerprints: undefined,
        properties: { fixable: true },
      })),
    );
  });

  it('sarif: uris are relative to the repository root even when run from a subfolder; JSON stays relative to cwd', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, '.git'));
    const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation),
      [
        { uri: 'src/restlet_caller.js', uriBaseId: '%SRCROOT%' },
        { uri: 'src/suppressed.js', uriBaseId: '%SRCROOT%' },
      ],
    );
    assert.equal(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    const github = cli(['scan', '.', '--format', 'github', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout;
    assert.match(github, /^::error file=src\/restlet_caller\.js,/);
    const json = JSON.parse(cli(['scan', '.', '--format', 'json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout);
    assert.deepEqual(
      json.findings.map((f: any) => f.file),
      ['restlet_caller.js', 'suppressed.js'],
    );
  });

  it('sarif: uris are percent-encoded', () => {
    assert.equal(uriOfPath('src/my file#1?.js'), 'src/my%20file%231%3F.js');
    assert.equal(uriOfPath('a/(x)+y@z.js'), 'a/(x)+y@z.js');
  });

  it('sarif: fingerprints stay the same when lines move, and change when the finding changes', () => {
    const dir = project();
    const prints = () => {
      const sarif = JSON.parse(cli(['scan', 'src', '--format', 'sarif', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
      return sarif.runs[0].results.map((x: any) => `${x.locations[0].physicalLocation.region.startLine} ${x.partialFingerprints['suiteauth/v1']}`);
    };
    const before = prints();
    const file = path.join(dir, 'src/restlet_caller.js');
    fs.writeFileSync(file, '// a comment\n\n\n' + fs.readFileSync(file, 'utf8').replace('const onRequest', '/* moved */ const onRequest'));
    const after = prints();
    assert.notEqual(before[0].split(' ')[0], after[0].split(' ')[0], 'the line moved');
    assert.equal(before[0].split(' ')[1], after[0].split(' ')[1], 'the fingerprint did not');
    assert.equal(before[1], after[1]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('nlauth_role=3', 'nlauth_role=1032'));
    assert.notEqual(prints()[0].split(' ')[1], after[0].split(' ')[1]);
  });

  it('sarif has exactly as many results as JSON findings, with the same locations (all rules, examples and fixtures)', () => {
    for (const [cwd, args] of [
      [ROOT, ['examples']],
      [project(), ['.']],
    ] as const) {
      const json = JSON.parse(cli(['scan', ...args, '--format', 'json'], { cwd }).stdout);
      const sarif = JSON.parse(cli(['scan', ...args, '--format', 'sarif'], { cwd }).stdout);
      const results = sarif.runs[0].results;
      assert.equal(results.length, json.findings.length);
      assert.ok(json.findings.length > 0);
      const fromJson = json.findings.map((f: any) => `${path.resolve(cwd, f.file)} ${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
      const fromSarif = results.map((x: any) => {
        const loc = x.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.ok(!path.isAbsolute(loc.artifactLocation.uri) && !loc.artifactLocation.uri.startsWith('..'), 'relative uri');
        const root = new URL(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).pathname;
        return `${path.resolve(root, decodeURIComponent(loc.artifactLocation.uri))} ${x.ruleId} ${loc.region.startLine}:${loc.region.startColumn}-${loc.region.endLine}:${loc.region.endColumn}`;
      });
      assert.deepEqual(fromSarif, fromJson);
      const github = cli(['scan', ...args, '--format', 'github'], { cwd }).stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.equal(github.length, json.findings.length);
    }
  });

  it('--output writes the report to a file (stdout stays empty)', () => {
    const dir = project();
    const run = cli(['scan', 'src/restlet_caller.js', '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(JSON.parse(read(dir, 'out.sarif')).runs[0].results.length >= 1, true);
  });
});
