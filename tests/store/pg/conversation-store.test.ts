import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VersionedState } from '@grammyjs/conversations';
import pg from 'pg';
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

  it('reads what another instance wrote a moment before: nothing is cached', async (t) => {
    const { url } = await freshDatabase();
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: url, max: 2 }));
    for (const p of pools) p.on('error', () => undefined);
    t.after(() => Promise.all(pools.map((p) => p.end())));
    const [a, b] = await Promise.all(pools.map((p) => PgConversationStore.open<unknown>(p)));
    assert.ok(a && b);
    assert.equal(await b.read('42'), undefined);
    await a.write('42', state);
    assert.deepEqual(await b.read('42'), state);
    const next: VersionedState<unknown> = { version: [0, 1], state: { subscribe: [{ step: 2, answer: 'الرياضة' }] } };
    await a.write('42', next);
    assert.deepEqual(await b.read('42'), next);
    await a.delete('42');
    assert.equal(await b.read('42'), undefined);
  });
});
