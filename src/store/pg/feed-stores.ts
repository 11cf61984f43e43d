// The operator's feed list and what the poller knows of each feed, in PostgreSQL. Both are small
// and read often (every poll, every /feeds), so each instance keeps a copy, refreshed when
// another instance announces a change on khulasa_feeds and reloaded after a reconnection.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import { type FeedSource, feedSourceProblem } from '../feed-list.ts';
import { emptyFeedState, type FeedState, feedStateProblem } from '../feed-state.ts';
import { checked, type ProblemOf, REPAIR_AND_RESTART, REPAIR_WHILE_RUNNING } from './damaged-row.ts';
import { SerialQueue } from '../serial.ts';
import type { FeedListStore, FeedStateStore } from '../stores.ts';
import { listen, type Listener } from './listen.ts';

export const FEEDS_CHANNEL = 'khulasa_feeds';
/** Bytes of a feed address sent in a notification; a longer one asks for a full reload instead. */
const MAX_NOTIFIED_URL = 4_000;

/**
 * Payloads: "list <instance>" or "state <instance> [url]". An instance skips its own changes,
 * which its copy already holds.
 */
abstract class FeedCopy {
  protected readonly pool: pg.Pool;
  protected readonly logger: Logger;
  protected readonly instance = randomUUID();
  /** Reads run one at a time, in order, so an older read never overwrites a newer one. */
  protected readonly reads = new SerialQueue();
  #listener: Listener | undefined;

  protected constructor(pool: pg.Pool, logger: Logger) {
    this.pool = pool;
    this.logger = logger;
  }

  /** Advice for a damaged row: restart once repaired while starting, carry on once running. */
  protected advice = REPAIR_AND_RESTART;

  protected async start(kind: 'list' | 'state'): Promise<void> {
    let loaded = false;
    const read = (url: string | undefined) => this.reads.run(() => this.refresh(url)).catch((error: unknown) => this.logger.warn({ err: error, kind }, 'could not read the feeds another instance changed'));
    this.#listener = listen(this.pool, FEEDS_CHANNEL, (payload) => {
      const [heardKind, from, url] = payload.split(' ');
      if (heardKind === kind && from !== this.instance) void read(url);
    }, this.logger, { onConnect: () => void (loaded && read(undefined)) });
    try {
      await this.#listener.ready;
      await this.reads.run(() => this.refresh(undefined));
    } catch (error) {
      await this.close();
      throw error;
    }
    loaded = true;
    this.advice = REPAIR_WHILE_RUNNING;
  }

  /** A row's JSON as the lowdb file checks each entry; a damaged one is a StoreError, the copy untouched. */
  protected checked<T>(table: string, url: string, column: string, value: unknown, problemOf: ProblemOf): T {
    return checked<T>(value, problemOf, { table, row: JSON.stringify(url), column, advice: this.advice });
  }

  /** Reads one feed's row (`url`), or everything. */
  protected abstract refresh(url: string | undefined): Promise<void>;

  async flush(): Promise<void> {
    await this.reads.idle();
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }
}

export class PgFeedListStore extends FeedCopy implements FeedListStore {
  #feeds: readonly FeedSource[] = [];

  static async open(pool: pg.Pool, logger: Logger): Promise<PgFeedListStore> {
    const store = new PgFeedListStore(pool, logger);
    await store.start('list');
    return store;
  }

  all(): readonly FeedSource[] {
    return this.#feeds;
  }

  /** The notification goes out with the insert, only when there was one. */
  async add(feed: FeedSource): Promise<boolean> {
    const { rows } = await this.pool.query(
      `WITH added AS (INSERT INTO feeds (url, source) VALUES ($1, $2::jsonb) ON CONFLICT (url) DO NOTHING RETURNING url)
       SELECT pg_notify($3, $4) FROM added`,
      [feed.url, JSON.stringify(feed), FEEDS_CHANNEL, `list ${this.instance}`],
    );
    await this.reads.run(() => this.refresh());
    return rows.length > 0;
  }

  async remove(url: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `WITH removed AS (DELETE FROM feeds WHERE url = $1 RETURNING url) SELECT pg_notify($2, $3) FROM removed`,
      [url, FEEDS_CHANNEL, `list ${this.instance}`],
    );
    await this.reads.run(() => this.refresh());
    return rows.length > 0;
  }

  protected async refresh(): Promise<void> {
    const { rows } = await this.pool.query<{ url: string; source: unknown }>('SELECT url, source FROM feeds ORDER BY position');
    this.#feeds = rows.map((r) => this.checked<FeedSource>('feeds', r.url, 'source', r.source, (s) => feedSourceProblem(s) ?? ((s as FeedSource).url === r.url ? undefined : `its "url" is not the row's`)));
  }
}

export class PgFeedStateStore extends FeedCopy implements FeedStateStore {
  readonly #states = new Map<string, FeedState>();

  static async open(pool: pg.Pool, logger: Logger): Promise<PgFeedStateStore> {
    const store = new PgFeedStateStore(pool, logger);
    await store.start('state');
    return store;
  }

  get(url: string): FeedState {
    return this.#states.get(url) ?? emptyFeedState();
  }

  /** Writes join the reads' queue, so a reload in progress never undoes one. */
  set(url: string, state: FeedState): Promise<void> {
    return this.reads.run(async () => {
      await this.pool.query(
        `WITH saved AS (INSERT INTO feed_state (url, state) VALUES ($1, $2::jsonb) ON CONFLICT (url) DO UPDATE SET state = EXCLUDED.state RETURNING url)
         SELECT pg_notify($3, $4) FROM saved`,
        [url, JSON.stringify(state), FEEDS_CHANNEL, this.#payload(url)],
      );
      this.#states.set(url, state);
    });
  }

  entries(): Iterable<[url: string, state: FeedState]> {
    return this.#states.entries();
  }

  *links(): Generator<[link: string, id: string]> {
    for (const state of this.#states.values()) yield* Object.entries(state.itemLinks ?? {});
  }

  delete(url: string): Promise<void> {
    return this.reads.run(async () => {
      await this.pool.query('WITH gone AS (DELETE FROM feed_state WHERE url = $1 RETURNING url) SELECT pg_notify($2, $3) FROM gone', [url, FEEDS_CHANNEL, this.#payload(url)]);
      this.#states.delete(url);
    });
  }

  #payload(url: string): string {
    return Buffer.byteLength(url) > MAX_NOTIFIED_URL ? `state ${this.instance}` : `state ${this.instance} ${url}`;
  }

  protected async refresh(url: string | undefined): Promise<void> {
    if (url === undefined) {
      const { rows } = await this.pool.query<{ url: string; state: unknown }>('SELECT url, state FROM feed_state');
      const states = rows.map((r) => [r.url, this.checked<FeedState>('feed_state', r.url, 'state', r.state, feedStateProblem)] as const);
      this.#states.clear();
      for (const [feed, state] of states) this.#states.set(feed, state);
      return;
    }
    const row = (await this.pool.query<{ state: unknown }>('SELECT state FROM feed_state WHERE url = $1', [url])).rows[0];
    if (row) this.#states.set(url, this.checked<FeedState>('feed_state', url, 'state', row.state, feedStateProblem));
    else this.#states.delete(url);
  }
}
