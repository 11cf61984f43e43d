// What every FeedListStore does, lowdb or PostgreSQL: the same assertions against both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FeedListStore } from '../../../src/store/stores.ts';
import type { Backend } from './backends.ts';

export function feedListContract(backend: Backend<FeedListStore>): void {
  it('adds once, removes, and keeps the order feeds were added in', async () => {
    const place = await backend();
    const list = await place.open();
    assert.deepEqual(list.all(), []);
    assert.equal(await list.add({ url: 'https://a.example/rss', name: 'صحيفة أ', category: 'اقتصاد' }), true);
    assert.equal(await list.add({ url: 'https://b.example/atom' }), true);
    assert.equal(await list.add({ url: 'https://c.example/feed.json', name: 'ج' }), true);
    assert.equal(await list.add({ url: 'https://b.example/atom' }), false, 'already listed');
    assert.equal(await list.remove('https://b.example/atom'), true);
    assert.equal(await list.remove('https://b.example/atom'), false);
    assert.equal(await list.add({ url: 'https://b.example/atom' }), true, 'back, now last');
    const expected = [{ url: 'https://a.example/rss', name: 'صحيفة أ', category: 'اقتصاد' }, { url: 'https://c.example/feed.json', name: 'ج' }, { url: 'https://b.example/atom' }];
    assert.deepEqual(list.all(), expected);
    await list.flush();
    assert.deepEqual((await place.open()).all(), expected);
  });
}
