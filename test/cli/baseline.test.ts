import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce, cleanTemps, cli, MSG, project, read, write } from './helpers';

describe('cli: baselines', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('--write-baseline records every finding by fingerprint (rule and file, no lines, no text) and exits 0', () => {
    const dir = project();
    const run = cli(['scan', '--rule', 'nlauth-header', '--write-baseline', 'suiteauth-baseline.json', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'suiteauth: wrote 4 findings to the baseline suiteauth-baseline.json\n');
    assert.equal(JSON.parse(run.stdout).findings.length, 4, 'the report still lists them');
    const baseline = JSON.parse(read(dir, 'suiteauth-baseline.json'));
    assert.equal(baseline.version, 1);
    assert.equal(baseline.tool, 'suiteauth');
    assert.deepEqual(
      baseline.findings.map((f: any) => `${f.file} ${f.rule}`),
      ['integrations/sync.mjs nlauth-header', 'legacy/old.mjs nlauth-header', 'src/restlet_caller.js nlauth-header', 'src/suppressed.js nlauth-header'],
    );
    for (const f of baseline.findings) {
      assert.deepEqual(Object.keys(f).sort(), ['file', 'fingerprint', 'rule']);
      assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
    }
    // The fingerprints are the SARIF partialFingerprints.
    const sarif = JSON.parse(cli(['scan', '--rule', 'nlauth-header', '--format', 'sarif'], { cwd: dir }).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: any) => r.partialFingerprints['suiteauth/v1']).sort(),
      baseline.findings.map((f: any) => f.fingerprint).sort(),
    );
  });

  it('--baseline: findings in it are not reported and do not fail; new ones do; moved lines still match', () => {
    const dir = project();
    assert.equal(cli(['scan', '--rule', 'nlauth-header', '--write-baseline', 'b.json'], { cwd: dir }).status, 0);
    const same = cli(['scan', '--rule', 'nlauth-header', '--baseline', 'b.json'], { cwd: dir });
    assert.equal(same.status, 0);
    assert.equal(same.stdout, 'No problems found; 5 files scanned.\n4 findings in the baseline are not shown.\n');

    // Lines move above every finding: still the same findings.
    for (const rel of ['src/restlet_caller.js', 'integrations/sync.mjs']) {
      write(dir, rel, '// moved down\n\n' + read(dir, rel).replace(/\n/g, '\n\n'));
    }
    assert.equal(cli(['scan', '--rule', 'nlauth-header', '--baseline', 'b.json'], { cwd: dir }).status, 0);

    // A new NLAuth header in a new file and a second one in an old file: only these are reported.
    write(dir, 'src/new.js', read(dir, 'src/restlet_caller.js').replace('nlauth_role=3', 'nlauth_role=18'));
    write(dir, 'legacy/old.mjs', read(dir, 'legacy/old.mjs') + '\nexport async function again() {\n  return `NLAuth nlauth_account=${process.env.NS_ACCOUNT}, nlauth_email=x, nlauth_signature=${process.env.NS_PASSWORD}`;\n}\n');
    const fresh = cli(['scan', '--rule', 'nlauth-header', '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    assert.equal(fresh.status, 1);
    assert.deepEqual(
      JSON.parse(fresh.stdout).findings.map((f: any) => `${f.file}:${f.line}`),
      ['legacy/old.mjs:10', 'src/new.js:31'],
    );
    const text = cli(['scan', '--rule', 'nlauth-header', '--baseline', 'b.json'], { cwd: dir }).stdout;
    assert.ok(text.endsWith('2 problems (2 errors) in 2 files; 6 files scanned.\nAll of them can be fixed with suiteauth scan --fix.\n4 findings in the baseline are not shown.\n' + `nlauth-header: https://github.com/suiteauth/suiteauth/blob/main/docs/rules/nlauth-header.md\n`), text);
    const sarif = JSON.parse(cli(['scan', '--rule', 'nlauth-header', '--baseline', 'b.json', '--format', 'sarif'], { cwd: dir }).stdout);
    assert.equal(sarif.runs[0].results.length, 2);
  });

  it('two identical findings in a file count separately: removing one from the baseline reports one', () => {
    const dir = project();
    const one = read(dir, 'src/restlet_caller.js');
    write(dir, 'src/twice.js', one + '\n' + one);
    assert.equal(cli(['scan', 'src/twice.js', '--write-baseline', 'b.json', '--rule', 'nlauth-header'], { cwd: dir }).status, 0);
    const baseline = JSON.parse(read(dir, 'b.json'));
    assert.equal(baseline.findings.length, 2);
    assert.notEqual(baseline.findings[0].fingerprint, baseline.findings[1].fingerprint);
    baseline.findings.pop();
    write(dir, 'b.json', JSON.stringify(baseline));
    const run = cli(['scan', 'src/twice.js', '--baseline', 'b.json', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^1 problem \(1 error\) in 1 file; 1 file scanned\.$/m);
    assert.ok(run.stdout.includes(MSG.admin));
  });

  it('a missing or malformed baseline exits 2', () => {
    const dir = project();
    const missing = cli(['scan', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'suiteauth: cannot read baseline nope.json: ENOENT\n');
    write(dir, 'bad.json', '{"version": 1, "findings": [{"fingerprint": "xyz"}]}');
    const bad = cli(['scan', '--baseline', 'bad.json'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^suiteauth: baseline bad\.json: findings\.0\.fingerprint: /);
    write(dir, 'bad.json', 'not json');
    assert.match(cli(['scan', '--baseline', 'bad.json'], { cwd: dir }).stderr, /^suiteauth: baseline bad\.json is not valid JSON/);
    write(dir, 'bad.json', '{"version": 2, "findings": []}');
    assert.match(cli(['scan', '--baseline', 'bad.json'], { cwd: dir }).stderr, /^suiteauth: baseline bad\.json: version: /);
  });

  it('a baseline written from a subfolder matches one written at the root (paths are repository-relative)', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, '.git'));
    cli(['scan', 'src', '--write-baseline', 'root.json', '--rule', 'nlauth-header'], { cwd: dir });
    cli(['scan', '.', '--write-baseline', '../sub.json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') });
    assert.equal(read(dir, 'root.json'), read(dir, 'sub.json'));
    assert.equal(cli(['scan', '.', '--baseline', '../root.json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).status, 0);
  });
});
