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
