// Choosing one chat's digest items: what arrived since its last digest, filtered by its topics.
// Pure. Candidates are analysed once per run and shared by every chat.
import type { ArticleMeta } from '../domain.ts';
import { analyze } from '../text/analyze.ts';

/** An article ready for topic matching: its metadata and the analysed words of its title and keywords. */
export interface Candidate {
  meta: ArticleMeta;
  words: ReadonlySet<string>;
}

/**
 * Topics match the title and keywords, the metadata every run already holds in memory: matching
 * the summary too would load every candidate's body for every run.
 */
export function toCandidate(meta: ArticleMeta): Candidate {
  return { meta, words: new Set(analyze([meta.title, meta.keywords.join(' ')].join('\n'))) };
}

/** Each topic's analysed words; analysed once per chat, not once per candidate. */
export function topicTerms(topics: string[]): string[][] {
  return topics.map((topic) => analyze(topic));
}

/** A candidate matches a topic when it carries all of the topic's words (any form of them). */
export function matchesTopics(words: ReadonlySet<string>, topics: string[][]): boolean {
  if (topics.length === 0) return true;
  return topics.some((terms) => terms.length > 0 && terms.every((t) => words.has(t)));
}

const newestFirst = (a: ArticleMeta, b: ArticleMeta) => b.publishedAt.localeCompare(a.publishedAt) || a.pageOrder - b.pageOrder;

/** Full articles (no headlines), analysed and in digest order: built once per run. */
export function prepareCandidates(metas: Iterable<ArticleMeta>, since: string | undefined): Candidate[] {
  const kept = [...metas].filter((m) => m.kind === 'article' && (since === undefined || m.ingestedAt > since));
  return kept.sort(newestFirst).map(toCandidate);
}

/** Newest first, at most `size`, only what arrived after `since`. Expects prepareCandidates' order. */
export function pickDigestItems(sorted: Candidate[], options: { since: string | undefined; topics: string[]; size: number }): ArticleMeta[] {
  const topics = topicTerms(options.topics);
  const picked: ArticleMeta[] = [];
  for (const { meta, words } of sorted) {
    if (picked.length >= options.size) break;
    if (options.since !== undefined && meta.ingestedAt <= options.since) continue;
    if (matchesTopics(words, topics)) picked.push(meta);
  }
  return picked;
}
