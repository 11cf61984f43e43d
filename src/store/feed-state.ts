// What the poller knows about each feed (DATA_DIR/feed-state.json): validators for conditional
// GET, the last success and error, the backoff, and which article each of its current items became.
import type { FeedStateStore } from './stores.ts';
import { type GroupCommit, openCommittedFile, type WriteOptions } from './durable-write.ts';
import { type FileSchema, isRecord } from './versioned-file.ts';

export const FEED_STATE_FILE = 'feed-state.json';
const FEED_STATE_VERSION = 1;

export interface FeedState {
  /** The feed's own title, from its last successful fetch. */
  title?: string;
  etag?: string;
  lastModified?: string;
  /** ISO 8601 times. */
  lastSuccessAt?: string;
  lastError?: { at: string; reason: string };
  /** Failures in a row; 0 once a fetch succeeds. */
  failures: number;
  /** Not fetched again before this instant (ISO 8601); absent: at the next poll. */
  nextFetchAt?: string;
  /** Items in the last successful fetch. */
  items: number;
  /** guid (or link) → article id, for the items of the last fetch: a changed item keeps its id. */
  itemIds: Record<string, string>;
  /** Canonical link → article id for the same items: the same story in another feed, by link. */
  itemLinks?: Record<string, string>;
}

interface FeedStateFile {
  version: number;
  feeds: Record<string, FeedState>;
}

const schema: FileSchema<FeedStateFile> = {
  what: 'feed state',
  version: FEED_STATE_VERSION,
  empty: () => ({ version: FEED_STATE_VERSION, feeds: {} }),
  check: (doc) => {
    const feeds = doc.feeds;
    if (!isRecord(feeds)) return '"feeds" is not an object';
    for (const [url, f] of Object.entries(feeds)) {
      const problem = feedStateProblem(f);
      if (problem) return `feed "${url}" ${problem}`;
    }
    return undefined;
  },
};

/** What is wrong with one feed's state, if anything: for the file and for PostgreSQL rows. */
export function feedStateProblem(state: unknown): string | undefined {
  const f = state as Partial<FeedState> | null | undefined;
  return typeof f?.failures !== 'number' || typeof f.itemIds !== 'object' ? 'lacks "failures" or "itemIds"' : undefined;
}

export const emptyFeedState = (): FeedState => ({ failures: 0, items: 0, itemIds: {} });

export class FeedStateRepository implements FeedStateStore {
  readonly #data: FeedStateFile;
  readonly #commit: GroupCommit;

  private constructor(data: FeedStateFile, commit: GroupCommit) {
    this.#data = data;
    this.#commit = commit;
  }

  /** `options.logger` hears about failed writes (each is retried; see durable-write). */
  static async open(dataDir: string, options: WriteOptions = {}): Promise<FeedStateRepository> {
    const { db, commit } = await openCommittedFile(dataDir, FEED_STATE_FILE, schema, options);
    return new FeedStateRepository(db.data, commit);
  }

  get(url: string): FeedState {
    return this.#data.feeds[url] ?? emptyFeedState();
  }

  /** Replaces a feed's state and resolves once it is on disk. */
  async set(url: string, state: FeedState): Promise<void> {
    this.#data.feeds[url] = state;
    await this.#commit.request();
  }

  /** Every item link the feeds carried at their last fetch, with its article id. */
  *links(): Generator<[link: string, id: string]> {
    for (const state of Object.values(this.#data.feeds)) yield* Object.entries(state.itemLinks ?? {});
  }

  entries(): Iterable<[url: string, state: FeedState]> {
    return Object.entries(this.#data.feeds);
  }

  async delete(url: string): Promise<void> {
    delete this.#data.feeds[url];
    await this.#commit.request();
  }

  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
