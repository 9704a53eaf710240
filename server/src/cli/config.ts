import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { invalidPattern } from '../core/globs';
import { DEFAULT_SETTINGS, parseSettings, settingsSchema, type Settings } from '../core/settings';
import { LineIndex } from '../core/text';

export const CONFIG_FILE = 'suiteauth.config.json';
export const PACKAGE_KEY = 'suiteauth';

/** A config the user must correct; the message names the file and the key. Exit 2. */
export class ConfigError extends Error {}

export interface ProjectConfig {
  settings: Settings;
  /** The file the settings came from (absolute), if any. */
  file?: string;
  /** Where they came from, for messages: `suiteauth.config.json` or `package.json#suiteauth`. */
  label?: string;
  /** The folder include/exclude patterns are relative to: the found config file's folder, else (`--config`, no config) the working directory. */
  root: string;
}

/**
 * The project config: `--config PATH`, else the nearest `suiteauth.config.json`
 * or `package.json` with a `suiteauth` key, from `startDir` upward (not above
 * the repository root, when there is one). Validated by the same zod schema
 * as the VS Code settings, but strictly: any problem is an error, and keys the
 * schema does not know are errors too (a typo must not silently do nothing).
 */
export function loadProjectConfig(options: { explicit?: string; startDir: string; stopAt?: string; cwd: string; knownRuleIds: readonly string[] }): ProjectConfig {
  if (options.explicit) {
    const file = path.resolve(options.cwd, options.explicit);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read config ${options.explicit}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const isPackage = path.basename(file) === 'package.json';
    const label = isPackage ? `${options.explicit}#${PACKAGE_KEY}` : options.explicit;
    const raw = parseJsonFile(text, label);
    if (isPackage) {
      const section = (raw as Record<string, unknown> | undefined)?.[PACKAGE_KEY];
      if (section === undefined) throw new ConfigError(`${options.explicit} has no "${PACKAGE_KEY}" key`);
      return { settings: validate(section, label, options.knownRuleIds), file, label, root: options.cwd };
    }
    // As with ESLint's --config: a config named on the command line applies to the working directory.
    return { settings: validate(raw, label, options.knownRuleIds), file, label, root: options.cwd };
  }
  let dir = path.resolve(options.startDir);
  const stop = options.stopAt ? path.resolve(options.stopAt) : undefined;
  for (;;) {
    const configFile = path.join(dir, CONFIG_FILE);
    if (isFile(configFile)) {
      const label = path.relative(options.cwd, configFile) || CONFIG_FILE;
      const raw = parseJsonFile(readOrThrow(configFile, label), label);
      return { settings: validate(raw, label, options.knownRuleIds), file: configFile, label, root: dir };
    }
    const packageFile = path.join(dir, 'package.json');
    if (isFile(packageFile)) {
      const text = readOrThrow(packageFile, packageFile);
      // Only a package.json that mentions the key is parsed (and then it must be valid).
      if (text.includes(`"${PACKAGE_KEY}"`)) {
        const label = `${path.relative(options.cwd, packageFile) || 'package.json'}#${PACKAGE_KEY}`;
        const raw = parseJsonFile(text, label) as Record<string, unknown> | undefined;
        if (raw && typeof raw === 'object' && !Array.isArray(raw) && raw[PACKAGE_KEY] !== undefined) {
          return { settings: validate(raw[PACKAGE_KEY], label, options.knownRuleIds), file: packageFile, label, root: dir };
        }
      }
    }
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  return { settings: structuredClone(DEFAULT_SETTINGS), root: options.cwd };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function readOrThrow(file: string, label: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** JSON with comments and trailing commas; a syntax error names the line and column. */
function parseJsonFile(text: string, label: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const p = new LineIndex(text).positionAt(e.offset);
    throw new ConfigError(`${label}:${p.line + 1}:${p.character + 1}: invalid JSON (${printParseErrorCode(e.error)})`);
  }
  return value;
}

/** Keys a config may hold besides the settings: editors' `$schema` reference. */
const EXTRA_KEYS = new Set(['$schema']);

function validate(raw: unknown, label: string, knownRuleIds: readonly string[]): Settings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${label}: the config must be a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  }
  const problems: string[] = [];
  const known = Object.keys(settingsSchema.shape);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key) && !EXTRA_KEYS.has(key)) problems.push(`${key}: unknown key (known keys: ${known.join(', ')})`);
  }
  const { settings, problems: schemaProblems } = parseSettings(raw, knownRuleIds);
  for (const p of schemaProblems) problems.push(p.key ? `${p.key}: ${p.message}` : p.message);
  for (const key of ['include', 'exclude'] as const) {
    const bad = invalidPattern(settings[key]);
    if (bad) problems.push(`${key}.${bad.index}: invalid glob (${bad.message})`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid config ${label}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return settings;
}
