// A DATA_DIR with one valid file of every kind the bot keeps, written by the stores themselves,
// and the ways the fault suite damages one of them.
import { readdir, readFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ConversationData } from '@grammyjs/conversations';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { createLogger } from '../../src/logger.ts';
import { INDEX_FILE, loadOrBuildIndex, persistIndex } from '../../src/search/build-index.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { CHATS_FILE, ChatRepository } from '../../src/store/chat-repository.ts';
import { CONVERSATIONS_FILE, ConversationStorage } from '../../src/store/conversation-storage.ts';
import { bodyKeyOf, bodyShardPath, metaShardPath, shardKeyOf } from '../../src/store/shards.ts';
import { seedArticles } from './seed-articles.ts';

export type DataFileKind = 'chats' | 'conversations' | 'articles shard' | 'article bodies shard' | 'search index';

/** Writes a small but complete DATA_DIR and returns the path of one file of each kind. */
export async function writeDataDir(dataDir: string): Promise<Record<DataFileKind, string>> {
  const articles = seedArticles();
  const repo = await ArticleRepository.open(dataDir);
  await repo.upsertMany(articles, mergeArticle);
  await persistIndex((await loadOrBuildIndex(repo, dataDir, createLogger({ level: 'silent' }))).index, repo, dataDir);
  const chats = await ChatRepository.open(dataDir);
  const at = '2026-06-07T08:00:00.000Z';
  await chats.subscribe(5, { time: '08:00', timeZone: 'Asia/Riyadh', topics: [], size: 5, createdAt: at, updatedAt: at }, { type: 'private' }, at);
  const conversations = await ConversationStorage.open<ConversationData>(dataDir);
  await conversations.write('5', { version: [0, 1], state: {} as ConversationData });
  const full = articles.find((a) => a.kind === 'article');
  if (!full) throw new Error('the seed page has no full article');
  return {
    chats: join(dataDir, CHATS_FILE),
    conversations: join(dataDir, CONVERSATIONS_FILE),
    'articles shard': metaShardPath(dataDir, shardKeyOf(full.publishedAt)),
    'article bodies shard': bodyShardPath(dataDir, bodyKeyOf(full.publishedAt, full.id)),
    'search index': join(dataDir, INDEX_FILE),
  };
}

/** A future version of a file: the same document (or index header) with a version no code knows. */
function futureVersion(bytes: Buffer): Buffer {
  if (bytes.toString('latin1', 0, 4) === 'KHSI') {
    const header = Buffer.from(JSON.stringify({ version: 99, format: 99, sections: [] }));
    const prefix = Buffer.alloc(8);
    prefix.write('KHSI', 0, 'latin1');
    prefix.writeUInt32LE(header.length, 4);
    return Buffer.concat([prefix, header]);
  }
  return Buffer.from(JSON.stringify({ ...(JSON.parse(bytes.toString('utf8')) as object), version: 99 }));
}

export const DAMAGES: Record<string, { problem: RegExp; apply(path: string): Promise<void> }> = {
  truncated: {
    problem: /cut short|Unexpected end|Unterminated|Expected|is not valid JSON|position/,
    apply: async (path) => {
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  },
  empty: { problem: /empty|Unexpected end of JSON input/, apply: (path) => writeFile(path, '') },
  // Valid JSON with nothing in it: lowdb reads a missing file as null too.
  'JSON null': { problem: /no numeric "version" field|unusable/, apply: (path) => writeFile(path, 'null') },
  'a future version': { problem: /newer/, apply: async (path) => writeFile(path, futureVersion(await readFile(path))) },
  'a directory': {
    problem: /folder|EISDIR/,
    apply: async (path) => {
      await rm(path);
      await mkdir(path);
      await writeFile(join(path, 'inside.txt'), 'not data');
    },
  },
};

/** Every file under a folder with its bytes (folders as entries of their own): to prove nothing changed. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const snapshot = new Map<string, string>();
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    snapshot.set(relative(dir, path), entry.isDirectory() ? '<dir>' : (await readFile(path)).toString('base64'));
  }
  return snapshot;
}
