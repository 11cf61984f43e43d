// The real bot process, killed with SIGKILL at random moments while it ingests pages, sends a
// digest to hundreds of chats and records subscriptions, and restarted each time. FAULT_SEED
// replays a run (the seed is printed in the test's name).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { ingestFiles } from '../../src/ingest/ingest.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { DEFAULT_SENDER } from '../../src/digest/deliver.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { type BotProcess, spawnBot } from '../helpers/bot-process.ts';
import { assertDataWhole, seededRandom, writeDueChats, writeManyPages } from '../helpers/fault-fixtures.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = Number(process.env.FAULT_SEED ?? 13);
const KILLS_PER_PHASE = 11;
const PAGES = 600;
const DIGEST_CHATS = 300;
/** Readers subscribing during the third phase, one every 0.3 s, each through the whole conversation. */
const SUBSCRIBERS = 60;
const CONFIRMED = '✅ <b>تم حفظ اشتراكك';
/**
 * Digests a kill may repeat: those whose send succeeded while their marker waited for the chats
 * file's write in progress (the one-write window, see README). At most one per send in flight.
 */
const REPEATS_PER_KILL = DEFAULT_SENDER.concurrency;

describe(`crash safety (FAULT_SEED=${SEED})`, () => {
  const random = seededRandom(SEED);
  const between = (min: number, max: number) => min + random() * (max - min);
  let kills = 0;

  async function setUp() {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const seedsDir = join(dir, 'seeds');
    await mkdir(seedsDir, { recursive: true });
    const start = () => spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: dataDir, SEEDS_DIR: seedsDir, DIGEST_GRACE_HOURS: '6' });
    return { emulator, dataDir, seedsDir, start };
  }

  /** Kills the bot a random moment after `ready` appears in its log, then checks what it left on disk. */
  async function killSoonAfter(bot: BotProcess, ready: string | RegExp, maxDelayMs: number, check: () => Promise<void>) {
    await bot.waitFor(ready, `the bot to reach "${String(ready)}"`);
    await new Promise((r) => setTimeout(r, between(0, maxDelayMs)));
    bot.child.kill('SIGKILL');
    assert.equal(await bot.exited(), 'SIGKILL');
    kills++;
    await check();
  }

  async function stopCleanly(bot: BotProcess) {
    await bot.waitFor('bot is polling for updates', 'the bot to be up before it is stopped');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0, bot.output());
    assert.match(bot.output(), /stopped cleanly/);
  }

  it('loses nothing acknowledged and repeats no digest beyond the one-write window', async () => {
    const { emulator, dataDir, seedsDir, start } = await setUp();
    const t0 = performance.now();

    // 1. Ingestion of many pages, killed mid-batch; the finished store equals a clean ingestion.
    const files = await writeManyPages(seedsDir, PAGES);
    const reference = await ArticleRepository.open(await tempDir());
    const expectedIds = (await ingestFiles(files, reference)).changedIds.sort();
    for (let i = 0; i < KILLS_PER_PHASE; i++) await killSoonAfter(start(), 'store loaded', 2_500, () => assertDataWhole(dataDir));
    let bot = start();
    await bot.waitFor('bot is polling for updates', 'the bot to start');
    await eventually(() => [...bot.output().matchAll(/"msg":"ingested pages"/g)].length >= Math.ceil(PAGES / 200), 'every seed batch', 60_000);
    await stopCleanly(bot);
    await assertDataWhole(dataDir);
    assert.deepEqual([...(await ArticleRepository.open(dataDir)).all()].map((a) => a.id).sort(), expectedIds, 'every page stored, none twice');

    console.log(`# fault suite: ingestion phase done at ${Math.round(performance.now() - t0)} ms`);
    // 2. A digest fan-out to hundreds of chats, killed between (and during) sends.
    const chatIds = Array.from({ length: DIGEST_CHATS }, (_, i) => 10_001 + i);
    await writeDueChats(dataDir, chatIds, new Date(), emulator);
    let fanOutKills = 0;
    for (let i = 0; i < KILLS_PER_PHASE; i++) {
      await killSoonAfter(start(), 'bot is polling for updates', 3_000, () => assertDataWhole(dataDir));
      fanOutKills++;
    }
    bot = start();
    const delivered = () => chatIds.filter((id) => emulator.botMessages(id).length > 0).length;
    await eventually(() => delivered() === DIGEST_CHATS, 'every chat to have its digest', 60_000);
    // A clean stop waits for the run's markers: from here on, none may be missing.
    await stopCleanly(bot);
    const chats = await ChatRepository.open(dataDir);
    const counts = chatIds.map((id) => emulator.botMessages(id).length);
    const repeats = counts.reduce((sum, n) => sum + n - 1, 0);
    assert.ok(counts.every((n) => n >= 1), 'every due chat got its digest');
    // The first sends after a restart are those a kill cut off, so a chat can fall in the window twice.
    assert.ok(counts.every((n) => n <= 1 + fanOutKills), `no chat repeated beyond one per kill: ${counts.join(',')}`);
    assert.ok(repeats <= fanOutKills * REPEATS_PER_KILL, `${repeats} repeated digests after ${fanOutKills} kills`);
    assert.ok(chatIds.every((id) => chats.get(id)?.lastDigestOutcome === 'sent'), 'every marker is on disk');
    console.log(`# fault suite: digest repeats within the one-write window: ${repeats} over ${fanOutKills} kills`);

    console.log(`# fault suite: digest phase done at ${Math.round(performance.now() - t0)} ms`);
    // 3. Subscriptions recorded while readers keep subscribing; a confirmed one is never lost.
    const subscribers: number[] = [];
    let driving = true;
    const drive = (async () => {
      for (let id = 20_001; driving && subscribers.length < SUBSCRIBERS; id++) {
        const user = emulator.user(id);
        const chat = emulator.privateChat(user);
        for (const text of ['/subscribe', '07:30', 'Asia/Riyadh', 'الاقتصاد، الطاقة', '5']) emulator.sendText(user, chat, text);
        subscribers.push(id);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const confirmed = () => subscribers.filter((id) => emulator.botMessages(id).some((m) => m.message.text?.startsWith('✅') || m.message.text?.includes(CONFIRMED)));
    const acknowledgedOnDisk = async () => {
      const acknowledged = confirmed();
      const onDisk = await ChatRepository.open(dataDir);
      const lost = acknowledged.filter((id) => onDisk.get(id)?.subscription?.time !== '07:30');
      assert.deepEqual(lost, [], 'confirmed subscriptions missing from chats.json');
    };
    for (let i = 0; i < KILLS_PER_PHASE; i++) {
      await killSoonAfter(start(), 'bot is polling for updates', 2_500, async () => {
        await assertDataWhole(dataDir);
        await acknowledgedOnDisk();
      });
    }
    driving = false;
    await drive;
    bot = start();
    await bot.waitFor('bot is polling for updates', 'the last start');
    // The runner confirms a batch of updates when it fetches the next, so an answer being handled
    // at a kill is not fetched again and that reader's conversation waits for it. Wait until the
    // confirmations stop coming, then judge what the bot confirmed.
    let last = -1;
    for (let seen = confirmed().length; seen !== last || seen === 0; seen = confirmed().length) {
      last = seen;
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const unfinished = subscribers.length - confirmed().length;
    console.log(`# fault suite: ${unfinished} conversations left waiting (an update being handled at a kill is not fetched again: see README)`);
    await stopCleanly(bot);
    await assertDataWhole(dataDir);
    await acknowledgedOnDisk();
    assert.ok(confirmed().length >= SUBSCRIBERS / 2, `subscriptions confirmed: ${confirmed().length}`);
    console.log(`# fault suite: ${kills} kills survived; ${confirmed().length} of ${subscribers.length} subscriptions confirmed, none lost; ${Math.round(performance.now() - t0)} ms`);
    assert.ok(kills >= 30);
  });
});
