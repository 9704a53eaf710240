import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppendedText } from '../../core/rule';

/** The example env file a fix documents a new variable in, when the project keeps one next to the file. */
export const ENV_EXAMPLE = '.env.example';

/**
 * `NAME=` for the `.env.example` next to the document, when that file exists
 * and does not mention NAME yet; undefined otherwise (never creates the file).
 */
export function envExampleAppend(uri: string, name: string): AppendedText | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const dir = documentDir(uri);
  if (!dir) return undefined;
  const file = path.join(dir, ENV_EXAMPLE);
  try {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
    const text = fs.readFileSync(file, 'utf8');
    if (new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*[=:]`, 'm').test(text)) return undefined;
  } catch {
    return undefined;
  }
  return { relativePath: ENV_EXAMPLE, text: `${name}=\n` };
}

function documentDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
