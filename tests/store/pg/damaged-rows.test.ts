// A row whose JSON column is damaged (by hand, by another tool) is checked as the lowdb file of
// the same records would be: a StoreError names the table, the row and what is wrong, and the row
// stays exactly as it was. At start the store refuses to open; once running it keeps what it held.
import type { VersionedState } from '@grammyjs/conversations';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import { mergeArticle } from '../../../src/ingest/merge.ts';
import { StoreError } from '../../../src/store/errors.ts';
import { PgArticleRepository } from '../../../src/store/pg/article-repository.ts';
import { PgChatStore } from '../../../src/store/pg/chat-store.ts';
import { PgConversationStore } from '../../../src/store/pg/conversation-store.ts';
import { PgFeedListStore, PgFeedStateStore } from '../../../src/store/pg/feed-stores.ts';
import { storedArticle as article } from '../../helpers/articles.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { sub } from '../contract/chats.contract.ts';
import { testLogger as logger } from '../contract/backends.ts';

const closing: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closing.splice(0)) await close();
});

const good: VersionedState<unknown> = { version: [0, 1], state: {} };
const feed = 'https://example.com/rss';

interface Case {
  name: string;
  /** Puts one good row and one damaged row in the table (SQL, as a hand edit would). */
  seed: (pool: pg.Pool) => Promise<void>;
  open: (pool: pg.Pool) => Promise<unknown>;
  /** Reads the damaged column back as text. */
  column: string;
  damaged: string;
  message: RegExp;
}

const articleRows = async (pool: pg.Pool, meta: string) => {
  const repo = await PgArticleRepository.open(pool, { logger, follow: false });
  await repo.upsertMany([article(1), article(2)], mergeArticle);
  await pool.query('UPDATE articles SET meta = $1::jsonb WHERE id = $2', [meta, 'id2']);
};
const chatRows = async (pool: pg.Pool, record: string) => {
  await pool.query(`INSERT INTO chats (chat_id, record) VALUES (7, $1::jsonb), (8, $2::jsonb)`, [JSON.stringify({ chatId: 7, type: 'private', subscription: sub }), record]);
};

