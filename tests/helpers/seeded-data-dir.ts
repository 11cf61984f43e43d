// A lowdb DATA_DIR holding something in every store: the seed page's articles and headlines,
// subscribed and unsubscribed chats (Arabic titles, topics), an unfinished /subscribe
// conversation, two operator feeds and their poller state. What export and import must carry.
import type { VersionedState } from '@grammyjs/conversations';
import type { Subscription } from '../../src/domain.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { lowdbBackend } from '../../src/ops/transfer/lowdb-backend.ts';
import type { StoreSet } from '../../src/ops/transfer/store-set.ts';
import { seedArticles } from './seed-articles.ts';

const SUBSCRIPTION: Subscription = { time: '07:30', timeZone: 'Asia/Riyadh', topics: ['الاقتصاد', 'المعادن النادرة'], size: 5, createdAt: '2026-06-01T05:00:00.000Z', updatedAt: '2026-06-02T05:00:00.000Z' };
export const CONVERSATION: VersionedState<unknown> = { version: [0, 'subscribe'], state: { subscribe: [{ args: [], interrupts: [], replay: { send: [{ text: 'اختر وقت التسليم' }], receive: [{ update_id: 5, message: { text: '٠٧:٣٠ ص' } }] } }] } };

/** Fills every store of an opened set (any backend) with the same records. */
export async function fillStores(set: StoreSet): Promise<void> {
  await set.articles.upsertMany(seedArticles(), mergeArticle);
  await set.chats.subscribe(7, SUBSCRIPTION, { type: 'private' }, '2026-06-02T05:00:00.000Z');
  await set.chats.subscribe(-1001, { ...SUBSCRIPTION, topics: [], size: 10 }, { type: 'supergroup', title: 'مجموعة الأخبار العاجلة' }, '2026-06-02T05:00:00.000Z');
  await set.chats.update(-1001, (r) => Object.assign(r, { lastDigestDate: '2026-06-03', lastDigestOutcome: 'sent', lastDigestAt: '2026-06-03T04:30:00.000Z' }));
  await set.chats.subscribe(8, SUBSCRIPTION, { type: 'private' }, '2026-06-02T05:00:00.000Z');
  await set.chats.deactivate(8, 'blocked', '2026-06-04T00:00:00.000Z');
  await set.conversations.write('7', CONVERSATION);
  await set.feedList.add({ url: 'https://news.example/ar/rss', name: 'أخبار المثال', category: 'اقتصاد' });
  await set.feedList.add({ url: 'https://b.example/feed.json' });
  await set.feedState.set('https://news.example/ar/rss', { title: 'أخبار', etag: '"abc"', failures: 0, items: 1, lastSuccessAt: '2026-06-04T00:00:00.000Z', itemIds: { g1: 'id1' }, itemLinks: { 'https://news.example/ar/1': 'id1' } });
  await set.feedState.set('https://b.example/feed.json', { failures: 3, items: 0, itemIds: {}, lastError: { at: '2026-06-04T00:00:00.000Z', reason: 'HTTP 503' }, nextFetchAt: '2026-06-04T01:00:00.000Z' });
}

/** A DATA_DIR filled by fillStores, closed (lock released). */
export async function seededDataDir(dataDir: string): Promise<void> {
  const set = await lowdbBackend(dataDir).open();
  try {
    await fillStores(set);
  } finally {
    await set.close();
  }
}
