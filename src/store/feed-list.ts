// The operator's feed list, DATA_DIR/feeds.json: url, optional display name and category. Written
// by /feeds add and /feeds remove, and readable and editable by hand (a versioned JSON file).
import type { FeedListStore } from './stores.ts';
import { type GroupCommit, openCommittedFile, type WriteOptions } from './durable-write.ts';
import type { FileSchema } from './versioned-file.ts';

export const FEEDS_FILE = 'feeds.json';
const FEEDS_VERSION = 1;

export interface FeedSource {
  url: string;
  /** Shown as the articles' source; the feed's own title when absent. */
  name?: string;
  /** Added to every item's keywords, so digest topics can select the feed. */
  category?: string;
}

interface FeedsFile {
  version: number;
  feeds: FeedSource[];
}

const schema: FileSchema<FeedsFile> = {
  what: 'feed list',
  version: FEEDS_VERSION,
  empty: () => ({ version: FEEDS_VERSION, feeds: [] }),
  check: (doc) => {
    if (!Array.isArray(doc.feeds)) return '"feeds" is not a list';
    for (const [i, f] of (doc.feeds as unknown[]).entries()) {
      const problem = feedSourceProblem(f);
      if (problem) return `feed ${i + 1} ${problem}`;
    }
    return undefined;
  },
};

/** What is wrong with one entry of the feed list, if anything: for the file and for PostgreSQL rows. */
export function feedSourceProblem(source: unknown): string | undefined {
  const f = source as Partial<FeedSource> | null | undefined;
  if (typeof f?.url !== 'string') return 'has no "url"';
  if (f.name !== undefined && typeof f.name !== 'string') return 'has a "name" that is not text';
  if (f.category !== undefined && typeof f.category !== 'string') return 'has a "category" that is not text';
  return undefined;
}

export class FeedListRepository implements FeedListStore {
  readonly #data: FeedsFile;
  readonly #commit: GroupCommit;

  private constructor(data: FeedsFile, commit: GroupCommit) {
    this.#data = data;
    this.#commit = commit;
  }

  /** `options.logger` hears about failed writes (each is retried; see durable-write). */
  static async open(dataDir: string, options: WriteOptions = {}): Promise<FeedListRepository> {
    const { db, commit } = await openCommittedFile(dataDir, FEEDS_FILE, schema, options);
    return new FeedListRepository(db.data, commit);
  }

  all(): readonly FeedSource[] {
    return this.#data.feeds;
  }

  /** Adds a feed (false when the address is already listed) and resolves once it is on disk. */
  async add(feed: FeedSource): Promise<boolean> {
    if (this.#data.feeds.some((f) => f.url === feed.url)) return false;
    this.#data.feeds.push(feed);
    await this.#commit.request();
    return true;
  }

  /** Removes a feed by address; false when it was not listed here. */
  async remove(url: string): Promise<boolean> {
    const index = this.#data.feeds.findIndex((f) => f.url === url);
    if (index < 0) return false;
    this.#data.feeds.splice(index, 1);
    await this.#commit.request();
    return true;
  }

  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
