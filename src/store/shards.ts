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

/**
 * Buckets per day for bodies: a card or a search snippet reads one bucket (a sixteenth of a day,
 * tens of KB at 100,000 articles), not the whole day's bodies.
 */
export const BODY_BUCKETS = 16;

/** Where an article's body lives: its day, and a bucket chosen by its id. */
export function bodyKeyOf(publishedAt: string, id: string): string {
  const bucket = (id.charCodeAt(0) + id.charCodeAt(id.length - 1)) % BODY_BUCKETS;
  return bucketKey(shardKeyOf(publishedAt), bucket);
}

const bucketKey = (day: string, bucket: number) => `${day}/${String(bucket).padStart(2, '0')}`;

/** Every body bucket a day may have. */
export const bodyKeysOfDay = (day: string): string[] => Array.from({ length: BODY_BUCKETS }, (_, bucket) => bucketKey(day, bucket));

export const metaShardPath = (dataDir: string, key: string) => join(dataDir, ARTICLES_DIR, META_DIR, `${key}.json`);
export const bodyShardPath = (dataDir: string, bodyKey: string) => join(dataDir, ARTICLES_DIR, BODY_DIR, `${bodyKey}.json`);

/** Shard keys named by the file names in a shard folder (other files are ignored). */
export function shardKeysIn(fileNames: string[]): string[] {
  return fileNames.flatMap((name) => SHARD_FILE.exec(name)?.[1] ?? []).sort();
}

const BODY_FILE = /^(\d{4}-\d{2}-\d{2})[/\\](\d{2})\.json$/;

/** Body bucket keys named by the relative paths under the body folder (other files are ignored). */
export function bodyShardKeysIn(relativePaths: string[]): string[] {
  return relativePaths.flatMap((p) => {
    const [, day, bucket] = BODY_FILE.exec(p) ?? [];
    return day && bucket ? `${day}/${bucket}` : [];
  }).sort();
}
