import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `.gitignore` semantics (gitignore(5)), implemented here because no
 * gitignore parser is a production dependency:
 *
 * - blank lines and lines starting with `#` are ignored; `\#` and `\!` escape;
 * - trailing spaces are ignored unless escaped with `\`;
 * - `!` re-includes what an earlier pattern excluded (the last match wins, and
 *   deeper `.gitignore` files come after the ones above them);
 * - a trailing `/` matches folders only;
 * - a pattern with a `/` at the start or in the middle is relative to the
 *   `.gitignore`'s folder; otherwise it matches at any depth;
 * - `*` and `?` never match `/`; `[...]` (with `!`/`^` negation, ranges and
 *   POSIX classes) matches one character; a `**` segment (leading, inner
 *   or trailing) matches any number of folders; other `**` are plain `*`.
 * A file inside an excluded folder cannot be re-included (the walk never
 * enters the folder), as in git.
 */
export interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
  /** The line as written, for messages and tests. */
  source: string;
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const rule = parseLine(rawLine);
    if (rule) rules.push(rule);
  }
  return rules;
}

function parseLine(rawLine: string): IgnoreRule | undefined {
  let line = rawLine.replace(/\r$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  // Trailing spaces go unless the last one is escaped.
  while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
  if (line === '') return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.replace(/^\/+/, '');
  if (line === '') return undefined;
  const body = globToRegexSource(line);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { negate, dirOnly, regex, source: rawLine };
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9a-fA-F',
};

const escapeRegex = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A wildmatch pattern (no leading/trailing slash) as a regular expression body over `/`-separated paths. */
export function globToRegexSource(pattern: string): string {
  const segments = pattern.split('/');
  let out = '';
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const first = s === 0;
    const last = s === segments.length - 1;
    if (seg === '**') {
      if (first && last) out += '.*';
      else if (first) out += '(?:.*/)?';
      else if (last) out += '/.+';
      else out += '/(?:.*/)?';
      continue;
    }
    if (!first && segments[s - 1] !== '**') out += '/';
    out += segmentToRegex(seg);
  }
  return out;
}

function segmentToRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\') {
      i++;
      out += i < seg.length ? escapeRegex(seg[i]) : '\\\\';
    } else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const cls = parseClass(seg, i);
      if (cls) {
        out += cls.regex;
        i = cls.end;
      } else out += '\\[';
    } else out += escapeRegex(c);
  }
  return out;
}

/** `[...]` starting at `start`; undefined when it is not closed (then `[` is literal). */
function parseClass(seg: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (seg[i] === '!' || seg[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let firstChar = true;
  for (; i < seg.length; i++) {
    const c = seg[i];
    if (c === ']' && !firstChar) {
      if (body === '') return undefined;
      return { regex: negate ? `[^/${body}]` : `[${body}]`, end: i };
    }
    firstChar = false;
    if (c === '[' && seg[i + 1] === ':') {
      const close = seg.indexOf(':]', i + 2);
      const name = close > 0 ? seg.slice(i + 2, close) : '';
      if (close > 0 && POSIX_CLASSES[name]) {
        body += POSIX_CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < seg.length) {
      i++;
      body += escapeRegex(seg[i]);
    } else if (c === '-' && body !== '' && seg[i + 1] !== ']' && i + 1 < seg.length) {
      body += '-';
    } else body += escapeRegex(c);
  }
  return undefined;
}

/** Decides with the rules of one `.gitignore`; `undefined` when no rule matches. */
export function matchRules(rules: readonly IgnoreRule[], relativePath: string, isDir: boolean): boolean | undefined {
  let result: boolean | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.regex.test(relativePath)) result = !rule.negate;
  }
  return result;
}

/**
 * The `.gitignore` files that apply to a walk: `.git/info/exclude` of the
 * repository, then every `.gitignore` from the top folder down to the path's
 * folder. Files are read once, lazily.
 */
export class GitIgnore {
  private readonly cache = new Map<string, IgnoreRule[]>();
  private readonly infoExclude: IgnoreRule[];

  /**
   * @param top the folder whose `.gitignore` is the outermost one that applies
   *   (the git root, or the scan's root when there is no repository).
   * @param gitDir the repository's `.git` folder, for `info/exclude`.
   */
  constructor(
    readonly top: string,
    gitDir?: string,
  ) {
    this.infoExclude = gitDir ? readRules(path.join(gitDir, 'info', 'exclude')) : [];
  }

  private rulesOf(dir: string): IgnoreRule[] {
    let rules = this.cache.get(dir);
    if (!rules) {
      rules = readRules(path.join(dir, '.gitignore'));
      this.cache.set(dir, rules);
    }
    return rules;
  }

  /** Whether git would ignore `absPath` (its parent folders are assumed not ignored: the walk prunes them). */
  ignored(absPath: string, isDir: boolean): boolean {
    const rel = path.relative(this.top, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split(path.sep);
    let result = matchRules(this.infoExclude, parts.join('/'), isDir) ?? false;
    let dir = this.top;
    for (let i = 0; i < parts.length; i++) {
      const decided = matchRules(this.rulesOf(dir), parts.slice(i).join('/'), isDir);
      if (decided !== undefined) result = decided;
      dir = path.join(dir, parts[i]);
    }
    return result;
  }
}

function readRules(file: string): IgnoreRule[] {
  try {
    return parseGitignore(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}
