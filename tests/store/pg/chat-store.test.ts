// Two instances on one database: what one changes, the other sees; what both change at once,
// neither loses; a dropped notification connection is caught up after it returns.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import pg from 'pg';
import { PgChatStore } from '../../../src/store/pg/chat-store.ts';
import { eventually } from '../../helpers/bot-harness.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { sub } from '../contract/chats.contract.ts';
import { testLogger } from '../contract/backends.ts';

const opened: Array<{ store: PgChatStore; pool: pg.Pool }> = [];
afterEach(async () => {
  for (const { store, pool } of opened.splice(0)) {
    await store.close();
    await pool.end();
  }
});

/** Two instances, each with a pool of its own, as two processes would have. */
async function twoInstances(): Promise<{ a: PgChatStore; b: PgChatStore; admin: pg.Pool }> {
  const { url, pool: admin } = await freshDatabase();
  const open = async () => {
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    // As openPool does: an idle connection ended by the server is replaced, not an uncaught error.
    pool.on('error', () => undefined);
    const store = await PgChatStore.open(pool, testLogger);
    opened.push({ store, pool });
    return store;
  };
  return { a: await open(), b: await open(), admin };
}

describe('PgChatStore across instances', { skip: pgSkip }, () => {
  it("shows a change made on A in B's copy", async () => {
    const { a, b } = await twoInstances();
    await a.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await eventually(() => b.get(7)?.subscription, 'B to hear of the subscription');
    await a.deactivate(7, 'blocked', '2026-06-02T09:00:00.000Z');
    await eventually(() => b.get(7)?.inactive, 'B to hear of the deactivation');
    assert.deepEqual(b.subscribed(), []);
    await a.migrate(7, 8);
    await eventually(() => b.get(8) && !b.get(7), 'B to see the chat under its new id only');
  });

  it('applies concurrent updates of one chat from A and B, losing none', async () => {
    const { a, b } = await twoInstances();
    await a.update(1, () => undefined, { type: 'group', title: '' });
    const append = (store: PgChatStore, letter: string) => store.update(1, (r) => void (r.title = `${r.title ?? ''}${letter}`));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? append(a, 'أ') : append(b, 'ب'))));
    const title = (await a.fresh(1))?.title ?? '';
    assert.equal([...title].filter((c) => c === 'أ').length, 20);
    assert.equal([...title].filter((c) => c === 'ب').length, 20);
    await eventually(() => a.get(1)?.title === title && b.get(1)?.title === title, 'both copies at the last version');
  });

  it("fresh() and update() work on the row, not on an outdated copy", async () => {
    const { a, b, admin } = await twoInstances();
    await a.subscribe(3, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await eventually(() => b.get(3), 'B to hear of the chat');
    // A change B cannot have heard of: written behind every instance's back, with no notification.
    await admin.query(`UPDATE chats SET record = jsonb_set(record, '{lastDigestDate}', '"2026-06-02"') WHERE chat_id = 3`);
    assert.equal(b.get(3)?.lastDigestDate, undefined);
    assert.equal((await b.fresh(3))?.lastDigestDate, '2026-06-02');
    const changed = await a.update(3, (r) => void (r.lastDigestOutcome = 'sent'));
    assert.equal(changed?.lastDigestDate, '2026-06-02', "A's update kept the change its copy lacked");
  });

  it('catches up on changes made while its notification connection was down', async () => {
    const { a, b, admin } = await twoInstances();
    await a.subscribe(11, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await eventually(() => b.get(11), 'B to hear of the chat');
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'khulasa listen khulasa_chats' AND datname = current_database()");
    await a.subscribe(12, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await eventually(() => b.get(12), 'B to reload after reconnecting');
  });
});
