import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce, cleanTemps, cli, FIXTURES, project, tempDir } from './helpers';

/**
 * test/fixtures/cli/secrets holds NetSuite passwords, consumer/token secrets
 * and client secrets in code and in every config kind (listed in
 * SECRETS.txt). No output of the CLI, in any format, with any option, nor
 * the files it writes (baseline, report), may contain one of them or any
 * 8-character part of one. Rules still being written get the same check
 * as they start reporting.
 */
describe('cli: secrets never appear in any output', function () {
  this.timeout(120000);
  before(buildOnce);
  after(cleanTemps);

  const secrets = fs
    .readFileSync(path.join(FIXTURES, 'secrets/SECRETS.txt'), 'utf8')
    .split('\n')
    .filter((s) => s.trim() !== '');
  const parts = [...new Set(secrets.flatMap((s) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8))))];

  function assertClean(label: string, text: string): void {
    for (const part of parts) assert.ok(!text.includes(part), `${label} contains part of a secret ('${part.slice(0, 2)}…')`);
  }

  function copy(): string {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'secrets'), dir, { recursive: true });
    return dir;
  }

  it('the fixture really contains the secrets, and findings are reported for it', () => {
    const dir = copy();
    const all = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const s of secrets) assert.ok(all.includes(s), s.slice(0, 2));
    const json = JSON.parse(cli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    assert.ok(json.findings.length >= 2, 'nlauth-header at least reports the two NLAuth headers');
  });

  it('text, json, sarif and github, with colour, --quiet, --output, baselines and --fix', () => {
    const dir = copy();
    const runs: [string, string[], Record<string, string>?][] = [
      ['text', ['scan']],
      ['text with colour', ['scan'], { FORCE_COLOR: '1' }],
      ['json', ['scan', '--format', 'json']],
      ['sarif', ['scan', '--format', 'sarif']],
      ['github', ['scan', '--format', 'github']],
      ['quiet', ['scan', '--quiet']],
      ['named files', ['scan', ...fs.readdirSync(dir)]],
      ['write baseline', ['scan', '--write-baseline', 'baseline.json', '--format', 'sarif', '--output', 'report.sarif']],
      ['baseline', ['scan', '--baseline', 'baseline.json', '--format', 'github']],
    ];
    for (const [label, args, env] of runs) {
      const run = cli(args, { cwd: dir, env });
      assert.ok(run.status === 0 || run.status === 1, `${label}: exit ${run.status}: ${run.stderr}`);
      assertClean(`${label} stdout`, run.stdout);
      assertClean(`${label} stderr`, run.stderr);
    }
    assertClean('baseline file', fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    assertClean('report file', fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const fixDir = copy();
      const run = cli(['scan', '--fix', '--format', format], { cwd: fixDir });
      assertClean(`--fix ${format} stdout`, run.stdout);
      assertClean(`--fix ${format} stderr`, run.stderr);
    }
  });

  it('notes and errors about files never quote their content', () => {
    const dir = project();
    // A binary file and a file with syntax errors, both holding a secret.
    fs.writeFileSync(path.join(dir, 'src/blob.js'), Buffer.concat([Buffer.from(`const p = '${secrets[0]}';`), Buffer.from([0, 1, 2])]));
    fs.writeFileSync(path.join(dir, 'src/broken.js'), `const h = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=${secrets[1]}';\nfunction (\n`);
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const run = cli(['scan', 'src', '--format', format], { cwd: dir });
      assert.match(run.stderr, /skipped src\/blob\.js: looks binary/);
      assertClean(`${format} stdout`, run.stdout);
      assertClean(`${format} stderr`, run.stderr);
    }
  });
});
