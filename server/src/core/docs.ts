/** Where rule pages are published; `docs/rules/<id>.md` in the repository. */
export const REPOSITORY_URL = 'https://github.com/suiteauth/suiteauth';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
