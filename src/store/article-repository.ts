// Articles on disk behind explicit methods; nothing outside src/store knows lowdb is used.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Low } from 'lowdb';
import type { Article, ArticleDetails, ArticleMeta } from '../domain.ts';
import { detailsChanged, splitArticle } from './article-split.ts';
import { type ArticleStore, type MergeFn, SUMMARIES_BETWEEN_TURNS, type SummaryMaker, type SummaryRefreshReport, type UpsertReport } from './stores.ts';
import { ARTICLE_FILES_VERSION, type BodyShard, bodyShardSchema, type MetaShard, metaShardSchema } from './article-schema.ts';
import { type WriteOptions, writeRetrying } from './durable-write.ts';
import { BODY_TABLE_READ, BodyReader } from './body-reader.ts';
import { bodyFilesFor, type FileIoSource } from './file-io.ts';
import { ArticleMetas } from './article-metas.ts';
import { SerialQueue } from './serial.ts';
import { ARTICLES_DIR, BODY_DIR, bodyKeyOf, bodyKeysOfDay, bodyShardKeysIn, bodyShardPath, META_DIR, metaShardPath, shardKeyOf, shardKeysIn } from './shards.ts';
import { checkVersionedFileEnds, openVersionedFile } from './versioned-file.ts';

export interface ArticleStoreOptions extends WriteOptions {
  /** How body reads reach the disk (default: synchronous while quick, see file-io). */
  bodyFiles?: FileIoSource;
}

/** Body buckets kept in memory at once: what readers are opening now (tens of KB each at 100k). */
const BODY_SHARD_CACHE = 256;
/** Meta shards opened in parallel at start: enough to overlap I/O without a file-handle storm. */
const OPEN_CONCURRENCY = 16;

const NO_DETAILS: ArticleDetails = { paragraphs: [], summary: '', digestLine: '' };

export type { Change, MergeFn, UpsertReport } from './stores.ts';

export class ArticleRepository extends ArticleMetas implements ArticleStore {
  readonly #dataDir: string;
  readonly #metaShards = new Map<string, Low<MetaShard>>();
  readonly #bodyShards = new Map<string, Promise<Low<BodyShard>>>();
  readonly #writes = new SerialQueue();
  /** Body shards changed by the batch being written: never evicted, or a reopen would read stale data. */
  readonly #pinned = new Set<string>();
  /**
   * Shards whose last write failed (file path → shard): written again with the next batch or
   * flush. Their body keys stay pinned, so the changed data is never evicted unwritten.
   */
  readonly #unwritten = new Map<string, { shard: Low<MetaShard> | Low<BodyShard>; bodyKey?: string }>();
  readonly #writeOptions: WriteOptions;
  readonly #bodyReader: BodyReader;

  private constructor(dataDir: string, options: ArticleStoreOptions) {
    super();
    this.#dataDir = dataDir;
    this.#writeOptions = options;
    this.#bodyReader = new BodyReader((key) => bodyShardPath(dataDir, key), ARTICLE_FILES_VERSION, options.bodyFiles ?? bodyFilesFor('adaptive'));
  }

  /**
   * Loads every metadata shard; throws StoreError naming the file when one is unusable.
   * `options.logger` hears about failed writes (each is retried; see durable-write).
   */
  static async open(dataDir: string, options: ArticleStoreOptions = {}): Promise<ArticleRepository> {
    const repo = new ArticleRepository(dataDir, options);
    const metaDir = join(dataDir, ARTICLES_DIR, META_DIR);
    const names = await readdir(metaDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    // Bodies are read when a reader opens an article; a damaged one is refused now, not then.
    // Their tables come with the check's first read, so a reader's first card reads one extent.
    const bodyKeys = bodyShardKeysIn(await readdir(join(dataDir, ARTICLES_DIR, BODY_DIR), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    }));
    for (let i = 0; i < bodyKeys.length; i += OPEN_CONCURRENCY) {
      await Promise.all(
        bodyKeys.slice(i, i + OPEN_CONCURRENCY).map(async (key) => {
          repo.#bodyReader.learn(key, await checkVersionedFileEnds(bodyShardPath(dataDir, key), bodyShardSchema, BODY_TABLE_READ));
        }),
      );
    }
    const keys = shardKeysIn(names);
    for (let i = 0; i < keys.length; i += OPEN_CONCURRENCY) {
      const batch = keys.slice(i, i + OPEN_CONCURRENCY);
      const shards = await Promise.all(batch.map((k) => openVersionedFile(metaShardPath(dataDir, k), metaShardSchema)));
      batch.forEach((key, j) => {
        const shard = shards[j] as Low<MetaShard>;
        repo.#metaShards.set(key, shard);
        for (const meta of Object.values(shard.data.articles)) repo.putMeta(meta);
      });
    }
    return repo;
  }

