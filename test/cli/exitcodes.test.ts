import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { buildOnce, cleanTemps, cli, cliInProcess, MSG, project, ROOT, write } from './helpers';

describe('cli: exit codes and options', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('0 when nothing is found, 1 when an error is found', () => {
    const dir = project();
    assert.equal(cli(['scan', 'src/clean.js'], { cwd: dir }).status, 0);
    assert.equal(cli(['scan', 'src/clean.js', '--format', 'json'], { cwd: dir }).stdout, '{\n  "version": 1,\n  "findings": []\n}\n');
    assert.equal(cli(['scan'], { cwd: dir }).status, 1);
  });

  it('2 on bad usage, with a message on stderr and nothing on stdout', () => {
    const dir = project();
    const cases: [string[], RegExp][] = [
      [[], /missing command/],
      [['lint'], /unknown command 'lint'/],
      [['scan', '--frobnicate'], /unknown option '--frobnicate'/],
      [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, github, not 'xml'/],
      [['scan', '--format'], /--format needs a value/],
      [['scan', 'no/such/folder'], /no such file or folder: no\/such\/folder/],
      [['scan', '--rule', 'no-such-rule'], /unknown rule id 'no-such-rule' for --rule \(known: nlauth-header, /],
      [['scan', '--max-warnings', 'many'], /--max-warnings must be a whole number of 0 or more, not 'many'/],
      [['scan', '--max-warnings', '-1'], /--max-warnings must be a whole number of 0 or more, not '-1'/],
      [['scan', '--fix=yes'], /--fix takes no value/],
    ];
    for (const [args, message] of cases) {
      const run = cli(args, { cwd: dir });
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /^suiteauth: /);
      assert.equal(run.stdout, '', args.join(' '));
    }
  });

  it('--help and --version exit 0 on stdout', () => {
    const help = cli(['--help'], { cwd: ROOT });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: suiteauth scan \[paths\.\.\.\] \[options\]/);
    for (const option of ['--format', '--fix', '--config', '--rule', '--quiet', '--max-warnings', '--baseline', '--write-baseline', '--output', '--no-gitignore']) {
      assert.ok(help.stdout.includes(option), option);
    }
    assert.equal(cli(['scan', '--help'], { cwd: ROOT }).stdout, help.stdout);
    const version = cli(['--version'], { cwd: ROOT });
    assert.equal(version.status, 0);
    assert.equal(version.stdout, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version + '\n');
  });

  it('warnings fail by default; --max-warnings N allows up to N; errors always fail', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'warning' } }));
    const run = cli(['scan', 'src', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.deepEqual(
      JSON.parse(run.stdout).findings.map((f: { severity: string }) => f.severity),
      ['warning', 'warning'],
    );
    assert.equal(cli(['scan', 'src', '--max-warnings', '2'], { cwd: dir }).status, 0);
    const over = cli(['scan', 'src', '--max-warnings', '1'], { cwd: dir });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /^suiteauth: 2 warnings, more than --max-warnings 1$/m);
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'error' } }));
    assert.equal(cli(['scan', 'src', '--max-warnings', '100'], { cwd: dir }).status, 1);
  });

  it('info and hint findings never fail the run', () => {
    const dir = project();
    for (const severity of ['info', 'hint']) {
      write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': severity } }));
      const run = cli(['scan', 'src/restlet_caller.js'], { cwd: dir });
      assert.equal(run.status, 0, severity);
      assert.ok(run.stdout.includes(`15:24  ${severity}  ${MSG.admin}  nlauth-header  fixable`), run.stdout);
    }
  });

  it('--quiet reports errors only, and warnings no longer fail (unless --max-warnings)', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'warning' } }));
    const run = cli(['scan', 'src', '--quiet'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'No problems found; 3 files scanned.\n2 findings below error are not shown (--quiet).\n');
    assert.equal(JSON.parse(cli(['scan', 'src', '-q', '--format', 'json'], { cwd: dir }).stdout).findings.length, 0);
    assert.equal(cli(['scan', 'src', '--quiet', '--max-warnings', '0'], { cwd: dir }).status, 1);
    write(dir, 'suiteauth.config.json', '{}');
    const errors = JSON.parse(cli(['scan', 'src', '--quiet', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(errors.findings.length, 2);
  });

  it('--rule runs only the named rules (repeatable, comma-separated), even one the config turns off', () => {
    const dir = project();
    const none = cli(['scan', '--rule', 'soap-passport', '--format', 'json'], { cwd: dir });
    assert.equal(none.status, 0);
    assert.deepEqual(JSON.parse(none.stdout).findings, []);
    const both = JSON.parse(cli(['scan', '--rule', 'soap-passport,nlauth-header', '--rule', 'soap-passport', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(both.findings.length, 4);
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'off' } }));
    assert.equal(JSON.parse(cli(['scan', '--format', 'json'], { cwd: dir }).stdout).findings.filter((f: any) => f.rule === 'nlauth-header').length, 0);
    assert.equal(JSON.parse(cli(['scan', '--rule', 'nlauth-header', '--format', 'json'], { cwd: dir }).stdout).findings.length, 4);
  });

  it('suppression comments are honoured: next-line for the named rule; a line comment for another rule does not hide it', () => {
    const dir = project();
    const run = JSON.parse(cli(['scan', 'src/suppressed.js', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
    // Line 7 is suppressed by `suiteauth-disable-next-line nlauth-header` on line 6; line 11 disables soap-passport only.
    assert.deepEqual(
      run.findings.map((f: any) => `${f.line}:${f.column}`),
      ['11:18'],
    );
    // Every format agrees.
    const sarif = JSON.parse(cli(['scan', 'src/suppressed.js', '--format', 'sarif', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine),
      [11],
    );
    const text = cli(['scan', 'src/suppressed.js', '--rule', 'nlauth-header'], { cwd: dir }).stdout;
    assert.ok(!text.includes('  7:'));
    // A bare disable-line hides every rule on that line.
    write(dir, 'src/suppressed.js', fs.readFileSync(path.join(dir, 'src/suppressed.js'), 'utf8').replace('// suiteauth-disable-line soap-passport', '// suiteauth-disable-line'));
    const all = cli(['scan', 'src/suppressed.js', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(all.status, 0);
    assert.equal(all.stdout, 'No problems found; 1 file scanned.\n');
  });

  it('an internal error in a rule is reported on stderr, the other files are still scanned, and the exit code is 2', async () => {
    const dir = project();
    const broken = {
      meta: { ...ALL_RULES[0].meta, id: 'broken-rule', kinds: ['js' as const] },
      marker: /restlet/,
      check: (): never => {
        throw new Error('rule bug');
      },
    };
    const run = await cliInProcess(['scan', 'src', '--format', 'json'], { cwd: dir }, { rules: [ALL_RULES[0], broken] });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^suiteauth: internal error while analysing src\/restlet_caller\.js: rule bug \(set SUITEAUTH_DEBUG=1/m);
    assert.deepEqual(
      JSON.parse(run.stdout).findings.map((f: any) => f.file),
      ['src/suppressed.js'],
    );
  });
});
