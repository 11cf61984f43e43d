// Two bot instances on one PostgreSQL database behind the emulator's webhook (it plays the load
// balancer): a conversation moves between them, and one chat's updates never run on both at once.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { ConversationData } from '@grammyjs/conversations';
import pg from 'pg';
import { createBot } from '../../src/bot/create-bot.ts';
import { startWebhook } from '../../src/bot/start-webhook.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { CHAT_LOCK_SPACE, PgChatLock } from '../../src/store/pg/chat-lock.ts';
import { PgChatStore } from '../../src/store/pg/chat-store.ts';
import { PgConversationStore } from '../../src/store/pg/conversation-store.ts';
import type { ChatLock } from '../../src/store/stores.ts';
import { eventually, TOKEN } from '../helpers/bot-harness.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { tempDir } from '../helpers/tmp.ts';

const SECRET = 'two-instances_secret';
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', token: TOKEN });

interface Instance {
  name: string;
  address: string;
  chats: PgChatStore;
}

/**
 * An emulator and two bots on one new database, each with stores and pools of its own as two
 * processes would have; `lock` may wrap an instance's chat lock (a probe). Closed when `t` ends.
 */
async function twoInstances(t: TestContext, options: { answerWithinMs?: number; lock?: (name: string, lock: ChatLock, db: pg.Pool) => ChatLock } = {}) {
  const emulator = new TelegramEmulator();
  const server = await startEmulatorServer(emulator);
  const { url, pool: db } = await freshDatabase();
  const closers: Array<() => Promise<unknown>> = [];
  t.after(async () => {
    for (const close of closers.reverse()) await close();
    await server.close();
  });
  const instance = async (name: string): Promise<Instance> => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const locks = new pg.Pool({ connectionString: url, max: 4 });
    for (const p of [pool, locks]) p.on('error', () => undefined);
    closers.push(() => pool.end(), () => locks.end());
    const chats = await PgChatStore.open(pool, logger);
    closers.push(() => chats.close());
    const dataDir = await tempDir();
    const lock = new PgChatLock(locks, logger);
    const bot = createBot(
      TOKEN,
      {
        library: Library.open(await ArticleRepository.open(dataDir), dataDir, logger),
        chats,
        conversationStorage: await PgConversationStore.open<ConversationData>(pool),
        chatLock: options.lock ? options.lock(name, lock, db) : lock,
        logger,
        timeZone: 'Asia/Riyadh',
      },
      { client: { apiRoot: server.apiRoot } },
    );
    const hook = await startWebhook(bot, logger, { url: 'https://khulasa.example.test/hook', secret: SECRET, port: 0, host: '127.0.0.1', ...(options.answerWithinMs ? { answerWithinMs: options.answerWithinMs } : {}) });
    closers.push(() => hook.stop());
    return { name, address: `http://127.0.0.1:${hook.address.port}`, chats };
  };
  const a = await instance('A');
  const b = await instance('B');
  /** Sends text through one instance and returns the bot's next message in the chat. */
  const say = async (through: Instance, user: TgUser, chat: TgChat, text: string): Promise<string> => {
    emulator.webhooks.setInstances([through.address]);
    const sent = emulator.sendText(user, chat, text);
    const reply = await emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), 10_000, `a reply to ${text}`);
    return reply.message.text ?? '';
  };
  return { emulator, a, b, say };
}

describe('two bot instances on one PostgreSQL database', { skip: pgSkip }, () => {
  it('finish on B a /subscribe conversation started on A', async (t) => {
    const { emulator, a, b, say } = await twoInstances(t);
    const reader = emulator.user(21, 'ريم');
    const chat = emulator.privateChat(reader);
    assert.match(await say(a, reader, chat, '/subscribe'), /متى تريد أن تصلك الخلاصة اليومية/);
    assert.match(await say(b, reader, chat, '٧:٣٠'), /في أي منطقة زمنية/);
    assert.match(await say(a, reader, chat, 'Asia/Amman'), /مواضيع محددة/);
    assert.match(await say(b, reader, chat, 'الصين، المعادن النادرة'), /كم خبراً/);
    assert.match(await say(b, reader, chat, '١٠'), /تم حفظ اشتراكك/);
    const expected = ['07:30', 'Asia/Amman', ['الصين', 'المعادن النادرة'], 10];
    for (const instance of [a, b]) {
      const stored = await eventually(() => instance.chats.get(chat.id)?.subscription, `the subscription in ${instance.name}'s copy`);
      assert.deepEqual([stored.time, stored.timeZone, stored.topics, stored.size], expected);
    }
    assert.deepEqual([...emulator.webhooks.deliveries.keys()].sort(), [`${a.address}/hook`, `${b.address}/hook`].sort(), 'both instances took part');
  });

  it('handle two updates of one chat, given to A and B at once, one after the other', async (t) => {
    // Whoever holds the chat first goes on only once the other instance either waits for the
    // lock in PostgreSQL or holds it too (which the order of events then shows).
    const events: string[] = [];
    const waiting = async (db: pg.Pool) =>
      (await db.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", [CHAT_LOCK_SPACE])).rows.length > 0;
    const probe = (name: string, lock: ChatLock, db: pg.Pool): ChatLock => ({
      run(chatId, work) {
        events.push(`${name} asks`);
        return lock.run(chatId, async () => {
          events.push(`${name} holds`);
          const other = name === 'A' ? 'B' : 'A';
          while (!events.includes(`${other} holds`) && !(await waiting(db))) await new Promise((r) => setTimeout(r, 10));
          try {
            return await work();
          } finally {
            events.push(`${name} done`);
          }
        });
      },
    });
    // Each request is answered after 50 ms, so the emulator sends the chat's next update meanwhile.
    const { emulator, a, b } = await twoInstances(t, { answerWithinMs: 50, lock: probe });
    emulator.webhooks.setInstances([a.address, b.address]);
    const reader = emulator.user(31, 'سامي');
    const chat = emulator.privateChat(reader);
    emulator.sendText(reader, chat, '/help');
    emulator.sendText(reader, chat, '/start');
    await emulator.waitFor(() => emulator.botMessages(chat.id).length >= 2, 10_000, 'both replies');
    await eventually(() => events.length === 6, 'both updates handled');
    assert.deepEqual(events, ['A asks', 'A holds', 'B asks', 'A done', 'B holds', 'B done']);
  });
});
