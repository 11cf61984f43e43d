// The send rate shared through PostgreSQL: slots reserved by any instance are spaced at the
// rate, and a retry_after recorded by one instance holds back every other.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedPace } from '../../src/digest/shared-pace.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';

describe('SharedPace', { skip: pgSkip }, () => {
  it('spaces the slots two instances reserve at the one rate', async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [new SharedPace(pool, 10), new SharedPace(pool, 10)];
    const slots: number[] = [];
    for (let i = 0; i < 3; i++) slots.push((await a.reserve()).slotAt, (await b.reserve()).slotAt);
    // Ten a second: each slot at least 100 ms after the one before, whichever instance took it.
    for (let i = 1; i < slots.length; i++) assert.ok((slots[i] as number) - (slots[i - 1] as number) >= 99.9, `slot ${i}: ${slots.join(', ')}`);
  });

  it("holds every instance back for one instance's retry_after", async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [new SharedPace(pool, 100), new SharedPace(pool, 100)];
    const held = (await pool.query<{ at: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at')).rows[0]?.at ?? 0;
    await a.holdFor(3);
    const { slotAt } = await b.reserve();
    assert.ok(slotAt >= held + 3_000, `b's next slot is past a's three seconds: ${slotAt - held} ms after the hold`);
  });

  it('gives up the wait for a slot at shutdown, while the hold is still in force', async () => {
    const { pool } = await freshDatabase();
    const pace = new SharedPace(pool, 100);
    await pace.holdFor(60);
    const shutdown = new AbortController();
    const taking = pace.take(shutdown.signal);
    shutdown.abort();
    await taking;
    const { rows } = await pool.query<{ held: boolean }>(`SELECT next_at > clock_timestamp() + interval '30 seconds' AS held FROM send_pace WHERE name = 'telegram'`);
    assert.equal(rows[0]?.held, true, 'take() returned long before the minute of holding ends');
  });

  it('holds a sender already waiting for its slot when a retry_after comes meanwhile', async () => {
    // One connection: the sender's reservation goes first, the hold second, while the sender waits.
    const { pool } = await freshDatabase({ max: 1 });
    const [a, b] = [new SharedPace(pool, 4), new SharedPace(pool, 4)];
    for (let i = 0; i < 4; i++) await a.reserve();
    const clock = async () => (await pool.query<{ at: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at')).rows[0]?.at ?? 0;
    const taking = a.take();
    const holdStart = await clock();
    await b.holdFor(3);
    await taking;
    assert.ok((await clock()) >= holdStart + 3_000, 'the send waited for the hold to end');
  });

  it('refuses a rate of zero', async () => {
    const { pool } = await freshDatabase();
    assert.throws(() => new SharedPace(pool, 0), /above zero/);
  });
});
