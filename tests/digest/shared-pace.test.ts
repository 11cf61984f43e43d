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
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) waits.push(await a.reserve(), await b.reserve());
    // Ten a second: each slot 100 ms after the one before, whichever instance took it.
    for (let i = 1; i < waits.length; i++) assert.ok((waits[i] as number) - (waits[i - 1] as number) > 80, `slot ${i}: ${waits.join(', ')}`);
    assert.ok((waits[5] as number) > 400, `the sixth slot half a second on: ${waits[5]}`);
  });

  it("holds every instance back for one instance's retry_after", async () => {
    const { pool } = await freshDatabase();
    const [a, b] = [new SharedPace(pool, 100), new SharedPace(pool, 100)];
    assert.ok((await b.reserve()) < 50, 'free before the hold');
    await a.holdFor(3);
    const wait = await b.reserve();
    assert.ok(wait > 2_500 && wait <= 3_100, `b waits out a's three seconds: ${wait} ms`);
  });

  it('refuses a rate of zero', async () => {
    const { pool } = await freshDatabase();
    assert.throws(() => new SharedPace(pool, 0), /above zero/);
  });
});
