// What to store when an article arrives that may already be stored. Pure.
import type { Article, ArticleMeta } from '../domain.ts';
import type { Change } from '../store/article-repository.ts';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether two origins name the same page file. Origins stored before they were paths relative to
 * the seeds folder hold the base name only: "page.txt" then still matches "sports/page.txt".
 */
function samePage(stored: string, incoming: string): boolean {
  return stored === incoming || (!stored.includes('/') && incoming.endsWith(`/${stored}`));
}

/**
 * Keeps the first-seen dates (an article is not "new" again because its page was re-read), keeps
 * related links from every page that carried it, and never lets a headline-only mention downgrade
 * a full article. The page that first carried an article owns its content: another page quoting it
 * in full only adds links, so re-reading any set of pages in any order changes nothing. A mere
 * headline mention adds nothing to a full article (the mentioning page links to it already), so
 * new pages never rewrite old articles' files. Reports "unchanged" when nothing a reader sees differs.
 */
export function mergeArticle(
  existing: ArticleMeta | Article | undefined,
  incoming: Article,
): { article: Article; change: Change } {
  if (!existing) return { article: incoming, change: 'created' };
  // Stored metadata has no body; the store keeps the old one when the content hash is unchanged.
  const kept: Article = { paragraphs: [], summary: '', digestLine: '', ...existing };
  const related = [...new Set([...existing.related, ...incoming.related])].filter((id) => id !== incoming.id);
  if (existing.kind === 'article' && incoming.kind === 'headline') return { article: kept, change: 'unchanged' };
  if (existing.kind === 'article' && !samePage(existing.origin, incoming.origin)) {
    if (sameList(related, existing.related)) return { article: kept, change: 'unchanged' };
    return { article: { ...kept, related, updatedAt: incoming.updatedAt }, change: 'updated' };
  }
  // Without a header date the first sighting is the publication time, so a re-read keeps it.
  const headerDated = incoming.publishedAt !== incoming.ingestedAt;
  const merged: Article = {
    ...incoming,
    related,
    ingestedAt: existing.ingestedAt,
    publishedAt: headerDated ? incoming.publishedAt : existing.publishedAt,
  };
  const same =
    existing.contentHash === incoming.contentHash &&
    existing.publishedAt === merged.publishedAt &&
    existing.kind === merged.kind &&
    sameList(existing.related, related);
  if (same) return { article: { ...merged, updatedAt: existing.updatedAt }, change: 'unchanged' };
  return { article: merged, change: 'updated' };
}
