// The articles tables (migration 001) behind plain functions. Every write takes one advisory lock
// for its transaction, so change numbers commit in the order they were drawn: an instance that has
// seen change N has seen every change before it, and a cursor never skips one.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import type { Article, ArticleDetails, ArticleMeta } from '../../domain.ts';
import { detailsChanged, splitArticle } from '../article-split.ts';
import { type MergeFn, SUMMARIES_BETWEEN_TURNS, type SummaryMaker, type SummaryRefreshReport, type UpsertReport } from '../stores.ts';
import { checked, detailsProblem, metaProblem, REPAIR_WHILE_RUNNING } from './damaged-row.ts';
import type { StoreError } from '../errors.ts';
import { inTransaction } from './transaction.ts';

export const ARTICLES_CHANNEL = 'khulasa_articles';
/** Any fixed number: the key every writer of the articles tables locks (an import running beside instances must take it too). */
export const ARTICLE_WRITE_LOCK = 7_240_015;
/** Rows fetched at a time when reading the whole table (a few MB). */
const STREAM_BATCH = 5_000;
/** Rows per INSERT statement: a batch of any size is written in pieces of a few MB, in one transaction. */
const INSERT_ROWS = 1_000;
/** A week: removals older than this are forgotten; an instance down longer reads the table anew at start. */
const REMOVAL_LOG_DAYS = 7;

/** The newest change number committed (0 on an empty database). */
const HEAD = 'SELECT GREATEST((SELECT max(change_seq) FROM articles), (SELECT max(change_seq) FROM article_removals), 0) AS head';

export const NO_DETAILS: ArticleDetails = { paragraphs: [], summary: '', digestLine: '' };

export interface StoredMeta {
  meta: ArticleMeta;
  seq: number;
}

/** A change since a cursor: the article as it is now, or its removal (meta null). */
export interface ChangeRow {
  seq: number;
  id: string;
  meta: ArticleMeta | null;
}

/** The metadata of row `id`, once it has the shape the articles shard file demands; else a StoreError naming the row. */
function metaOf(id: string, meta: unknown, advice?: string): ArticleMeta {
  return checked<ArticleMeta>(meta, metaProblem(id), { table: 'articles', row: JSON.stringify(id), column: 'meta', ...(advice ? { advice } : {}) });
}

/**
 * Every stored meta, handed over in batches from one snapshot (a cursor, never one giant result),
 * and the change number that snapshot reflects.
 */
