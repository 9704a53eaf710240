import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchRules, parseGitignore } from '../../server/src/cli/gitignore';
import { parseFileList } from '../../server/src/cli/files';
import { scanFile } from '../../server/src/cli/scan';
import { Analyzer } from '../../server/src/core/analyzer';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { ALL_RULES } from '../../server/src/rules';
import { buildOnce, cleanTemps, cli, cliInProcess, project, read, write } from './helpers';

const fileList = (stdout: string) => [...new Set(JSON.parse(stdout).findings.map((f: { file: string }) => f.file))];

describe('cli: which files are scanned', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('skips node_modules and what .gitignore files list (root and nested)', () => {
    const dir = project();
    // generated/ is ignored by ./.gitignore, src/secrets.local.js by src/.gitignore, node_modules always.
    assert.deepEqual(fileList(cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), [
      'integrations/sync.mjs',
      'legacy/old.mjs',
      'src/restlet_caller.js',
      'src/suppressed.js',
    ]);
    const all = fileList(cli(['scan', '--format', 'json', '--rule', 'nlauth-header', '--no-gitignore'], { cwd: dir }).stdout);
    assert.deepEqual(all, ['generated/nlauth.js', 'integrations/sync.mjs', 'legacy/old.mjs', 'src/restlet_caller.js', 'src/secrets.local.js', 'src/suppressed.js']);
  });

  it('a repository root .gitignore applies when scanning a subfolder; negation re-includes; .git/info/exclude counts', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, '.git/info'), { recursive: true });
    write(dir, '.gitignore', 'generated/\n*.mjs\n!integrations/*.mjs\n');
    write(dir, '.git/info/exclude', 'src/suppressed.js\n');
    assert.deepEqual(fileList(cli(['scan', '.', '--format', 'json', '--rule', 'nlauth-header'], { cwd: path.join(dir, 'src') }).stdout), ['restlet_caller.js']);
    assert.deepEqual(fileList(cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['integrations/sync.mjs', 'src/restlet_caller.js']);
  });

  it('files named on the command line are scanned even if .gitignore lists them (git does not ignore tracked files)', () => {
    const dir = project();
    assert.deepEqual(fileList(cli(['scan', 'generated/nlauth.js', 'src/secrets.local.js', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['generated/nlauth.js', 'src/secrets.local.js']);
    // A named folder is walked, with the .gitignore rules for what is inside it.
    assert.deepEqual(fileList(cli(['scan', 'node_modules', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir }).stdout), ['node_modules/nlauth-lib/index.js']);
  });

  it('a file excluded by the project config is skipped with a note when named on the command line', () => {
    const dir = project();
    write(dir, 'suiteauth.config.json', JSON.stringify({ exclude: ['legacy'] }));
    write(dir, 'README.md', '# NLAuth notes\n');
    const run = cli(['scan', 'legacy/old.mjs', 'src/clean.js', 'README.md'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'suiteauth: skipped legacy/old.mjs: excluded by the project config\nsuiteauth: skipped README.md: not a kind of file SuiteAuth analyses\n');
  });

  it('reads a file list from stdin with `-` (lines or NUL-separated); deleted files are a note, not an error', () => {
    const dir = project();
    write(dir, 'README.md', '# NLAuth notes\n');
    const lines = cli(['scan', '-', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir, input: 'src/restlet_caller.js\r\n\nlegacy/old.mjs\nsrc/deleted.js\nREADME.md\n' });
    assert.equal(lines.status, 1);
    assert.deepEqual(fileList(lines.stdout), ['src/restlet_caller.js', 'legacy/old.mjs']);
    assert.equal(lines.stderr, 'suiteauth: skipped src/deleted.js: no such file\n');
    const nul = cli(['scan', '-', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir, input: 'src/suppressed.js\u0000 integrations/sync.mjs\u0000' });
    assert.equal(nul.stderr, 'suiteauth: skipped  integrations/sync.mjs: no such file\n', 'NUL lists keep spaces');
    assert.deepEqual(fileList(nul.stdout), ['src/suppressed.js']);
    // `-` together with paths; a folder in the list is walked; duplicates are scanned once.
    const mixed = cli(['scan', 'integrations', '-', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir, input: 'src\nintegrations/sync.mjs\n' });
    assert.deepEqual(fileList(mixed.stdout), ['integrations/sync.mjs', 'src/restlet_caller.js', 'src/suppressed.js']);
    // An empty list scans nothing.
    const empty = cli(['scan', '-'], { cwd: dir, input: '' });
    assert.equal(empty.status, 0);
    assert.equal(empty.stdout, 'No problems found; 0 files scanned.\n');
  });

  it('parseFileList', () => {
    assert.deepEqual(parseFileList('a.js\n  b.js  \r\n\nc d.js\n'), ['a.js', 'b.js', 'c d.js']);
    assert.deepEqual(parseFileList('a.js\u0000 b.js\u0000'), ['a.js', ' b.js']);
  });

  it('binary, huge and non-UTF-8 files get a clear note, never a crash', () => {
    const dir = project();
    write(dir, 'src/blob.js', Buffer.from([0x4e, 0x4c, 0x41, 0x75, 0x74, 0x68, 0x00, 0x01, 0x02]));
    write(dir, 'suiteauth.config.json', JSON.stringify({ maxFileSize: 1000 }));
    write(dir, 'src/huge.js', `// NLAuth nlauth_account=1\n${'x'.repeat(5000)}\n`);
    write(dir, 'src/latin1.js', Buffer.concat([Buffer.from("// caf\xe9\nconst h = 'NLAuth nlauth_account=1, nlauth_email=a@b.c, nlauth_signature=' + p;\n", 'latin1')]));
    const run = cli(['scan', 'src', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      [
        'suiteauth: skipped src/blob.js: looks binary (NUL bytes)',
        'suiteauth: skipped src/huge.js: larger than maxFileSize (5028 bytes > 1000 characters)',
        '',
      ].join('\n'),
    );
    assert.match(run.stdout, /^src\/latin1\.js\n {2}2:11 {2}error/m);
    assert.match(run.stdout, /; 4 files scanned\.$/m);
    // SARIF carries the notes as tool notifications.
    const sarif = JSON.parse(cli(['scan', 'src', '--format', 'sarif', '--rule', 'nlauth-header'], { cwd: dir }).stdout);
    assert.deepEqual(
      sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text),
      ['skipped src/blob.js: looks binary (NUL bytes)', 'skipped src/huge.js: larger than maxFileSize (5028 bytes > 1000 characters)'],
    );
  });

  it('an unreadable file or folder is a note, not a crash', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const dir = project();
    write(dir, 'src/locked.js', 'NLAuth');
    fs.chmodSync(path.join(dir, 'src/locked.js'), 0);
    fs.mkdirSync(path.join(dir, 'closed'));
    fs.chmodSync(path.join(dir, 'closed'), 0);
    try {
      const run = cli(['scan', '--rule', 'nlauth-header'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /suiteauth: cannot read folder closed: permission denied/);
      assert.match(run.stderr, /suiteauth: skipped src\/locked\.js: cannot read it \(permission denied\)/);
    } finally {
      fs.chmodSync(path.join(dir, 'closed'), 0o755);
    }
  });

  it('a file that cannot be read becomes a skipped report, not an exception (works as root too)', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'folder.js'));
    const report = scanFile(new Analyzer(ALL_RULES), path.join(dir, 'folder.js'), DEFAULT_SETTINGS);
    assert.equal(report.skipped, 'cannot read it (is a folder)');
    assert.deepEqual(report.findings, []);
    const gone = scanFile(new Analyzer(ALL_RULES), path.join(dir, 'gone.js'), DEFAULT_SETTINGS);
    assert.equal(gone.skipped, 'cannot read it (no such file)');
  });

  it('a file that is really a folder, a dangling symlink and a symlink loop do not crash the walk', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'src/folder.js'));
    fs.symlinkSync(path.join(dir, 'nowhere.js'), path.join(dir, 'src/dangling.js'));
    fs.symlinkSync(dir, path.join(dir, 'src/loop'));
    fs.symlinkSync(path.join(dir, 'src/restlet_caller.js'), path.join(dir, 'linked.js'));
    const run = cli(['scan', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(fileList(run.stdout), ['integrations/sync.mjs', 'legacy/old.mjs', 'linked.js', 'src/restlet_caller.js', 'src/suppressed.js']);
  });

  it('progress goes to stderr on a terminal only, and is cleared', async () => {
    const dir = project();
    let t = 0;
    const now = () => (t += 400);
    const tty = await cliInProcess(['scan', '--rule', 'nlauth-header', '--format', 'json'], { cwd: dir, stderrTTY: true, now });
    assert.match(tty.stderr, /\r\u001b\[Kscanning \d\/5 [^\r]+/);
    assert.ok(tty.stderr.endsWith('\r\u001b[K'), JSON.stringify(tty.stderr));
    assert.equal(JSON.parse(tty.stdout).findings.length, 4);
    t = 0;
    const pipe = await cliInProcess(['scan', '--rule', 'nlauth-header', '--format', 'json'], { cwd: dir, stderrTTY: false, now });
    assert.equal(pipe.stderr, '');
    t = 0;
    const ci = await cliInProcess(['scan', '--rule', 'nlauth-header', '--format', 'json'], { cwd: dir, stderrTTY: true, now, env: { CI: 'true' } });
    assert.equal(ci.stderr, '');
    assert.equal(read(dir, 'src/clean.js').length > 0, true);
  });
});

