import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Bot } from 'grammy';
import type { BotContext } from '../../src/bot/context.ts';
import { type PollingStop, startBot } from '../../src/bot/start-bot.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { createLogger } from '../../src/logger.ts';
import { eventually, TOKEN } from '../helpers/bot-harness.ts';
import { PROCESS_TOKEN, spawnBot } from '../helpers/bot-process.ts';
import { tempDir } from '../helpers/tmp.ts';

const SECRET = PROCESS_TOKEN.split(':')[1] as string;

async function emulated() {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  return { emulator, apiRoot: running.apiRoot };
}

async function dataEnv() {
  const dir = await tempDir();
  return { DATA_DIR: join(dir, 'data'), SEEDS_DIR: join(dir, 'seeds') };
}

/** Relays the Bot API to the emulator but drops every getUpdates connection: Telegram unreachable while polling. */
async function droppingGetUpdates(apiRoot: string): Promise<string> {
  const server = createServer(async (req, res) => {
    if (req.url?.endsWith('/getUpdates')) return req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${apiRoot}${req.url?.replace(/^\/+/, '/')}`, { method: req.method ?? 'POST', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body: chunks.length ? Buffer.concat(chunks) : null });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('polling failures, in the real process', () => {
  it('never prints the token while Telegram drops every poll, and logs each failure', async () => {
    const { apiRoot } = await emulated();
    const bot = spawnBot({ BOT_API_ROOT: await droppingGetUpdates(apiRoot), ...(await dataEnv()) });
    await bot.waitFor(/fetching updates failed[^]*fetching updates failed[^]*fetching updates failed/, 'three failed polls in the log');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0);
    assert.ok(!bot.output().includes(SECRET), `the token leaked:\n${bot.output()}`);
    assert.ok(!bot.output().includes('[grammY runner]'), 'the runner prints nothing of its own');
    assert.match(bot.output(), /stopped cleanly/);
  });

  it('explains an unreachable Bot API at start without the token, and exits 1', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const bot = spawnBot({ BOT_API_ROOT: `http://127.0.0.1:${port}`, ...(await dataEnv()) });
    assert.equal(await bot.exited(), 1);
    assert.match(bot.output(), /Khulasa cannot start: cannot reach the Bot API/);
    assert.ok(!bot.output().includes(SECRET));
  });

  it('exits 1 with one line naming a revoked token (401) and what to do', async () => {
    const { emulator, apiRoot } = await emulated();
    const bot = spawnBot({ BOT_API_ROOT: apiRoot, ...(await dataEnv()) });
    await bot.waitFor('bot is polling for updates', 'the bot to poll');
    emulator.revokedTokens.add(PROCESS_TOKEN);
    // An update ends the pending long poll; the next poll meets the revoked token.
    emulator.sendText(emulator.user(5), emulator.privateChat(emulator.user(5)), '/start');
    assert.equal(await bot.exited(), 1);
    const fatal = bot.output().split('\n').filter((l) => l.includes('"level":60'));
    assert.equal(fatal.length, 1, bot.output());
    assert.match(fatal[0] as string, /"reason":"token-revoked".*401 Unauthorized.*@BotFather/);
    assert.match(bot.output(), /stopped cleanly/, 'the writes were finished first');
    assert.ok(!bot.output().includes(SECRET));
  });

  it('exits 1 naming the other instance when a second bot polls the same token (409)', async () => {
    const { apiRoot } = await emulated();
    const first = spawnBot({ BOT_API_ROOT: apiRoot, ...(await dataEnv()) });
    await first.waitFor('bot is polling for updates', 'the first bot to poll');
    const second = spawnBot({ BOT_API_ROOT: apiRoot, ...(await dataEnv()) });
    after(() => second.child.kill('SIGKILL'));
    assert.equal(await first.exited(), 1);
    assert.match(first.output(), /"reason":"another-instance".*409 Conflict.*exactly one runs/);
    assert.match(first.output(), /stopped cleanly/);
  });

  it('reports a runner that gave up retrying', async () => {
    const { emulator, apiRoot } = await emulated();
    emulator.failing.add('getUpdates');
    const bot = new Bot<BotContext>(TOKEN, { client: { apiRoot } });
    const stopped = new Promise<PollingStop>((resolve) => {
      void startBot(bot, createLogger({ level: 'silent' }), { pollTimeoutS: 1, giveUpAfterMs: 300, onPollingStopped: resolve });
    });
    assert.equal((await stopped).reason, 'gave-up');
    await eventually(() => (emulator.stats.calls.getUpdates ?? 0) >= 2, 'the runner to have retried');
  });
});
