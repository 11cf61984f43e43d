// Digests through the PostgreSQL job queue with two instances on one database, sending through
// the emulator over HTTP: one digest per chat whoever queues it, a dead worker's chats finished by
// the other, and the send rate shared by both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_QUEUE } from '../../src/digest/queue.ts';
import { SharedPace } from '../../src/digest/shared-pace.ts';
import type { FloodLimits } from '../../src/emulator/flood.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { type Instance, openJobs, peakPerSecond, startInstance, startWorld, total, until } from '../helpers/digest-instances.ts';

/**
 * `count` chats due now, both instances' ticks queueing them, both working the queue until it is
 * drained; every chat has then had exactly one digest.
 */
async function fanOutOnTwo(count: number, options: { ratePerSecond: number; pace?: 'shared' | 'own'; flood?: FloodLimits }) {
  const { url, pool } = await freshDatabase();
  const world = await startWorld(pool, options.flood ? { flood: options.flood } : {});
  const now = new Date();
  const chats = await world.subscribe(count, nextUser, now);
  nextUser += count;
  const instances = await Promise.all(['a', 'b'].map((name) => startInstance(world, url, { name, ratePerSecond: options.ratePerSecond, pace: options.pace ?? 'shared' })));
  const found = await Promise.all(instances.map((i) => i.queue.enqueueDue(now)));
  assert.deepEqual(found, [count, count], 'both ticks find every chat due');
  await until(async () => (await openJobs(pool)) === 0, 'the queue drained');
  for (const chat of chats) assert.equal(world.digestsIn(chat.id), 1, `chat ${chat.id}`);
  return { pool, world, instances, now };
}
let nextUser = 10_000;