const cases: Case[] = [
  {
    name: 'an article whose metadata is not an object',
    seed: (pool) => articleRows(pool, '"عنوان 2"'),
    open: (pool) => PgArticleRepository.open(pool, { logger, follow: false }),
    column: "SELECT meta::text AS v FROM articles WHERE id = 'id2'",
    damaged: '"عنوان 2"',
    message: /PostgreSQL table "articles": row "id2" has a damaged "meta" column: article "id2" lacks an id, title or publishedAt/,
  },
  {
    name: 'an article whose metadata lost its title',
    seed: (pool) => articleRows(pool, JSON.stringify({ id: 'id2', kind: 'article', publishedAt: '2026-03-01T10:00:00.000Z' })),
    open: (pool) => PgArticleRepository.open(pool, { logger, follow: false }),
    column: "SELECT meta->>'publishedAt' AS v FROM articles WHERE id = 'id2'",
    damaged: '2026-03-01T10:00:00.000Z',
    message: /row "id2" has a damaged "meta" column: article "id2" lacks an id, title or publishedAt/,
  },
  {
    name: 'a chat record filed under another chat id',
    seed: (pool) => chatRows(pool, JSON.stringify({ chatId: 9, type: 'private' })),
    open: (pool) => PgChatStore.open(pool, logger),
    column: 'SELECT record::text AS v FROM chats WHERE chat_id = 8',
    damaged: '{"type": "private", "chatId": 9}',
    message: /PostgreSQL table "chats": row 8 has a damaged "record" column: does not carry its own id/,
  },
  {
    name: 'a chat whose subscription time is not HH:MM',
    seed: (pool) => chatRows(pool, JSON.stringify({ chatId: 8, type: 'private', subscription: { ...sub, time: 'الثامنة' } })),
    open: (pool) => PgChatStore.open(pool, logger),
    column: "SELECT record->'subscription'->>'time' AS v FROM chats WHERE chat_id = 8",
    damaged: 'الثامنة',
    message: /row 8 has a damaged "record" column: has a damaged subscription: "time" "الثامنة" is not HH:MM/,
  },
  {
    name: 'a conversation state that is not a conversation’s',
    seed: async (pool) => {
      const now = Date.now();
      await pool.query('INSERT INTO conversations (key, state, saved_at) VALUES ($1, $2::jsonb, $3), ($4, $5::jsonb, $3)', ['7', JSON.stringify(good), now, '8', '{"version": "1", "state": []}']);
    },
    open: (pool) => PgConversationStore.open(pool),
    column: "SELECT state::text AS v FROM conversations WHERE key = '8'",
    damaged: '{"state": [], "version": "1"}',
    message: /PostgreSQL table "conversations": row "8" has a damaged "state" column: is not a conversation's/,
  },
  {
    name: 'a feed list entry without its address',
    seed: async (pool) => {
      await pool.query('INSERT INTO feeds (url, source) VALUES ($1, $2::jsonb), ($3, $4::jsonb)', [`${feed}/1`, JSON.stringify({ url: `${feed}/1` }), `${feed}/2`, '{"name": "أخبار"}']);
    },
    open: (pool) => PgFeedListStore.open(pool, logger),
    column: `SELECT source::text AS v FROM feeds WHERE url = '${feed}/2'`,
    damaged: '{"name": "أخبار"}',
    message: /PostgreSQL table "feeds": row "https:\/\/example\.com\/rss\/2" has a damaged "source" column: has no "url"/,
  },
  {
    name: 'a feed state without its failure count',
    seed: async (pool) => {
      await pool.query('INSERT INTO feed_state (url, state) VALUES ($1, $2::jsonb), ($3, $4::jsonb)', [`${feed}/1`, JSON.stringify({ failures: 0, items: 0, itemIds: {} }), `${feed}/2`, '{"items": 3, "itemIds": {}}']);
    },
    open: (pool) => PgFeedStateStore.open(pool, logger),
    column: `SELECT state::text AS v FROM feed_state WHERE url = '${feed}/2'`,
    damaged: '{"items": 3, "itemIds": {}}',
    message: /PostgreSQL table "feed_state": row "https:\/\/example\.com\/rss\/2" has a damaged "state" column: lacks "failures" or "itemIds"/,
  },
];

describe('PostgreSQL rows damaged before start', { skip: pgSkip }, () => {
  for (const c of cases) {
    it(`refuses to start on ${c.name}, naming the row, and leaves it as it was`, async () => {
      const { pool } = await freshDatabase();
      await c.seed(pool);
      await assert.rejects(c.open(pool), (e: unknown) => {
        assert.ok(e instanceof StoreError, `a StoreError, not ${String(e)}`);
        assert.match(e.message, c.message);
        assert.match(e.message, /Nothing was changed: repair or delete that row/);
        return true;
      });
      assert.equal((await pool.query<{ v: string }>(c.column)).rows[0]?.v, c.damaged);
    });
  }
});