  /** The stored article with its paragraphs and summaries (empty for headlines). */
  async get(id: string): Promise<Article | undefined> {
    const meta = this.byId(id);
    if (!meta) return undefined;
    if (meta.kind === 'headline') return { ...meta, ...NO_DETAILS };
    const key = bodyKeyOf(meta.publishedAt, id);
    // A bucket in memory may hold changes being written: it is the truth while it is there.
    const details = this.#bodyShards.has(key) ? undefined : await this.#bodyReader.read(key, id);
    if (details !== undefined) return { ...meta, ...(details ?? NO_DETAILS) };
    const shard = await this.#bodyShard(key);
    return { ...meta, ...(shard.data.bodies[id] ?? NO_DETAILS) };
  }

  /** Every full article with its body, one shard at a time (for rebuilding the search index). */
  async *articlesWithBodies(): AsyncGenerator<Article> {
    const byShard = new Map<string, ArticleMeta[]>();
    for (const meta of this.all()) {
      if (meta.kind !== 'article') continue;
      const key = bodyKeyOf(meta.publishedAt, meta.id);
      const list = byShard.get(key);
      if (list) list.push(meta);
      else byShard.set(key, [meta]);
    }
    for (const [key, metas] of [...byShard].sort(([a], [b]) => a.localeCompare(b))) {
      const bodies = (await openVersionedFile(bodyShardPath(this.#dataDir, key), bodyShardSchema)).data.bodies;
      for (const meta of metas) yield { ...meta, ...(bodies[meta.id] ?? NO_DETAILS) };
    }
    for (const meta of this.all()) if (meta.kind === 'headline') yield { ...meta, ...NO_DETAILS };
  }

  /**
   * Stores a batch: each touched shard is written once, and batches never interleave, so
   * concurrent callers lose nothing.
   */
  upsertMany(incoming: Article[], merge: MergeFn): Promise<UpsertReport> {
    return this.#writes.run(async () => {
      const report: UpsertReport = { created: [], updated: [], unchanged: [] };
      for (const candidate of incoming) {
        const existing = this.byId(candidate.id);
        const { article, change } = merge(existing, candidate);
        report[change].push(article.id);
        if (change === 'unchanged') continue;
        const key = shardKeyOf(article.publishedAt);
        if (existing && shardKeyOf(existing.publishedAt) !== key) {
          const oldKey = shardKeyOf(existing.publishedAt);
          delete (await this.#touchMeta(oldKey)).data.articles[article.id];
          delete (await this.#touchBody(bodyKeyOf(existing.publishedAt, article.id))).data.bodies[article.id];
        }
        const { meta, details } = splitArticle(article);
        (await this.#touchMeta(key)).data.articles[article.id] = meta;
        this.putMeta(meta);
        if (detailsChanged(existing, article)) {
          (await this.#touchBody(bodyKeyOf(article.publishedAt, article.id))).data.bodies[article.id] = details();
        }
      }
      await this.#writeUnwritten();
      return report;
    });
  }

  /**
   * Makes the summaries of these articles again where their stamp is not the maker's: the body
   * bucket and the metadata shard are rewritten, nothing else of the article changes.
   */
  refreshSummaries(ids: readonly string[], maker: SummaryMaker): Promise<SummaryRefreshReport> {
    return this.#writes.run(async () => {
      const report: SummaryRefreshReport = { refreshed: [], skipped: [] };
      const byBucket = new Map<string, ArticleMeta[]>();
      for (const id of ids) {
        const meta = this.byId(id);
        if (meta?.kind !== 'article' || meta.summaryStamp === maker.stamp) continue;
        const key = bodyKeyOf(meta.publishedAt, id);
        const bucket = byBucket.get(key);
        if (bucket) bucket.push(meta);
        else byBucket.set(key, [meta]);
      }
      for (const [key, metas] of byBucket) {
        let bodies: BodyShard['bodies'];
        try {
          bodies = (await this.#bodyShard(key)).data.bodies;
        } catch (error) {
          for (const { id } of metas) report.skipped.push({ id, reason: `its body file is unreadable: ${(error as Error).message}` });
          continue;
        }
        for (const meta of metas) {
          const details = bodies[meta.id];
          if (!details || !Array.isArray(details.paragraphs)) {
            report.skipped.push({ id: meta.id, reason: 'no body is stored for it' });
            continue;
          }
          (await this.#touchBody(key)).data.bodies[meta.id] = { ...details, ...maker.make(details.paragraphs) };
          const stamped: ArticleMeta = { ...meta, summaryStamp: maker.stamp };
          (await this.#touchMeta(shardKeyOf(meta.publishedAt))).data.articles[meta.id] = stamped;
          this.putMeta(stamped);
          report.refreshed.push(meta.id);
          if (report.refreshed.length % SUMMARIES_BETWEEN_TURNS === 0) await nextTurn();
        }
      }
      await this.#writeUnwritten();
      return report;
    });
  }

  /** A body bucket about to change: pinned in memory and listed to be written. */
  async #touchBody(key: string): Promise<Low<BodyShard>> {
    this.#pinned.add(key);
    this.#bodyReader.forget(key);
    const shard = await this.#bodyShard(key);
    this.#unwritten.set(bodyShardPath(this.#dataDir, key), { shard, bodyKey: key });
    return shard;
  }

  /** A metadata shard about to change: listed to be written. */
  async #touchMeta(key: string): Promise<Low<MetaShard>> {
    const shard = await this.#metaShard(key);
    this.#unwritten.set(metaShardPath(this.#dataDir, key), { shard });
    return shard;
  }

  /**
   * Writes every changed shard (this batch's and any a failed write left behind). A shard that
   * still fails stays listed and pinned, and the batch rejects: its articles are in memory but
   * not yet durable.
   */
  async #writeUnwritten(): Promise<void> {
    const pending = [...this.#unwritten];
    const results = await Promise.allSettled(
      pending.map(async ([path, { shard, bodyKey }]) => {
        await writeRetrying(() => shard.write(), path, this.#writeOptions);
        if (bodyKey) this.#bodyReader.forget(bodyKey);
        this.#unwritten.delete(path);
      }),
    );
    this.#pinned.clear();
    for (const { bodyKey } of this.#unwritten.values()) if (bodyKey) this.#pinned.add(bodyKey);
    this.#evictBodyShards();
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Removes every article published before `day` (YYYY-MM-DD, UTC): whole day shards are deleted,
   * so retention costs a few file removals, whatever the corpus. Returns the removed ids.
   */
  removePublishedBefore(day: string): Promise<string[]> {
    return this.#writes.run(async () => {
      const removed: string[] = [];
      for (const [key, shard] of [...this.#metaShards]) {
        if (key >= day) continue;
        for (const id of Object.keys(shard.data.articles)) {
          this.deleteMeta(id);
          removed.push(id);
        }
        await rm(metaShardPath(this.#dataDir, key), { force: true });
        await rm(join(this.#dataDir, ARTICLES_DIR, BODY_DIR, key), { recursive: true, force: true });
        this.#metaShards.delete(key);
        for (const bodyKey of bodyKeysOfDay(key)) {
          this.#bodyShards.delete(bodyKey);
          this.#bodyReader.forget(bodyKey);
        }
      }
      return removed;
    });
  }

  /** Resolves once every write queued so far is on disk, retrying any that failed (for shutdown). */
  flush(): Promise<void> {
    return this.#writes.run(() => this.#writeUnwritten());
  }

  async #metaShard(key: string): Promise<Low<MetaShard>> {
    let shard = this.#metaShards.get(key);
    if (!shard) {
      shard = await openVersionedFile(metaShardPath(this.#dataDir, key), metaShardSchema);
      this.#metaShards.set(key, shard);
    }
    return shard;
  }

  #bodyShard(key: string): Promise<Low<BodyShard>> {
    let shard = this.#bodyShards.get(key);
    if (shard) {
      // Refresh its place in the LRU order.
      this.#bodyShards.delete(key);
    } else {
      shard = openVersionedFile(bodyShardPath(this.#dataDir, key), bodyShardSchema);
      shard.catch(() => this.#bodyShards.delete(key));
    }
    this.#bodyShards.set(key, shard);
    this.#evictBodyShards();
    return shard;
  }

  #evictBodyShards(): void {
    for (const key of this.#bodyShards.keys()) {
      if (this.#bodyShards.size <= BODY_SHARD_CACHE) break;
      if (!this.#pinned.has(key)) this.#bodyShards.delete(key);
    }
  }
}
