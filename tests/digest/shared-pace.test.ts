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

  it('refuses a rate of zero', async () => {
    const { pool } = await freshDatabase();
    assert.throws(() => new SharedPace(pool, 0), /above zero/);
  });
});
