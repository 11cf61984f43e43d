// Related items for an article: what its page linked, then what reads most alike.
import type { Article } from '../domain.ts';
import type { SearchIndex } from './search-index.ts';

/** Items shown under "related articles": one screen of buttons. */
export const RELATED_LIMIT = 8;
/** Terms: enough of an article's most distinctive words to find its neighbours, few enough to be fast. */
const SIMILARITY_TERMS = 12;

/**
 * Ids of related items, best first: the page's own "read also" and "similar articles" links in
 * page order, then the most similar items by content (headline-only items included), never the
 * article itself, never twice. `exists` drops links to items that are not stored.
 */
export function relatedIds(article: Article, index: SearchIndex, exists: (id: string) => boolean, limit = RELATED_LIMIT): string[] {
  const chosen = new Set<string>();
  for (const id of article.related) {
    if (chosen.size >= limit) break;
    if (id !== article.id && exists(id)) chosen.add(id);
  }
  if (chosen.size < limit) {
    const terms = index.distinctiveTerms(article, SIMILARITY_TERMS).map((term) => ({ term, word: term, root: term, prefix: false, fuzzy: false }));
    const exclude = new Set([article.id, ...chosen]);
    for (const hit of index.searchTerms(terms, { includeHeadlines: true, exclude, limit: limit - chosen.size })) {
      if (exists(hit.id)) chosen.add(hit.id);
    }
  }
  return [...chosen];
}
