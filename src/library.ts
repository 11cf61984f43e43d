// The articles and their search index together: what the bot and the digests read, and the one
// place where ingestion updates both.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article, ArticleMeta } from './domain.ts';
import { mergeArticle } from './ingest/merge.ts';
import { ingestFiles, type IngestReport, type PageOptions } from './ingest/ingest.ts';
import type { Logger } from './logger.ts';
import { loadOrBuildIndex, persistIndex } from './search/build-index.ts';
import { relatedIds } from './search/related.ts';
import type { SearchHit, SearchIndex } from './search/search-index.ts';
import type { ArticleChange, ArticleStore, UpsertReport } from './store/stores.ts';

/**
 * Milliseconds between a change and the index write it schedules. A write compacts the index and
 * copies it to disk (2.6 s at 100,000 articles, about 1 s of it synchronous); the index is only a
 * cache that a start re-synchronises from the store item by item, so a few minutes' delay costs a
 * restart little and keeps a busy feed from rewriting 160 MB every minute.
 */
const PERSIST_DELAY_MS = 5 * 60_000;
/** Articles indexed between two turns of the event loop (a few milliseconds of work). */
const INDEX_BATCH = 8;
/** Milliseconds before indexing other instances' changes again after the store failed to answer. */
const REMOTE_RETRY_MS = 5_000;

export interface SearchResultItem {
  article: ArticleMeta;
  hit: SearchHit;
}

export class Library {
  readonly articles: ArticleStore;
  /** The search index, loading in the background: everything but search works before it is ready. */
  readonly #index: Promise<SearchIndex>;
  readonly #dataDir: string;
  readonly #logger: Logger;
  #persistTimer: NodeJS.Timeout | undefined;
  /** The index write in progress, settled either way: a failed write never blocks the next. */
  #persisting: Promise<void> = Promise.resolve();
  #loadedIndex: SearchIndex | undefined;
  /** How pages are read: the seeds folder their origins are relative to, the zone of their dates. */
  #pages: PageOptions = {};
  /** Articles other instances changed, waiting to be (re-)indexed or dropped from the index. */
  readonly #remote = new Set<string>();
  /** Those of them being read and indexed right now. */
  readonly #indexing = new Set<string>();
  #draining: Promise<void> | undefined;

