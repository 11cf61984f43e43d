// PostgreSQL's own full-text search (to_tsvector('arabic'), a GIN index, ts_rank_cd) as the
// alternative to our in-memory index: the same queries, timed, and ranked on news dev (MRR@10).
// Its table is the bench's own, apart from the bot's schema, and dropped at the end.
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { Article } from '../../src/domain.ts';
import { deriveTitle } from '../../src/ingest/derive-title.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { fmt, latencySummary, ms } from './stats.ts';

const EVAL_DIR = new URL('../../../shared/eval/', import.meta.url).pathname;
const TABLE = 'bench_fts';
/** Rows per INSERT while loading: one statement of a few MB. */
const LOAD_BATCH = 500;
const K = 10;

/**
 * Two ways to ask PostgreSQL: every word required (plainto_tsquery, what its docs show first),
 * and any word, ranked (the words joined by |), which is what a search box needs for headlines.
 * ts_rank_cd over any word ranked worse (MRR@10 0.218 on news dev) and slower than ts_rank.
 */
const ANY_WORD = `replace(plainto_tsquery('arabic', $1)::text, ' & ', ' | ')::tsquery`;
export const FTS_MODES = {
  all: { query: `plainto_tsquery('arabic', $1)`, rank: 'ts_rank_cd(doc, q)', label: 'every word required, ts_rank_cd' },
  any: { query: ANY_WORD, rank: 'ts_rank(doc, q, 1)', label: 'any word, ts_rank (length-normalised)' },
} as const;
export type FtsMode = keyof typeof FTS_MODES;

export async function createFtsTable(pool: pg.Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await pool.query(`CREATE TABLE ${TABLE} (id text PRIMARY KEY, doc tsvector NOT NULL)`);
}

/** Loads title (weight A) and body (weight B) of each article, analysed by PostgreSQL. */
export async function loadFts(pool: pg.Pool, articles: Iterable<Pick<Article, 'id' | 'title' | 'paragraphs'>>): Promise<void> {
  let batch: Array<Pick<Article, 'id' | 'title' | 'paragraphs'>> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await pool.query(
      `INSERT INTO ${TABLE} (id, doc)
       SELECT id, setweight(to_tsvector('arabic', title), 'A') || setweight(to_tsvector('arabic', body), 'B')
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, title, body)`,
      [batch.map((a) => a.id), batch.map((a) => a.title), batch.map((a) => a.paragraphs.join('\n'))],
    );
    batch = [];
  };
  for (const article of articles) {
    batch.push(article);
    if (batch.length >= LOAD_BATCH) await flush();
  }
  await flush();
}

/** Builds the GIN index; returns milliseconds. */
export async function indexFts(pool: pg.Pool): Promise<number> {
  const t = process.hrtime.bigint();
  await pool.query(`CREATE INDEX ${TABLE}_doc ON ${TABLE} USING gin (doc)`);
  await pool.query(`ANALYZE ${TABLE}`);
  return ms(t);
}

export async function searchFts(pool: pg.Pool, query: string, mode: FtsMode, k = K): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM ${TABLE}, (SELECT ${FTS_MODES[mode].query} AS q) AS query
     WHERE doc @@ q ORDER BY ${FTS_MODES[mode].rank} DESC, id LIMIT ${k}`,
    [query],
  );
  return rows.map((r) => r.id);
}

export const dropFts = (pool: pg.Pool) => pool.query(`DROP TABLE IF EXISTS ${TABLE}`);

/** Each query's latency in ms, run one after another. */
export async function timeFts(pool: pg.Pool, queries: string[], mode: FtsMode): Promise<string> {
  const samples: number[] = [];
  for (const q of queries) {
    const t = process.hrtime.bigint();
    await searchFts(pool, q, mode);
    samples.push(ms(t));
  }
  const s = latencySummary(samples);
  return `p50 ${fmt(s.p50, 2)} ms, p95 ${fmt(s.p95, 2)} ms`;
}

const mrr = (ranked: string[][], relevant: string[][]) =>
  ranked.reduce((sum, ids, i) => {
    const rank = ids.slice(0, K).findIndex((id) => (relevant[i] as string[]).includes(id));
    return sum + (rank < 0 ? 0 : 1 / (rank + 1));
  }, 0) / ranked.length;

const readJsonl = async <T>(name: string): Promise<T[]> =>
  (await readFile(EVAL_DIR + name, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

/** The news dev set as articles: stored the way the search CLI's evaluation mode stores it. */
function devArticle(doc: { id: string; title?: string; text: string }): Article {
  const paragraphs = doc.text.split('\n').map((p) => p.trim()).filter(Boolean);
  return {
    id: doc.id, kind: 'article', title: doc.title || deriveTitle(paragraphs[0] ?? ''), ...(doc.title ? {} : { derivedTitle: true as const }), keywords: [], related: [],
    publishedAt: '', ingestedAt: '', updatedAt: '', origin: 'news-dev', pageOrder: 0, summary: '', digestLine: '', contentHash: '', paragraphs,
  };
}

/** MRR@10 and latency on news dev (3,000 headlines → their article): ours beside PostgreSQL's. */
export async function benchFtsQuality(pool: pg.Pool, log: (line: string) => void): Promise<void> {
  const docs = (await readJsonl<{ id: string; title?: string; text: string }>('news-dev-corpus.jsonl')).map(devArticle);
  const queries = await readJsonl<{ qid: string; query: string; relevant: string[] }>('news-dev-queries.jsonl');
  const index = SearchIndex.empty();
  for (const doc of docs) index.upsert(doc);
  const t = process.hrtime.bigint();
  const ours = queries.map((q) => index.search(q.query, { limit: K }).map((h) => h.id));
  const relevant = queries.map((q) => q.relevant);
  log(`news dev (${docs.length} articles, ${queries.length} headline queries), MRR@10: ours ${fmt(mrr(ours, relevant), 4)} (${fmt(ms(t) / queries.length, 2)} ms a query)`);
  await createFtsTable(pool);
  await loadFts(pool, docs);
  await indexFts(pool);
  for (const mode of Object.keys(FTS_MODES) as FtsMode[]) {
    const ranked: string[][] = [];
    const t = process.hrtime.bigint();
    for (const q of queries) ranked.push(await searchFts(pool, q.query, mode));
    log(`news dev, MRR@10: PostgreSQL full-text search, ${FTS_MODES[mode].label}: ${fmt(mrr(ranked, relevant), 4)} (${fmt(ms(t) / queries.length, 2)} ms a query)`);
  }
  await dropFts(pool);
}
