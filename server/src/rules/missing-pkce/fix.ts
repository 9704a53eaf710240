import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ruleDocsUrl } from '../../core/docs';
import type { Fix, RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { enclosingFunction, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { insertAt } from '../../fixes/edits';
import { addProperties } from '../../fixes/objects';
import { detectStyle, indentationAt, quoted, type CodeStyle } from '../../fixes/style';
import { statementOf } from '../../fixes/edits';
import type { PkceData } from './js';

/**
 * PKCE migrations. `passport-oauth2` gets `pkce: true` (and `state: true`,
 * which its PKCE support needs). Hand-built requests and `simple-oauth2` /
 * `openid-client` options get a verifier and an S256 challenge; the verifier
 * is kept in the session next to the state, and the token request sends it
 * back. Where the code keeps no session, the verifier has nowhere to live
 * between the two requests: the fix is offered, not applied by fix-all.
 */
export function pkceFixes(data: PkceData, context: RuleContext): Fix[] {
  const js = context.js();
  const style = detectStyle(js.text);
  const page: Fix = { title: 'Show the missing-pkce rule page', edits: [], preferred: false, openUrl: ruleDocsUrl('missing-pkce') };
  const node = unwrap(data.node);
  if (data.side === 'library' && node.type === 'ObjectExpression') {
    const props = [`pkce: true`];
    if (!hasKey(node, 'state')) props.push('state: true');
    return [{ title: 'Turn on PKCE in the passport-oauth2 strategy', edits: [addProperties(js.text, node, props, style.eol)], preferred: true }, page];
  }
  const session = sessionOf(js, data.node);
  if (data.side === 'token') {
    if (!session) return [page];
    const verifier = `${session}.codeVerifier`;
    if (node.type === 'ObjectExpression') {
      return [{ title: 'Send the code_verifier kept in the session', edits: [addProperties(js.text, node, [`code_verifier: ${verifier}`], style.eol)], preferred: true }, page];
    }
    if (node.type === 'CallExpression') {
      const statement = statementOf(node);
      if (!statement) return [page];
      const object = js.text.slice(unwrap(node.callee).range[0], (unwrap(node.callee) as TSESTree.MemberExpression).object.range[1]);
      const line = `${object}.append(${quoted('code_verifier', style)}, ${verifier})${style.semicolons ? ';' : ''}`;
      return [{ title: 'Send the code_verifier kept in the session', edits: [insertAt(statement.range[1], `${style.eol}${indentationAt(js.text, statement.range[0])}${line}`)], preferred: true }, page];
    }
    return [page];
  }
  // Authorize side.
  const statement = statementOf(data.node);
  if (!statement) return [page];
  const cryptoName = cryptoBinding(js);
  const edits: TextEdit[] = [];
  if (!cryptoName.declared) edits.push(insertAt(importOffset(js), cryptoName.declaration(style) + style.eol));
  const c = cryptoName.name;
  const semi = style.semicolons ? ';' : '';
  const indent = indentationAt(js.text, statement.range[0]);
  const lineStart = js.text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const names = freshNames(js);
  const lines = [
    `const ${names.verifier} = ${c}.randomBytes(32).toString(${quoted('base64url', style)})${semi}`,
    `const ${names.challenge} = ${c}.createHash(${quoted('sha256', style)}).update(${names.verifier}).digest(${quoted('base64url', style)})${semi}`,
  ];
  if (session) lines.push(`${session}.codeVerifier = ${names.verifier}${semi}`);
  edits.push(insertAt(lineStart, lines.map((l) => `${indent}${l}${style.eol}`).join('')));
  if (node.type === 'ObjectExpression') {
    edits.push(addProperties(js.text, node, [`code_challenge: ${names.challenge}`, `code_challenge_method: ${quoted('S256', style)}`], style.eol));
  } else if (node.type === 'TemplateLiteral') {
    edits.push(insertAt(node.range[1] - 1, `&code_challenge=\${${names.challenge}}&code_challenge_method=S256`));
  } else if (node.type === 'CallExpression' && node.arguments.length === 0) {
    edits.push({ range: { start: node.range[1] - 1, end: node.range[1] - 1 }, newText: `{ code_challenge: ${names.challenge}, code_challenge_method: ${quoted('S256', style)} }` });
  } else {
    edits.push(insertAt(data.node.range[1], ` + ${quoted('&code_challenge=', style)} + ${names.challenge} + ${quoted('&code_challenge_method=S256', style)}`));
  }
  const title = session ? 'Add PKCE (S256), keeping the verifier in the session' : 'Add PKCE (S256) — keep the verifier for the token request';
  return [{ title, edits, preferred: !!session }, page];
}

function hasKey(object: TSESTree.ObjectExpression, key: string): boolean {
  return object.properties.some((p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === key) || (p.key.type === 'Literal' && p.key.value === key)));
}

/** `req.session` (or `ctx.session`, `request.session`) used in the enclosing function: where the state lives. */
function sessionOf(js: JsFile, node: Node): string | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const body = js.text.slice(fn.range[0], fn.range[1]);
  const m = /\b(req|request|ctx|context)\.session\b/.exec(body);
  return m ? `${m[1]}.session` : undefined;
}

function freshNames(js: JsFile): { verifier: string; challenge: string } {
  const taken = (n: string) => js.scopes.bindingsNamed(n).length > 0;
  let i = 0;
  const name = (base: string) => {
    let n = base;
    while (taken(n)) n = `${base}${++i}`;
    return n;
  };
  return { verifier: name('codeVerifier'), challenge: name('codeChallenge') };
}

function cryptoBinding(js: JsFile): { name: string; declared: boolean; declaration: (style: CodeStyle) => string } {
  for (const id of js.index.of('Identifier')) {
    const ref = js.moduleOf(id);
    if (ref && (ref.module === 'crypto' || ref.module === 'node:crypto') && !ref.member) return { name: id.name, declared: true, declaration: () => '' };
  }
  const esm = js.program.body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export'));
  const name = js.scopes.bindingsNamed('crypto').length > 0 ? 'nodeCrypto' : 'crypto';
  return {
    name,
    declared: false,
    declaration: (style) => (esm ? `import ${name} from ${quoted('node:crypto', style)}` : `const ${name} = require(${quoted('node:crypto', style)})`) + (style.semicolons ? ';' : ''),
  };
}

function importOffset(js: JsFile): number {
  let after: Node | undefined;
  for (const s of js.program.body) {
    if (s.type === 'ImportDeclaration') after = s;
    else if (s.type === 'VariableDeclaration' && /\brequire\s*\(/.test(js.text.slice(s.range[0], s.range[1]))) after = s;
    else if (s.type === 'ExpressionStatement' && s.directive) after = s;
    else break;
  }
  if (!after) return js.text.startsWith('#!') ? js.text.indexOf('\n') + 1 : 0;
  const end = js.text.indexOf('\n', after.range[1]);
  return end < 0 ? js.text.length : end + 1;
}
