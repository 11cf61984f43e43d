// One poll: every feed that is due (not backing off), a few at a time, never two polls at once.
import type { FeedSource } from '../../store/feed-list.ts';
import type { DuplicateFinder } from './dedupe.ts';
import type { FeedReport } from './ingest-feed.ts';
import type { FeedStateStore } from '../../store/stores.ts';

/**
 * Feeds fetched at once: enough to hide network latency, few enough that parsing and summarising
 * (CPU, on the bot's own thread) leave room for readers' updates between feeds.
 */
export const FEED_CONCURRENCY = 4;

/**
 * Runs `task` over `items` with at most `limit` at a time; results in input order. Once `stop`
 * says so, no further item starts (those results are missing).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, stop: () => boolean = () => false): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results.filter((r) => r !== undefined);
}

export interface PollerDeps {
  sources: () => readonly FeedSource[];
  state: FeedStateStore;
  finder: DuplicateFinder;
  ingest: (source: FeedSource) => Promise<FeedReport>;
  now: () => Date;
  concurrency?: number;
}

export class FeedPoller {
  readonly #deps: PollerDeps;
  #running: Promise<FeedReport[]> | null = null;
  #stopped = false;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
  }

  /** Feeds whose backoff has passed (or that never failed). */
  due(): FeedSource[] {
    const now = this.#deps.now().getTime();
    return this.#deps.sources().filter((s) => {
      const next = this.#deps.state.get(s.url).nextFetchAt;
      return next === undefined || Date.parse(next) <= now;
    });
  }

  /** Polls the due feeds; a call during a poll joins it instead of starting another. */
  poll(): Promise<FeedReport[]> {
    this.#running ??= (async () => {
      try {
        // Links and titles seen in the last poll may have changed (seed pages, retention).
        this.#deps.finder.reset();
        return await mapLimit(this.due(), this.#deps.concurrency ?? FEED_CONCURRENCY, this.#deps.ingest, () => this.#stopped);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** Starts no further feed (shutdown) and resolves once those under way are done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running?.catch(() => undefined);
  }
}
