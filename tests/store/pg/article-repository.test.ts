// PostgreSQL articles beyond the shared contract: several instances on one database.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import type { Article } from '../../../src/domain.ts';
import { mergeArticle } from '../../../src/ingest/merge.ts';
import { createLogger } from '../../../src/logger.ts';
import { type PgArticleOptions, PgArticleRepository } from '../../../src/store/pg/article-repository.ts';
import type { ArticleChange } from '../../../src/store/stores.ts';
import { storedArticle as article } from '../../helpers/articles.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';

/** A change that never arrives fails the test instead of stalling the run. */
const WAIT_MS = 30_000;
const logger = createLogger({ level: 'silent', token: 'x' });
const opened: PgArticleRepository[] = [];
after(() => Promise.all(opened.map((r) => r.close())));

async function instance(pool: pg.Pool, options: Partial<PgArticleOptions> = {}): Promise<PgArticleRepository> {
  const repo = await PgArticleRepository.open(pool, { logger, ...options });
  opened.push(repo);
  return repo;
}

/** The first change `repo` reports that satisfies `wanted` (changes are waited for, never slept on). */
function changeWhere(repo: PgArticleRepository, wanted: (change: ArticleChange) => boolean): Promise<ArticleChange> {
  return new Promise((resolve) => {
    const stop = repo.onChange((change) => {
      if (!wanted(change)) return;
      stop();
      resolve(change);
    });
  });
}

