import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { processGroup, spawnBot, spawnNpmStart } from '../helpers/bot-process.ts';
import { mkdir } from 'node:fs/promises';
import { ingestFiles } from '../../src/ingest/ingest.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { writeDueChats, writeManyPages } from '../helpers/fault-fixtures.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

async function startedWithNpm() {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const dir = await tempDir();
  const bot = spawnNpmStart({ BOT_API_ROOT: running.apiRoot, DATA_DIR: join(dir, 'data'), SEEDS_DIR: join(dir, 'seeds') });
  after(() => {
    for (const pid of processGroup(bot.child.pid as number)) process.kill(pid, 'SIGKILL');
  });
  await bot.waitFor('bot is polling for updates', 'the bot to poll');
  return bot;
}

describe('npm start', () => {
  // docker stop and many process managers signal the main process only.
  it('stops the bot cleanly when SIGTERM reaches the npm process alone, leaving no process behind', async () => {
    const bot = await startedWithNpm();
    const group = bot.child.pid as number;
    process.kill(group, 'SIGTERM');
    await eventually(() => processGroup(group).length === 0, 'every process of the group to end', 30_000);
    await bot.exited();
    assert.match(bot.output(), /stopped cleanly/);
  });

  // Ctrl-C in a terminal, and `kill -- -PGID`, signal every process of the group at once.
  it('stops the bot cleanly when the whole process group gets SIGTERM (the second signal is only logged)', async () => {
    const bot = await startedWithNpm();
    const group = bot.child.pid as number;
    process.kill(-group, 'SIGTERM');
    await eventually(() => processGroup(group).length === 0, 'every process of the group to end', 30_000);
    await bot.exited();
    assert.match(bot.output(), /stopped cleanly/);
  });

  it('stops cleanly when nobody reads its output any more (a closed pipe)', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const dir = await tempDir();
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: join(dir, 'data'), SEEDS_DIR: join(dir, 'seeds') });
    await bot.waitFor('bot is polling for updates', 'the bot to poll');
    bot.child.stdout?.destroy();
    emulator.sendText(emulator.user(5), emulator.privateChat(emulator.user(5)), '/start');
    await emulator.waitFor(() => emulator.botMessages(5).length > 0, 30_000, 'a reply, logged to the closed pipe');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0);
  });

  it('cuts a digest fan-out between sends, and every digest sent has its marker on disk', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const dataDir = join(await tempDir(), 'data');
    const chatIds = Array.from({ length: 300 }, (_, i) => 10_001 + i);
    await ingestFiles([SEED_FILE], await ArticleRepository.open(dataDir));
    await writeDueChats(dataDir, chatIds, new Date(), emulator);
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: dataDir, SEEDS_DIR: join(dataDir, 'no-seeds') });
    const received = () => chatIds.filter((id) => emulator.botMessages(id).length > 0);
    await emulator.waitFor(() => received().length >= 20, 30_000, 'the fan-out to be under way');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0, bot.output());
    const chats = await ChatRepository.open(dataDir);
    const marked = chatIds.filter((id) => chats.get(id)?.lastDigestOutcome === 'sent');
    assert.ok(received().length < chatIds.length, 'the run stopped instead of sending to every chat first');
    assert.deepEqual(marked, received(), 'exactly the chats that got a digest are marked');
  });

  it('stops seed ingestion between pages and keeps what it stored', async () => {
    const dir = await tempDir();
    const seedsDir = join(dir, 'seeds');
    await mkdir(seedsDir);
    await writeManyPages(seedsDir, 1_000);
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: join(dir, 'data'), SEEDS_DIR: seedsDir });
    await bot.waitFor('bot is polling for updates', 'the bot to poll');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0, bot.output());
    const ingested = [...bot.output().matchAll(/"pages":(\d+),"new":(\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0);
    assert.ok(ingested < 1_000, `ingestion went on to the end (${ingested} pages)`);
    assert.equal((await ArticleRepository.open(join(dir, 'data'))).size, ingested, 'what was read is stored');
  });
});
