// One chat's digest message from the run's shared candidates: the window it covers, the items
// it picks, and only those items' bodies loaded.
import type { Article, ArticleMeta, ChatRecord } from '../domain.ts';
import { type Candidate, pickDigestItems, prepareCandidates } from './build.ts';
import type { Outbound } from './deliver.ts';
import { digestKeyboard, renderDigest } from './render.ts';
import type { Logger } from '../logger.ts';
import { readOrSkip } from '../store/read-or-skip.ts';
import type { ArticleStore } from '../store/stores.ts';

/**
 * Milliseconds a digest reaches back at most: a week's news is already more than one digest
 * holds, and a chat whose last digest is months old must not drag every run over months.
 */
export const MAX_LOOKBACK_MS = 7 * 86_400_000;

/** Where a chat's next digest starts: its last digest, but never more than MAX_LOOKBACK_MS ago. */
export function windowStart(lastDigestAt: string | undefined, now: Date): string {
  const floor = new Date(now.getTime() - MAX_LOOKBACK_MS).toISOString();
  return lastDigestAt !== undefined && lastDigestAt > floor ? lastDigestAt : floor;
}

/** Articles that arrived after `since`, analysed and newest first, from metadata alone (no bodies). */
export function candidatesSince(articles: ArticleStore, since: string): Candidate[] {
  return prepareCandidates(articles.all(), since);
}

export type LoadArticle = (id: string) => Promise<Article | undefined>;

/**
 * Loads each body once however many chats pick it: one run's cache. An article that cannot be
 * read (a body file damaged inside) is left out and reported, so that one file never stops
 * every chat's digest.
 */
export function loaderFor(articles: ArticleStore, logger: Logger): LoadArticle {
  const loaded = new Map<string, Promise<Article | undefined>>();
  return (id) => {
    let article = loaded.get(id);
    if (!article) loaded.set(id, (article = readOrSkip(articles.get(id), id, logger, 'left out of the digests')));
    return article;
  };
}

/** A digest message for one chat, or null when nothing new matches its topics. */
export async function composeDigest(chat: ChatRecord, candidates: Candidate[], localDate: string, since: string, load: LoadArticle): Promise<Outbound | null> {
  const sub = chat.subscription;
  if (!sub) return null;
  const picked: ArticleMeta[] = pickDigestItems(candidates, { since, topics: sub.topics, size: sub.size });
  const items = (await Promise.all(picked.map((meta) => load(meta.id)))).filter((a): a is Article => a !== undefined);
  if (items.length === 0) return null;
  return { chatId: chat.chatId, text: renderDigest(items, localDate), reply_markup: digestKeyboard(items) };
}