export function readAllMetas(pool: pg.Pool, onBatch: (rows: StoredMeta[]) => void): Promise<number> {
  return inTransaction(pool, async (client) => {
    const head = Number((await client.query<{ head: string }>(HEAD)).rows[0]?.head ?? 0);
    await client.query('DECLARE metas NO SCROLL CURSOR FOR SELECT id, meta, change_seq FROM articles');
    for (;;) {
      const { rows } = await client.query<{ id: string; meta: unknown; change_seq: string }>(`FETCH ${STREAM_BATCH} FROM metas`);
      if (rows.length === 0) return head;
      onBatch(rows.map((r) => ({ meta: metaOf(r.id, r.meta), seq: Number(r.change_seq) })));
    }
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export interface Changes {
  rows: ChangeRow[];
  /** A row whose metadata is damaged: `rows` stop before it, so a cursor never passes it. */
  damaged?: StoreError;
}

/** Changes after `cursor`, oldest first: articles as they are now and removals, numbered together. */
export async function changesSince(pool: pg.Pool, cursor: number, limit: number): Promise<Changes> {
  const { rows } = await pool.query<{ change_seq: string; id: string; meta: unknown }>(
    `SELECT change_seq, id, meta FROM articles WHERE change_seq > $1
     UNION ALL SELECT change_seq, id, NULL FROM article_removals WHERE change_seq > $1
     ORDER BY 1 LIMIT $2`,
    [cursor, limit],
  );
  const changes: ChangeRow[] = [];
  for (const r of rows) {
    try {
      changes.push({ seq: Number(r.change_seq), id: r.id, meta: r.meta === null ? null : metaOf(r.id, r.meta, REPAIR_WHILE_RUNNING) });
    } catch (error) {
      return { rows: changes, damaged: error as StoreError };
    }
  }
  return { rows: changes };
}

/** The body of row `id`, once it has the shape a body bucket holds; else a StoreError naming the row. */
function detailsOf(id: string, details: unknown, advice?: string): ArticleDetails | null {
  return checked<ArticleDetails | null>(details, detailsProblem, { table: 'articles', row: JSON.stringify(id), column: 'details', ...(advice ? { advice } : {}) });
}

export async function readArticle(pool: pg.Pool, id: string): Promise<Article | undefined> {
  const { rows } = await pool.query<{ meta: unknown; details: unknown }>('SELECT meta, details FROM articles WHERE id = $1', [id]);
  const row = rows[0];
  return row && withDetails(metaOf(id, row.meta, REPAIR_WHILE_RUNNING), detailsOf(id, row.details, REPAIR_WHILE_RUNNING));
}

export function withDetails(meta: ArticleMeta, details: ArticleDetails | null): Article {
  return { ...meta, ...(meta.kind === 'article' && details ? details : NO_DETAILS) };
}

/** Full articles and headlines with their bodies, a batch at a time in id order. */
export async function* readArticles(pool: pg.Pool, batch: number): AsyncGenerator<Article> {
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ id: string; meta: unknown; details: unknown }>(
      'SELECT id, meta, details FROM articles WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batch],
    );
    for (const row of rows) yield withDetails(metaOf(row.id, row.meta), detailsOf(row.id, row.details));
    if (rows.length < batch) return;
    after = (rows.at(-1) as { id: string }).id;
  }
}

/** The same instant as `publishedAt`, in UTC; refuses text that is not a date, as the lowdb store does. */
function instantOf(publishedAt: string): string {
  const d = new Date(publishedAt);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${publishedAt}`);
  return d.toISOString();
}

/**
 * PostgreSQL text holds no NUL character and jsonb no lone surrogate: NULs are dropped and lone
 * surrogates replaced by U+FFFD (neither is readable text), so one damaged page never fails a batch.
 */
const UNSTORABLE = '\\0|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const hasUnstorable = new RegExp(UNSTORABLE);
const everyUnstorable = new RegExp(UNSTORABLE, 'g');
const storable = (_key: string, value: unknown) => (typeof value === 'string' ? value.replace(everyUnstorable, (c) => (c === '\0' ? '' : '\uFFFD')) : value);

function unstorable(value: unknown): boolean {
  if (typeof value === 'string') return hasUnstorable.test(value);
  if (Array.isArray(value)) return value.some(unstorable);
  return typeof value === 'object' && value !== null && Object.values(value).some(unstorable);
}

function storableArticle(article: Article): Article {
  return unstorable(article) ? (JSON.parse(JSON.stringify(article, storable)) as Article) : article;
}

interface Planned {
  meta: ArticleMeta;
  /** The body to write, or undefined to keep the stored one (unchanged content, or a headline). */
  body?: ArticleDetails;
}

/** Merges each incoming article with what is stored (and with earlier ones of the same batch). */
function plan(incoming: Article[], stored: Map<string, ArticleMeta>, merge: MergeFn): { report: UpsertReport; rows: Map<string, Planned> } {
  const report: UpsertReport = { created: [], updated: [], unchanged: [] };
  const rows = new Map<string, Planned>();
  for (const candidate of incoming) {
    const existing = rows.get(candidate.id)?.meta ?? stored.get(candidate.id);
    const { article, change } = merge(existing, candidate);
    report[change].push(article.id);
    if (change === 'unchanged') continue;
    const { meta, details } = splitArticle(article);
    rows.set(article.id, { meta, body: detailsChanged(existing, article) ? details() : rows.get(article.id)?.body });
  }
  return { report, rows };
}

export interface WriteResult {
  report: UpsertReport;
  written: StoredMeta[];
  /** The newest change committed before this one: a cursor at it has now seen everything. */
  headBefore: number;
}

/**
 * Stores a batch in one transaction: the stored rows are read FOR UPDATE and merged, so writers
 * on several instances end as `merge` says, never as whichever wrote last. Notifies the channel.
 */
export function writeArticles(pool: pg.Pool, batch: Article[], merge: MergeFn): Promise<WriteResult> {
  for (const article of batch) instantOf(article.publishedAt);
  const incoming = batch.map(storableArticle);
  if (incoming.length === 0) return Promise.resolve({ report: { created: [], updated: [], unchanged: [] }, written: [], headBefore: 0 });
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ARTICLE_WRITE_LOCK]);
    const headBefore = Number((await client.query<{ head: string }>(HEAD)).rows[0]?.head ?? 0);
    const ids = [...new Set(incoming.map((a) => a.id))];
    const found = await client.query<{ id: string; meta: unknown }>('SELECT id, meta FROM articles WHERE id = ANY($1::text[]) FOR UPDATE', [ids]);
    // A damaged stored row fails the batch (rolled back) rather than be merged with or overwritten.
    const { report, rows } = plan(incoming, new Map(found.rows.map((r) => [r.id, metaOf(r.id, r.meta, REPAIR_WHILE_RUNNING)])), merge);
    if (rows.size === 0) return { report, written: [], headBefore };
    const records = [...rows.values()].map(({ meta, body }) => ({
      id: meta.id, kind: meta.kind, published_at: meta.publishedAt, published: instantOf(meta.publishedAt), meta, details: body ?? null,
    }));
    const seqOf = new Map<string, number>();
    for (let i = 0; i < records.length; i += INSERT_ROWS) {
      const { rows: seqs } = await client.query<{ id: string; change_seq: string }>(
        `INSERT INTO articles AS a (id, kind, published_at, published, meta, details)
         SELECT id, kind, published_at, published, meta, details
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text, published_at text, published timestamptz, meta jsonb, details jsonb)
         ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, published_at = EXCLUDED.published_at, published = EXCLUDED.published,
           meta = EXCLUDED.meta, details = COALESCE(EXCLUDED.details, a.details), change_seq = EXCLUDED.change_seq
         RETURNING id, change_seq`,
        [JSON.stringify(records.slice(i, i + INSERT_ROWS))],
      );
      for (const r of seqs) seqOf.set(r.id, Number(r.change_seq));
    }
    const written = [...rows.values()].map(({ meta }) => ({ meta, seq: seqOf.get(meta.id) as number }));
    await notify(client, newestOf(written));
    return { report, written, headBefore };
  });
}

export interface SummaryRefreshResult {
  report: SummaryRefreshReport;
  written: StoredMeta[];
  headBefore: number;
}

/**
 * Makes the summaries of these full articles again where their stamp is not the maker's, in one
 * transaction holding the write lock, read FOR UPDATE: an ingestion on any instance lands before
 * or after, never between the read and the write. Only the stamp in the metadata and the two
 * summaries in the details change; each gets a change number, so other instances read the new ones.
 */
export function refreshArticleSummaries(pool: pg.Pool, ids: readonly string[], maker: SummaryMaker): Promise<SummaryRefreshResult> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ARTICLE_WRITE_LOCK]);
    const headBefore = Number((await client.query<{ head: string }>(HEAD)).rows[0]?.head ?? 0);
    const { rows } = await client.query<{ id: string; details: ArticleDetails | null }>(
      `SELECT id, details FROM articles WHERE id = ANY($1::text[]) AND kind = 'article' AND meta->>'summaryStamp' IS DISTINCT FROM $2 FOR UPDATE`,
      [ids, maker.stamp],
    );
    const report: SummaryRefreshReport = { refreshed: [], skipped: [] };
    const records: { id: string; summary: string; digest_line: string }[] = [];
    for (const [i, { id, details }] of rows.entries()) {
      if (i % SUMMARIES_BETWEEN_TURNS === SUMMARIES_BETWEEN_TURNS - 1) await nextTurn();
      if (!details || !Array.isArray(details.paragraphs)) {
        report.skipped.push({ id, reason: 'no body is stored for it' });
        continue;
      }
      const made = maker.make(details.paragraphs);
      records.push({ id, summary: made.summary, digest_line: made.digestLine });
    }
    if (records.length === 0) return { report, written: [], headBefore };
    const { rows: updated } = await client.query<{ id: string; meta: unknown; change_seq: string }>(
      `UPDATE articles AS a SET meta = a.meta || jsonb_build_object('summaryStamp', $2::text),
         details = a.details || jsonb_build_object('summary', r.summary, 'digestLine', r.digest_line),
         change_seq = nextval('article_changes')
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, summary text, digest_line text)
       WHERE a.id = r.id RETURNING a.id, a.meta, a.change_seq`,
      [JSON.stringify(records), maker.stamp],
    );
    // Checked before the commit: a row damaged by hand is rolled back as it was, not half refreshed.
    const written = updated.map((r) => ({ meta: metaOf(r.id, r.meta, REPAIR_WHILE_RUNNING), seq: Number(r.change_seq) }));
    report.refreshed = written.map((w) => w.meta.id);
    await notify(client, newestOf(written));
    return { report, written, headBefore };
  });
}

export interface RemovalResult {
  removed: { id: string; seq: number }[];
  headBefore: number;
}

/** Removes every article published before `day` (YYYY-MM-DD, UTC), logging each removal for other instances. */
export function removeArticlesBefore(pool: pg.Pool, day: string): Promise<RemovalResult> {
  const cutoff = `${day}T00:00:00.000Z`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(cutoff))) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ARTICLE_WRITE_LOCK]);
    const headBefore = Number((await client.query<{ head: string }>(HEAD)).rows[0]?.head ?? 0);
    const { rows } = await client.query<{ id: string; change_seq: string }>(
      `WITH gone AS (DELETE FROM articles WHERE published < $1 RETURNING id)
       INSERT INTO article_removals (id) SELECT id FROM gone RETURNING id, change_seq`,
      [cutoff],
    );
    await client.query(`DELETE FROM article_removals WHERE removed_at < now() - interval '${REMOVAL_LOG_DAYS} days'`);
    const removed = rows.map((r) => ({ id: r.id, seq: Number(r.change_seq) }));
    if (removed.length > 0) await notify(client, newestOf(removed));
    return { removed, headBefore };
  });
}

export const newestOf = (changes: { seq: number }[]) => changes.reduce((max, c) => Math.max(max, c.seq), 0);

/** Delivered at commit: the newest change number, so a listener that has seen it skips the read. */
async function notify(client: pg.PoolClient, seq: number): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [ARTICLES_CHANNEL, String(seq)]);
}