describe('digest jobs across two instances', { skip: pgSkip }, () => {
  it('sends exactly one digest to each of 200 chats due at once, whichever instance queues it', async () => {
    const { pool, instances, now } = await fanOutOnTwo(200, { ratePerSecond: 150 });
    // One queued job per chat and local date: the second tick adds none, except for chats whose job
    // a worker had already taken (at most a batch per worker), and those find the marker.
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'digests'`);
    const jobs = rows[0]?.n ?? 0;
    assert.ok(jobs >= 200 && jobs <= 200 + 2 * DEFAULT_QUEUE.batchSize, `${jobs} jobs for 200 chats queued twice`);
    assert.equal(total(instances, 'sent'), 200);
    assert.ok(instances.every((i) => i.reports.some((r) => r.sent > 0)), 'both instances sent a share');
    // A later tick on either instance finds nothing due: the markers say today is done.
    assert.deepEqual(await Promise.all(instances.map((i) => i.queue.enqueueDue(new Date(now.getTime() + 60_000)))), [0, 0]);
  });

  it('finishes the chats of a worker that died mid-run, once each', async () => {
    const { url, pool } = await freshDatabase();
    const world = await startWorld(pool);
    const now = new Date();
    const chats = await world.subscribe(60, 5_000, now);
    let dead = false;
    // Short expiry so the dead worker's jobs come back within the test.
    const queue = { expireInSeconds: 3, batchSize: 20 };
    const a: Instance = await startInstance(world, url, { name: 'a', ratePerSecond: 40, queue, beforeSend: (n) => {
      if (n === 10 && !dead) {
        dead = true;
        a.kill();
      }
    } });
    assert.equal(await a.queue.enqueueDue(now), 60);
    // The batch under way when it died stops sending (its in-flight send completes and is recorded).
    await until(() => a.reports.length === 1, 'instance a dies mid-run');
    const sentByA = chats.filter((c) => world.digestsIn(c.id) === 1).length;
    assert.ok(sentByA > 0 && sentByA < 60, `${sentByA} sent before the death`);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'digests' AND state = 'active'`);
    assert.ok((rows[0]?.n ?? 0) > 0, 'the dead worker left its batch active');

    // The survivor only works the queue (it queues nothing): the dead batch comes back by expiry.
    const b = await startInstance(world, url, { name: 'b', ratePerSecond: 40, queue, maintenanceIntervalSeconds: 1 });
    await until(async () => (await openJobs(pool)) === 0, 'the queue drained by b', 60_000);
    for (const chat of chats) assert.equal(world.digestsIn(chat.id), 1, `chat ${chat.id}`);
    assert.equal(total([b], 'sent'), 60 - sentByA);
  });

  it('stops sending at shutdown and gives the batch back to the queue at once', async () => {
    const { url, pool } = await freshDatabase();
    const world = await startWorld(pool);
    const now = new Date();
    const chats = await world.subscribe(40, 7_000, now);
    const shutdown = new AbortController();
    const a = await startInstance(world, url, { name: 'a', ratePerSecond: 40, signal: shutdown.signal, queue: { batchSize: 40 }, beforeSend: (n) => void (n === 5 && shutdown.abort()) });
    await a.queue.enqueueDue(now);
    await until(() => a.reports.length === 1, 'the batch cut short');
    assert.ok((a.reports[0]?.sent ?? 0) < 10, `no sends started after the shutdown but those in flight: ${a.reports[0]?.sent}`);
    await a.queue.stop();
    // (pg-boss records the failed batch without waiting for it.)
    const retrying = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'digests' AND state = 'retry'`)).rows[0]?.n;
    await until(async () => (await retrying()) === 40, 'the whole batch back in the queue at once, not waiting for its expiry (nor failed for good)', 5_000);
    const b = await startInstance(world, url, { name: 'b', ratePerSecond: 40 });
    await until(async () => (await openJobs(pool)) === 0, 'the queue drained by b');
    for (const chat of chats) assert.equal(world.digestsIn(chat.id), 1, `chat ${chat.id}`);
    assert.equal(total([a, b], 'sent'), 40);
  });

  it('stops within a few seconds while a retry_after holds every send, leaving the batch to the queue', async () => {
    const { url, pool } = await freshDatabase();
    const world = await startWorld(pool);
    const now = new Date();
    const chats = await world.subscribe(5, 8_000, now);
    const a = await startInstance(world, url, { name: 'a', ratePerSecond: 40 });
    // Twenty seconds of holding: a stop that waited for the batch would return only after it.
    await new SharedPace(pool, 40).holdFor(20);
    await a.queue.enqueueDue(now);
    const active = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'digests' AND state = 'active'`)).rows[0]?.n;
    await until(async () => (await active()) === 5, 'the batch taken, its senders waiting for the hold');
    await a.queue.stop();
    const { rows } = await pool.query<{ held: boolean }>(`SELECT next_at > clock_timestamp() AS held FROM send_pace WHERE name = 'telegram'`);
    assert.equal(rows[0]?.held, true, 'the stop returned while the hold was still in force');
    assert.equal(chats.filter((c) => world.digestsIn(c.id) > 0).length, 0, 'nothing was sent');
    assert.equal(await active(), 0, 'the batch went back to the queue');
    // The batch cut short comes back, and pg-boss fails it once more (not awaited by pg-boss):
    // the test ends, and its database is dropped, only after that.
    await until(() => a.reports.length === 1, 'the batch cut short to come back');
    await a.settled();
  });

  it('keeps two instances together under the shared rate', async () => {
    // The emulator refuses anything over 55 a second (Telegram's counter); the instances share a pace of 50.
    const { world, instances } = await fanOutOnTwo(200, { ratePerSecond: 50, flood: { globalPerSecond: 55 } });
    assert.equal(world.emulator.stats.tooManyRequests, 0, 'never over the limit');
    assert.ok(instances.every((i) => i.reports.some((r) => r.sent > 0)), 'both instances sent a share');
  });

  it('goes over the limit when each instance keeps a pace of its own (what the shared rate prevents)', async () => {
    const { world, instances } = await fanOutOnTwo(200, { ratePerSecond: 50, pace: 'own', flood: { globalPerSecond: 55 } });
    assert.ok(world.emulator.stats.tooManyRequests > 0, `together over the limit (${peakPerSecond(instances)} sends in one second at the peak)`);
  });

  it('honours retry_after on both instances and still sends each digest once', async () => {
    // Paced at 100 a second against a limit of 20: Telegram's 429s set the pace.
    const { world, instances } = await fanOutOnTwo(50, { ratePerSecond: 100, flood: { globalPerSecond: 20 } });
    assert.ok(world.emulator.stats.tooManyRequests > 0, 'the limit was hit');
    assert.deepEqual([total(instances, 'sent'), total(instances, 'postponed')], [50, 0], 'short waits are waited out, not postponed');
  });
});
