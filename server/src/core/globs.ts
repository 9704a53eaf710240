/**
 * The meaning of the `include` / `exclude` settings, shared by every face that
 * filters files (the CLI today). Patterns are picomatch globs (`*`, `**`, `?`,
 * `[...]`, `{a,b}`) matched against a path relative to the project root, with
 * forward slashes:
 *
 * - a pattern without a slash matches the file or folder name at any depth
 *   (`*.min.js`, `legacy`);
 * - a pattern with a slash is anchored at the project root (`src/legacy/**`);
 *   a leading `/` or `./` is dropped;
 * - an `exclude` pattern that matches a folder excludes everything under it
 *   (`vendor`, `vendor/`, `src/old/**` all work);
 * - `include` empty means every supported file; otherwise a file must match
 *   one include pattern (folders are always entered).
 */
// picomatch is a production dependency of typescript-estree's tinyglobby; the posix
// entry point never treats `\` as a separator (paths are normalised to `/` first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const picomatch: (glob: string, options?: Record<string, unknown>) => (path: string) => boolean = require('picomatch/posix');

export interface PathFilter {
  /** `relativePath` uses `/`; folders are tested as they are entered, so their contents need no test. */
  excluded(relativePath: string): boolean;
  included(relativePath: string): boolean;
}

type Matcher = (path: string) => boolean;

function compile(pattern: string): Matcher | undefined {
  let p = pattern.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '.') return undefined;
  const options = { dot: true, basename: !anchored && !p.includes('/') };
  return picomatch(p, options);
}

/** Throws on a pattern picomatch cannot compile (callers report it as a settings problem). */
export function compilePathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  const inc = include.map(compile).filter((m): m is Matcher => !!m);
  const exc = exclude.map(compile).filter((m): m is Matcher => !!m);
  return {
    excluded(relativePath) {
      if (exc.length === 0) return false;
      const parts = relativePath.split('/');
      // The path itself and each folder above it: `vendor` excludes `vendor/a/b.js`.
      for (let i = parts.length; i > 0; i--) {
        const prefix = parts.slice(0, i).join('/');
        if (exc.some((m) => m(prefix))) return true;
      }
      return false;
    },
    included(relativePath) {
      return inc.length === 0 || inc.some((m) => m(relativePath));
    },
  };
}

/** Returns the first pattern that does not compile, with the reason, or undefined. */
export function invalidPattern(patterns: readonly string[]): { index: number; message: string } | undefined {
  for (let i = 0; i < patterns.length; i++) {
    try {
      compile(patterns[i]);
    } catch (error) {
      return { index: i, message: (error as Error).message };
    }
  }
  return undefined;
}
