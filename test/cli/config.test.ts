import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePathFilter } from '../../server/src/core/globs';
import { buildOnce, cleanTemps, cli, project, write } from './helpers';

const files = (stdout: string) => JSON.parse(stdout).findings.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`);

describe('cli: project config', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('suiteauth.config.json: per-rule severity and exclude globs, found from a subfolder upward', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'warning' }, exclude: ['legacy', '*.mjs'] }));
    assert.deepEqual(files(cli(['scan', '--format', 'json'], { cwd: dir }).stdout), ['src/restlet_caller.js warning', 'src/suppressed.js warning']);
    // From src/, the config one folder up still applies, and globs stay relative to the config's folder.
    assert.deepEqual(files(cli(['scan', '.', '--format', 'json'], { cwd: path.join(dir, 'src') }).stdout), ['restlet_caller.js warning', 'suppressed.js warning']);
  });

  it('include globs: only matching files are analysed (anchored at the project root, braces work)', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ include: ['src/**/*.{js,ts}', 'legacy/*.mjs'], exclude: ['src/suppressed.js'] }));
    assert.deepEqual(files(cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['legacy/old.mjs error', 'src/restlet_caller.js error']);
  });

  it('a "suiteauth" key in package.json is the config; suiteauth.config.json in the same folder wins', () => {
    const dir = project();
    write(dir, 'package.json', JSON.stringify({ name: 'x', version: '1.0.0', suiteauth: { exclude: ['src/'] } }, null, 2));
    assert.deepEqual(files(cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['integrations/sync.mjs error', 'legacy/old.mjs error']);
    write(dir, 'suiteauth.config.json', JSON.stringify({ exclude: ['integrations', 'legacy'] }));
    assert.deepEqual(files(cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['src/restlet_caller.js error', 'src/suppressed.js error']);
  });

  it('a package.json without the key is skipped, and the search goes on upward', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ exclude: ['legacy'] }));
    write(dir, 'src/package.json', JSON.stringify({ name: 'inner' }));
    assert.deepEqual(files(cli(['scan', '.', '--format', 'json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout), ['restlet_caller.js error', 'suppressed.js error']);
  });

  it('--config PATH points elsewhere (a JSON file or a package.json); its globs are relative to the working directory', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ exclude: ['src'] }));
    write(dir, 'ci/strict.json', JSON.stringify({ rules: { 'nlauth-header': 'hint' }, exclude: ['legacy'] }));
    write(dir, 'ci/other/package.json', JSON.stringify({ suiteauth: { exclude: ['**/sync.mjs'] } }));
    const strict = files(cli(['scan', '--config', 'ci/strict.json', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
    assert.deepEqual(strict, ['integrations/sync.mjs hint', 'src/restlet_caller.js hint', 'src/suppressed.js hint']);
    const pkg = files(cli(['scan', '-c', 'ci/other/package.json', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
    assert.deepEqual(pkg, ['legacy/old.mjs error', 'src/restlet_caller.js error', 'src/suppressed.js error']);
  });

  it('comments and trailing commas are allowed; "$schema" is accepted', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', '{\n  "$schema": "./schema.json",\n  // legacy code is migrated separately\n  "exclude": ["legacy",],\n}\n');
    const run = cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(JSON.parse(run.stdout).findings.length, 3);
  });

  it('"enable": false analyses nothing and says so', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ enable: false }));
    const run = cli(['scan'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'suiteauth: SuiteAuth is disabled by suiteauth.config.json ("enable": false); nothing was analysed\n');
    assert.equal(run.stdout, 'No problems found; 0 files scanned.\n');
  });

  it('a wrong config exits 2 with a message naming the file and the key', () => {
    const dir = project();
    const cases: [string, string, string][] = [
      ['suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'warn' } }), 'suiteauth: invalid config suiteauth.config.json:\n  rules.nlauth-header: Invalid option: expected one of "off"|"hint"|"info"|"warning"|"error"\n'],
      ['suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-headr': 'error' } }), "  rules.nlauth-headr: unknown rule id 'nlauth-headr' (known: nlauth-header, "],
      ['suiteauth.config.json', JSON.stringify({ exlude: ['legacy'] }), '  exlude: unknown key (known keys: enable, rules, include, exclude, maxFileSize)\n'],
      ['suiteauth.config.json', JSON.stringify({ include: 'src/**' }), '  include: Invalid input: expected array, received string\n'],
      ['suiteauth.config.json', JSON.stringify({ exclude: ['ok', 3] }), '  exclude.1: Invalid input: expected string, received number\n'],
      ['suiteauth.config.json', JSON.stringify({ maxFileSize: 0 }), '  maxFileSize: Too small: expected number to be >0\n'],
      ['suiteauth.config.json', JSON.stringify({ enable: 'yes' }), '  enable: Invalid input: expected boolean, received string\n'],
      ['suiteauth.config.json', '[]', 'suiteauth: suiteauth.config.json: the config must be a JSON object, got an array\n'],
      ['suiteauth.config.json', '{\n  "rules": {\n    "nlauth-header": "error"\n  \n', 'suiteauth: suiteauth.config.json:5:1: invalid JSON (CloseBraceExpected)\n'],
      ['package.json', JSON.stringify({ name: 'x', suiteauth: { rules: [] } }), 'suiteauth: invalid config package.json#suiteauth:\n  rules: Invalid input: expected record, received array\n'],
    ];
    for (const [name, text, message] of cases) {
      fs.rmSync(path.join(dir, 'suiteauth.config.json'), { force: true });
      fs.rmSync(path.join(dir, 'package.json'), { force: true });
      write(dir, name, text);
      const run = cli(['scan'], { cwd: dir });
      assert.equal(run.status, 2, `${text}: ${run.stderr}`);
      assert.ok(run.stderr.includes(message), `${text}\n${run.stderr}`);
      assert.equal(run.stdout, '');
    }
    const missing = cli(['scan', '--config', 'nope.json'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'suiteauth: cannot read config nope.json: ENOENT\n');
    write(dir, 'p/package.json', '{"name":"p"}');
    assert.equal(cli(['scan', '--config', 'p/package.json'], { cwd: dir }).stderr, 'suiteauth: p/package.json has no "suiteauth" key\n');
  });

  it('a config error never echoes the offending value (it could be a pasted secret)', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ rules: { 'nlauth-header': 'Sup3r-S3cret-Pa55!' }, password: 'Hunter2-Config-Secret' }));
    const run = cli(['scan'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.ok(!run.stderr.includes('Sup3r') && !run.stderr.includes('Hunter2'), run.stderr);
    assert.match(run.stderr, /password: unknown key/);
  });
});

describe('include/exclude globs (core/globs)', () => {
  it('a pattern without a slash matches a name at any depth; with a slash it is anchored', () => {
    const f = compilePathFilter([], ['*.min.js', 'vendor', 'src/gen/**', '/top.js']);
    assert.equal(f.excluded('a/b/c.min.js'), true);
    assert.equal(f.excluded('c.min.js'), true);
    assert.equal(f.excluded('a/vendor/x.js'), true, 'a folder name excludes what is under it');
    assert.equal(f.excluded('vendor'), true);
    assert.equal(f.excluded('src/gen/a/b.js'), true);
    assert.equal(f.excluded('lib/src/gen/b.js'), false);
    assert.equal(f.excluded('top.js'), true);
    assert.equal(f.excluded('a/top.js'), false, 'a leading / anchors a name');
    assert.equal(f.excluded('src/app.js'), false);
  });

  it('trailing slashes, ./ prefixes, dot files and braces', () => {
    const f = compilePathFilter(['./src/**/*.{js,ts}'], ['legacy/', '.secrets/**']);
    assert.equal(f.excluded('legacy/a.js'), true);
    assert.equal(f.excluded('.secrets/a.js'), true);
    assert.equal(f.included('src/a.ts'), true);
    assert.equal(f.included('src/deep/a.js'), true);
    assert.equal(f.included('src/a.json'), false);
    assert.equal(f.included('lib/a.js'), false);
    assert.equal(compilePathFilter([], []).included('anything.js'), true);
  });
});
