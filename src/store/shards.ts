// Where an article lives on disk. Articles are sharded by UTC day of publication: ingestion
// touches today's small shard instead of rewriting the whole corpus, and metadata (what the bot
// lists) is kept apart from bodies (read only when a reader opens the full text).
import { join } from 'node:path';

export const ARTICLES_DIR = 'articles';
export const META_DIR = 'meta';
export const BODY_DIR = 'body';
const SHARD_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** `2026-11-26T08:00:00Z` → `2026-11-26`. */
export function shardKeyOf(publishedAt: string): string {
  const d = new Date(publishedAt);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${publishedAt}`);
  return d.toISOString().slice(0, 10);
}

export const metaShardPath = (dataDir: string, key: string) => join(dataDir, ARTICLES_DIR, META_DIR, `${key}.json`);
export const bodyShardPath = (dataDir: string, key: string) => join(dataDir, ARTICLES_DIR, BODY_DIR, `${key}.json`);

/** Shard keys named by the file names in a shard folder (other files are ignored). */
export function shardKeysIn(fileNames: string[]): string[] {
  return fileNames.flatMap((name) => SHARD_FILE.exec(name)?.[1] ?? []).sort();
}
