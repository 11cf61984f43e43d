import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VersionedState } from '@grammyjs/conversations';
import { STALE_STATE_MS } from '../../../src/store/conversation-storage.ts';
import { PgConversationStore, PRUNE_EVERY_MS } from '../../../src/store/pg/conversation-store.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';

const state: VersionedState<unknown> = { version: [0, 1], state: { subscribe: [{ step: 1 }] } };

describe('PgConversationStore', { skip: pgSkip }, () => {
  it('deletes stale rows at open and on a write once PRUNE_EVERY_MS has passed', async () => {
    const { pool } = await freshDatabase();
    const keys = async () => (await pool.query<{ key: string }>('SELECT key FROM conversations ORDER BY key')).rows.map((r) => r.key);
    let now = 10_000_000;
    const storage = await PgConversationStore.open<unknown>(pool, { clock: () => now });
    await storage.write('1', state);
    now += STALE_STATE_MS + 1;
    await storage.write('2', state);
    assert.deepEqual(await keys(), ['2'], 'pruned on the write');
    await storage.write('3', state);
    now += PRUNE_EVERY_MS / 2;
    assert.deepEqual(await keys(), ['2', '3']);
    now += STALE_STATE_MS;
    await PgConversationStore.open<unknown>(pool, { clock: () => now });
    assert.deepEqual(await keys(), [], 'pruned at open');
  });
});
