#!/usr/bin/env node
import * as path from 'node:path';
import { Analyzer } from './core/analyzer';
import { DEFAULT_SETTINGS } from './core/settings';
import { ALL_RULES } from './rules';
import { formatJson, formatSarif, formatText } from './cli/formats';
import { collectFiles, scanFile, UsageError, type FileReport } from './cli/scan';

const VERSION: string = require(path.join(__dirname, '..', '..', 'package.json')).version;

const USAGE = `usage: suiteauth scan [paths...] [--format text|json|sarif] [--fix]

Finds NetSuite authentication that is insecure, prohibited or retiring
(NLAuth, SOAP passport, TBA, OAuth 2.0 without PKCE, ...) in JS/TS files.

  --format F   text (default), json or sarif
  --fix        apply each finding's preferred fix in place, then report what is left
  -h, --help   this help
  --version    the version

Exit code: 0 nothing at warning or above, 1 findings at warning or above, 2 bad usage or internal error.`;

interface Options {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('--version')) return 'version';
  const command = args.shift();
  if (command !== 'scan') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const options: Options = { paths: [], format: 'text', fix: false };
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--fix') options.fix = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args.shift();
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`--format must be text, json or sarif${value ? `, not '${value}'` : ''}`);
      options.format = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function main(argv: string[]): number {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`suiteauth: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const cwd = process.cwd();
  const analyzer = new Analyzer(ALL_RULES);
  const settings = DEFAULT_SETTINGS;
  let files: string[];
  try {
    files = collectFiles(options.paths, (m) => process.stderr.write(`suiteauth: ${m}\n`));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`suiteauth: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = scanFile(analyzer, file, settings, options.fix);
    if (report.syntaxErrors > 0) process.stderr.write(`suiteauth: ${path.relative(cwd, file)} has syntax errors; findings come from the parts that parse\n`);
    if (report.skipped && options.paths.includes(path.relative(cwd, file))) process.stderr.write(`suiteauth: skipped ${path.relative(cwd, file)}: ${report.skipped}\n`);
    reports.push(report);
  }
  const out =
    options.format === 'json' ? formatJson(reports, cwd) : options.format === 'sarif' ? formatSarif(reports, cwd, ALL_RULES, VERSION) : formatText(reports, cwd, !!process.stdout.isTTY && !process.env.NO_COLOR);
  process.stdout.write(out);
  const failing = reports.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
  return failing ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`suiteauth: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 2;
}
