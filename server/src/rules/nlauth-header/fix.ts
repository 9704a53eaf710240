import type { Fix, RuleContext } from '../../core/rule';
import { nodeBearerFixes, requestUsing, sameAccountRestletFix, suiteScriptBearerFix } from '../../fixes/bearer';
import type { NlauthData } from './index';
import { ruleDocsUrl } from '../../core/docs';
import { ENDPOINT as TBA_TOKEN_ENDPOINT } from '../tba-token-endpoint/js';

export { TOKEN_PARAMETER, TOKEN_SECRET, requestUsing } from '../../fixes/bearer';

const ID_PAGE_TITLE = 'nlauth-header guide';

export function nlauthFixes(data: NlauthData, context: RuleContext): Fix[] {
  const js = context.js();
  if (data.library) {
    // The library signs for the caller; moving it to OAuth 2.0 means replacing the library, which no edit can do safely.
    return [{ title: `Open the ${ID_PAGE_TITLE}: replace ${data.library}'s email/password with OAuth 2.0`, edits: [], preferred: false, openUrl: ruleDocsUrl('nlauth-header') }];
  }
  const request = requestUsing(js, data.root);
  if (request?.url && TBA_TOKEN_ENDPOINT.test(js.evaluator.stringOf(request.url))) {
    // `/rest/issuetoken` mints a TBA token from the user's login: a Bearer token cannot call it, the whole exchange goes.
    return [{ title: 'Open the tba-token-endpoint guide: replace this token exchange with OAuth 2.0 client credentials', edits: [], preferred: false, openUrl: ruleDocsUrl('tba-token-endpoint') }];
  }
  if (js.isSuiteScript) {
    const restlet = request ? sameAccountRestletFix(js, request, data.root) : undefined;
    if (restlet) return [restlet];
    const bearer = suiteScriptBearerFix(js, [{ node: data.root }], { what: 'NLAuth' });
    return bearer ? [bearer] : [];
  }
  return nodeBearerFixes(js, context, [{ node: data.root }], { what: 'NLAuth' });
}
