import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Rule, RuleContext } from '../../server/src/core/rule';
import { ALL_RULES } from '../../server/src/rules';
import { buildOnce, cleanTemps, cli, cliInProcess, project, read, ROOT, snapshot, tempDir, write } from './helpers';

/** The token helper nlauth-header appends in Node code, as in its hand-reviewed fixture node-axios.fixed.mjs. */
function tokenHelper(): string {
  const reviewed = fs.readFileSync(path.join(ROOT, 'server/src/rules/nlauth-header/fixtures/node-axios.fixed.mjs'), 'utf8');
  return reviewed.slice(reviewed.indexOf('// OAuth 2.0 client credentials (M2M) for NetSuite'));
}

const RESTLET_CALLER_FIXED = `/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 */
define(['N/https', 'N/url'], (https, url) => {
  const onRequest = (context) => {
    const response = https.requestRestlet({
      scriptId: 'customscript_orders_rl',
      deploymentId: 'customdeploy_orders_rl',
      method: https.Method.GET,
      headers: {
        'Content-Type': 'application/json',
      },
    });
    context.response.write(response.body);
  };
  return { onRequest };
});
`;

const SYNC_FIXED_HEAD = `import axios from 'axios';

export async function pushOrder(order) {
  const auth = \`Bearer \${await getNetSuiteAccessToken()}\`;
  const { data } = await axios.post(process.env.RESTLET_URL, order, { headers: { Authorization: auth } });
  return data;
}

`;

