import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from '../core/text';
import { contains, type Node } from '../js/ast';
import type { JsFile } from '../js/jsFile';
import { removeStatement } from './edits';

/** Names and initialisers that say a declaration only served the old signing code. */
const SIGNING_NAME = /nonce|timestamp|signature|sig|base|oauth|hmac|sign|realm|header|auth|param/i;
const SIGNING_INIT = /oauth_|createHmac|Hmac|randomBytes|randomUUID|Date\.now|getTime|encodeURIComponent|nonce|realm|signature/i;

/**
 * The `const`/`let`/`var` declarations a migration leaves unused once
 * `replaced` nodes are gone, followed transitively (the signature, then the
 * base string, the nonce and the timestamp it was built from). Only
 * single-declarator statements that look like signing code and have no
 * `await`, assignment or update inside are removed: anything else might be
 * doing more than computing a value.
 */
export function deadSigningDeclarations(js: JsFile, replaced: readonly Node[]): TextEdit[] {
  const removed: Node[] = [...replaced];
  const statements: TSESTree.VariableDeclaration[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const declaration of js.index.of('VariableDeclaration')) {
      if (statements.includes(declaration) || declaration.declarations.length !== 1) continue;
      if (declaration.parent?.type !== 'BlockStatement' && declaration.parent?.type !== 'Program') continue;
      const declarator = declaration.declarations[0];
      if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
      if (removed.some((r) => contains(r, declaration))) continue;
      const initText = js.text.slice(declarator.init.range[0], declarator.init.range[1]);
      if (!SIGNING_NAME.test(declarator.id.name) && !SIGNING_INIT.test(initText)) continue;
      if (/\bawait\b|[^=!<>]=[^=>]|\+\+|--/.test(initText.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""'))) continue;
      const binding = js.scopes.resolve(declarator.id);
      if (!binding || binding.assignments.length > 0) continue;
      const uses = js.index.of('Identifier').filter((id) => id !== binding.id && id.name === binding.name && js.scopes.resolve(id) === binding);
      if (uses.length === 0 || uses.some((u) => !removed.some((r) => contains(r, u)))) continue;
      statements.push(declaration);
      removed.push(declaration);
      changed = true;
    }
  }
  return statements.map((s) => removeStatement(js.text, s));
}
