// An article as both backends store it: metadata kept in memory, details read when a reader opens
// it. The details carry the opening words' terms of today's analysis (what snippets read), worked
// out here so that no backend stores stale terms or keeps them in memory with the metadata.
import type { Article, ArticleDetails, ArticleMeta } from '../domain.ts';
import { openingTerms } from '../text/opening-terms.ts';

export function splitArticle(article: Article): { meta: ArticleMeta; details: () => ArticleDetails } {
  const { paragraphs, summary, digestLine, openingTerms: _stale, ...meta } = article;
  return {
    meta,
    details: () => {
      const terms = openingTerms(paragraphs);
      return { paragraphs, summary, digestLine, ...(terms ? { openingTerms: terms } : {}) };
    },
  };
}

/**
 * Whether storing `article` over `existing` must write its details: a full article whose content,
 * day or summaries' stamp differs (an update may carry summaries of a newer summariser).
 */
export function detailsChanged(existing: ArticleMeta | undefined, article: Article): boolean {
  return (
    article.kind === 'article' &&
    (existing?.contentHash !== article.contentHash || existing.publishedAt !== article.publishedAt || existing.summaryStamp !== article.summaryStamp)
  );
}
