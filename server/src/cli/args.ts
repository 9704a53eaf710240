import { FORMATS, type Format } from './formats';
import { UsageError } from './files';

export interface ScanOptions {
  paths: string[];
  /** `-` was given: read more paths from stdin. */
  stdin: boolean;
  format: Format;
  fix: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  maxWarnings?: number;
  quiet: boolean;
  rules: string[];
  output?: string;
  gitignore: boolean;
  /** `--color` / `--no-color`; otherwise decided by the environment. */
  color?: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanOptions };

export const USAGE = `Usage: suiteauth scan [paths...] [options]

Finds NetSuite authentication that is insecure, prohibited or retiring
(NLAuth, SOAP passport, TBA, OAuth 2.0 without PKCE, ...) in code and config.
Paths default to the current folder; \`-\` reads a list of paths from stdin
(one a line, or NUL-separated).

Options:
  -f, --format FORMAT     text (default), json, sarif or github
      --fix               apply each finding's preferred fix in place, then report what is left
  -c, --config PATH       project config (default: the nearest suiteauth.config.json,
                          or package.json with a "suiteauth" key, from the scanned folder up)
      --rule ID           run only this rule (repeatable, or comma-separated)
  -q, --quiet             report errors only
      --max-warnings N    fail only when there are more than N warnings
      --baseline FILE     fail only on findings not in this baseline
      --write-baseline FILE
                          write every current finding to FILE as the new baseline
  -o, --output FILE       write the report to FILE instead of stdout
      --no-gitignore      do not skip paths listed in .gitignore files
      --color, --no-color force colours in the text format on or off
  -h, --help              this help
      --version           the version

Exit code: 0 nothing at warning or above (or within --max-warnings),
1 findings at warning or above, 2 bad usage, a wrong config or an internal error.

Documentation: https://github.com/suiteauth/suiteauth/blob/main/docs/cli.md`;

const WITH_VALUE = new Map<string, string>([
  ['-f', '--format'],
  ['--format', '--format'],
  ['-c', '--config'],
  ['--config', '--config'],
  ['--rule', '--rule'],
  ['--max-warnings', '--max-warnings'],
  ['--baseline', '--baseline'],
  ['--write-baseline', '--write-baseline'],
  ['-o', '--output'],
  ['--output', '--output'],
]);

export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help') || args[0] === 'help') return { kind: 'help' };
  if (args.includes('--version') || args[0] === 'version') return { kind: 'version' };
  const command = args.shift();
  if (command === undefined) throw new UsageError('missing command (did you mean `suiteauth scan`?)');
  if (command !== 'scan') throw new UsageError(`unknown command '${command}'`);
  const options: ScanOptions = { paths: [], stdin: false, format: 'text', fix: false, quiet: false, rules: [], gitignore: true };
  let onlyPaths = false;
  while (args.length > 0) {
    let arg = args.shift()!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      if (arg === '-' && !onlyPaths) options.stdin = true;
      else options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const name = WITH_VALUE.get(arg);
    if (name) {
      if (value === undefined) {
        value = args.shift();
        if (value === undefined || (value.startsWith('-') && value !== '-' && !/^-\d/.test(value))) throw new UsageError(`${name} needs a value`);
      }
      applyValue(options, name, value);
      continue;
    }
    if (value !== undefined) throw new UsageError(`${arg} takes no value`);
    switch (arg) {
      case '--fix':
        options.fix = true;
        break;
      case '-q':
      case '--quiet':
        options.quiet = true;
        break;
      case '--no-gitignore':
        options.gitignore = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (options.paths.length === 0 && !options.stdin) options.paths.push('.');
  return { kind: 'scan', options };
}

function applyValue(options: ScanOptions, name: string, value: string): void {
  switch (name) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${value}'`);
      options.format = value as Format;
      break;
    case '--config':
      options.config = value;
      break;
    case '--rule':
      for (const id of value.split(',').map((s) => s.trim())) {
        if (id === '') throw new UsageError('--rule needs a rule id');
        if (!options.rules.includes(id)) options.rules.push(id);
      }
      break;
    case '--max-warnings':
      if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings must be a whole number of 0 or more, not '${value}'`);
      options.maxWarnings = Number(value);
      break;
    case '--baseline':
      options.baseline = value;
      break;
    case '--write-baseline':
      options.writeBaseline = value;
      break;
    case '--output':
      options.output = value;
      break;
  }
}
