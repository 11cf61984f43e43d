// One feed, once: fetch (conditionally), decode, parse, map its items to articles, store them and
// remember what happened. A failure of any step is recorded on the feed, never thrown.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from '../../domain.ts';
import type { FeedSource } from '../../store/feed-list.ts';
import type { FeedState } from '../../store/feed-state.ts';
import { nextAttemptAt } from './backoff.ts';
import { decodeBytes } from './decode.ts';
import type { DuplicateFinder, StoredArticles } from './dedupe.ts';
import { FetchError, fetchLimited, type FetchLimits } from './fetch.ts';
import { canonicalLink, itemParagraphs, itemTitle, mapItem } from './map-item.ts';
import { FeedParseError, type FeedItem, parseFeedText } from './parse.ts';
import type { FeedStateStore } from '../../store/stores.ts';

export interface StoreReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Where articles go: the library (store and search index) in the bot, the store in the CLI. */
export type StoreArticles = (articles: Article[]) => Promise<StoreReport>;

export interface FeedReport {
  url: string;
  /** ok: items read; not-modified: 304; malformed: reached but unreadable; failed: not reached. */
  status: 'ok' | 'not-modified' | 'malformed' | 'failed';
  title?: string;
  items: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: { item: string; reason: string }[];
  /** Why the feed could not be read (malformed, failed). */
  error?: string;
  changedIds: string[];
}

export interface FeedIngestDeps {
  state: FeedStateStore;
  articles: StoredArticles;
  finder: DuplicateFinder;
  store: StoreArticles;
  limits: FetchLimits;
  /** The article's text from its page (FEED_FULL_TEXT=1); undefined keeps the feed's teaser. */
  fullText?: (url: string) => Promise<string[] | undefined>;
  now: () => Date;
  random?: () => number;
}

const itemKey = (item: FeedItem, title: string) => item.guid ?? item.link ?? title;

function emptyReport(url: string, status: FeedReport['status']): FeedReport {
  return { url, status, items: 0, new: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
}

async function fail(deps: FeedIngestDeps, source: FeedSource, previous: FeedState, status: 'failed' | 'malformed', reason: string): Promise<FeedReport> {
  const now = deps.now();
  const failures = previous.failures + 1;
  await deps.state.set(source.url, {
    ...previous,
    failures,
    lastError: { at: now.toISOString(), reason },
    nextFetchAt: nextAttemptAt(failures, now, deps.random).toISOString(),
  });
  return { ...emptyReport(source.url, status), error: reason };
}

/**
 * Each item's canonical link when it names that item's story. Some feeds link every item to their
 * home page: a link shared by several items of one feed names no story, and is not matched on.
 */
function storyLinks(items: FeedItem[], base: string): (string | undefined)[] {
  const links = items.map((item) => canonicalLink(item.link, base));
  const counts = new Map<string, number>();
  for (const link of links) if (link) counts.set(link, (counts.get(link) ?? 0) + 1);
  return links.map((link) => (link && counts.get(link) === 1 ? link : undefined));
}

export async function ingestFeed(source: FeedSource, deps: FeedIngestDeps): Promise<FeedReport> {
  const previous = deps.state.get(source.url);
  const validators = { ...(previous.etag ? { etag: previous.etag } : {}), ...(previous.lastModified ? { lastModified: previous.lastModified } : {}) };
  let fetched;
  try {
    fetched = await fetchLimited(source.url, deps.limits, validators);
  } catch (error) {
    if (error instanceof FetchError) return fail(deps, source, previous, 'failed', error.reason);
    throw error;
  }
  const succeeded = (patch: Partial<FeedState>, keep: Partial<FeedState> = {}): FeedState => {
    const { lastError: _cleared, nextFetchAt: _due, etag: _etag, lastModified: _modified, ...rest } = previous;
    return { ...rest, ...keep, ...patch, failures: 0, lastSuccessAt: deps.now().toISOString() };
  };
  if (fetched.status === 'not-modified') {
    await deps.state.set(source.url, succeeded({}, validators));
    return { ...emptyReport(source.url, 'not-modified'), ...(previous.title ? { title: previous.title } : {}), items: previous.items };
  }
  let feed;
  try {
    feed = parseFeedText(decodeBytes(fetched.bytes, fetched.contentType));
  } catch (error) {
    if (error instanceof FeedParseError) return fail(deps, source, previous, 'malformed', error.message);
    throw error;
  }

  const now = deps.now().toISOString();
  const report = { ...emptyReport(source.url, 'ok'), items: feed.items.length, ...(feed.title ? { title: feed.title } : {}) };
  // Ids are decided synchronously, all items of a feed at once: feeds fetched concurrently never
  // interleave here, so two feeds carrying one story agree on its id.
  const taken = new Set<string>();
  const links = storyLinks(feed.items, fetched.url);
  const plan = feed.items.flatMap((item, order) => {
    const title = itemTitle(item);
    if (!title) {
      report.rejected.push({ item: item.guid ?? item.link ?? `#${order + 1}`, reason: 'no title and no text' });
      return [];
    }
    const link = links[order];
    const key = itemKey(item, title);
    const id = deps.finder.resolve({ title, fallback: `${source.url}#${key}`, ...(link ? { link } : {}) }, previous.itemIds[key]);
    if (taken.has(id)) {
      report.rejected.push({ item: title, reason: 'the same story as an earlier item of this feed' });
      return [];
    }
    taken.add(id);
    return [{ item, order, id, title, link }];
  });

  const articles: Article[] = [];
  const itemIds: Record<string, string> = {};
  const itemLinks: Record<string, string> = {};
  const sourceName = source.name ?? feed.title;
  for (const { item, order, id, title, link } of plan) {
    // Summarising an item takes about a millisecond: between items, readers' updates go first.
    await nextTurn();
    let fullText: string[] | undefined;
    if (deps.fullText && link && !itemParagraphs(item).full) {
      // A page read once is not read again at every poll; a teaser kept after a failure is retried.
      const stored = deps.articles.byId(id);
      if (stored && stored.origin === source.url && !stored.teaserOnly) {
        itemIds[itemKey(item, title)] = id;
        itemLinks[link] = id;
        report.unchanged++;
        continue;
      }
      fullText = await deps.fullText(link);
    }
    const mapped = mapItem(item, {
      id,
      feedUrl: source.url,
      baseUrl: fetched.url,
      order,
      now,
      ...(sourceName ? { source: sourceName } : {}),
      ...(source.category ? { category: source.category } : {}),
      ...(fullText ? { fullText } : {}),
    });
    if (!mapped.ok) {
      report.rejected.push({ item: title, reason: mapped.reason });
      continue;
    }
    articles.push(mapped.article);
    itemIds[itemKey(item, title)] = id;
    if (link) itemLinks[link] = id;
  }
  const stored = await deps.store(articles);
  await deps.state.set(source.url, succeeded({ ...fetched.validators, ...(feed.title ? { title: feed.title } : {}), items: feed.items.length, itemIds, itemLinks }));
  return {
    ...report,
    new: stored.created.length,
    updated: stored.updated.length,
    unchanged: report.unchanged + stored.unchanged.length,
    changedIds: [...stored.created, ...stored.updated],
  };
}
