import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { emulatorAndSeededData, PROCESS_TOKEN, spawnBot } from '../helpers/bot-process.ts';
import { withOlderSummaries } from '../helpers/older-store.ts';
import { startPlaygroundProcess } from '../helpers/playground-process.ts';
import { freePort } from '../helpers/ports.ts';
import { pageText } from '../helpers/pages.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { dirname } from 'node:path';

describe('npm start', () => {
  it('without BOT_TOKEN runs the playground: says so first, serves the page, the bot answers there', async () => {
    const seeds = await tempDir();
    await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
    const app = await startPlaygroundProcess({ SEEDS_DIR: seeds, PLAYGROUND_DATA: 'temp' });
    let code = -1;
    try {
      const lines = app.output().split('\n');
      assert.match(lines[0] ?? '', /playground/);
      assert.match(lines[1] ?? '', /Open http:\/\/127\.0\.0\.1:\d+\//);
      assert.match(lines.slice(0, 4).join('\n'), /BOT_TOKEN=.*@BotFather/);
      const tempData = /a temporary folder \(([^)]+)\)/.exec(app.output())?.[1] ?? '';
      assert.ok(existsSync(tempData), 'the temporary data folder exists while running');
      const page = await fetch(`${app.url}/`);
      assert.match(await page.text(), /<html lang="ar" dir="rtl">/);
      const reader = (await app.state()).readers[0]?.id ?? 0;
      assert.match(await app.ask(reader, reader, '/latest'), /^🗞 آخر الأخبار/, 'the bot answers /latest on the page');
      code = await app.stop();
      assert.equal(existsSync(tempData), false, 'the temporary data folder is removed on exit');
    } finally {
      if (code === -1) code = await app.stop();
    }
    assert.equal(code, 0);
    assert.ok(!app.output().includes('playground-only-not-a-telegram-token'), 'no token in the logs');
  });

  it('with PLAYGROUND_DATA=temp, the reset restarts the bot on a fresh data folder: an added page is gone, the seeds come back', async () => {
    const seeds = await tempDir();
    await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
    const app = await startPlaygroundProcess({ SEEDS_DIR: seeds, PLAYGROUND_DATA: 'temp' });
    let code = -1;
    try {
      const tempData = /a temporary folder \(([^)]+)\)/.exec(app.output())?.[1] ?? '';
      const reader = (await app.state()).readers[0]?.id ?? 0;
      const ask = (text: string) => app.ask(reader, reader, text);
      const page = pageText({ paragraphs: ['افتتحت بلدية المدينة القديمة مهرجان الزعفران السنوي في الساحة الكبرى بمشاركة واسعة من المزارعين والتجار من القرى المجاورة.'] });
      const added = (await (await fetch(`${app.url}/api/upload?name=zafaran.txt`, { method: 'POST', body: page })).json()) as { added: number };
      assert.equal(added.added, 1);
      assert.match(await ask('الزعفران'), /مهرجان الزعفران/, 'the added page is found before the reset');

      const reset = await app.post('reset', {});
      assert.equal(reset.ok, true);
      assert.equal((app.output().match(/bot is polling/g) ?? []).length, 2, 'the bot was started again');
      assert.equal(existsSync(tempData), true, 'the fresh folder is in the same place');
      assert.doesNotMatch(await ask('الزعفران'), /مهرجان الزعفران/, 'the added page is gone with the old data');
      await eventually(() => (app.output().match(/ingested pages/g) ?? []).length >= 2, 'the seeds to be ingested again', 30_000);
      assert.match(await ask('/latest'), /^🗞 آخر الأخبار/, 'the seeds are back');
      code = await app.stop();
      assert.equal(existsSync(tempData), false, 'the temporary data folder is removed on exit');
    } finally {
      if (code === -1) code = await app.stop();
    }
    assert.equal(code, 0, app.output());
  });

  it('makes the summaries an older release stored again, in the background, and logs how many', async () => {
    const { emulator, dataDir, env } = await emulatorAndSeededData();
    const OLD_LINE = 'سطر قديم كتبه الملخص السابق';
    const before = await withOlderSummaries(dataDir, { summary: 'ملخص قديم كتبه الملخص السابق.', digestLine: OLD_LINE });
    const bot = spawnBot(env);
    try {
      await bot.waitFor(/"msg":"summaries refreshed"/, 'the summary refresh');
      const line = bot.output().split('\n').find((l) => l.includes('"msg":"summaries refreshed"')) ?? '';
      assert.deepEqual([/"refreshed":(\d+)/.exec(line)?.[1], /"skipped":(\d+)/.exec(line)?.[1]], [String(before.length), '0']);
      const reader = emulator.user(6);
      const chat = emulator.privateChat(reader);
      const sent = emulator.sendText(reader, chat, '/digest');
      const digest = await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 30_000, 'the digest');
      assert.ok(!(digest.message.text ?? '').includes(OLD_LINE), digest.message.text);
      assert.ok((digest.message.text ?? '').includes(before[0]?.digestLine.split(' ').slice(0, 5).join(' ') ?? '?'), digest.message.text);
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited(), 0);
  });

  it('runs against the Bot API at BOT_API_ROOT, answers readers, and stops cleanly on SIGTERM', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const dir = await tempDir();
    const playgroundPort = await freePort();
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: join(dir, 'data'), SEEDS_DIR: dirname(SEED_FILE), PLAYGROUND_PORT: String(playgroundPort) });
    try {
      await emulator.waitFor(() => emulator.commands().length > 0, 30_000, 'the bot to register its commands');
      // The bot answers at once; the seed page lands as soon as the search index has loaded.
      await bot.waitFor('ingested pages', 'the seeds to be ingested');
      const reader = emulator.user(5);
      const chat = emulator.privateChat(reader);
      const sent = emulator.sendText(reader, chat, '/latest');
      const reply = await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 30_000, 'a reply');
      assert.match(reply.message.text ?? '', /^🗞 آخر الأخبار/);
      await assert.rejects(fetch(`http://127.0.0.1:${playgroundPort}/`), 'with a token, no playground listens');
      assert.ok(!/playground/i.test(bot.output()), 'with a token, nothing mentions the playground');
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited(), 0);
    assert.match(bot.output(), /stopped cleanly/);
    assert.ok(!bot.output().includes(PROCESS_TOKEN), 'no token in the logs');
  });
});
