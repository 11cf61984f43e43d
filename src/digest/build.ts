// One chat's digest: the articles that arrived since its last digest, filtered by its topics. Pure.
import type { Article } from '../domain.ts';
import { analyze } from '../text/analyze.ts';

/** An article matches a topic when it carries all of the topic's words (any form of them). */
export function matchesTopics(article: Article, topics: string[]): boolean {
  if (topics.length === 0) return true;
  const words = new Set(analyze([article.title, article.keywords.join(' '), article.summary].join('\n')));
  return topics.some((topic) => {
    const terms = analyze(topic);
    return terms.length > 0 && terms.every((t) => words.has(t));
  });
}

/** Newest first, at most `size`, only what arrived after `since`. */
export function pickDigestItems(candidates: Article[], options: { since: string | undefined; topics: string[]; size: number }): Article[] {
  return candidates
    .filter((a) => a.kind === 'article' && (options.since === undefined || a.ingestedAt > options.since))
    .filter((a) => matchesTopics(a, options.topics))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.pageOrder - b.pageOrder)
    .slice(0, options.size);
}
