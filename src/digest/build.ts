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

const newestFirst = (a: Article, b: Article) => b.publishedAt.localeCompare(a.publishedAt) || a.pageOrder - b.pageOrder;

/** Candidates in digest order, sorted once per run and shared by every chat. */
export function sortCandidates(candidates: Article[]): Article[] {
  return candidates.filter((a) => a.kind === 'article').sort(newestFirst);
}

/** Newest first, at most `size`, only what arrived after `since`. Expects sortCandidates' order. */
export function pickDigestItems(sorted: Article[], options: { since: string | undefined; topics: string[]; size: number }): Article[] {
  const picked: Article[] = [];
  for (const a of sorted) {
    if (picked.length >= options.size) break;
    if (a.kind !== 'article' || (options.since !== undefined && a.ingestedAt <= options.since)) continue;
    if (matchesTopics(a, options.topics)) picked.push(a);
  }
  return picked;
}
