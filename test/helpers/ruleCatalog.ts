import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const RULES_DIR = path.join(ROOT, 'server/src/rules');
export const DOCS_DIR = path.join(ROOT, 'docs/rules');

export function ruleFolders(): string[] {
  return fs
    .readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(RULES_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export interface ExpectedFinding {
  /** `line:col-line:col`, 1-based, end column exclusive. */
  range: string;
  /** Parts the message must contain. */
  message?: string[];
  severity?: string;
}

export interface Fixture {
  rule: string;
  name: string;
  file: string;
  text: string;
  expected: { findings: ExpectedFinding[]; secrets?: string[]; fixed?: string };
  expectedFile: string;
}

/** A rule's fixtures: every input file with its hand-written `<name>.expected.json` and optional `<stem>.fixed.<ext>`. */
export function fixturesOf(rule: string): Fixture[] {
  const dir = path.join(RULES_DIR, rule, 'fixtures');
  if (!fs.existsSync(dir)) return [];
  const out: Fixture[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.expected.json') || /\.fixed(\.|$)/.test(name)) continue;
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const expectedFile = `${file}.expected.json`;
    const expected = fs.existsSync(expectedFile) ? JSON.parse(fs.readFileSync(expectedFile, 'utf8')) : undefined;
    const fixedName = fixedNameOf(name);
    const fixedFile = path.join(dir, fixedName);
    if (expected && fs.existsSync(fixedFile)) expected.fixed = fs.readFileSync(fixedFile, 'utf8');
    out.push({ rule, name, file, text: fs.readFileSync(file, 'utf8'), expected, expectedFile });
  }
  return out;
}

/** `a.js` → `a.fixed.js`, `.env.prod` → `.env.prod.fixed`, `x.postman_environment.json` → `x.postman_environment.fixed.json`. */
export function fixedNameOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name}.fixed`;
  if (name.startsWith('.env')) return `${name}.fixed`;
  return `${name.slice(0, dot)}.fixed${name.slice(dot)}`;
}

export interface DocExample {
  rule: string;
  role: 'bad' | 'good' | 'fixed';
  fileName: string;
  text: string;
  /** 1-based line of the fence in the page, for messages. */
  line: number;
}

const DEFAULT_FILE: Record<string, string> = {
  js: 'example.js',
  javascript: 'example.js',
  ts: 'example.ts',
  typescript: 'example.ts',
  json: 'example.json',
  jsonc: 'example.jsonc',
  yaml: 'example.yaml',
  yml: 'example.yaml',
  dotenv: '.env',
  env: '.env',
  properties: 'example.properties',
  xml: 'example.xml',
};

/**
 * The examples of a rule page: fences whose info string is
 * `<lang> bad|good|fixed [file=<name>]`. Other fences are prose.
 */
export function docExamples(rule: string): DocExample[] {
  const page = path.join(DOCS_DIR, `${rule}.md`);
  if (!fs.existsSync(page)) return [];
  const lines = fs.readFileSync(page, 'utf8').split(/\r?\n/);
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w+)\s+(bad|good|fixed)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith(fence); j++) body.push(lines[j]);
    const file = /file=(\S+)/.exec(open[4])?.[1] ?? DEFAULT_FILE[open[2].toLowerCase()];
    if (!file) throw new Error(`${rule}.md:${i + 1}: unknown example language '${open[2]}'`);
    out.push({ rule, role: open[3] as DocExample['role'], fileName: file, text: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return out;
}
