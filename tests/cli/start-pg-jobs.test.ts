// npm start in PostgreSQL mode (DATABASE_URL): the digest goes through the job queue and the
// shared send rate, the feeds through the poll lock, and the process stops cleanly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { Library } from '../../src/library.ts';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import { PgChatStore } from '../../src/store/pg/chat-store.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { emulatorAndSeededData, spawnBot } from '../helpers/bot-process.ts';
import { subscribeDue } from '../helpers/due-chats.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';

describe('npm start with DATABASE_URL', { skip: pgSkip }, () => {
  it('sends a due digest through the job queue and stops cleanly', async () => {
    const { url, pool } = await freshDatabase();
    const { emulator, env } = await emulatorAndSeededData();
    const chat = emulator.privateChat(emulator.user(7));
    // The seed's articles and the subscriber where PostgreSQL mode keeps them.
    const logger = createLogger({ level: 'silent' });
    const articles = await PgArticleRepository.open(pool, { logger });
    await Library.open(articles, await tempDir(), logger).ingest([SEED_FILE]);
    await articles.flush();
    await articles.close();
    const chats = await PgChatStore.open(pool, logger);
    const now = new Date();
    await subscribeDue(chats, chat.id, now);
    await chats.close();

    const bot = spawnBot({ ...env, DATABASE_URL: url });
    const digests = () => emulator.botMessages(chat.id).filter((m) => (m.message.text ?? '').startsWith('📬'));
    await eventually(() => digests().length > 0, 'the digest', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; the bot's output:\n${bot.output().slice(-3000)}`);
    });
    // The job completes once the batch's markers are written, a moment after the send.
    const states = async () => (await pool.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'digests'`)).rows.map((r) => r.state);
    for (let i = 0; i < 100 && (await states()).includes('active'); i++) await new Promise((r) => setTimeout(r, 50));
    // (A minute tick during the run may queue a second job for the chat: it finds the marker and sends nothing.)
    const done = await states();
    assert.ok(done.length >= 1 && done.every((s) => s === 'completed'), `the digest job is done: ${done.join(', ')}`);
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0, bot.output().slice(-2000));
    assert.equal(digests().length, 1);
  });
});
