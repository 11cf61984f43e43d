// What every FeedStateStore does, lowdb or PostgreSQL: the same assertions against both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { emptyFeedState, type FeedState } from '../../../src/store/feed-state.ts';
import type { FeedStateStore } from '../../../src/store/stores.ts';
import type { Backend } from './backends.ts';

const A = 'https://a.example/rss';
const B = 'https://b.example/atom';
const stateA: FeedState = { ...emptyFeedState(), title: 'صحيفة أ', etag: '"1"', items: 2, itemIds: { g1: 'id1', g2: 'id2' }, itemLinks: { 'https://a.example/1': 'id1' } };

export function feedStateContract(backend: Backend<FeedStateStore>): void {
  it("keeps each feed's state, for this instance and the next", async () => {
    const place = await backend();
    const states = await place.open();
    assert.deepEqual(states.get(A), emptyFeedState());
    await states.set(A, stateA);
    await states.set(B, { ...emptyFeedState(), failures: 2, lastError: { at: '2026-06-01T09:00:00.000Z', reason: 'HTTP 503' }, itemLinks: { 'https://b.example/x': 'id9' } });
    for (const s of [states, await place.open()]) {
      assert.deepEqual(s.get(A), stateA);
      assert.equal(s.get(B).failures, 2);
      assert.deepEqual([...s.links()].sort(), [['https://a.example/1', 'id1'], ['https://b.example/x', 'id9']]);
      assert.deepEqual(new Map(s.entries()), new Map([[A, stateA], [B, s.get(B)]]), 'entries() lists every feed (what an export reads)');
    }
  });

  it('replaces a state whole, and forgets a deleted feed', async () => {
    const place = await backend();
    const states = await place.open();
    await states.set(A, stateA);
    await states.set(A, { ...emptyFeedState(), items: 1, itemIds: { g3: 'id3' } });
    assert.deepEqual(states.get(A), { ...emptyFeedState(), items: 1, itemIds: { g3: 'id3' } });
    assert.deepEqual([...states.links()], []);
    await states.delete(A);
    await states.delete(A);
    assert.deepEqual(states.get(A), emptyFeedState());
    await states.flush();
    assert.deepEqual((await place.open()).get(A), emptyFeedState());
  });
}
