import { ruleDocsUrl } from '../../core/docs';
import type { Fix, RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { contains, enclosingFunction, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { removeStatement, replaceNode } from '../../fixes/edits';
import { deadSigningDeclarations } from '../../fixes/deadCode';
import { nodeFixes, suiteScriptBearerFix } from '../nlauth-header/fix';
import type { TbaData } from './js';

const GUIDE = 'https://github.com/suiteauth/suiteauth/blob/main/docs/oauth2-client-credentials.md';

/**
 * A hand-built OAuth 1.0 header becomes a Bearer header from the OAuth 2.0
 * client-credentials helper (the same migration as NLAuth). An `oauth-1.0a`
 * signer whose only use is one `toHeader(authorize(…))` in an async function
 * is replaced the same way and its declaration removed. Other signers and
 * libraries need a human: the action opens the migration guide.
 */
export function tbaBearerFixes(data: TbaData, context: RuleContext): Fix[] {
  const js = context.js();
  const guide: Fix = { title: 'Open the OAuth 2.0 client-credentials migration guide', edits: [], preferred: false, openUrl: GUIDE };
  const page: Fix = { title: 'Show the tba-oauth1 rule page', edits: [], preferred: false, openUrl: ruleDocsUrl('tba-oauth1') };
  if (data.kind === 'header') {
    if (js.isSuiteScript) {
      const fix = suiteScriptBearerFix(js, data.node);
      return fix ? [{ ...fix, title: fix.title.replace('NLAuth', 'the OAuth 1.0 header') }, guide] : [guide];
    }
    // The signing code that only fed the header goes with it.
    const dead = deadSigningDeclarations(js, [data.node]);
    const fixes = nodeFixes(js, context, data.node).map((f) => ({ ...f, title: f.title.replace('NLAuth', 'the OAuth 1.0 header'), edits: [...f.edits, ...dead] }));
    return [...fixes, guide];
  }
  if (data.kind === 'signer' && data.label === 'oauth-1.0a') {
    const fix = signerFix(js, context, data.node);
    if (fix.length > 0) return [...fix, guide];
  }
  return [guide, page];
}

function signerFix(js: JsFile, context: RuleContext, options: Node): Fix[] {
  // `const oauth = OAuth({...})`: the signer variable and its uses.
  let call: Node | undefined = options;
  while (call && call.type !== 'CallExpression' && call.type !== 'NewExpression') call = call.parent;
  const declarator = call?.parent;
  if (!call || declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declarator.init !== call) return [];
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return [];
  const binding = js.scopes.resolve(declarator.id);
  if (!binding) return [];
  const uses = js.index.of('Identifier').filter((id) => id !== binding.id && id.name === binding.name && js.scopes.resolve(id) === binding);
  // Every use must sit inside the one `oauth.toHeader(…)` call that is replaced.
  const toHeader = uses
    .map((u) => u.parent)
    .filter((p): p is NonNullable<typeof p> => !!p && p.type === 'MemberExpression' && p.property.type === 'Identifier' && p.property.name === 'toHeader' && p.parent?.type === 'CallExpression');
  if (toHeader.length !== 1) return [];
  const headerCall = toHeader[0].parent as Node;
  if (uses.some((u) => !contains(headerCall, u))) return [];
  const fn = enclosingFunction(headerCall);
  if (!fn?.async) return [];
  // The header object the signer produced becomes a Bearer header object; the NLAuth fix machinery adds the helper.
  const [bearer] = nodeFixes(js, context, headerCall);
  if (!bearer) return [];
  const edits: TextEdit[] = bearer.edits.map((e) =>
    e.range.start === headerCall.range[0] && e.range.end === headerCall.range[1] ? replaceNode(headerCall, `{ Authorization: ${e.newText} }`) : e,
  );
  edits.push(removeStatement(js.text, declaration));
  void unwrap;
  return [{ title: 'Replace the oauth-1.0a signer with an OAuth 2.0 Bearer token (client credentials)', edits, preferred: true }];
}
