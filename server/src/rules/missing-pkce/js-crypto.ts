import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from '../../core/text';
import { isStringLiteral, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import type { CodeStyle } from '../../fixes/style';

/**
 * Node's `crypto` as the file can use it for PKCE: the name of an existing
 * `require('crypto')` / `import … from 'node:crypto'`, or named
 * `randomBytes` / `createHash` bindings, and the edit that adds what is
 * missing in the file's module style (`import * as crypto from 'node:crypto'`
 * in TypeScript, `import crypto from 'node:crypto'` in ES modules,
 * `const crypto = require('node:crypto')` otherwise).
 */
export interface CryptoAccess {
  randomBytes: string;
  createHash: string;
  edits: TextEdit[];
}

const CRYPTO = new Set(['crypto', 'node:crypto']);

function requireOf(init: Node | null | undefined): string | undefined {
  if (!init) return undefined;
  const n = unwrap(init);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && isStringLiteral(n.arguments[0])) return n.arguments[0].value;
  if (n.type === 'AwaitExpression') {
    const a = unwrap(n.argument);
    if (a.type === 'ImportExpression' && isStringLiteral(a.source)) return a.source.value;
  }
  return undefined;
}

/** Whether an identifier name is free to declare at the top of the file. */
function isFree(js: JsFile, name: string): boolean {
  return js.scopes.bindingsNamed(name).length === 0;
}

export function cryptoAccess(js: JsFile, isTs: boolean, esm: boolean, style: CodeStyle, at: Node): CryptoAccess | undefined {
  const names = cryptoNames(js, isTs, esm, style, at, ['randomBytes', 'createHash']);
  return names ? { randomBytes: names.names.randomBytes, createHash: names.names.createHash, edits: names.edits } : undefined;
}

/**
 * How the file can write members of Node's crypto (`crypto.constants`, or a
 * named `constants` binding), with the edits that import what is missing.
 */
export function cryptoNames(js: JsFile, isTs: boolean, esm: boolean, style: CodeStyle, at: Node, members: readonly string[]): { names: Record<string, string>; edits: TextEdit[] } | undefined {
  const named: Record<string, string> = {};
  let namedHolder: { kind: 'import'; node: TSESTree.ImportDeclaration } | { kind: 'pattern'; node: TSESTree.ObjectPattern } | undefined;
  const visible = (id: TSESTree.Identifier) => {
    const binding = js.scopes.resolve(id);
    return !!binding && binding.scope.range[0] <= at.range[0] && at.range[1] <= binding.scope.range[1];
  };
  const all = (prefix: string) => Object.fromEntries(members.map((m) => [m, `${prefix}.${m}`]));
  for (const decl of js.index.of('VariableDeclarator')) {
    const source = requireOf(decl.init);
    if (!source || !CRYPTO.has(source)) continue;
    if (decl.id.type === 'Identifier' && visible(decl.id)) return { names: all(decl.id.name), edits: [] };
    if (decl.id.type === 'ObjectPattern') {
      for (const p of decl.id.properties) {
        if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
        const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
        if (local.type === 'Identifier' && visible(local)) named[p.key.name] = local.name;
      }
      namedHolder ??= { kind: 'pattern', node: decl.id };
    }
  }
  for (const imp of js.index.of('ImportDeclaration')) {
    if (!CRYPTO.has(imp.source.value) || imp.importKind === 'type') continue;
    for (const spec of imp.specifiers) {
      if (spec.type === 'ImportDefaultSpecifier' || spec.type === 'ImportNamespaceSpecifier') return { names: all(spec.local.name), edits: [] };
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
      named[imported] = spec.local.name;
    }
    if (imp.specifiers.some((s) => s.type === 'ImportSpecifier')) namedHolder ??= { kind: 'import', node: imp };
  }
  if (members.every((m) => named[m])) return { names: Object.fromEntries(members.map((m) => [m, named[m]])), edits: [] };
  if (namedHolder) {
    const missing = members.filter((n) => !named[n]);
    if (missing.some((n) => !isFree(js, n))) return undefined;
    const list = namedHolder.kind === 'import' ? namedHolder.node.specifiers : namedHolder.node.properties;
    const last = list[list.length - 1];
    return {
      names: Object.fromEntries(members.map((m) => [m, named[m] ?? m])),
      edits: [{ range: { start: last.range[1], end: last.range[1] }, newText: missing.map((n) => `, ${n}`).join('') }],
    };
  }
  // A new import: `crypto` unless the file uses that name for something else.
  const taken = js.scopes.bindingsNamed('crypto').length > 0;
  const name = taken ? 'nodeCrypto' : 'crypto';
  if (taken && !isFree(js, name)) return undefined;
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const line = esm || isTs ? (isTs ? `import * as ${name} from ${q}node:crypto${q}${semi}` : `import ${name} from ${q}node:crypto${q}${semi}`) : `const ${name} = require(${q}node:crypto${q})${semi}`;
  const offset = importOffset(js);
  return { names: all(name), edits: [{ range: { start: offset, end: offset }, newText: line + style.eol }] };
}

/** ES module: `.mjs`/`.mts`, or top-level `import`/`export`. */
export function isEsModule(js: JsFile, uri: string): boolean {
  if (/\.m[jt]s$/i.test(uri)) return true;
  if (/\.c[jt]s$/i.test(uri)) return false;
  return js.program.body.some((s) => s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration');
}

/** After the last top-level import or require declaration; else after a shebang and directives; else at the first statement. */
function importOffset(js: JsFile): number {
  const body = js.program.body;
  let after: Node | undefined;
  for (const statement of body) {
    if (statement.type === 'ImportDeclaration') after = statement;
    else if (statement.type === 'VariableDeclaration' && statement.declarations.some((d) => d.init && isRequire(d.init))) after = statement;
    else if (statement.type === 'ExpressionStatement' && statement.directive) after = statement;
    else if (after) break;
  }
  if (after) {
    const lineEnd = js.text.indexOf('\n', after.range[1]);
    return lineEnd < 0 ? js.text.length : lineEnd + 1;
  }
  if (js.text.startsWith('#!')) {
    const lineEnd = js.text.indexOf('\n');
    return lineEnd < 0 ? js.text.length : lineEnd + 1;
  }
  return body[0] ? js.text.lastIndexOf('\n', body[0].range[0] - 1) + 1 : 0;
}

function isRequire(node: Node): boolean {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  return (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') || n.type === 'ImportExpression';
}
