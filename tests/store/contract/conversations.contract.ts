// What every ConversationStore does, lowdb or PostgreSQL: the same assertions against both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { VersionedState } from '@grammyjs/conversations';
import { STALE_STATE_MS, type StorageOptions } from '../../../src/store/conversation-storage.ts';
import type { ConversationStore } from '../../../src/store/stores.ts';
import type { Backend } from './backends.ts';

export type ConversationOptions = Pick<StorageOptions, 'clock'>;

const state = (step: number, answer = 'الاقتصاد'): VersionedState<unknown> => ({ version: [0, 1], state: { subscribe: [{ step, answers: [answer, '٠٨:٠٠'] }] } });

export function conversationStoreContract(backend: Backend<ConversationStore<unknown>, ConversationOptions>): void {
  it('reads back what it wrote, in another instance too', async () => {
    const place = await backend();
    const storage = await place.open();
    assert.equal(await storage.read('42'), undefined);
    await storage.write('42', state(1));
    await storage.write('42', state(2, 'الرياضة'));
    assert.deepEqual(await storage.read('42'), state(2, 'الرياضة'));
    await storage.flush();
    assert.deepEqual(await (await place.open()).read('42'), state(2, 'الرياضة'));
  });

  it('keeps a conversation that may still continue, and prunes one left longer than STALE_STATE_MS', async () => {
    let now = 1_000_000;
    const storage = await (await backend()).open({ clock: () => now });
    await storage.write('-100', state(1));
    now += STALE_STATE_MS / 2;
    await storage.write('42', state(2));
    assert.deepEqual(await storage.read('-100'), state(1), 'half the time: kept');
    now += STALE_STATE_MS / 2 + 1;
    await storage.write('7', state(3));
    assert.equal(await storage.read('-100'), undefined);
    assert.deepEqual(await storage.read('42'), state(2));
    assert.deepEqual(await storage.read('7'), state(3));
  });

  it('prunes at start-up what nobody came back to', async () => {
    let now = 5_000_000;
    const place = await backend();
    const storage = await place.open({ clock: () => now });
    await storage.write('5', state(1));
    await storage.flush();
    now += STALE_STATE_MS + 1;
    assert.equal(await (await place.open({ clock: () => now })).read('5'), undefined);
  });

  it('lists every state that may still continue, by key (what an export reads)', async () => {
    let now = 1_000_000;
    const place = await backend();
    const storage = await place.open({ clock: () => now });
    await storage.write('-100', state(1));
    now += STALE_STATE_MS / 2 + 1;
    await storage.write('42', state(2, 'الرياضة'));
    await storage.write('7', state(3));
    await storage.delete('7');
    await storage.flush();
    now += STALE_STATE_MS / 2;
    const listed = await (await place.open({ clock: () => now })).entries();
    assert.deepEqual(listed, [['42', state(2, 'الرياضة')]]);
  });

  it('forgets a finished conversation entirely', async () => {
    const place = await backend();
    const storage = await place.open();
    await storage.write('9', state(1));
    await storage.delete('9');
    await storage.delete('9');
    assert.equal(await storage.read('9'), undefined);
    await storage.flush();
    assert.equal(await (await place.open()).read('9'), undefined);
  });
}
