import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../core/analyzer';
import { compilePathFilter } from '../core/globs';
import type { Rule } from '../core/rule';
import type { Settings } from '../core/settings';
import { ALL_RULES } from '../rules';
import { parseArgs, USAGE, type ScanOptions } from './args';
import { readBaseline, writeBaseline } from './baseline';
import { ConfigError, loadProjectConfig } from './config';
import { collectFiles, findGitRoot, parseFileList, toPosix, UsageError, type Input } from './files';
import { formatGithub, formatJson, formatSarif, formatText } from './formats';
import { countBySeverity, rowsOf, type Note, type RunReport } from './results';
import { fixFile, scanFile, type FileReport } from './scan';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI touches outside the file system, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  readStdin(): Promise<string>;
  /** Milliseconds, for the progress line. */
  now?(): number;
}

export interface CliDeps {
  rules?: readonly Rule[];
  version?: string;
}

export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'suiteauth' && pkg.version) return pkg.version;
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

/** Runs `suiteauth <argv>` and resolves to the exit code (0, 1 or 2); never throws. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const say = (message: string) => io.stderr.write(`suiteauth: ${message}\n`);
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout.write((deps.version ?? packageVersion()) + '\n');
      return 0;
    }
    return await scan(command.options, io, deps, say);
  } catch (error) {
    if (error instanceof UsageError) {
      say(`${error.message}\nRun \`suiteauth --help\` for the options.`);
      return 2;
    }
    if (error instanceof ConfigError) {
      say(error.message);
      return 2;
    }
    say(`internal error: ${describeInternal(error, io.env)}`);
    return 2;
  }
}

function describeInternal(error: unknown, env: Record<string, string | undefined>): string {
  if (env.SUITEAUTH_DEBUG) return (error as Error)?.stack ?? String(error);
  return `${(error as Error)?.message ?? String(error)} (set SUITEAUTH_DEBUG=1 for the stack; please report it at https://github.com/suiteauth/suiteauth/issues)`;
}

/** NO_COLOR / FORCE_COLOR (https://no-color.org, https://force-color.org), then whether stdout is a terminal. */
export function colorEnabled(option: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (option !== undefined) return option;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !(force === '0' || force === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/** A one-line `[n/total] file` counter on stderr for scans that take a while; terminals only. */
class Progress {
  private readonly start: number;
  private last = 0;
  private shown = false;
  constructor(
    private readonly io: CliIo,
    private readonly enabled: boolean,
  ) {
    this.start = this.now();
  }
  private now(): number {
    return this.io.now ? this.io.now() : Date.now();
  }
  update(label: string, done: number, total: number, file: string): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.start < 500 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    const columns = (this.io.stderr as { columns?: number }).columns ?? 80;
    const line = `${label} ${done}/${total} ${file}`;
    this.io.stderr.write(`\r\u001b[K${line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line}`);
  }
  done(): void {
    if (this.shown) this.io.stderr.write('\r\u001b[K');
    this.shown = false;
  }
}

async function scan(options: ScanOptions, io: CliIo, deps: CliDeps, say: (m: string) => void): Promise<number> {
  const cwd = path.resolve(io.cwd);
  const allRules = deps.rules ?? ALL_RULES;
  const knownIds = allRules.map((r) => r.meta.id);
  for (const id of options.rules) {
    if (!knownIds.includes(id)) throw new UsageError(`unknown rule id '${id}' for --rule (known: ${knownIds.join(', ')})`);
  }

  const inputs: Input[] = options.paths.map((p) => ({ path: p, origin: 'argument' as const }));
  if (options.stdin) for (const p of parseFileList(await io.readStdin())) inputs.push({ path: p, origin: 'stdin' });

  const git = findGitRoot(cwd);
  const repoRoot = git?.root ?? cwd;
  const argumentPaths = inputs.filter((i) => i.origin === 'argument').map((i) => path.resolve(cwd, i.path));
  const startDir = argumentPaths.length > 0 ? commonFolder(argumentPaths) : cwd;
  const config = loadProjectConfig({ explicit: options.config, startDir, stopAt: findGitRoot(startDir)?.root, cwd, knownRuleIds: knownIds });
  const settings: Settings = { ...config.settings, rules: { ...config.settings.rules } };
  if (options.rules.length > 0) {
    for (const id of knownIds) {
      // Named rules run even when the config turns them off (at their default severity then).
      if (!options.rules.includes(id)) settings.rules[id] = 'off';
      else if (settings.rules[id] === 'off') delete settings.rules[id];
    }
  }
  const baseline = options.baseline ? readBaseline(path.resolve(cwd, options.baseline), options.baseline) : undefined;

  const progress = new Progress(io, !!io.stderr.isTTY && !io.env.CI);
  const notes: Note[] = [];
  const note = (level: Note['level'], message: string, file?: string) => {
    notes.push({ level, message, file });
    progress.done();
    say(message);
  };
  const rel = (p: string) => toPosix(path.relative(cwd, p)) || '.';

  if (!settings.enable) {
    note('warning', `SuiteAuth is disabled by ${config.label ?? 'the config'} ("enable": false); nothing was analysed`);
  }
  const collected = settings.enable
    ? collectFiles(inputs, { cwd, projectRoot: config.root, filter: compilePathFilter(settings.include, settings.exclude), gitignore: options.gitignore })
    : { files: [], notes: [] };
  for (const n of collected.notes) note('note', n);
  // SuiteAuth's own files (config, baselines, report) are not the user's source; a package.json is.
  const ownConfig = config.file && path.basename(config.file) !== 'package.json' ? config.file : undefined;
  const own = new Set([ownConfig, options.baseline, options.writeBaseline, options.output].filter((p): p is string => !!p).map((p) => path.resolve(cwd, p)));
  collected.files = collected.files.filter((f) => !own.has(f));

  const analyzer = new Analyzer(allRules);
  let internalError = false;
  let fixFailed = false;
  let fixed: RunReport['fixed'];

  if (options.fix) {
    fixed = { problems: 0, files: 0, created: [], appended: [] };
    collected.files.forEach((file, i) => {
      progress.update('fixing', i + 1, collected.files.length, rel(file));
      try {
        const outcome = fixFile(analyzer, file, settings, rel);
        for (const n of outcome.notes) note('warning', n, file);
        if (outcome.failed) fixFailed = true;
        if (outcome.applied > 0) {
          fixed!.problems += outcome.applied;
          fixed!.files++;
        }
        fixed!.created.push(...outcome.created.map(rel));
        fixed!.appended.push(...outcome.appended.map(rel));
      } catch (error) {
        internalError = true;
        note('warning', `internal error while fixing ${rel(file)}: ${describeInternal(error, io.env)}`, file);
      }
    });
    progress.done();
  }

  const reports: FileReport[] = [];
  let filesScanned = 0;
  collected.files.forEach((file, i) => {
    progress.update('scanning', i + 1, collected.files.length, rel(file));
    let report: FileReport;
    try {
      report = scanFile(analyzer, file, settings);
    } catch (error) {
      internalError = true;
      note('warning', `internal error while analysing ${rel(file)}: ${describeInternal(error, io.env)}`, file);
      return;
    }
    if (report.skipped) {
      note('warning', `skipped ${rel(file)}: ${report.skipped}`, file);
      return;
    }
    filesScanned++;
    if (report.syntaxErrors > 0) {
      note('note', `${rel(file)} has syntax errors; findings come from the parts that parse`, file);
    }
    reports.push(report);
  });
  progress.done();

  const allRows = rowsOf(reports, cwd, repoRoot);
  let rows = allRows;
  let baselined = 0;
  if (baseline) {
    rows = rows.filter((r) => !baseline.has(r.fingerprint));
    baselined = allRows.length - rows.length;
  }
  const warnings = countBySeverity(rows).warning;
  let quietHidden = 0;
  if (options.quiet) {
    const kept = rows.filter((r) => r.severity === 'error');
    quietHidden = rows.length - kept.length;
    rows = kept;
  }
  if (options.fix && fixed) {
    const parts = [`fixed ${fixed.problems} problem${fixed.problems === 1 ? '' : 's'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}`];
    if (fixed.created.length > 0) parts.push(`created ${fixed.created.join(', ')}`);
    if (fixed.appended.length > 0) parts.push(`appended to ${fixed.appended.join(', ')}`);
    if (options.format !== 'text' || options.output) say(parts.join('; '));
  }

  const report: RunReport = { rows, filesScanned, baselined, quietHidden, notes, fixed, internalError: internalError || fixFailed };
  const toFile = options.output !== undefined;
  const text =
    options.format === 'json'
      ? formatJson(report)
      : options.format === 'sarif'
        ? formatSarif(report, { rules: allRules, version: deps.version ?? packageVersion(), repoRoot })
        : options.format === 'github'
          ? formatGithub(report)
          : formatText(report, { color: colorEnabled(options.color, io.env, !toFile && !!io.stdout.isTTY) });
  if (toFile) {
    try {
      fs.writeFileSync(path.resolve(cwd, options.output!), text);
    } catch (error) {
      say(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
  } else io.stdout.write(text);

  if (options.writeBaseline) {
    try {
      writeBaseline(path.resolve(cwd, options.writeBaseline), allRows);
    } catch (error) {
      say(`cannot write baseline ${options.writeBaseline}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
    say(`wrote ${allRows.length} finding${allRows.length === 1 ? '' : 's'} to the baseline ${options.writeBaseline}`);
  }

  if (report.internalError) return 2;
  if (options.writeBaseline) return 0;
  const errors = rows.filter((r) => r.severity === 'error').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    say(`${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}`);
    return 1;
  }
  if (errors > 0) return 1;
  if (options.maxWarnings === undefined && !options.quiet && warnings > 0) return 1;
  return 0;
}

/** The deepest folder containing every path (a file counts as its folder). */
function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => {
    try {
      return fs.statSync(p).isDirectory() ? p : path.dirname(p);
    } catch {
      return path.dirname(p);
    }
  });
  let common = folders[0];
  for (const f of folders.slice(1)) {
    while (path.relative(common, f).startsWith('..') || path.isAbsolute(path.relative(common, f))) {
      const parent = path.dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}
