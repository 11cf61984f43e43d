import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Subscription } from '../../src/domain.ts';
import { ChatRepository, CHATS_FILE } from '../../src/store/chat-repository.ts';
import { tempDir } from '../helpers/tmp.ts';

const sub: Subscription = { time: '08:00', timeZone: 'Asia/Riyadh', topics: ['الاقتصاد'], size: 5, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z' };

describe('ChatRepository', () => {
  it('stores a subscription in its own file, and reads it back', async () => {
    const dir = await tempDir();
    const chats = await ChatRepository.open(dir);
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    const reopened = await ChatRepository.open(dir);
    assert.deepEqual(reopened.get(7)?.subscription, sub);
    assert.equal(reopened.get(7)?.lastDigestAt, '2026-05-31T09:00:00.000Z', 'first digest covers the day before');
    assert.equal(reopened.subscribed().length, 1);
  });

  it('deactivates with a reason, and a new subscription restores it', async () => {
    const dir = await tempDir();
    const chats = await ChatRepository.open(dir);
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await chats.deactivate(7, 'blocked', '2026-06-02T09:00:00.000Z');
    assert.deepEqual(chats.get(7)?.inactive, { reason: 'blocked', at: '2026-06-02T09:00:00.000Z' });
    assert.equal(chats.subscribed().length, 0);
    await chats.subscribe(7, sub, { type: 'private' }, '2026-06-03T09:00:00.000Z');
    assert.equal(chats.get(7)?.inactive, undefined);
  });

  it('moves a group\'s subscription to its supergroup id', async () => {
    const dir = await tempDir();
    const chats = await ChatRepository.open(dir);
    await chats.subscribe(-5, sub, { type: 'group', title: 'نقاش' }, '2026-06-01T09:00:00.000Z');
    await chats.migrate(-5, -1000000000005);
    assert.equal(chats.get(-5), undefined);
    assert.equal(chats.get(-1000000000005)?.subscription?.time, '08:00');
    assert.equal(chats.get(-1000000000005)?.type, 'supergroup');
  });

  it('loses nothing under many concurrent updates', async () => {
    const dir = await tempDir();
    const chats = await ChatRepository.open(dir);
    await Promise.all(Array.from({ length: 300 }, (_, i) => chats.subscribe(i + 1, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z')));
    assert.equal((await ChatRepository.open(dir)).subscribed().length, 300);
  });

  it('refuses a corrupt chats file and leaves it untouched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, CHATS_FILE), '{"version":1,"chats":');
    await assert.rejects(ChatRepository.open(dir), /chats\.json.*untouched/);
    assert.equal(await readFile(join(dir, CHATS_FILE), 'utf8'), '{"version":1,"chats":');
  });
});
