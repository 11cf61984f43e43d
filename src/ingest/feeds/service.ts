// Feeds while the bot runs: one poll at start, then one on FEED_POLL_CRON (never overlapping),
// retention after each poll, and the manager the operator commands use.
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { shardKeyOf } from '../../store/shards.ts';
import type { Exclusive, FeedStores } from '../../store/stores.ts';
import { DuplicateFinder, type StoredArticles } from './dedupe.ts';
import { USER_AGENT } from './fetch.ts';
import { fullTextFetcher } from './full-text.ts';
import { type FeedReport, ingestFeed, type StoreArticles } from './ingest-feed.ts';
import { FeedManager } from './manager.ts';
import { FeedPoller } from './poller.ts';

const DAY_MS = 86_400_000;

/** What feeds need of the library: lookups, a way in, and retention. */
export interface FeedLibrary {
  articles: StoredArticles;
  ingestArticles: StoreArticles;
  removePublishedBefore(day: string): Promise<number>;
}

export interface FeedServiceOptions {
  /** The feed list and what the poller knows of each feed (lowdb files or PostgreSQL). */
  stores: FeedStores;
  feeds: readonly string[];
  cron: string;
  timeoutMs: number;
  fullText: boolean;
  /** Keep articles published in the last this many days; absent: keep everything. */
  retentionDays?: number;
  library: FeedLibrary;
  logger: Logger;
  now?: () => Date;
  /** With several instances: the scheduled poll runs only where this lets it (one poller at a time). */
  exclusive?: Exclusive;
}

export interface FeedService {
  manager: FeedManager;
  /** Polls the due feeds now (start-up, tests and benchmarks). */
  poll(): Promise<FeedReport[]>;
  /** What the schedule runs: a poll where `exclusive` allows it, failures logged. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

function logReport(logger: Logger, r: FeedReport): void {
  if (r.status === 'failed' || r.status === 'malformed') {
    logger.warn({ feed: r.url, status: r.status, reason: r.error }, 'feed not read');
    return;
  }
  const { changedIds: _ids, rejected, ...counts } = r;
  logger.info({ feed: r.url, ...counts, rejected: rejected.length }, 'feed read');
  for (const x of rejected) logger.debug({ feed: r.url, item: x.item, reason: x.reason }, 'feed item rejected');
}

export async function startFeedService(options: FeedServiceOptions): Promise<FeedService> {
  const { logger, library } = options;
  const now = options.now ?? (() => new Date());
  const { list, state } = options.stores;
  const limits = { timeoutMs: options.timeoutMs, userAgent: USER_AGENT };
  const finder = new DuplicateFinder(library.articles, () => state.links());
  const ingestOne = (source: Parameters<typeof ingestFeed>[0]) =>
    ingestFeed(source, {
      state,
      articles: library.articles,
      finder,
      store: (articles) => library.ingestArticles(articles),
      limits,
      now,
      ...(options.fullText ? { fullText: fullTextFetcher(limits, (url, reason) => logger.debug({ url, reason }, 'full text unavailable; keeping the teaser')) } : {}),
    });
  const manager = new FeedManager({ envFeeds: options.feeds, list, state, ingestOne, nextPoll: () => task.getNextRun() ?? undefined });
  const poller = new FeedPoller({ sources: () => manager.sources(), state, finder, ingest: ingestOne, now });

  const retain = async () => {
    if (options.retentionDays === undefined) return;
    const day = shardKeyOf(new Date(now().getTime() - options.retentionDays * DAY_MS).toISOString());
    const removed = await library.removePublishedBefore(day);
    if (removed > 0) logger.info({ removed, before: day }, 'retention: old articles removed');
  };
  const poll = async () => {
    const reports = await poller.poll();
    for (const r of reports) logReport(logger, r);
    await retain();
    return reports;
  };
  const scheduledPoll = async () => {
    if (!options.exclusive) return void (await poll());
    const outcome = await options.exclusive(poll);
    if (!outcome.ran) logger.debug('feed poll left to the instance polling now');
  };
  const tick = () => scheduledPoll().catch((error: unknown) => logger.error({ err: error }, 'feed poll failed'));

  // Declared after the manager, which reads it only once the service is running.
  const task: ScheduledTask = cron.schedule(options.cron, tick, { name: 'feeds', noOverlap: true });
  const first = tick();
  return {
    manager,
    poll,
    tick,
    async stop() {
      await task.stop();
      await task.destroy();
      await poller.stop();
      await first;
      await Promise.all([list.flush(), state.flush()]);
    },
  };
}

/** The service as configured by the environment (FEEDS, FEED_POLL_CRON, FEED_TIMEOUT_MS, …). */
export function startFeedsFromConfig(config: Config, stores: FeedStores, library: FeedLibrary, logger: Logger, exclusive?: Exclusive): Promise<FeedService> {
  return startFeedService({
    ...(exclusive ? { exclusive } : {}),
    stores,
    feeds: config.FEEDS,
    cron: config.FEED_POLL_CRON,
    timeoutMs: config.FEED_TIMEOUT_MS,
    fullText: config.FEED_FULL_TEXT,
    ...(config.RETENTION_DAYS === undefined ? {} : { retentionDays: config.RETENTION_DAYS }),
    library,
    logger,
  });
}
