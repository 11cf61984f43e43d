// PostgreSQL articles at scale: storing through the repository (articles/s), growing the table
// to a million by copying rows in SQL, and what a starting instance pays to open it (time, heap),
// read bodies and build its search index. Measured in a child process, so the heap is its own.
// Alone: node --expose-gc --import tsx tests/bench/pg-articles.ts --url postgres://… [--sizes 100000,1000000]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Article } from '../../src/domain.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { createLogger } from '../../src/logger.ts';
import { Library } from '../../src/library.ts';
import { buildIndex } from '../../src/search/build-index.ts';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';
import { type NewsRecord, readRealCorpus, realArticle } from './real-corpus.ts';
import { buffersMb, fmt, heapMb, latencySummary, ms } from './stats.ts';

const logger = createLogger({ level: 'silent', token: 'x' });
/** Articles per upsertMany call: what a feed poll or an import batch hands the store. */
const BATCH = 1_000;
/** Beyond this many, rows are copied in SQL: a repository fill of a million would take most of an hour. */
const FILL_THROUGH_REPOSITORY = Number(process.env.PG_BENCH_FILL ?? 100_000);
const SPAN_DAYS = 365;
const SAMPLE_GETS = 1_000;
/** Articles ingested one at a time on one instance while the other's search waits for each. */
const PROPAGATED = 100;

/** Article i: the real record's article (built once per record), with a fresh id and date. */
function articleMaker(records: NewsRecord[], count: number) {
  const now = Date.now();
  const base = records.map((_, i) => realArticle(records, i, records.length, now, SPAN_DAYS));
  return (i: number): Article => {
    const at = new Date(now - SPAN_DAYS * 86_400_000 * (1 - i / count)).toISOString();
    const a = base[i % base.length] as Article;
    return { ...a, id: `b${i.toString(36)}`, publishedAt: at, ingestedAt: at, updatedAt: at, origin: `${a.origin}#${i}` };
  };
}

async function fill(pool: pg.Pool, from: number, to: number, count: number, records: NewsRecord[], log: (line: string) => void): Promise<void> {
  const repo = await PgArticleRepository.open(pool, { logger, follow: false });
  const make = articleMaker(records, count);
  const through = Math.min(to, FILL_THROUGH_REPOSITORY);
  if (from < through) {
    const started = process.hrtime.bigint();
    for (let i = from; i < through; i += BATCH) {
      await repo.upsertMany(Array.from({ length: Math.min(BATCH, through - i) }, (_, j) => make(i + j)), mergeArticle);
    }
    const took = ms(started);
    log(`pg articles: stored ${through - from} new through upsertMany (batches of ${BATCH}) in ${fmt(took / 1000)} s: ${fmt(((through - from) / took) * 1000, 0)} articles/s`);
    const again = Array.from({ length: BATCH }, (_, j) => make(from + j));
    const t = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) await repo.upsertMany(again, mergeArticle);
    log(`pg articles: re-stored unchanged batches of ${BATCH}: ${fmt(((10 * BATCH) / ms(t)) * 1000, 0)} articles/s`);
  }
  if (to > through) {
    const started = process.hrtime.bigint();
    const { rowCount } = await pool.query(
      `INSERT INTO articles (id, kind, published_at, published, meta, details)
       SELECT a.id || '-' || n, kind, published_at, published, jsonb_set(meta, '{id}', to_jsonb(a.id || '-' || n)), details
       FROM articles a, generate_series(1, $1) AS n WHERE a.id NOT LIKE '%-%' LIMIT $2`,
      [Math.ceil((to - through) / through), to - Math.max(from, through)],
    );
    log(`pg articles: copied ${rowCount} more rows in SQL in ${fmt(ms(started) / 1000)} s`);
  }
  await repo.close();
}

