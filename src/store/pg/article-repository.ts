// Articles in PostgreSQL (DATABASE_URL). Metadata is read once at start, a cursor's batch at a
// time, and kept in memory, so every synchronous getter answers as the lowdb store does; bodies
// are read when a reader opens one, and kept only by the bot (RecentArticles), as with lowdb.
// Other instances' changes arrive by LISTEN/NOTIFY and a change cursor (article-sql.ts), and are
// handed to whoever subscribed (the Library, to index them).
import type pg from 'pg';
import type { Article, ArticleMeta } from '../../domain.ts';
import type { Logger } from '../../logger.ts';
import { ArticleMetas } from '../article-metas.ts';
import { SerialQueue } from '../serial.ts';
import type { ArticleChange, ArticleStore, MergeFn, SummaryMaker, SummaryRefreshReport, UpsertReport } from '../stores.ts';
import { ARTICLES_CHANNEL, changesSince, NO_DETAILS, newestOf, readAllMetas, readArticle, readArticles, refreshArticleSummaries, removeArticlesBefore, writeArticles } from './article-sql.ts';
import { type Listener, listen } from './listen.ts';

/** Rows read per query when catching up or streaming bodies. */
const READ_BATCH = 1_000;
/** Milliseconds between catch-ups that need no notification: a safety net should one be lost. */
const CATCH_UP_EVERY_MS = 60_000;

export interface PgArticleOptions {
  logger: Logger;
  /** Follow other instances' changes (default true); false for one-off tools such as export. */
  follow?: boolean;
  catchUpEveryMs?: number;
}

export class PgArticleRepository extends ArticleMetas implements ArticleStore {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  /** The change number of each article's state in memory: an older change never overwrites it. */
  readonly #seqOf = new Map<string, number>();
  /** Every change numbered up to here is in memory. */
  #cursor = 0;
  /** Writes and catch-ups, one at a time, so memory follows the database's order. */
  readonly #queue = new SerialQueue();
  readonly #subscribers = new Set<(change: ArticleChange) => void>();
  #catchingUp: Promise<void> | undefined;
  #listener: Listener | undefined;
  #timer: NodeJS.Timeout | undefined;

  private constructor(pool: pg.Pool, logger: Logger) {
    super();
    this.#pool = pool;
    this.#logger = logger;
  }

  static async open(pool: pg.Pool, options: PgArticleOptions): Promise<PgArticleRepository> {
    const repo = new PgArticleRepository(pool, options.logger);
    repo.#cursor = await readAllMetas(pool, (rows) => {
      for (const { meta, seq } of rows) {
        repo.putMeta(meta);
        repo.#seqOf.set(meta.id, seq);
      }
    });
    // Sorted now, while starting, rather than at the first /latest (seconds at a million).
    repo.latest(0);
    if (options.follow === false) return repo;
    const hint = (payload: string) => {
      if (!(Number(payload) <= repo.#cursor)) repo.#catchUpLogged();
    };
    // Connecting (and reconnecting) catches up: changes made before LISTEN was in place are read.
    repo.#listener = listen(pool, ARTICLES_CHANNEL, hint, options.logger, { onConnect: () => repo.#catchUpLogged() });
    try {
      await repo.#listener.ready;
    } catch (error) {
      await repo.close();
      throw error;
    }
    repo.#timer = setInterval(() => repo.#catchUpLogged(), options.catchUpEveryMs ?? CATCH_UP_EVERY_MS);
    repo.#timer.unref();
    return repo;
  }

  async get(id: string): Promise<Article | undefined> {
    const meta = this.byId(id);
    if (!meta) return undefined;
    if (meta.kind === 'headline') return { ...meta, ...NO_DETAILS };
    return readArticle(this.#pool, id);
  }

  articlesWithBodies(): AsyncIterable<Article> {
    return readArticles(this.#pool, READ_BATCH);
  }

  upsertMany(incoming: Article[], merge: MergeFn): Promise<UpsertReport> {
    return this.#queue.run(async () => {
      const { report, written, headBefore } = await writeArticles(this.#pool, incoming, merge);
      for (const { meta, seq } of written) this.#put(meta, seq);
      this.#advancePast(headBefore, newestOf(written));
      return report;
    });
  }

  refreshSummaries(ids: readonly string[], maker: SummaryMaker): Promise<SummaryRefreshReport> {
    return this.#queue.run(async () => {
      const { report, written, headBefore } = await refreshArticleSummaries(this.#pool, ids, maker);
      for (const { meta, seq } of written) this.#put(meta, seq);
      this.#advancePast(headBefore, newestOf(written));
      return report;
    });
  }

  removePublishedBefore(day: string): Promise<string[]> {
    return this.#queue.run(async () => {
      const { removed, headBefore } = await removeArticlesBefore(this.#pool, day);
      for (const { id } of removed) this.#drop(id);
      this.#advancePast(headBefore, newestOf(removed));
      return removed.map((r) => r.id);
    });
  }

  /** Writes resolve once committed: flushing only waits for those queued. */
  flush(): Promise<void> {
    return this.#queue.idle();
  }

  /** Reports what the search index must re-read: a summary refresh (same updatedAt and content hash) is not reported. */
  onChange(listener: (change: ArticleChange) => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  /** Reads every change after the cursor into memory and reports other instances' to subscribers. */
  catchUp(): Promise<void> {
    // A catch-up not yet started serves every caller that asks meanwhile.
    this.#catchingUp ??= this.#queue.run(async () => {
      this.#catchingUp = undefined;
      for (;;) {
        const { rows, damaged } = await changesSince(this.#pool, this.#cursor, READ_BATCH);
        const change: ArticleChange = { upserted: [], removed: [] };
        for (const { seq, id, meta } of rows) {
          this.#cursor = seq;
          if (seq <= (this.#seqOf.get(id) ?? 0)) continue;
          if (meta) {
            const before = this.byId(id);
            this.#put(meta, seq);
            // Same version, new summaries (a summary refresh): the index has nothing to re-read.
            if (before?.updatedAt !== meta.updatedAt || before.contentHash !== meta.contentHash) change.upserted.push(id);
          } else if (this.#drop(id)) {
            change.removed.push(id);
          }
        }
        if (change.upserted.length > 0 || change.removed.length > 0) this.#emit(change);
        // The cursor stays before a damaged row: read again at every catch-up until it is repaired.
        if (damaged) throw damaged;
        if (rows.length < READ_BATCH) return;
      }
    });
    return this.#catchingUp;
  }

  /** Stops following other instances (the pool is the caller's to end). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#listener?.close();
    await this.#queue.idle();
  }

  #catchUpLogged(): void {
    this.catchUp().catch((error: unknown) => this.#logger.warn({ err: error }, 'could not read other instances’ article changes; trying again later'));
  }

  /** After this instance's own write: when nothing else was pending, the cursor moves past it. */
  #advancePast(headBefore: number, newest: number): void {
    if (headBefore <= this.#cursor && newest > this.#cursor) this.#cursor = newest;
  }

  #emit(change: ArticleChange): void {
    for (const listener of this.#subscribers) {
      try {
        listener(change);
      } catch (error) {
        this.#logger.error({ err: error }, 'an article change listener failed');
      }
    }
  }

  #put(meta: ArticleMeta, seq: number): void {
    this.putMeta(meta);
    this.#seqOf.set(meta.id, seq);
  }

  /** Removes an article from memory; false when it was not there. */
  #drop(id: string): boolean {
    if (!this.deleteMeta(id)) return false;
    this.#seqOf.delete(id);
    return true;
  }
}