describe('PostgreSQL rows damaged while running', { skip: pgSkip }, () => {
  it('articles: a catch-up stops before the damaged change, keeps those before it, and takes the rest once it is repaired', async () => {
    const { pool } = await freshDatabase();
    const reader = await PgArticleRepository.open(pool, { logger, follow: false });
    closing.push(() => reader.close());
    const writer = await PgArticleRepository.open(pool, { logger, follow: false });
    await writer.upsertMany([article(1)], mergeArticle);
    await writer.upsertMany([article(2)], mergeArticle);
    await writer.upsertMany([article(3)], mergeArticle);
    const meta2 = (await pool.query<{ meta: object }>("SELECT meta FROM articles WHERE id = 'id2'")).rows[0]?.meta;
    await pool.query(`UPDATE articles SET meta = meta - 'title' WHERE id = 'id2'`);

    await assert.rejects(reader.catchUp(), (e: unknown) => e instanceof StoreError && /row "id2" has a damaged "meta" column/.test(e.message) && /keeps what it held/.test(e.message));
    assert.equal(reader.byId('id1')?.title, 'عنوان 1', 'the change before the damaged one is taken');
    assert.equal(reader.byId('id2'), undefined, 'the damaged one is not taken half-read');
    assert.equal(reader.byId('id3'), undefined, 'nor is anything after it skipped past');
    assert.equal(await pool.query("SELECT meta ? 'title' AS t FROM articles WHERE id = 'id2'").then((r) => r.rows[0]?.t), false, 'the row is left as it was');

    await pool.query(`UPDATE articles SET meta = $1::jsonb WHERE id = 'id2'`, [JSON.stringify(meta2)]);
    await reader.catchUp();
    assert.deepEqual(['id1', 'id2', 'id3'].map((id) => reader.byId(id)?.title), ['عنوان 1', 'عنوان 2', 'عنوان 3']);
  });

  it('articles: a batch that would merge with a damaged stored row fails whole and changes nothing', async () => {
    const { pool } = await freshDatabase();
    const repo = await PgArticleRepository.open(pool, { logger, follow: false });
    await repo.upsertMany([article(1)], mergeArticle);
    await pool.query(`UPDATE articles SET meta = '[]'::jsonb WHERE id = 'id1'`);
    await assert.rejects(repo.upsertMany([article(2), { ...article(1), title: 'عنوان جديد' }], mergeArticle), /row "id1" has a damaged "meta" column/);
    assert.deepEqual((await pool.query<{ id: string; meta: unknown }>('SELECT id, meta FROM articles ORDER BY id')).rows, [{ id: 'id1', meta: [] }]);
  });

  it('articles: a body that is not paragraphs and summaries fails its read by name, and the row stays as it was', async () => {
    const { pool } = await freshDatabase();
    const repo = await PgArticleRepository.open(pool, { logger, follow: false });
    await repo.upsertMany([article(1), article(2)], mergeArticle);
    await pool.query(`UPDATE articles SET details = '{"paragraphs": "فقرة واحدة", "summary": "ملخص"}'::jsonb WHERE id = 'id2'`);
    await assert.rejects(repo.get('id2'), /PostgreSQL table "articles": row "id2" has a damaged "details" column: the details are not an object with a list of paragraphs and a summary/);
    await assert.rejects(async () => {
      for await (const _ of repo.articlesWithBodies()) void _;
    }, /row "id2" has a damaged "details" column/);
    assert.deepEqual((await repo.get('id1'))?.paragraphs, article(1).paragraphs);
    assert.equal((await pool.query<{ v: string }>(`SELECT details->>'paragraphs' AS v FROM articles WHERE id = 'id2'`)).rows[0]?.v, 'فقرة واحدة');
  });

  it('chats: a chat damaged after start keeps its last good copy; a change to it fails by name and writes nothing', async () => {
    const { pool } = await freshDatabase();
    const chats = await PgChatStore.open(pool, logger);
    closing.push(() => chats.close());
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await pool.query(`UPDATE chats SET record = jsonb_set(record, '{subscription,topics}', '"الاقتصاد"') WHERE chat_id = 7`);

    await assert.rejects(chats.fresh(7), /PostgreSQL table "chats": row 7 has a damaged "record" column: has a damaged subscription: "topics" is not a list of words/);
    assert.deepEqual(chats.get(7)?.subscription, sub, 'the copy keeps the last good record');
    await assert.rejects(chats.deactivate(7, 'blocked', '2026-06-02T09:00:00.000Z'), StoreError);
    const row = (await pool.query<{ record: { inactive?: unknown; subscription: { topics: unknown } } }>('SELECT record FROM chats WHERE chat_id = 7')).rows[0];
    assert.equal(row?.record.subscription.topics, 'الاقتصاد');
    assert.equal(row?.record.inactive, undefined, 'nothing was written over the damaged row');
  });

  it('conversations: reading a damaged state fails by name instead of handing it to the plugin', async () => {
    const { pool } = await freshDatabase();
    const store = await PgConversationStore.open(pool);
    await store.write('7', good);
    await pool.query(`UPDATE conversations SET state = '{"version": [0, 1], "state": {"subscribe": "خطوة"}}' WHERE key = '7'`);
    await assert.rejects(store.read('7'), /PostgreSQL table "conversations": row "7" has a damaged "state" column/);
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM conversations')).rows[0]?.n, 1, 'the state is kept');
  });
});
