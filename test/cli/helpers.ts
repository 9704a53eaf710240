import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, type CliDeps } from '../../server/src/cli/main';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'server/out/cli.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
export const DOCS = 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules';

let built = false;
/** `tsc -b server` once per mocha run (incremental, so quick when nothing changed): the spawned CLI is the compiled one. */
export function buildOnce(): void {
  if (built) return;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'server'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits despite type errors; files other people are still writing must not stop these tests (npm test typechecks).
  if (run.status !== 0 && !fs.existsSync(CLI)) throw new Error(`tsc -b server failed:\n${run.stdout}${run.stderr}`);
  if (run.status !== 0) process.stderr.write(`warning: tsc -b server reported errors; testing what it emitted:\n${run.stdout}\n`);
  built = true;
}

const temps: string[] = [];
export function tempDir(prefix = 'suiteauth-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}
export function cleanTemps(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * A copy of test/fixtures/cli/project in a fresh folder, plus the files git
 * must not commit (they are ignored by the fixture's own .gitignore files or
 * live in node_modules): each is a copy of src/restlet_caller.js, so a scan
 * that does not skip them reports more findings.
 */
export function project(): string {
  const dir = tempDir();
  fs.cpSync(path.join(FIXTURES, 'project'), dir, { recursive: true });
  const nlauth = fs.readFileSync(path.join(dir, 'src/restlet_caller.js'));
  for (const rel of ['generated/nlauth.js', 'src/secrets.local.js', 'node_modules/nlauth-lib/index.js']) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), nlauth);
  }
  return dir;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node server/out/cli.js …` with a neutral environment (no colour variables, not CI). */
export function cli(args: readonly string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS', 'SUITEAUTH_DEBUG'].includes(k)) env[k] = v;
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI's main function in-process, with injected streams. */
export async function cliInProcess(
  args: readonly string[],
  options: { cwd: string; stdin?: string; env?: Record<string, string | undefined>; stdoutTTY?: boolean; stderrTTY?: boolean; now?: () => number },
  deps: CliDeps = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(
    args,
    {
      cwd: options.cwd,
      env: options.env ?? {},
      stdout: { write: (s: string) => (stdout += s), isTTY: options.stdoutTTY ?? false },
      stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTTY ?? false },
      readStdin: async () => options.stdin ?? '',
      now: options.now,
    },
    deps,
  );
  return { status, stdout, stderr };
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

export function write(dir: string, rel: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

/** Every file under `dir` with its bytes, for "nothing changed" checks. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

/** The nlauth-header message for the fixture's findings, written out by hand. */
export const MSG = {
  plain: "NLAuth header sends a NetSuite user's email and password with every request. RESTlets created since 2021.1 reject NLAuth and REST web services never accept it; use OAuth 2.0.",
  admin:
    "NLAuth header sends a NetSuite user's email and password with every request. It logs in with role 3 (Administrator), which must use two-factor authentication (mandatory since 2018.2): NetSuite prohibits user credentials for it. RESTlets created since 2021.1 reject NLAuth and REST web services never accept it; use OAuth 2.0.",
};
