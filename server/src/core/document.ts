import { LineIndex } from './text';
import { kindForConfigPath } from '../config/parse';

/** The kinds of file SuiteAuth analyses; each has one parser behind the core's interface. */
export type LanguageKind = 'js' | 'ts' | 'json' | 'yaml' | 'dotenv' | 'properties' | 'xml';

export interface SourceDocument {
  /** A URI (file:// in the editor and CLI, anything for in-memory documents). */
  readonly uri: string;
  readonly kind: LanguageKind;
  readonly text: string;
  readonly version: number;
}

const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** The kind of a file by its name, or undefined when SuiteAuth does not analyse it. */
export function kindFromPath(path: string): LanguageKind | undefined {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const lower = name.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return undefined;
  const dot = lower.lastIndexOf('.');
  const ext = dot >= 0 ? lower.slice(dot) : '';
  if (JS_EXTENSIONS.has(ext)) return 'js';
  if (TS_EXTENSIONS.has(ext)) return 'ts';
  return kindForConfigPath(name);
}

/** Maps an LSP languageId to a kind, falling back to the file name. */
export function kindFromLanguageId(languageId: string, uri: string): LanguageKind | undefined {
  switch (languageId) {
    case 'javascript':
    case 'javascriptreact':
      return 'js';
    case 'typescript':
    case 'typescriptreact':
      return 'ts';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'yaml':
    case 'dockercompose':
      return 'yaml';
    case 'dotenv':
      return 'dotenv';
    case 'properties':
    case 'java-properties':
      return 'properties';
    case 'xml':
    case 'wsdl':
      return 'xml';
    default:
      return kindFromPath(decodeURIComponent(uri));
  }
}

export function isJsLike(kind: LanguageKind): boolean {
  return kind === 'js' || kind === 'ts';
}

/** Per-version facts about a document that every consumer shares. */
export class DocumentText {
  private lineIndexCache: LineIndex | undefined;
  constructor(readonly document: SourceDocument) {}
  get lineIndex(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.document.text));
  }
}
