// The per-chat lock across instances: one holder per chat, other chats unaffected, and a holder
// stuck past the bounded wait never stalls the chat for ever.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import pg from 'pg';
import { PgChatLock } from '../../../src/store/pg/chat-lock.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { captureLogs } from '../../helpers/log-capture.ts';

/** This database's advisory locks (the server holds other test files' too). */
const ADVISORY = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

/** A lock on a pool of its own, as another instance has; the pool ends with the test. */
async function lockOn(t: TestContext, url: string, waitMs?: number) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  t.after(() => pool.end());
  const { lines, logger } = captureLogs();
  return { lock: new PgChatLock(pool, logger, waitMs === undefined ? {} : { waitMs }), lines, pool };
}

/** Holds chat `chatId` on `lock` until the returned release is called. */
async function hold(lock: PgChatLock, chatId: number): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const done = lock.run(chatId, () => new Promise<void>((r) => {
    held();
    release = r;
  }));
  await isHeld;
  return { release, done };
}

describe('PgChatLock', { skip: pgSkip }, () => {
  it('lets another chat through while one is held, and gives the held chat to the next once released', { timeout: 30_000 }, async (t) => {
    const { url } = await freshDatabase();
    const a = await lockOn(t, url);
    const b = await lockOn(t, url, 600_000);
    const events: string[] = [];
    const first = await hold(a.lock, -1000000000005);
    await b.lock.run(42, async () => void events.push('other chat'));
    const second = b.lock.run(-1000000000005, async () => void events.push('second holder'));
    // Released only once the second waits in PostgreSQL (or, were the lock broken, has run).
    while (events.length < 2 && (await a.pool.query(`${ADVISORY} AND NOT granted`)).rows.length === 0) await new Promise((r) => setTimeout(r, 10));
    events.push('first released');
    first.release();
    await Promise.all([first.done, second]);
    assert.deepEqual(events, ['other chat', 'first released', 'second holder']);
    assert.deepEqual(b.lines, []);
  });

  it('runs the update without the lock once the bounded wait is over, and says so', { timeout: 30_000 }, async (t) => {
    const { url } = await freshDatabase();
    const stuck = await lockOn(t, url);
    const late = await lockOn(t, url, 100);
    const held = await hold(stuck.lock, 7);
    assert.equal(await late.lock.run(7, async () => 'handled'), 'handled');
    assert.equal(late.lines.find((l) => l.level === 40)?.msg, 'chat lock not had in time; handling the update without it');
    held.release();
    await held.done;
    assert.equal((await late.pool.query(ADVISORY)).rows.length, 0, 'nothing left held');
  });
});
