// PostgreSQL (DATABASE_URL) as an export/import backend: the bot's own store classes on one pool,
// migrated first, so an import into a new database needs no separate `npm run migrate`.
import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import { PgArticleRepository } from '../../store/pg/article-repository.ts';
import { PgChatStore } from '../../store/pg/chat-store.ts';
import { PgConversationStore } from '../../store/pg/conversation-store.ts';
import { PgFeedListStore, PgFeedStateStore } from '../../store/pg/feed-stores.ts';
import { migrate, readMigrations } from '../../store/pg/migrate.ts';
import { describeDatabase, openPool } from '../../store/pg/pool.ts';
import type { Backend, StoreSet } from './store-set.ts';

/** Tables that hold the schema's bookkeeping, not records: an emptied database keeps them. */
const KEPT_TABLES = ['schema_migrations'];

async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = await openPool(url, { max: 4 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

export function pgBackend(url: string, logger: Logger): Backend {
  return {
    where: describeDatabase(url),
    async open(): Promise<StoreSet> {
      const pool = await openPool(url, { max: 8, logger });
      try {
        await migrate(pool, await readMigrations());
        const articles = await PgArticleRepository.open(pool, { logger, follow: false });
        const chats = await PgChatStore.open(pool, logger);
        const conversations = await PgConversationStore.open<unknown>(pool);
        const feedList = await PgFeedListStore.open(pool, logger);
        const feedState = await PgFeedStateStore.open(pool, logger);
        return {
          where: describeDatabase(url),
          articles, chats, conversations, feedList, feedState,
          async close() {
            try {
              await Promise.all([articles.flush(), chats.flush(), conversations.flush(), feedList.flush(), feedState.flush()]);
              await Promise.all([articles.close(), chats.close(), feedList.close(), feedState.close()]);
            } finally {
              await pool.end();
            }
          },
        };
      } catch (error) {
        await pool.end();
        throw error;
      }
    },
    empty: () =>
      withPool(url, async (pool) => {
        const { rows } = await pool.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1))`, [KEPT_TABLES]);
        if (rows.length > 0) await pool.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} CASCADE`);
      }),
  };
}
