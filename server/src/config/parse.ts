import type { LanguageKind } from '../core/document';
import { parseDotenvConfig } from './dotenv';
import { parseJsonConfig } from './json';
import { emptyConfigDocument, type ConfigDocument } from './model';
import { parsePropertiesConfig } from './properties';
import { parseXmlConfig } from './xml';
import { parseYamlConfig } from './yaml';

export { keyWords, normalizeKey } from './keys';

/**
 * Parses a config file of any kind into the shared model. Never throws: the
 * server must survive any file a user opens, so a parser bug becomes an error
 * entry on an empty document.
 */
export function parseConfig(kind: LanguageKind, text: string): ConfigDocument {
  try {
    switch (kind) {
      case 'json':
        return parseJsonConfig(text);
      case 'yaml':
        return parseYamlConfig(text);
      case 'dotenv':
        return parseDotenvConfig(text);
      case 'properties':
        return parsePropertiesConfig(text);
      case 'xml':
        return parseXmlConfig(text);
      default:
        return emptyConfigDocument(kind);
    }
  } catch (error) {
    const doc = emptyConfigDocument(kind);
    const reason = error instanceof Error ? error.message : String(error);
    doc.errors.push({ range: { start: 0, end: 0 }, message: `Could not parse the file: ${reason}` });
    return doc;
  }
}

const EXTENSION_KINDS: Record<string, LanguageKind> = {
  '.json': 'json',
  '.jsonc': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.properties': 'properties',
  '.xml': 'xml',
  '.wsdl': 'xml',
  '.env': 'dotenv',
};

/**
 * The config kind of a file by its name. A structured extension wins over the
 * dotenv naming (`.env.json` is JSON); otherwise `.env`, `.env.<anything>`
 * (`.env.example`, `.env.local`) and `<anything>.env` are dotenv.
 */
export function kindForConfigPath(path: string): LanguageKind | undefined {
  const name = (path.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  const dot = name.lastIndexOf('.');
  const byExtension = dot >= 0 ? EXTENSION_KINDS[name.slice(dot)] : undefined;
  if (byExtension) return byExtension;
  if (name.startsWith('.env.')) return 'dotenv';
  return undefined;
}
