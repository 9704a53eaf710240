import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindFromPath } from '../core/document';
import type { PathFilter } from '../core/globs';
import { GitIgnore } from './gitignore';

/** Build output and dependencies are never the user's source. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', 'build', 'coverage', '.next', '.nuxt', '.cache', '.vscode-test', 'bower_components']);

export class UsageError extends Error {}

/** Where a path to scan came from: named paths must exist, listed ones (stdin) may have been deleted. */
export interface Input {
  path: string;
  origin: 'argument' | 'stdin';
}

export interface CollectOptions {
  cwd: string;
  /** Folder include/exclude patterns are relative to (the config file's folder, or the working directory). */
  projectRoot: string;
  filter: PathFilter;
  /** Skip what `.gitignore` files (of the repository around each scanned folder) list. */
  gitignore: boolean;
}

export interface Collected {
  files: string[];
  /** Things the user should know about, one line each (no source text). */
  notes: string[];
}

/**
 * The files a scan analyses, in a stable order: named files (even if
 * `.gitignore`d: git does not ignore tracked files either) and supported
 * files under named folders, skipping dependency/build folders, `.gitignore`d
 * paths and the project's `exclude` patterns.
 */
export function collectFiles(inputs: readonly Input[], options: CollectOptions): Collected {
  const files: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();
  const ignores = new Map<string, GitIgnore>();
  const rel = (p: string) => toPosix(path.relative(options.cwd, p)) || '.';
  const projectRelative = (p: string) => toPosix(path.relative(options.projectRoot, p));
  const isExcluded = (p: string) => {
    const r = projectRelative(p);
    return r !== '' && !r.startsWith('../') && options.filter.excluded(r);
  };
  const isIncluded = (p: string) => {
    const r = projectRelative(p);
    return r.startsWith('../') || options.filter.included(r);
  };

  // The repository's .gitignore files from its root down apply; outside a repository, those from the scanned folder down.
  const ignoreFor = (dir: string): GitIgnore => {
    const git = findGitRoot(dir);
    const top = git?.root ?? dir;
    let gi = ignores.get(top);
    if (!gi) {
      gi = new GitIgnore(top, git?.gitDir);
      ignores.set(top, gi);
    }
    return gi;
  };

  const addFile = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push(abs);
  };

  const walk = (dir: string, gi: GitIgnore | undefined) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      real = dir;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      notes.push(`cannot read folder ${rel(dir)}: ${errorCode(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Linked files are scanned; linked folders are not entered (no loops, no scanning outside the tree).
        try {
          const st = fs.statSync(abs);
          isFile = st.isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (gi && gi.ignored(abs, true)) continue;
        if (isExcluded(abs)) continue;
        walk(abs, gi);
      } else if (isFile) {
        if (!kindFromPath(entry.name)) continue;
        if (gi && gi.ignored(abs, false)) continue;
        if (isExcluded(abs) || !isIncluded(abs)) continue;
        addFile(abs);
      }
    }
  };

  for (const input of inputs) {
    const abs = path.resolve(options.cwd, input.path);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      if (input.origin === 'argument') throw new UsageError(`no such file or folder: ${input.path}`);
      notes.push(`skipped ${input.path}: ${errorCode(error) === 'ENOENT' ? 'no such file' : errorCode(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      walk(abs, options.gitignore ? ignoreFor(abs) : undefined);
    } else if (stat.isFile()) {
      if (isExcluded(abs) || !isIncluded(abs)) {
        if (input.origin === 'argument') notes.push(`skipped ${rel(abs)}: excluded by the project config`);
        continue;
      }
      if (!kindFromPath(abs)) {
        if (input.origin === 'argument') notes.push(`skipped ${rel(abs)}: not a kind of file SuiteAuth analyses`);
        continue;
      }
      addFile(abs);
    } else {
      notes.push(`skipped ${input.path}: not a regular file or folder`);
    }
  }
  return { files, notes };
}

/** Paths read from stdin: one a line, or NUL-separated (`git ls-files -z`). */
export function parseFileList(text: string): string[] {
  const parts = text.includes('\u0000') ? text.split('\u0000') : text.split(/\r?\n/);
  return parts.map((p) => (text.includes('\u0000') ? p : p.trim())).filter((p) => p !== '');
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isInside(child: string, parent: string): boolean {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? String((error as Error)?.message ?? error);
}

/** The repository root (the folder with `.git`, a folder or a worktree/submodule file) above `dir`, if any. */
export function findGitRoot(dir: string): { root: string; gitDir?: string } | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const dotGit = path.join(current, '.git');
    try {
      const st = fs.statSync(dotGit);
      if (st.isDirectory()) return { root: current, gitDir: dotGit };
      if (st.isFile()) {
        const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
        return { root: current, gitDir: m ? path.resolve(current, m[1].trim()) : undefined };
      }
    } catch {
      // not here
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
