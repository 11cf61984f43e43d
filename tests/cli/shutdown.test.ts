import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { processGroup, spawnBot, spawnNpmStart } from '../helpers/bot-process.ts';
import { tempDir } from '../helpers/tmp.ts';

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
});
