// What every ChatStore does, lowdb or PostgreSQL: the same assertions against both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Subscription } from '../../../src/domain.ts';
import type { ChatStore } from '../../../src/store/stores.ts';
import type { Backend } from './backends.ts';

export const sub: Subscription = { time: '08:00', timeZone: 'Asia/Riyadh', topics: ['الاقتصاد'], size: 5, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z' };

export function chatStoreContract(backend: Backend<ChatStore>): void {
  it('stores a subscription, and an instance opened afterwards reads it back', async () => {
    const place = await backend();
    const chats = await place.open();
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    const reopened = await place.open();
    assert.deepEqual(reopened.get(7)?.subscription, sub);
    assert.equal(reopened.get(7)?.lastDigestAt, '2026-05-31T09:00:00.000Z', 'first digest covers the day before');
    assert.deepEqual(reopened.subscribed().map((c) => c.chatId), [7]);
    assert.deepEqual(await reopened.fresh(7), chats.get(7));
  });

  it('deactivates with a reason, and a new subscription restores it', async () => {
    const chats = await (await backend()).open();
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await chats.deactivate(7, 'blocked', '2026-06-02T09:00:00.000Z');
    assert.deepEqual(chats.get(7)?.inactive, { reason: 'blocked', at: '2026-06-02T09:00:00.000Z' });
    assert.equal(chats.subscribed().length, 0);
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-03T09:00:00.000Z');
    assert.equal(chats.get(7)?.inactive, undefined);
    assert.equal(chats.get(7)?.lastDigestAt, '2026-05-31T09:00:00.000Z', 'a returning subscriber keeps their marker');
  });

  it('changes only chats it knows unless told how to create one', async () => {
    const place = await backend();
    const chats = await place.open();
    assert.equal(await chats.update(5, (r) => void (r.title = 'لا')), undefined);
    assert.equal(await chats.deactivate(5, 'blocked', '2026-06-02T09:00:00.000Z'), undefined);
    assert.equal(chats.get(5), undefined);
    const created = await chats.update(5, (r) => void (r.lastDigestDate = '2026-06-01'), { type: 'group', title: 'نادي القراءة' });
    assert.deepEqual(created, { chatId: 5, type: 'group', title: 'نادي القراءة', lastDigestDate: '2026-06-01' });
    assert.deepEqual((await place.open()).all(), [created]);
  });

  it("moves a group's subscription to its supergroup id", async () => {
    const place = await backend();
    const chats = await place.open();
    await chats.subscribe(-5, sub, { type: 'group', title: 'نقاش' }, '2026-06-01T09:00:00.000Z');
    const moved = await chats.migrate(-5, -1000000000005);
    assert.equal(moved?.chatId, -1000000000005);
    for (const c of [chats, await place.open()]) {
      assert.equal(c.get(-5), undefined);
      assert.equal(c.get(-1000000000005)?.subscription?.time, '08:00');
      assert.equal(c.get(-1000000000005)?.type, 'supergroup');
      assert.equal(c.get(-1000000000005)?.title, 'نقاش');
    }
    assert.equal(await chats.migrate(-5, -1000000000006), undefined, 'nothing left to move');
  });

  it('loses nothing under many concurrent updates', async () => {
    const place = await backend();
    const chats = await place.open();
    await Promise.all(Array.from({ length: 300 }, (_, i) => chats.subscribe(i + 1, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z')));
    await Promise.all(Array.from({ length: 20 }, (_, i) => chats.update(1, (r) => void (r.title = `${r.title ?? ''}${i % 2 ? 'ب' : 'أ'}`))));
    await chats.flush();
    const reopened = await place.open();
    assert.equal(reopened.subscribed().length, 300);
    assert.equal(reopened.get(1)?.title?.length, 20, 'every change of one chat applied');
  });
}
