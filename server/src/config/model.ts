import type { LanguageKind } from '../core/document';
import type { OffsetRange } from '../core/text';

/**
 * The one model every config parser produces, so that config rules do not care
 * whether a key came from JSON, YAML, dotenv, .properties or XML.
 *
 * Ranges never include quotes: a key or value range covers the characters a
 * user would retype (`password` in `"password": "x"`, `x` in `PASS="x"`).
 */
export interface ConfigEntry {
  /**
   * Keys from the document root to this entry: ['netsuite', 'auth', 'tokenId'].
   * Array items appear as their index ('0'). XML: element local names, then the
   * attribute name. .properties and dotenv: the key alone (dotted keys stay one key).
   */
  path: string[];
  /** The last key as written (XML: the local name, without its namespace prefix). */
  key: string;
  keyRange: OffsetRange;
  /** Scalar value as a string (quotes removed, escapes decoded), undefined for objects/arrays/null/missing. */
  value?: string;
  valueRange?: OffsetRange;
  /** YAML: the document of a multi-document stream the entry belongs to (0-based). */
  documentIndex?: number;
  /**
   * YAML: reached through an alias or a merge key (`<<: *base`). The ranges are
   * those of the definition, so another entry (at the anchor) has the same ranges.
   */
  aliased?: boolean;
  /**
   * Synthesised from an array item that names a variable: JSON Postman-style
   * `{ "key": "...", "value": "..." }` or `{ "name", "value" }` of an
   * `env`/`environment` array (ECS); YAML `env: [{ name, value }]` (Kubernetes).
   */
  keyValueItem?: boolean;
  /**
   * YAML: synthesised from a `KEY=value` item of an `environment:`/`env:`/`args:`
   * list (docker-compose); key and value ranges lie inside the item's scalar.
   */
  assignment?: boolean;
  /** XML: the namespace prefix of the element or attribute name (`netsuite` in `netsuite:email`). */
  prefix?: string;
  /** XML: whether the entry is an attribute or a text-only element. */
  xml?: 'attribute' | 'element';
}

export type ConfigBlockKind =
  /** JSON/YAML object. */
  | 'object'
  /** JSON array of Postman-style `{key, value}` items; YAML `environment:` list of `KEY=value` strings. */
  | 'keyValueItems'
  /** XML element with its attributes and text-only children. */
  | 'element'
  /** .properties keys sharing the part before their last dot. */
  | 'prefix'
  /** A whole dotenv or .properties file. */
  | 'file';

/** A group of sibling entries: a JSON/YAML object, an XML element with its attributes and children, a whole dotenv file. */
export interface ConfigBlock {
  path: string[];
  range: OffsetRange;
  entries: ConfigEntry[];
  kind?: ConfigBlockKind;
  /** YAML: the document of a multi-document stream (0-based). */
  documentIndex?: number;
  /** XML: the element's namespace prefix. */
  prefix?: string;
}

export interface ConfigDocument {
  kind: LanguageKind;
  entries: ConfigEntry[];
  blocks: ConfigBlock[];
  /** Parse problems (the parts that parsed are still in entries/blocks). */
  errors: { range: OffsetRange; message: string }[];
}

export function emptyConfigDocument(kind: LanguageKind): ConfigDocument {
  return { kind, entries: [], blocks: [], errors: [] };
}
