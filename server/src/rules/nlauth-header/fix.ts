import type { Fix, RuleContext } from '../../core/rule';
import { nodeBearerFixes, requestUsing, sameAccountRestletFix, suiteScriptBearerFix } from '../../fixes/bearer';
import type { NlauthData } from './index';
import { ruleDocsUrl } from '../../core/docs';

export { TOKEN_PARAMETER, TOKEN_SECRET, requestUsing } from '../../fixes/bearer';

const ID_PAGE_TITLE = 'nlauth-header guide';

export function nlauthFixes(data: NlauthData, context: RuleContext): Fix[] {
  const js = context.js();
  if (data.library) {
    // The library signs for the caller; moving it to OAuth 2.0 means replacing the library, which no edit can do safely.
    return [{ title: `Open the ${ID_PAGE_TITLE}: replace ${data.library}'s email/password with OAuth 2.0`, edits: [], preferred: false, openUrl: ruleDocsUrl('nlauth-header') }];
  }
  const request = requestUsing(js, data.root);
  if (js.isSuiteScript) {
    const restlet = request ? sameAccountRestletFix(js, request, data.root) : undefined;
    if (restlet) return [restlet];
    const bearer = suiteScriptBearerFix(js, [{ node: data.root }], { what: 'NLAuth' });
    return bearer ? [bearer] : [];
  }
  return nodeBearerFixes(js, context, [{ node: data.root }], { what: 'NLAuth' });
}
