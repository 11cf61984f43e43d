// The lowdb DATA_DIR as an export/import backend: its lock is held while the stores are open,
// so a running bot (or another transfer) on the folder is refused rather than overwritten.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ArticleRepository } from '../../store/article-repository.ts';
import type { FileIoSource } from '../../store/file-io.ts';
import { CHATS_FILE, ChatRepository } from '../../store/chat-repository.ts';
import { CONVERSATIONS_FILE, ConversationStorage } from '../../store/conversation-storage.ts';
import { lockDataDir } from '../../store/data-lock.ts';
import { FEEDS_FILE, FeedListRepository } from '../../store/feed-list.ts';
import { FEED_STATE_FILE, FeedStateRepository } from '../../store/feed-state.ts';
import { INDEX_FILE } from '../../search/build-index.ts';
import { ARTICLES_DIR } from '../../store/shards.ts';
import type { Backend, StoreSet } from './store-set.ts';


export function lowdbBackend(dataDir: string, bodyFiles?: FileIoSource): Backend {
  return {
    where: dataDir,
    async open(): Promise<StoreSet> {
      const lock = await lockDataDir(dataDir, { role: 'transfer' });
      try {
        const [articles, chats, conversations, feedList, feedState] = await Promise.all([
          ArticleRepository.open(dataDir, { bodyFiles }),
          ChatRepository.open(dataDir),
          ConversationStorage.open<unknown>(dataDir),
          FeedListRepository.open(dataDir),
          FeedStateRepository.open(dataDir),
        ]);
        return {
          where: dataDir,
          articles, chats, conversations, feedList, feedState,
          async close() {
            try {
              await Promise.all([articles.flush(), chats.flush(), conversations.flush(), feedList.flush(), feedState.flush()]);
            } finally {
              await lock.release();
            }
          },
        };
      } catch (error) {
        await lock.release();
        throw error;
      }
    },
    async empty(): Promise<void> {
      const lock = await lockDataDir(dataDir, { role: 'transfer' });
      try {
        // The search index is a cache of the articles: an emptied folder must not keep the old one.
        for (const name of [ARTICLES_DIR, CHATS_FILE, CONVERSATIONS_FILE, FEEDS_FILE, FEED_STATE_FILE, INDEX_FILE]) await rm(join(dataDir, name), { recursive: true, force: true });
      } finally {
        await lock.release();
      }
    },
  };
}
