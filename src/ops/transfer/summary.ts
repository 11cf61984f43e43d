// What a store holds, in two figures: how many records and a checksum of their content. The
// checksum is over canonical JSON (keys sorted), so two backends holding the same records agree
// whatever order they keep them in or list them by.
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { StoreSet } from './store-set.ts';

export const STORE_NAMES = ['articles', 'chats', 'conversations', 'feedList', 'feedState'] as const;
export type StoreName = (typeof STORE_NAMES)[number];
/** How messages name each store. */
export const STORE_LABELS: Record<StoreName, string> = { articles: 'articles', chats: 'chats', conversations: 'conversations', feedList: 'feed list', feedState: 'feed state' };

export interface StoreFigures {
  count: number;
  /** sha256, hex, over every record's key and canonical JSON, in key order. */
  checksum: string;
}

export type SetSummary = Record<StoreName, StoreFigures>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Canonical JSON: keys sorted at every level, no spaces; strings exactly as stored. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * Hashes each record on its own and then the sorted list of (key, record hash): a store of a
 * million articles is checked without holding their text twice.
 */
export class RecordDigest {
  readonly #hashes = new Map<string, string>();

  add(key: string, record: unknown): void {
    if (this.#hashes.has(key)) throw new Error(`two records carry the key ${key}`);
    this.#hashes.set(key, sha256(canonicalJson(record)));
  }

  figures(): StoreFigures {
    const hash = createHash('sha256');
    for (const key of [...this.#hashes.keys()].sort()) hash.update(`${key}\t${this.#hashes.get(key)}\n`);
    return { count: this.#hashes.size, checksum: hash.digest('hex') };
  }
}

function digestOf(entries: Iterable<[string, unknown]>): StoreFigures {
  const digest = new RecordDigest();
  for (const [key, record] of entries) digest.add(key, record);
  return digest.figures();
}

/** Reads every record of every store once. */
export async function summarize(set: StoreSet): Promise<SetSummary> {
  const articles = new RecordDigest();
  for await (const article of set.articles.articlesWithBodies()) articles.add(article.id, article);
  return {
    articles: articles.figures(),
    chats: digestOf(set.chats.all().map((c) => [String(c.chatId), c])),
    conversations: digestOf(await set.conversations.entries()),
    // The list's order is what /feeds numbers, so the position is part of the key.
    feedList: digestOf(set.feedList.all().map((f, i) => [String(i).padStart(9, '0'), f])),
    feedState: digestOf(set.feedState.entries()),
  };
}

export const isEmpty = (summary: SetSummary) => STORE_NAMES.every((name) => summary[name].count === 0);

/** The stores whose count or checksum differ between two summaries. */
export const differences = (a: SetSummary, b: SetSummary): StoreName[] =>
  STORE_NAMES.filter((name) => a[name].count !== b[name].count || a[name].checksum !== b[name].checksum);
