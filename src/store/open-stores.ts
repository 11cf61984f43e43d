// Which storage the bot keeps its data in: lowdb files under DATA_DIR (the default, one process)
// or PostgreSQL (DATABASE_URL: several instances share it). Opens every store and registers the
// shutdown step that makes the last writes durable, then closes what was opened.
import type { ConversationData } from '@grammyjs/conversations';
import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Shutdown } from '../shutdown.ts';
import { ArticleRepository } from './article-repository.ts';
import { ChatRepository } from './chat-repository.ts';
import { ConversationStorage } from './conversation-storage.ts';
import { lockDataDir } from './data-lock.ts';
import type { WriteOptions } from './durable-write.ts';
import { FeedListRepository } from './feed-list.ts';
import { type FileIoSource, bodyFilesFor } from './file-io.ts';
import { FeedStateRepository } from './feed-state.ts';
import { PgArticleRepository } from './pg/article-repository.ts';
import { PgChatLock } from './pg/chat-lock.ts';
import { PgChatStore } from './pg/chat-store.ts';
import { PgConversationStore } from './pg/conversation-store.ts';
import { PgFeedListStore, PgFeedStateStore } from './pg/feed-stores.ts';
import { migrate, readMigrations } from './pg/migrate.ts';
import { describeDatabase, openPool } from './pg/pool.ts';
import type { ArticleStore, ChatLock, ChatStore, ConversationStore, FeedStores } from './stores.ts';

export type StoreConfig = Pick<Config, 'DATA_DIR' | 'SEEDS_DIR' | 'BODY_READS' | 'DATABASE_URL' | 'DATABASE_POOL_MAX'>;

export interface Stores {
  backend: 'lowdb' | 'postgresql';
  articles: ArticleStore;
  chats: ChatStore;
  conversations: ConversationStore<ConversationData>;
  feeds: FeedStores;
  /** PostgreSQL only: one chat's updates on one instance at a time. */
  chatLock?: ChatLock;
  /** PostgreSQL only: the process's pool, shared by the stores (and the job queue). */
  pool?: pg.Pool;
}

/** The feed list and feed state files of a data folder. */
export async function openFeedFiles(dataDir: string, writes: WriteOptions = {}): Promise<FeedStores> {
  const [list, state] = await Promise.all([FeedListRepository.open(dataDir, writes), FeedStateRepository.open(dataDir, writes)]);
  return { list, state };
}

type Opened = Stores & { close(): Promise<void> };

async function openLowdb(dataDir: string, bodyFiles: FileIoSource, logger: Logger): Promise<Opened> {
  const writes = { logger };
  const articles = await ArticleRepository.open(dataDir, { ...writes, bodyFiles });
  const chats = await ChatRepository.open(dataDir, writes);
  const conversations = await ConversationStorage.open<ConversationData>(dataDir, writes);
  const feeds = await openFeedFiles(dataDir, writes);
  return {
    backend: 'lowdb',
    articles,
    chats,
    conversations,
    feeds,
    close: async () => {
      const results = await Promise.allSettled([articles.flush(), chats.flush(), conversations.flush(), feeds.list.flush(), feeds.state.flush()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/**
 * Two pools: the stores' and the chat lock's. Each update being handled holds one connection of
 * the lock's pool for as long as it runs, while its handlers query through the stores' pool; one
 * shared pool could be filled with lock holders waiting for a connection of their own.
 */
async function openPostgres(url: string, poolMax: number, logger: Logger): Promise<Opened> {
  const pool = await openPool(url, { max: poolMax, logger });
  const closers: Array<() => Promise<void>> = [() => pool.end()];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const locks = await openPool(url, { max: poolMax, logger });
    closers.push(() => locks.end());
    const migrated = await migrate(pool, await readMigrations());
    logger.info({ database: describeDatabase(url), schema: migrated.version, applied: migrated.applied.map((m) => m.name) }, 'PostgreSQL ready');
    const chats = await PgChatStore.open(pool, logger);
    closers.push(() => chats.close());
    const conversations = await PgConversationStore.open<ConversationData>(pool);
    closers.push(() => conversations.flush());
    const list = await PgFeedListStore.open(pool, logger);
    closers.push(() => list.close());
    const state = await PgFeedStateStore.open(pool, logger);
    closers.push(() => state.close());
    const articles = await PgArticleRepository.open(pool, { logger });
    closers.push(async () => {
      await articles.flush();
      await articles.close();
    });
    return { backend: 'postgresql', articles, chats, conversations, feeds: { list, state }, chatLock: new PgChatLock(locks, logger), pool, close: closeAll };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the configured backend. DATA_DIR stays locked in both: besides the lowdb files it holds
 * this instance's search index, so instances on one machine each need a folder of their own.
 */
export async function openStores(config: StoreConfig, logger: Logger, shutdown: Shutdown): Promise<Stores> {
  const lock = await lockDataDir(config.DATA_DIR, { role: 'bot', seedsDir: config.SEEDS_DIR });
  let opened: Opened;
  try {
    opened = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, logger) : await openLowdb(config.DATA_DIR, bodyFilesFor(config.BODY_READS), logger);
  } catch (error) {
    await lock.release();
    throw error;
  }
  // Added first, so run last: the other steps stop the writers, this one makes the writes durable.
  shutdown.add('finish writes', async () => {
    try {
      await opened.close();
    } finally {
      await lock.release();
    }
  });
  const { close: _close, ...stores } = opened;
  return stores;
}
