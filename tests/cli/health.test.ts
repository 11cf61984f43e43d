// HEALTH_PORT through the real start-up: the endpoints come up with the bot, report it healthy
// once it polls the emulator, and close with it on SIGTERM.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { spawnBot } from '../helpers/bot-process.ts';
import { freePort } from '../helpers/ports.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('npm start with HEALTH_PORT', () => {
  it('serves /healthz and /metrics on loopback while it runs, and stops serving on SIGTERM', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const port = await freePort();
    const bot = spawnBot({
      BOT_TOKEN: '123456789:health-test-token-aaaaaaaaaa', BOT_API_ROOT: running.apiRoot,
      DATA_DIR: join(await tempDir(), 'data'), SEEDS_DIR: dirname(SEED_FILE), HEALTH_PORT: String(port),
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await bot.waitFor('health and metrics endpoints listening', 'the endpoints');
      let health: Response | undefined;
      for (let i = 0; i < 100 && health?.status !== 200; i++) {
        health = await fetch(`${url}/healthz`);
        if (health.status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(health?.status, 200);
      assert.deepEqual(await health?.json(), { status: 'ok' });
      await bot.waitFor('ingested pages', 'the seeds to be ingested');
      const reader = emulator.user(6);
      const chat = emulator.privateChat(reader);
      const sent = emulator.sendText(reader, chat, '/help');
      await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 30_000, 'a reply');
      // The reply reaches the emulator a moment before the bot counts the update as handled.
      let metrics = '';
      for (let i = 0; i < 100 && !/^khulasa_updates_handled_total\{type="message"\} 1$/m.test(metrics); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        metrics = await (await fetch(`${url}/metrics`)).text();
      }
      for (const line of [/^khulasa_ingested_pages_total\{result="accepted"\} 1$/m, /^khulasa_polls_total\{outcome="ok"\} [1-9]\d*$/m, /^khulasa_updates_handled_total\{type="message"\} 1$/m]) {
        assert.ok(line.test(metrics), `${line} in /metrics`);
      }
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited(), 0);
    await assert.rejects(fetch(`${url}/healthz`), 'the port is closed with the bot');
  });

  it('refuses to start when HEALTH_PORT is taken, in one line, before polling Telegram', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    after(() => taken.close());
    const port = (taken.address() as { port: number }).port;
    const { code, stdout, stderr } = await runCli('src/main.ts', [], {
      env: { BOT_TOKEN: '123456789:health-test-token-aaaaaaaaaa', BOT_API_ROOT: running.apiRoot, DATA_DIR: join(await tempDir(), 'data'), HEALTH_PORT: String(port) },
    });
    assert.equal(code, 1);
    const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.includes(`HEALTH_PORT ${port}`));
    assert.equal(lines.length, 1, `${stdout}${stderr}`);
    assert.match(lines[0] as string, /cannot start: HEALTH_PORT \d+: cannot listen on 127\.0\.0\.1 \(EADDRINUSE\); choose a free port or leave HEALTH_PORT empty/);
    assert.equal(emulator.stats.calls.getUpdates, undefined, 'never polled');
  });
});