describe('cli: --fix', function () {
  this.timeout(60000);
  before(buildOnce);
  after(cleanTemps);

  it('applies the preferred fixes in place (exact text), leaves suppressed, ignored and clean files alone, and reports what is left', () => {
    const dir = project();
    const before = snapshot(dir);
    const suppressedBefore = read(dir, 'src/suppressed.js');
    const run = cli(['scan', '--fix', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'Fixed 4 problems in 4 files.\nNo problems found; 5 files scanned.\n');

    assert.equal(read(dir, 'src/restlet_caller.js'), RESTLET_CALLER_FIXED);
    assert.equal(read(dir, 'integrations/sync.mjs'), SYNC_FIXED_HEAD + tokenHelper());
    assert.equal(read(dir, 'legacy/old.mjs'), SYNC_FIXED_HEAD + tokenHelper());
    // Line 7 is suppressed and stays; line 11 (another account's RESTlet) gets the rule's API-secret Bearer header.
    assert.equal(
      read(dir, 'src/suppressed.js'),
      suppressedBefore.replace(
        "const auth = 'NLAuth nlauth_account=1234567, nlauth_email=ops@example.com, nlauth_signature=' + getPassword(); // suiteauth-disable-line",
        "const auth = https.createSecureString({ input: 'Bearer {custsecret_netsuite_access_token}' }); // suiteauth-disable-line",
      ),
    );
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((k) => before.get(k) !== after.get(k)).sort();
    assert.deepEqual(changed, ['integrations/sync.mjs', 'legacy/old.mjs', 'src/restlet_caller.js', 'src/suppressed.js']);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no file created or left behind (temporary files included)');
  });

  it('a second --fix run changes nothing', () => {
    const dir = project();
    cli(['scan', '--fix'], { cwd: dir });
    const once = snapshot(dir);
    const again = cli(['scan', '--fix'], { cwd: dir });
    assert.deepEqual(snapshot(dir), once);
    assert.match(again.stdout, /^(?!Fixed)/);
  });

  it('with a machine format, stdout stays pure and the fix summary goes to stderr', () => {
    const dir = project();
    const run = cli(['scan', 'src', '--fix', '--format', 'json', '--rule', 'nlauth-header'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout), { version: 1, findings: [] });
    assert.equal(run.stderr, 'suiteauth: fixed 2 problems in 2 files\n');
  });

  it('keeps the file mode and CRLF line ends', () => {
    const dir = project();
    const file = path.join(dir, 'src/restlet_caller.js');
    fs.chmodSync(file, 0o750);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    cli(['scan', 'src/restlet_caller.js', '--fix'], { cwd: dir });
    assert.equal(fs.statSync(file).mode & 0o777, 0o750);
    const text = read(dir, 'src/restlet_caller.js');
    assert.ok(text.includes('https.requestRestlet'));
    assert.equal(text, RESTLET_CALLER_FIXED.replace(/\n/g, '\r\n'));
  });

  it('never rewrites a file that is not valid UTF-8 (that would change bytes); it says so', () => {
    const dir = project();
    const bytes = Buffer.concat([Buffer.from('// caf\xe9\n', 'latin1'), fs.readFileSync(path.join(dir, 'src/restlet_caller.js'))]);
    write(dir, 'src/latin1.js', bytes);
    const run = cli(['scan', 'src/latin1.js', '--fix'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'suiteauth: not fixing src/latin1.js: it is not valid UTF-8, and rewriting it would change bytes\n');
    assert.ok(fs.readFileSync(path.join(dir, 'src/latin1.js')).equals(bytes));
    assert.match(run.stdout, /^1 problem \(1 error\) in 1 file; 1 file scanned\.$/m);
  });

  describe('createFiles and appendToFiles (a test rule, in-process)', () => {
    /** Finds `MOVE_ME`; its preferred fix calls `moved()` from a new helper.js and documents a variable in .env.example. */
    const testRule: Rule = {
      meta: { ...ALL_RULES[0].meta, id: 'test-move', kinds: ['js'], fixable: true },
      marker: /MOVE_ME/,
      check(context: RuleContext): Finding[] {
        return [...context.document.text.matchAll(/MOVE_ME/g)].map((m) => ({ ruleId: 'test-move', range: { start: m.index, end: m.index + 7 }, message: 'MOVE_ME found' }));
      },
      fixes(finding) {
        return [
          {
            title: 'call moved()',
            preferred: true,
            edits: [{ range: finding.range, newText: 'moved()' }],
            createFiles: [{ relativePath: 'lib/helper.js', text: 'export function moved() {}\n' }],
            appendToFiles: [{ relativePath: '.env.example', text: 'NETSUITE_CLIENT_ID=\n' }],
          },
        ];
      },
    };
    const run = (dir: string, args: string[] = []) => cliInProcess(['scan', '--fix', ...args], { cwd: dir }, { rules: [testRule], version: '9.9.9' });

    it('creates a file that does not exist; appends only to files that exist', async () => {
      const dir = tempDir();
      write(dir, 'a.js', 'const x = MOVE_ME;\nconst y = MOVE_ME;\n');
      const r = await run(dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(read(dir, 'a.js'), 'const x = moved();\nconst y = moved();\n');
      assert.equal(read(dir, 'lib/helper.js'), 'export function moved() {}\n');
      assert.ok(!fs.existsSync(path.join(dir, '.env.example')), 'never created by an append');
      assert.equal(r.stdout, 'Fixed 2 problems in 1 file.\n  created lib/helper.js\nNo problems found; 1 file scanned.\n');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['a.js', 'lib']);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'lib')), ['helper.js'], 'no temporary file left');
    });

    it('appends after a missing final line break, once; an identical existing file is fine', async () => {
      const dir = tempDir();
      write(dir, 'a.js', 'const x = MOVE_ME;\n');
      write(dir, '.env.example', '# settings\nNETSUITE_ACCOUNT_ID=');
      const r = await run(dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(read(dir, '.env.example'), '# settings\nNETSUITE_ACCOUNT_ID=\nNETSUITE_CLIENT_ID=\n');
      assert.equal(r.stdout, 'Fixed 1 problem in 1 file.\n  created lib/helper.js\n  appended to .env.example\nNo problems found; 2 files scanned.\n');
      // Another finding later: the helper exists with the same text, the line is already there: nothing is duplicated.
      write(dir, 'b.js', 'MOVE_ME;\n');
      const again = await run(dir);
      assert.equal(again.stderr, '');
      assert.equal(read(dir, 'b.js'), 'moved();\n');
      assert.equal(read(dir, '.env.example'), '# settings\nNETSUITE_ACCOUNT_ID=\nNETSUITE_CLIENT_ID=\n');
      assert.equal(read(dir, 'lib/helper.js'), 'export function moved() {}\n');
    });

    it('never overwrites a different existing file: the fix that needs it is not applied, and it says so', async () => {
      const dir = tempDir();
      write(dir, 'a.js', 'const x = MOVE_ME;\n');
      write(dir, 'lib/helper.js', '// mine, not yours\n');
      write(dir, '.env.example', 'A=\n');
      const before = snapshot(dir);
      const r = await run(dir);
      assert.equal(r.status, 1, 'the finding is still there');
      assert.deepEqual(snapshot(dir), before, 'not a byte changed');
      assert.equal(r.stderr, 'suiteauth: not fixing a.js: its fix creates lib/helper.js, and a different file with that name exists\n');
      assert.match(r.stdout, /^a\.js\n  1:11  error  MOVE_ME found  test-move  fixable\n/);
    });

    it('a second run changes nothing', async () => {
      const dir = tempDir();
      write(dir, 'a.js', 'MOVE_ME;\n');
      write(dir, '.env.example', 'A=\n');
      await run(dir);
      const once = snapshot(dir);
      const again = await run(dir);
      assert.deepEqual(snapshot(dir), once);
      assert.equal(again.stdout, 'No problems found; 3 files scanned.\n');
      assert.equal(again.status, 0);
    });
  });
});
