import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindFromLanguageId, kindFromPath, type LanguageKind } from '../core/document';
import { compilePathFilter, invalidPattern, type PathFilter } from '../core/globs';
import { formatProblems, parseSettings, type Settings, type SettingsProblem } from '../core/settings';

/** A workspace folder on disk (folders of other schemes cannot be walked or filtered by path). */
export interface Folder {
  uri: string;
  name: string;
  /** File-system path, or undefined when the folder is not on disk (a virtual workspace). */
  fsPath?: string;
}

export function folderOf(uri: string, name?: string): Folder {
  return { uri, name: name ?? path.basename(uri.replace(/\/+$/, '')), fsPath: fsPathOf(uri) };
}

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The innermost folder containing a path. */
export function containingFolder(folders: readonly Folder[], file: string): Folder | undefined {
  let best: Folder | undefined;
  for (const folder of folders) {
    if (!folder.fsPath) continue;
    const rel = path.relative(folder.fsPath, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (!best || folder.fsPath.length > best.fsPath!.length) best = folder;
  }
  return best;
}

/**
 * Settings as the editor sends them, validated by the schema the CLI uses,
 * plus a check that every include/exclude glob compiles (a bad one is
 * dropped and reported, the others keep working).
 */
export function validateSettings(raw: unknown, ruleIds: readonly string[]): { settings: Settings; problems: SettingsProblem[]; filter: PathFilter } {
  // One wrong glob must not drop the other patterns (an empty include would analyse everything).
  const early: SettingsProblem[] = [];
  let input = raw ?? {};
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    for (const key of ['include', 'exclude'] as const) {
      const list = copy[key];
      if (!Array.isArray(list)) continue;
      copy[key] = list.filter((item, i) => {
        if (typeof item === 'string') return true;
        early.push({ key: `${key}.${i}`, message: `expected a glob string, got ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}` });
        return false;
      });
    }
    input = copy;
  }
  const parsed = parseSettings(input, ruleIds);
  const settings = parsed.settings;
  const problems = [...early, ...parsed.problems];
  for (const key of ['include', 'exclude'] as const) {
    for (;;) {
      const bad = invalidPattern(settings[key]);
      if (!bad) break;
      problems.push({ key: `${key}.${bad.index}`, message: `invalid glob '${settings[key][bad.index]}': ${bad.message}` });
      settings[key] = settings[key].filter((_, i) => i !== bad.index);
    }
  }
  return { settings, problems, filter: compilePathFilter(settings.include, settings.exclude) };
}

export function settingsWarning(problems: readonly SettingsProblem[]): string {
  return `SuiteAuth settings: ${formatProblems(problems)}. Using the defaults for these.`;
}

/**
 * Whether the include/exclude settings let SuiteAuth analyse an open
 * document. Patterns are relative to the workspace folder holding the file
 * (as the CLI's are to the project root); for a file outside every folder
 * they are matched against its name alone. Documents not on disk (untitled,
 * virtual) are always analysed.
 */
export function isAnalysedPath(uri: string, folders: readonly Folder[], filter: PathFilter): boolean {
  const file = fsPathOf(uri);
  if (!file) return true;
  const folder = containingFolder(folders, file);
  const rel = folder ? path.relative(folder.fsPath!, file).split(path.sep).join('/') : path.basename(file);
  if (rel === '') return true;
  return !filter.excluded(rel) && filter.included(rel);
}

/**
 * Reads a file for the FileView of workspace edits: undefined when nothing is
 * there, `{}` when something is but it is not a small readable regular file.
 */
export function readSmallFile(file: string, limit = 4 * 1024 * 1024): { text?: string } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : {};
  }
  if (!st.isFile() || st.size > limit) return {};
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch {
    return {};
  }
}

/**
 * The kind of an open document: its language id, corrected by the file name
 * where the editor's language is too generic or too greedy. VS Code opens
 * `.env` as `properties` (without this extension), and the dotenv language's
 * `.env.*` pattern also matches `.env.json`, which is JSON.
 */
export function kindOf(languageId: string, uri: string): LanguageKind | undefined {
  const byLanguage = kindFromLanguageId(languageId, uri);
  let name = uri;
  try {
    name = decodeURIComponent(uri);
  } catch {
    // keep the raw URI
  }
  const byPath = kindFromPath(name);
  if (byLanguage === 'properties' && byPath === 'dotenv') return 'dotenv';
  if (byLanguage === 'dotenv' && byPath && byPath !== 'dotenv') return byPath;
  return byLanguage;
}
