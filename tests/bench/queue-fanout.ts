// Digest fan-out through the PostgreSQL job queue: two instances (each its own pg-boss, pool,
// chat store and Bot API client) on one database share the send rate, against the emulator's
// flood limit with a realistic round trip. Run it as a test file, against TEST_DATABASE_URL:
//   node --import tsx --test tests/bench/queue-fanout.ts        (CHATS=… LIMIT=… to change the size)
// It prints the figures as the test's diagnostics.
import { it } from 'node:test';
import { DEFAULT_QUEUE } from '../../src/digest/queue.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { openJobs, startInstance, startWorld, total, until } from '../helpers/digest-instances.ts';

const CHATS = Number(process.env.CHATS ?? 3_000);
/** Scaled-down Telegram: the global limit a short run can reach. */
const LIMIT_PER_SECOND = Number(process.env.LIMIT ?? 300);
const LATENCY_MS = 50;
/** The shared pace at 95 % of the limit, as the single-process digest benchmark paces. */
const PACE = 0.95;

it(`digest fan-out of ${CHATS} chats through the queue with two instances`, { skip: pgSkip, timeout: 600_000 }, async (t) => {
  const { url, pool } = await freshDatabase({ max: 4 });
  const world = await startWorld(pool, { flood: { globalPerSecond: LIMIT_PER_SECOND, perChatPerSecond: 1 }, latencyMs: LATENCY_MS });
  const now = new Date();
  const chats = await world.subscribe(CHATS, 100_000, now);
  const rate = LIMIT_PER_SECOND * PACE;
  // Each instance keeps enough in flight to cover the round trip at the whole pace on its own.
  const concurrency = Math.ceil((rate * (LATENCY_MS * 2)) / 1000 / 2) + 2;
  const batchSize = Number(process.env.BATCH ?? DEFAULT_QUEUE.batchSize);
  const instances = await Promise.all(['a', 'b'].map((name) => startInstance(world, url, { name, ratePerSecond: rate, concurrency, queue: { batchSize }, poolMax: 10 })));
  const queued = performance.now();
  await Promise.all(instances.map((i) => i.queue.enqueueDue(now)));
  await until(async () => (await openJobs(pool)) === 0, 'the queue drained', 600_000);
  const drained = performance.now();
  const times = instances.flatMap((i) => i.sendTimes).sort((a, b) => a - b);
  const sending = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const counts = chats.map((c) => world.digestsIn(c.id));
  const sent = total(instances, 'sent');
  const perSecond = sent / sending;
  t.diagnostic(
    `queue fan-out: ${sent} digests to ${CHATS} chats by 2 instances (${instances.map((i) => `${i.name} ${total([i], 'sent')}`).join(', ')}); ` +
      `delivery ${sending.toFixed(2)} s = ${perSecond.toFixed(0)} msg/s = ${(perSecond / LIMIT_PER_SECOND).toFixed(2)} of the ${LIMIT_PER_SECOND}/s limit ` +
      `(shared pace ${rate.toFixed(0)}/s, batches of ${batchSize}, ${concurrency} in flight per instance, ${LATENCY_MS} ms latency); queued to drained ${((drained - queued) / 1000).toFixed(2)} s; ` +
      `429 answers ${world.emulator.stats.tooManyRequests}; lost ${counts.filter((c) => c === 0).length}; duplicated ${counts.filter((c) => c > 1).length}`,
  );
});
