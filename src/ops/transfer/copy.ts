// Copies every record of one backend's stores into another's through the store interfaces, so
// the destination's own write paths (and, on PostgreSQL, its change notifications) apply.
import type { Article, ChatRecord } from '../../domain.ts';
import type { MergeFn } from '../../store/stores.ts';
import type { StoreSet } from './store-set.ts';

/** Articles per upsert: one transaction (or one write per touched shard) each. */
const ARTICLE_BATCH = 1_000;
/** Records written at once to the smaller stores: enough to fill a connection pool. */
const RECORD_BATCH = 200;

/** The incoming article as it is, whatever the destination held. */
const takeIncoming: MergeFn = (existing, incoming) => ({ article: incoming, change: existing ? 'updated' : 'created' });

/** Replaces a chat record's fields with the source's, in place (the store hands us its record). */
function overwrite(target: ChatRecord, source: ChatRecord): void {
  for (const key of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, structuredClone(source));
}

async function inBatches<T>(items: Iterable<T> | AsyncIterable<T>, size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length < size) continue;
    await write(batch);
    batch = [];
  }
  if (batch.length > 0) await write(batch);
}

export interface CopyProgress {
  (store: string, copied: number): void;
}

export async function copyStores(from: StoreSet, to: StoreSet, progress: CopyProgress = () => undefined): Promise<void> {
  let articles = 0;
  await inBatches<Article>(from.articles.articlesWithBodies(), ARTICLE_BATCH, async (batch) => {
    await to.articles.upsertMany(batch, takeIncoming);
    progress('articles', (articles += batch.length));
  });
  await inBatches(from.chats.all(), RECORD_BATCH, (batch) =>
    Promise.all(batch.map((chat) => to.chats.update(chat.chatId, (r) => overwrite(r, chat), { type: chat.type, ...(chat.title ? { title: chat.title } : {}) }))),
  );
  await inBatches(await from.conversations.entries(), RECORD_BATCH, (batch) => Promise.all(batch.map(([key, state]) => to.conversations.write(key, state))));
  // One at a time: the list's order is the order of the adds.
  for (const feed of from.feedList.all()) await to.feedList.add({ ...feed });
  await inBatches(from.feedState.entries(), RECORD_BATCH, (batch) => Promise.all(batch.map(([url, state]) => to.feedState.set(url, structuredClone(state)))));
  await Promise.all([to.articles.flush(), to.chats.flush(), to.conversations.flush(), to.feedList.flush(), to.feedState.flush()]);
}
