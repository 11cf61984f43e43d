// The real process with DATABASE_URL: it migrates an empty database at start, keeps articles, a
// subscription's conversation and the chat in PostgreSQL, and closes every connection on SIGTERM.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { spawnBot } from '../helpers/bot-process.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('npm start with DATABASE_URL', { skip: pgSkip }, () => {
  it('migrates, keeps articles, chats and conversations in PostgreSQL, and leaves no connection behind on SIGTERM', async () => {
    const { url, pool } = await freshDatabase({ migrated: false });
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: join(await tempDir(), 'data'), SEEDS_DIR: dirname(SEED_FILE), DATABASE_URL: url, DATABASE_POOL_MAX: '3' });
    const say = async (user: TgUser, chat: TgChat, text: string) => {
      const sent = emulator.sendText(user, chat, text);
      return (await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 30_000, `a reply to ${text}`)).message.text ?? '';
    };
    try {
      await bot.waitFor('bot is polling for updates', 'the bot to start');
      assert.match(bot.output(), /"msg":"PostgreSQL ready"/);
      await bot.waitFor('ingested pages', 'the seeds to be ingested');
      assert.ok((await pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n > 0, 'the seed articles are stored in PostgreSQL');
      const reader = emulator.user(8, 'نور');
      const chat = emulator.privateChat(reader);
      assert.match(await say(reader, chat, '/subscribe'), /متى تريد/);
      // The state is written just after the question is sent.
      const waiting = async () => (await pool.query('SELECT count(*)::int AS n FROM conversations')).rows[0].n === 1;
      for (let tries = 0; !(await waiting()); tries++) {
        if (tries > 300) assert.fail('the waiting conversation never reached PostgreSQL');
        await new Promise((r) => setTimeout(r, 50));
      }
      await say(reader, chat, '٨');
      await say(reader, chat, 'Asia/Riyadh');
      await say(reader, chat, 'الاقتصاد');
      assert.match(await say(reader, chat, '٥'), /تم حفظ اشتراكك/);
      const row = (await pool.query('SELECT record, subscribed FROM chats WHERE chat_id = $1', [chat.id])).rows[0];
      assert.equal(row?.record.subscription.time, '08:00');
      assert.equal(row?.subscribed, true);
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited(), 0, bot.output());
    assert.match(bot.output(), /stopped cleanly/);
    const left = await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    assert.equal(left.rows[0].n, 0, 'every pool and listener closed');
  });
});