  private constructor(articles: ArticleStore, index: Promise<SearchIndex>, dataDir: string, logger: Logger) {
    this.articles = articles;
    this.#index = index;
    index.then((loaded) => (this.#loadedIndex = loaded), () => undefined);
    this.#dataDir = dataDir;
    this.#logger = logger;
  }

  /**
   * Opens at once; the search index loads (or is built) in the background: seconds from its
   * file, longer when it must be built from the store (README, Benchmarks), and readers can use
   * everything else meanwhile.
   */
  static open(articles: ArticleStore, dataDir: string, logger: Logger, pages: PageOptions = {}): Library {
    const started = Date.now();
    const sync = loadOrBuildIndex(articles, dataDir, logger);
    const library = new Library(articles, sync.then((s) => s.index), dataDir, logger);
    library.#pages = pages;
    articles.onChange?.((change) => library.#indexRemote(change));
    sync.then(
      (s) => {
        logger.info({ ms: Date.now() - started, items: s.index.size, reindexed: s.reindexed, removed: s.removed, rebuilt: s.rebuilt }, 'search index ready');
        if (s.reindexed > 0 || s.removed > 0) library.#schedulePersist();
      },
      (error: unknown) => logger.error({ err: error }, 'search index could not be loaded'),
    );
    return library;
  }

  /** Documents in the search index, or undefined while it is still loading (for /stats). */
  get indexedDocuments(): number | undefined {
    return this.#loadedIndex?.size;
  }

  /** Resolves once the search index is loaded (start-up waits for it only where it must). */
  async ready(): Promise<void> {
    await this.#index;
  }

  /** `asYouType`: the reader is still typing (inline mode), so the last word may be half-typed. */
  async search(query: string, limit: number, asYouType = false): Promise<SearchResultItem[]> {
    return (await this.#index).search(query, { limit, asYouType }).flatMap((hit) => {
      const article = this.articles.byId(hit.id);
      return article ? [{ article, hit }] : [];
    });
  }

  async related(article: Article): Promise<ArticleMeta[]> {
    const ids = relatedIds(article, await this.#index, (id) => this.articles.byId(id) !== undefined);
    return ids.flatMap((id) => this.articles.byId(id) ?? []);
  }

  /**
   * Ingests pages into the store, then indexes what changed. Once `signal` aborts, it stops
   * between pages, stores what it read, and leaves indexing to the next start (which re-indexes
   * every article newer than the index file) rather than wait for an index still loading.
   */
  async ingest(files: string[], now?: Date, signal?: AbortSignal): Promise<IngestReport> {
    const report = await ingestFiles(files, this.articles, now, this.#pages, signal);
    if (signal?.aborted && !this.#loadedIndex) return report;
    await this.#indexChanged(report.changedIds);
    return report;
  }

  /** Stores articles built elsewhere (feed items), merged as pages are, then indexes what changed. */
  async ingestArticles(articles: Article[]): Promise<UpsertReport> {
    const report = await this.articles.upsertMany(articles, mergeArticle);
    await this.#indexChanged([...report.created, ...report.updated]);
    return report;
  }

  /** Retention: removes articles published before `day` (YYYY-MM-DD) from the store and the index. */
  async removePublishedBefore(day: string): Promise<number> {
    const removed = await this.articles.removePublishedBefore(day);
    if (removed.length === 0) return 0;
    const index = await this.#index;
    for (const id of removed) index.remove(id);
    this.#schedulePersist();
    return removed.length;
  }

  async #indexChanged(ids: string[]): Promise<void> {
    const index = await this.#index;
    for (const [i, id] of ids.entries()) {
      // Indexing takes about a millisecond an article: let readers' updates in between batches.
      if (i > 0 && i % INDEX_BATCH === 0) await nextTurn();
      const article = await this.articles.get(id);
      if (article) index.upsert(article);
    }
    if (ids.length > 0) this.#schedulePersist();
  }

  /** Resolves once the other instances' changes heard so far are in the search index. */
  async remoteIndexed(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /**
   * Another instance changed articles: they are indexed in the background, a few between turns
   * of the event loop, so a flood of them never holds up readers. The store decides each one:
   * an article still there is (re-)indexed, one gone is dropped.
   */
  #indexRemote(change: ArticleChange): void {
    for (const id of change.upserted) this.#remote.add(id);
    for (const id of change.removed) this.#remote.add(id);
    if (this.#draining || this.#remote.size === 0) return;
    this.#draining = (async () => {
      try {
        const index = await this.#index;
        while (this.#remote.size > 0) {
          // Taken off before the reads, which run together: a change heard meanwhile queues an article again.
          const ids: string[] = [];
          for (const id of this.#remote) {
            ids.push(id);
            this.#indexing.add(id);
            if (ids.length === INDEX_BATCH) break;
          }
          for (const id of ids) this.#remote.delete(id);
          const articles = await Promise.all(ids.map((id) => this.articles.get(id))).catch((error: unknown) => {
            for (const id of ids) this.#remote.add(id);
            throw error;
          });
          ids.forEach((id, i) => {
            const article = articles[i];
            if (article) index.upsert(article);
            else index.remove(id);
          });
          this.#indexing.clear();
          await nextTurn();
        }
        this.#schedulePersist();
      } catch (error) {
        this.#indexing.clear();
        if (!this.#loadedIndex) this.#remote.clear();
        this.#logger.error({ err: error, waiting: this.#remote.size }, 'could not index other instances’ article changes; trying again shortly');
        setTimeout(() => this.#indexRemote({ upserted: [], removed: [] }), REMOTE_RETRY_MS).unref();
      } finally {
        this.#draining = undefined;
      }
    })();
  }

  #schedulePersist(): void {
    if (this.#persistTimer) return;
    this.#persistTimer = setTimeout(() => {
      this.#persistTimer = undefined;
      this.persistNow().catch((error: unknown) => {
        this.#logger.error({ err: error }, 'could not write the search index; trying again later');
        this.#schedulePersist();
      });
    }, PERSIST_DELAY_MS);
    this.#persistTimer.unref();
  }

  /**
   * Writes the index now (and waits for the article store's writes): for shutdown. An index still
   * loading is not waited for: it is only a cache, which the next start brings up to date.
   */
  async persistNow(): Promise<void> {
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    await this.articles.flush();
    if (!this.#loadedIndex) return;
    const index = await this.#index;
    // Articles other instances changed that are not indexed yet are written as stale.
    const indexed = { byId: (id: string) => (this.#remote.has(id) || this.#indexing.has(id) ? undefined : this.articles.byId(id)) };
    const write = this.#persisting.then(() => persistIndex(index, indexed, this.#dataDir));
    this.#persisting = write.catch(() => undefined);
    await write;
  }
}
