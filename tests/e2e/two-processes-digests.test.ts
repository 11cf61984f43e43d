// Digests with two real bot processes on one PostgreSQL database: 200 chats due the same minute
// get exactly one digest each while one instance is killed with SIGKILL mid-run. The kill comes
// while no send is in flight (the shared send pace is held until every sent digest is marked),
// so what is tested is the take-over: the dead instance's jobs go to the other, and the markers
// keep what was already sent from going out again. (A kill during a send may repeat that one
// digest: delivery is at least once, see README "Running at scale".)
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { createLogger } from '../../src/logger.ts';
import { SHARED_PACE_NAME } from '../../src/digest/shared-pace.ts';
import { PgChatStore } from '../../src/store/pg/chat-store.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { startWebhookInstance } from '../helpers/webhook-instance.ts';

const DUE_CHATS = 200;
const FIRST_CHAT = 300_001;
const DIGEST_HEADER = /^📬 خلاصة اليوم/;
/** Seconds a dead instance keeps its jobs before the other takes them: short, so the test is. */
const JOB_EXPIRY_S = '10';

describe('digests from two instances, one killed mid-run', { skip: pgSkip }, async () => {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const db = await freshDatabase();
  const root = await tempDir();
  const start = async (name: string, seed: boolean) => {
    const seeds = join(root, `seeds-${name}`);
    await mkdir(seeds);
    if (seed) await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
    return startWebhookInstance({ BOT_API_ROOT: running.apiRoot, DATABASE_URL: db.url, DATA_DIR: join(root, `data-${name}`), SEEDS_DIR: seeds, DIGEST_JOB_EXPIRY_S: JOB_EXPIRY_S });
  };
  const [a, b] = await Promise.all([start('a', true), start('b', false)]);
  emulator.webhooks.setInstances([a.origin, b.origin]);
  const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]?.n);

  it('sends exactly one digest to each of 200 chats due the same minute while B is killed mid-run', async () => {
    await a.bot.waitFor(/ingested pages/, 'A to store the seed page');
    // Due at the start of the next minute (UTC), subscribed two days ago: the seed articles are news to them.
    const due = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const ids = Array.from({ length: DUE_CHATS }, (_, i) => FIRST_CHAT + i);
    const chats = await PgChatStore.open(db.pool, createLogger({ level: 'silent' }));
    await Promise.all(ids.map((id) => {
      emulator.privateChat(emulator.user(id));
      return chats.update(id, (r) => Object.assign(r, { subscription: { time: due.toISOString().slice(11, 16), timeZone: 'UTC', topics: [], size: 3, createdAt: since, updatedAt: since }, lastDigestAt: since }), { type: 'private' });
    }));
    await chats.close();
    const received = () => ids.filter((id) => emulator.botMessages(id).length > 0).length;
    const marked = () => count(`SELECT count(*) AS n FROM chats WHERE chat_id >= $1 AND record->>'lastDigestOutcome' = 'sent'`, [FIRST_CHAT]);

    await eventually(() => received() >= DUE_CHATS / 10, 'the fan-out to begin', 120_000);
    // Hold the pace every sender shares, then wait until every digest sent so far is marked.
    await db.pool.query(`UPDATE send_pace SET next_at = clock_timestamp() + interval '20 seconds' WHERE name = $1`, [SHARED_PACE_NAME]);
    let settled = 0;
    await eventually(async () => {
      settled = (await marked()) === received() ? settled + 1 : 0;
      await new Promise((r) => setTimeout(r, 300));
      return settled >= 4;
    }, 'the sends in flight to finish and be marked', 30_000);
    assert.ok(received() < DUE_CHATS, 'killed mid-run, with digests still to send');
    b.bot.child.kill('SIGKILL');
    await b.bot.exited();
    emulator.webhooks.setInstances([a.origin]);
    await db.pool.query(`UPDATE send_pace SET next_at = clock_timestamp() WHERE name = $1`, [SHARED_PACE_NAME]);

    await eventually(() => received() === DUE_CHATS, 'every due chat to get its digest from A', 180_000);
    await eventually(async () => (await marked()) === DUE_CHATS, 'every marker', 30_000);
    const counts = ids.map((id) => emulator.botMessages(id).filter((m) => DIGEST_HEADER.test(m.message.text ?? '')).length);
    assert.deepEqual(counts.filter((n) => n !== 1), [], 'one digest per chat');
    assert.ok((await count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'digests' AND retry_count > 0`)) > 0, "B's unfinished jobs were taken over after their expiry");
  });
});
