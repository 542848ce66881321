/**
 * Search-only keys that are public by design: Algolia (and its DocSearch) search-only API keys are
 * meant to be shipped to browsers, so `algolia: { apiKey: '...' }`, `docsearch({ apiKey })` or
 * `ALGOLIA_SEARCH_KEY` are not findings. Admin and write keys stay findings. Pure.
 */

/** Key names of a search-only key (`apiKey` only counts with an Algolia / DocSearch context). */
const SEARCH_KEY = /^(?:algolia[_-]?)?(?:search(?:[_-]?only)?[_-]?(?:api[_-]?)?key|api[_-]?key)$/i;
const WRITE_KEY = /admin|write|master|secret|private/i;
const CONTEXT = /algolia|docsearch/i;

/**
 * Is `key` (with `keyPath`, when the reader knows it) holding a public search-only key? `before` is
 * the text just before the assignment (a few hundred characters), where an `algolia: {` or
 * `docsearch(` opens the object.
 */
export function isPublicSearchKey(key: string, keyPath: readonly string[] | undefined, before: string): boolean {
  const last = key.split(/[:.]/).pop() ?? key;
  const name = last.replace(/^.*?(?=algolia)/i, '');
  if (WRITE_KEY.test(key) || !SEARCH_KEY.test(name)) return false;
  if (/^algolia/i.test(name) && /search/i.test(name)) return true;
  return CONTEXT.test((keyPath ?? []).join(':')) || CONTEXT.test(before);
}
