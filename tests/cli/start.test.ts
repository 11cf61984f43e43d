import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { dirname } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('npm start', () => {
  it('without BOT_TOKEN says exactly what to do, and exits 1', async () => {
    const { code, stderr } = await runCli('src/main.ts', [], { env: { BOT_TOKEN: '', DATA_DIR: join(await tempDir(), 'data') } });
    assert.equal(code, 1);
    assert.match(stderr, /BOT_TOKEN is not set/);
    assert.match(stderr, /@BotFather/);
    assert.match(stderr, /\.env/);
    assert.match(stderr, /npm run emulator/);
  });

  it('runs against the Bot API at BOT_API_ROOT, answers readers, and stops cleanly on SIGTERM', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, BOT_TOKEN: '123456789:process-test-token-aaaaaaaaa', BOT_API_ROOT: running.apiRoot, DATA_DIR: join(dir, 'data'), SEEDS_DIR: dirname(SEED_FILE), LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    try {
      await emulator.waitFor(() => emulator.commands().length > 0, 30_000, 'the bot to register its commands');
      // The bot answers at once; the seed page lands as soon as the search index has loaded.
      await eventually(() => out.includes('ingested pages'), 'the seeds to be ingested', 30_000);
      const reader = emulator.user(5);
      const chat = emulator.privateChat(reader);
      const sent = emulator.sendText(reader, chat, '/latest');
      const reply = await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 30_000, 'a reply');
      assert.match(reply.message.text ?? '', /^🗞 آخر الأخبار/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.match(out, /stopped cleanly/);
    assert.ok(!out.includes('process-test-token'), 'no token in the logs');
  });
});
