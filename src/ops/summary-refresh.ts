// Summaries an older summariser made, made again after an upgrade. Summaries are worked out once,
// when an article is stored, and re-reading an unchanged page or feed item stores nothing: without
// this, every article stored before an upgrade would keep its old card summary and digest line.
// Runs in the background once the search index is ready, a batch at a time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { ArticleStore, Exclusive, SummaryMaker } from '../store/stores.ts';
import { storedSummaries, SUMMARY_STAMP } from '../text/summary-stamp.ts';

/** Articles per store call: a day's articles touch each of its body buckets about once. */
export const REFRESH_BATCH = 200;

/** Today's summariser, as a store's refresh takes it. */
export const TODAYS_SUMMARIES: SummaryMaker = {
  stamp: SUMMARY_STAMP,
  make: (paragraphs) => {
    const { summary, digestLine } = storedSummaries(paragraphs);
    return { summary, digestLine };
  },
};

export interface SummaryRefreshTotals {
  refreshed: number;
  /** Articles left with their old summaries (each logged with why). */
  skipped: number;
}

/** Full articles whose summaries another summariser made (or an unstamped one), oldest first. */
export function staleSummaryIds(articles: Pick<ArticleStore, 'all'>, stamp: string): string[] {
  const stale = [...articles.all()].filter((a) => a.kind === 'article' && a.summaryStamp !== stamp);
  // Ordinal comparison: ISO dates and ids sort alike in it, at a fraction of localeCompare's cost.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return stale.sort((a, b) => order(a.publishedAt, b.publishedAt) || order(a.id, b.id)).map((a) => a.id);
}

/** What the refresh asks of an article store. */
export type RefreshableArticles = Pick<ArticleStore, 'all' | 'refreshSummaries'>;

export interface RefreshOptions {
  maker?: SummaryMaker;
  batch?: number;
  /** Once aborted, no further batch starts (the next start goes on where this one stopped). */
  signal?: AbortSignal;
}

/**
 * Makes every stale summary again, batch by batch, and logs how many. An article without a
 * readable body keeps its old summaries, with a warning; a store that fails stops the refresh
 * (logged), and the next start takes it up again.
 */
export async function refreshStaleSummaries(articles: RefreshableArticles, logger: Logger, options: RefreshOptions = {}): Promise<SummaryRefreshTotals> {
  const started = Date.now();
  const maker = options.maker ?? TODAYS_SUMMARIES;
  const batch = options.batch ?? REFRESH_BATCH;
  const stale = staleSummaryIds(articles, maker.stamp);
  const totals: SummaryRefreshTotals = { refreshed: 0, skipped: 0 };
  try {
    for (let i = 0; i < stale.length && !options.signal?.aborted; i += batch) {
      const report = await articles.refreshSummaries(stale.slice(i, i + batch), maker);
      totals.refreshed += report.refreshed.length;
      totals.skipped += report.skipped.length;
      for (const { id, reason } of report.skipped) logger.warn({ id, reason }, 'summaries not refreshed: the article keeps the ones stored');
      // Readers' updates in between batches.
      await nextTurn();
    }
  } catch (error) {
    logger.error({ err: error, ...totals, stale: stale.length }, 'summary refresh stopped; the next start takes it up again');
    return totals;
  }
  logger.info({ ...totals, stale: stale.length, stamp: maker.stamp, ms: Date.now() - started, stopped: options.signal?.aborted === true }, 'summaries refreshed');
  return totals;
}

export interface SummaryRefreshStart extends RefreshOptions {
  articles: RefreshableArticles;
  /** Settles once the search index is loaded: start-up and the first search do not share the CPU with the refresh. */
  ready: Promise<unknown>;
  logger: Logger;
  /** PostgreSQL: one instance refreshes; the others hear of each batch as of any change. */
  exclusive?: Exclusive;
}

/** The refresh in the background; never rejects (undefined when another instance did it, or it could not start). */
export async function startSummaryRefresh({ articles, ready, logger, exclusive, ...options }: SummaryRefreshStart): Promise<SummaryRefreshTotals | undefined> {
  // A shutdown does not wait for an index still loading (minutes when it is built from the store).
  const { signal } = options;
  const stopped = new Promise<void>((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true })));
  await Promise.race([ready.catch(() => undefined), stopped]);
  if (signal?.aborted) return undefined;
  const run = () => refreshStaleSummaries(articles, logger, options);
  if (!exclusive) return run();
  try {
    const outcome = await exclusive(run);
    if (!outcome.ran) logger.info('another instance refreshes the summaries');
    return outcome.ran ? outcome.value : undefined;
  } catch (error) {
    logger.error({ err: error }, 'summary refresh could not start; the next start tries again');
    return undefined;
  }
}