describe('PgArticleRepository across instances', { skip: pgSkip }, () => {
  it('two instances storing the same articles at once end as merge says, not as the last writer', async () => {
    const { pool } = await freshDatabase({ max: 12 });
    const [a, b] = [await instance(pool, { follow: false }), await instance(pool, { follow: false })];
    const fromPage = (page: string, n: number): Article => ({ ...article(n), origin: page, related: [`${page}-link`] });
    const numbers = Array.from({ length: 100 }, (_, i) => i);
    const batches = (page: string) => [0, 1, 2, 3].map((part) => numbers.filter((n) => n % 4 === part).map((n) => fromPage(page, n)));
    await Promise.all([...batches('one.txt').map((batch) => a.upsertMany(batch, mergeArticle)), ...batches('two.txt').map((batch) => b.upsertMany(batch, mergeArticle))]);
    const reopened = await instance(pool, { follow: false });
    for (const n of numbers) assert.deepEqual(reopened.byId(`id${n}`)?.related.sort(), ['one.txt-link', 'two.txt-link'], `id${n} keeps both pages' links`);
  });

  it('stores text PostgreSQL cannot hold by dropping only the unreadable characters', async () => {
    const { pool } = await freshDatabase();
    const repo = await instance(pool, { follow: false });
    const damaged = { ...article(1), title: 'عنوان\u0000 تالف', paragraphs: ['نص \uD800مقطوع'] };
    assert.deepEqual((await repo.upsertMany([damaged, article(2)], mergeArticle)).created, ['id1', 'id2']);
    assert.equal(repo.byId('id1')?.title, 'عنوان تالف', 'this instance keeps what the database holds');
    const reread = await (await instance(pool, { follow: false })).get('id1');
    assert.equal(reread?.title, 'عنوان تالف');
    assert.deepEqual(reread?.paragraphs, ['نص \uFFFDمقطوع']);
  });

  it('keeps no bodies of its own (the bot keeps those it shows, in RecentArticles): every get reads the row', async () => {
    const { pool } = await freshDatabase();
    const repo = await instance(pool, { follow: false });
    await repo.upsertMany([article(1)], mergeArticle);
    assert.equal((await repo.get('id1'))?.summary, 'ملخص 1');
    await pool.query(`UPDATE articles SET details = jsonb_set(details, '{summary}', '"ملخص مصحح"') WHERE id = 'id1'`);
    assert.equal((await repo.get('id1'))?.summary, 'ملخص مصحح');
  });

  it('opens a table larger than one read, every row once', async () => {
    const { pool } = await freshDatabase();
    await pool.query(`INSERT INTO articles (id, kind, published_at, published, meta, details)
      SELECT 'g' || n, 'article', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00Z',
        jsonb_build_object('id', 'g' || n, 'kind', 'article', 'title', 'خبر ' || n, 'publishedAt', '2026-03-01T10:00:00.000Z', 'origin', 'bulk.txt', 'pageOrder', n),
        '{"paragraphs": ["نص"], "summary": "", "digestLine": ""}'
      FROM generate_series(1, 12001) AS n`);
    const repo = await instance(pool, { follow: false });
    assert.equal(repo.size, 12001);
    assert.equal(repo.articleCount, 12001);
    assert.deepEqual(repo.latest(2).map((m) => m.id), ['g1', 'g2']);
  });

  it("hears other instances' upserts and removals, and not its own", { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [await instance(pool), await instance(pool)];
    const heardByA: ArticleChange[] = [];
    a.onChange((change) => heardByA.push(change));
    const upserted = changeWhere(b, (c) => c.upserted.includes('id2'));
    await a.upsertMany([article(1, '2026-03-01'), article(2, '2026-03-02')], mergeArticle);
    assert.deepEqual((await upserted).upserted.sort(), ['id1', 'id2']);
    assert.deepEqual(b.latest(5).map((m) => m.id), ['id2', 'id1']);
    assert.deepEqual((await b.get('id2'))?.paragraphs, ['فقرة 2']);
    const edited = changeWhere(b, (c) => c.upserted.includes('id2'));
    await a.upsertMany([{ ...article(2, '2026-03-02'), paragraphs: ['فقرة معدلة'], contentHash: 'h2b' }], mergeArticle);
    await edited;
    assert.deepEqual((await b.get('id2'))?.paragraphs, ['فقرة معدلة'], 'a body read before is not served stale');
    const removed = changeWhere(b, (c) => c.removed.length > 0);
    await a.removePublishedBefore('2026-03-02');
    assert.deepEqual((await removed).removed, ['id1']);
    assert.deepEqual([...b.all()].map((m) => m.id), ['id2']);
    assert.equal(b.articleCount, 1);
    await a.catchUp();
    assert.deepEqual(heardByA, [], 'its own writes are already in its memory');
  });

  it('catches up on changes made while its notification connection was down', { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [await instance(pool), await instance(pool)];
    await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'khulasa listen khulasa_articles' AND datname = current_database()");
    const heard = changeWhere(b, (c) => c.upserted.includes('id7'));
    await a.upsertMany([article(7)], mergeArticle);
    await heard;
    assert.equal(b.byId('id7')?.title, 'عنوان 7');
  });

  it('never lets an older removal drop an article stored since', async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [await instance(pool, { follow: false }), await instance(pool, { follow: false })];
    await a.upsertMany([article(1)], mergeArticle);
    await b.catchUp();
    await b.removePublishedBefore('2026-03-02');
    const heardByA: ArticleChange[] = [];
    a.onChange((change) => heardByA.push(change));
    await a.upsertMany([{ ...article(1), contentHash: 'again' }], mergeArticle);
    await a.catchUp();
    assert.equal(a.byId('id1')?.contentHash, 'again');
    assert.deepEqual(heardByA, []);
    await b.catchUp();
    assert.equal(b.byId('id1')?.contentHash, 'again', 'the other instance sees the removal, then the article again');
  });

  it('finds changes no notification announced by catching up now and then', { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const b = await instance(pool, { catchUpEveryMs: 20 });
    const heard = changeWhere(b, (c) => c.upserted.includes('quiet'));
    // A writer that does not notify (a bulk import): only the periodic catch-up can see it.
    await pool.query(`INSERT INTO articles (id, kind, published_at, published, meta) VALUES ('quiet', 'headline', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00Z', $1)`, [
      { ...article(1), id: 'quiet', kind: 'headline', paragraphs: undefined, summary: undefined, digestLine: undefined },
    ]);
    await heard;
    assert.equal(b.byId('quiet')?.kind, 'headline');
  });

  it('forgets removals after a week, and only those', async () => {
    const { pool } = await freshDatabase();
    const repo = await instance(pool, { follow: false });
    await repo.upsertMany([article(1, '2026-03-01'), article(2, '2026-03-02'), article(3, '2026-03-03')], mergeArticle);
    await repo.removePublishedBefore('2026-03-02');
    await pool.query("UPDATE article_removals SET removed_at = now() - interval '8 days'");
    await repo.removePublishedBefore('2026-03-03');
    assert.deepEqual((await pool.query('SELECT id FROM article_removals')).rows, [{ id: 'id2' }]);
  });
});