/** In a child process: open, read bodies, build the index; prints one JSON line. */
async function measureOpen(url: string, withIndex: boolean): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const heapBefore = heapMb();
  const started = process.hrtime.bigint();
  const repo = await PgArticleRepository.open(pool, { logger });
  const openMs = ms(started);
  const heap = heapMb() - heapBefore;
  const ids = [...repo.all()].filter((_, i) => i % 97 === 0).slice(0, SAMPLE_GETS).map((m) => m.id);
  const gets: number[] = [];
  for (const id of ids) {
    const t = process.hrtime.bigint();
    await repo.get(id);
    gets.push(ms(t));
  }
  const latestT = process.hrtime.bigint();
  repo.latest(10);
  const firstLatestMs = ms(latestT);
  let index: { ms: number; heapMb: number; buffersMb: number } | undefined;
  if (withIndex) {
    const t = process.hrtime.bigint();
    const built = await buildIndex(repo.articlesWithBodies());
    index = { ms: ms(t), heapMb: heapMb() - heapBefore - heap, buffersMb: buffersMb() };
    if (built.size !== repo.size) throw new Error(`indexed ${built.size} of ${repo.size}`);
  }
  await repo.close();
  await pool.end();
  process.stdout.write(`${JSON.stringify({ items: repo.size, openMs, heapMb: heap, get: latencySummary(gets), firstLatestMs, index })}\n`);
}

/**
 * From the moment instance A's ingestion resolves to the moment instance B's search index holds
 * the article: notification, B's catch-up read, body read and indexing.
 */
async function benchPropagation(pool: pg.Pool, make: (i: number) => Article, log: (line: string) => void): Promise<void> {
  const [a, b] = [await PgArticleRepository.open(pool, { logger }), await PgArticleRepository.open(pool, { logger })];
  const dir = await mkdtemp(join(tmpdir(), 'khulasa-bench-pg-'));
  const [libraryA, libraryB] = [Library.open(a, join(dir, 'a'), logger), Library.open(b, join(dir, 'b'), logger)];
  await Promise.all([libraryA.ready(), libraryB.ready()]);
  const delays: number[] = [];
  for (let i = 0; i < PROPAGATED; i++) {
    const article = make(i);
    const heard = new Promise<void>((resolve) => {
      const stop = b.onChange((c) => c.upserted.includes(article.id) && (stop(), resolve()));
    });
    await libraryA.ingestArticles([article]);
    const started = process.hrtime.bigint();
    await heard;
    await libraryB.remoteIndexed();
    delays.push(ms(started));
  }
  const { p50, p95, max } = latencySummary(delays);
  log(`pg articles: an article stored on instance A is in instance B's search index after p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms, max ${fmt(max)} ms (${PROPAGATED} one-article ingestions)`);
  await Promise.all([a.close(), b.close()]);
  await rm(dir, { recursive: true, force: true });
}

export async function benchPgArticles(adminUrl: string, sizes: number[], log: (line: string) => void, records: NewsRecord[], indexUpTo = 100_000, keep = false): Promise<void> {
  const db = await createThrowawayDatabase(adminUrl, 'khulasa_bench', { max: 4 });
  const { pool } = db;
  try {
    const count = Math.max(...sizes);
    await benchPropagation(pool, articleMaker(records.slice(0, PROPAGATED), count), log);
    await pool.query('TRUNCATE articles, article_removals');
    let stored = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await fill(pool, stored, size, count, records, log);
      stored = size;
      const bytes = (await pool.query<{ size: string }>("SELECT pg_total_relation_size('articles') AS size")).rows[0]?.size;
      const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--open', db.url, ...(size <= indexUpTo ? ['--index'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out.trim().split('\n').at(-1) as string);
      log(`pg articles ${size}: table ${fmt(Number(bytes) / 1048576, 0)} MB; opened ${r.items} in ${fmt(r.openMs / 1000, 2)} s, heap +${fmt(r.heapMb, 0)} MB; get p50 ${fmt(r.get.p50, 2)} ms p95 ${fmt(r.get.p95, 2)} ms; first latest() ${fmt(r.firstLatestMs, 0)} ms`);
      if (r.index) log(`pg articles ${size}: search index built from PostgreSQL in ${fmt(r.index.ms / 1000, 1)} s (heap +${fmt(r.index.heapMb, 0)} MB, buffers ${fmt(r.index.buffersMb, 0)} MB)`);
    }
  } finally {
    if (keep) {
      await pool.end();
      log(`pg articles: database kept at ${db.url}`);
    } else {
      await db.drop();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, open: { type: 'string' }, index: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, sizes: { type: 'string', default: '100000' }, 'index-up-to': { type: 'string', default: '100000' } } });
  if (values.open) await measureOpen(values.open, values.index ?? false);
  else if (values.url) await benchPgArticles(values.url, (values.sizes ?? '').split(',').map(Number), (line) => console.log(line), await readRealCorpus(), Number(values['index-up-to']), values.keep);
  else throw new Error('--url postgres://… is required');
}
