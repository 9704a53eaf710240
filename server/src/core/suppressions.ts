import type { LineIndex } from './text';

/**
 * `suiteauth-disable-next-line <rule>[, <rule>] -- reason` and
 * `suiteauth-disable-line …` inside a comment (`//`, `/*`, `#`, `<!--`).
 * With no rule listed, every rule is disabled on that line.
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const DIRECTIVE = /(\/\/|\/\*|#|<!--|!)\s*suiteauth-disable-(next-line|line)\b([^\n\r]*)/g;

export function findSuppressions(text: string, lines: LineIndex): Suppressions {
  const byLine = new Map<number, Set<string> | 'all'>();
  if (!text.includes('suiteauth-disable')) return { isSuppressed: () => false };
  for (const m of text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(m.index).line + (m[2] === 'next-line' ? 1 : 0);
    const rest = m[3].replace(/(\*\/|-->).*$/, '').split('--')[0];
    const ids = rest.split(/[\s,]+/).filter((s) => /^[a-z0-9-]+$/.test(s));
    const current = byLine.get(line);
    if (ids.length === 0 || current === 'all') byLine.set(line, 'all');
    else byLine.set(line, new Set([...(current ?? []), ...ids]));
  }
  return {
    isSuppressed(ruleId, line) {
      const entry = byLine.get(line);
      return entry === 'all' || (entry !== undefined && entry.has(ruleId));
    },
  };
}
