/**
 * Config keys are matched by meaning, not spelling: `NS_TOKEN_ID`, `tokenId`,
 * `token_id`, `token-id` and `token.id` must all compare equal.
 */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.\-]+/g, '');
}

/**
 * The words of a key, lower case: `NS_TOKEN_ID` and `nsTokenId` → ['ns', 'token', 'id'].
 * For rules that need word boundaries (`ns` as a prefix word, not inside `dns`).
 */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.\-:/]+/)
    .filter((word) => word.length > 0);
}