describe('.gitignore matching (cli/gitignore)', () => {
  const ignored = (gitignore: string, p: string, isDir = false) => matchRules(parseGitignore(gitignore), p, isDir) === true;

  it('names at any depth, anchored paths, folders only', () => {
    assert.ok(ignored('foo.js', 'foo.js'));
    assert.ok(ignored('foo.js', 'a/b/foo.js'));
    assert.ok(ignored('/foo.js', 'foo.js'));
    assert.ok(!ignored('/foo.js', 'a/foo.js'));
    assert.ok(ignored('a/foo.js', 'a/foo.js'));
    assert.ok(!ignored('a/foo.js', 'x/a/foo.js'), 'a slash in the middle anchors');
    assert.ok(ignored('build/', 'build', true));
    assert.ok(!ignored('build/', 'build', false), 'a trailing slash matches folders only');
    assert.ok(ignored('build/', 'x/build', true));
  });

  it('wildcards: * and ? stop at slashes, ** crosses folders, classes, escapes', () => {
    assert.ok(ignored('*.log', 'a/b.log'));
    assert.ok(!ignored('a/*.js', 'a/b/c.js'));
    assert.ok(ignored('a/**/c.js', 'a/c.js'));
    assert.ok(ignored('a/**/c.js', 'a/x/y/c.js'));
    assert.ok(ignored('**/c.js', 'c.js'));
    assert.ok(ignored('**/x/c.js', 'a/x/c.js'));
    assert.ok(ignored('a/**', 'a/b/c'));
    assert.ok(!ignored('a/**', 'a', true), '`a/**` matches what is inside a, not a');
    assert.ok(ignored('f?o', 'foo'));
    assert.ok(!ignored('f?o', 'f/o'));
    assert.ok(ignored('[abc].js', 'b.js'));
    assert.ok(!ignored('[!abc].js', 'b.js'));
    assert.ok(ignored('[!abc].js', 'd.js'));
    assert.ok(ignored('[a-c]x', 'bx'));
    assert.ok(ignored('[[:digit:]]x', '7x'));
    assert.ok(ignored('x[', 'x['), 'an unclosed [ is literal');
    assert.ok(ignored('\\#notes', '#notes'));
    assert.ok(ignored('\\!important', '!important'));
    assert.ok(ignored('a\\*b', 'a*b'));
    assert.ok(!ignored('a\\*b', 'axb'));
    assert.ok(ignored('(a|b).js', '(a|b).js'), 'parentheses are literal');
    assert.ok(!ignored('(a|b).js', 'a.js'));
    assert.ok(ignored('{a,b}.js', '{a,b}.js'), 'no brace expansion in .gitignore');
    assert.ok(ignored('a**b', 'axyb'));
    assert.ok(!ignored('a**b', 'ax/yb'), '** inside a name is a plain *');
  });

  it('comments, blank lines, trailing spaces, negation (last match wins)', () => {
    assert.deepEqual(parseGitignore('# comment\n\n   \n'), []);
    assert.ok(ignored('foo.js   ', 'foo.js'));
    assert.ok(ignored('foo\\ ', 'foo '));
    assert.ok(!ignored('*.js\n!keep.js', 'keep.js'));
    assert.ok(ignored('*.js\n!keep.js\nkeep.js', 'keep.js'));
    assert.equal(matchRules(parseGitignore('*.md'), 'a.js', false), undefined, 'no rule matches: undecided');
    assert.equal(matchRules(parseGitignore('*.js\n!a.js'), 'a.js', false), false);
  });
});
