// The store at a size lowdb cannot hold in memory: N real news articles (default 1,000,000)
// bulk-loaded into PostgreSQL through PgArticleRepository, an instance's start (metadata, then
// the search index built from the database, then a restart from the persisted index), and the
// same queries through our index and through PostgreSQL's own full-text search.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/domain.ts';
import { shortId } from '../../src/ingest/ids.ts';
import { createLogger } from '../../src/logger.ts';
import { buildIndex, loadOrBuildIndex, persistIndex } from '../../src/search/build-index.ts';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import type { MergeFn } from '../../src/store/stores.ts';
import { rng } from './corpus.ts';
import { benchDatabase } from './pg-database.ts';
import { createFtsTable, dropFts, indexFts, timeFts } from './pg-fts.ts';
import { type NewsRecord, realArticle } from './real-corpus.ts';
import { headlineQueries, readerQueries, timeQueries, titleQueries } from './search.ts';
import { buffersMb, cpuSeconds, fmt, heapMb, ms } from './stats.ts';

const BATCH = 1_000;
const SPAN_DAYS = 365;
/** PostgreSQL's queries per set: every-word queries take milliseconds, any-word ranked ones seconds at 1M. */
const FTS_QUERIES = { all: 60, any: 10 } as const;
const created: MergeFn = (_, incoming) => ({ article: incoming, change: 'created' });

/** Article i of the corpus: the record's built article (summaries done once) under a fresh id and date. */
function articleAt(base: Article[], records: NewsRecord[], i: number, count: number, now: number): Article {
  const record = records[i % records.length] as NewsRecord;
  const round = Math.floor(i / records.length);
  const publishedAt = new Date(now - SPAN_DAYS * 86_400_000 * (1 - i / count)).toISOString();
  return { ...(base[i % records.length] as Article), id: shortId(`bench:${record.id}#${round}`), origin: `${record.id}#${round}`, publishedAt };
}

export async function benchScaleStore(records: NewsRecord[], count: number, log: (line: string) => void): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const label = (s: string) => log(`scale store ${count} real articles in PostgreSQL: ${s}`);
  const now = Date.now();
  const base = records.map((_, i) => realArticle(records, i, records.length, now, SPAN_DAYS));
  const db = await benchDatabase('store');
  const dataDir = await mkdtemp(join(tmpdir(), 'khulasa-bench-scale-'));
  try {
    let t = process.hrtime.bigint();
    const writer = await PgArticleRepository.open(db.pool, { logger, follow: false });
    for (let i = 0; i < count; i += BATCH) {
      await writer.upsertMany(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => articleAt(base, records, i + j, count, now)), created);
    }
    await writer.close();
    const loadS = ms(t) / 1000;
    const { rows } = await db.pool.query<{ size: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
    label(`bulk load ${fmt(loadS)} s (${fmt(count / loadS, 0)} articles/s, batches of ${BATCH}), database ${rows[0]?.size}`);

    // An instance's first start: metadata into memory, then the index built from every body.
    let heap0 = heapMb();
    let buffers0 = buffersMb();
    const memory = () => `heap +${fmt(heapMb() - heap0, 0)} MB, typed arrays +${fmt(buffersMb() - buffers0, 0)} MB`;
    t = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const repo = await PgArticleRepository.open(db.pool, { logger, follow: false });
    label(`instance start, metadata of ${repo.size} articles into memory ${fmt(ms(t) / 1000)} s (CPU ${fmt(cpuSeconds(process.cpuUsage(cpu)))} s), ${memory()}`);
    heap0 = heapMb();
    buffers0 = buffersMb();
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    {
      // Scoped, so that this index is garbage before the restart loads the persisted one.
      const index = await buildIndex(repo.articlesWithBodies());
      label(`index build from PostgreSQL ${fmt(ms(t) / 1000)} s (CPU ${fmt(cpuSeconds(process.cpuUsage(cpu)))} s), ${memory()}`);
      await persistIndex(index, repo, dataDir);
    }
    await repo.close();
    heap0 = heapMb();
    buffers0 = buffersMb();
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    const restarted = await PgArticleRepository.open(db.pool, { logger, follow: false });
    const restored = await loadOrBuildIndex(restarted, dataDir, logger);
    label(`restart (metadata + persisted index, ${restored.reindexed} re-indexed) ${fmt(ms(t) / 1000)} s (CPU ${fmt(cpuSeconds(process.cpuUsage(cpu)))} s), ${memory()}`);

    const random = rng(7);
    const reader = readerQueries(base, random);
    const headline = headlineQueries(base, random);
    const titles = titleQueries(base, random);
    label(`ours, 1–3 word queries ${timeQueries(reader, (q) => restored.index.search(q, { limit: 10, asYouType: true }))}`);
    label(`ours, 8–15 word queries ${timeQueries(headline, (q) => restored.index.search(q, { limit: 10 }))}`);
    label(`ours, whole-headline queries ${timeQueries(titles, (q) => restored.index.search(q, { limit: 10 }))}`);
    await restarted.close();

    // PostgreSQL's full-text search over the same rows: title weight A, body weight B, GIN.
    await createFtsTable(db.pool);
    t = process.hrtime.bigint();
    await db.pool.query(`INSERT INTO bench_fts (id, doc)
      SELECT id, setweight(to_tsvector('arabic', meta->>'title'), 'A')
        || setweight(to_tsvector('arabic', coalesce((SELECT string_agg(p, E'\\n') FROM jsonb_array_elements_text(details->'paragraphs') AS p), '')), 'B')
      FROM articles WHERE kind = 'article'`);
    const vectorS = ms(t) / 1000;
    const ginS = (await indexFts(db.pool)) / 1000;
    label(`PostgreSQL full-text: to_tsvector('arabic') of every article ${fmt(vectorS)} s, GIN index ${fmt(ginS)} s`);
    for (const mode of ['all', 'any'] as const) {
      const name = mode === 'all' ? 'every word required' : 'any word, ts_rank';
      const n = FTS_QUERIES[mode];
      label(`PostgreSQL full-text (${name}), 1–3 word queries ${await timeFts(db.pool, reader.slice(0, n), mode)} (${n} queries)`);
      label(`PostgreSQL full-text (${name}), 8–15 word queries ${await timeFts(db.pool, headline.slice(0, n), mode)} (${n} queries)`);
      label(`PostgreSQL full-text (${name}), whole-headline queries ${await timeFts(db.pool, titles.slice(0, n), mode)} (${n} queries)`);
    }
    await dropFts(db.pool);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.drop();
  }
}
