// npm start with FEEDS at a local server: items are searchable after start, a later item arrives
// at the next poll without a restart and reaches a subscriber's digest, and /feeds is for operators.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { spawnBot } from '../helpers/bot-process.ts';
import { arabicText, rss, type RssItemSpec } from '../helpers/feed-xml.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { tempDir } from '../helpers/tmp.ts';

const ADMIN = 42;
const WAIT_MS = 30_000;

describe('npm start with FEEDS', () => {
  it('serves feed items at once, picks up new ones at the next poll, and lets operators see the feeds', async () => {
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const feeds = await startFeedServer();
    const first: RssItemSpec = { guid: 'live-1', link: 'https://live.example/1', title: 'افتتاح محطة لتحلية مياه البحر في الساحل', description: arabicText(1), pubDate: new Date(Date.now() - 3_600_000).toUTCString() };
    const later: RssItemSpec = { guid: 'live-2', link: 'https://live.example/2', title: 'اكتشاف أثري نادر قرب مدينة البتراء', description: arabicText(2) };
    feeds.serve('/live.xml', rss('الوكالة الحية', [first]));

    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    await mkdir(join(dir, 'seeds'));
    const subscriber = emulator.user(7);
    const subscriberChat = emulator.privateChat(subscriber);
    // A subscriber from before this start (their first digest covers the day before subscribing).
    const chats = await ChatRepository.open(dataDir);
    const now = new Date().toISOString();
    await chats.subscribe(subscriberChat.id, { time: '03:00', timeZone: 'Asia/Riyadh', topics: [], size: 5, createdAt: now, updatedAt: now }, { type: 'private' }, now);

    const bot = spawnBot({
      BOT_TOKEN: '123456789:feeds-test-token-aaaaaaaaaa',
      BOT_API_ROOT: running.apiRoot,
      DATA_DIR: dataDir,
      SEEDS_DIR: join(dir, 'seeds'),
      FEEDS: feeds.url('/live.xml'),
      FEED_POLL_CRON: '*/1 * * * * *',
      ADMIN_IDS: String(ADMIN),
    });

    const ask = async (user: TgUser, chat: TgChat, text: string) => {
      const sent = emulator.sendText(user, chat, text);
      return emulator.waitFor(() => emulator.botMessages(chat.id).find((m) => m.message.message_id > sent.message_id), WAIT_MS, `a reply to ${text}`);
    };
    const searchFinds = async (title: string) => {
      const reply = await ask(subscriber, subscriberChat, `/search ${title}`);
      // The heading repeats the query; a found article is listed below it as well.
      return (reply.message.text ?? '').split(title).length - 1 >= 2;
    };
    try {
      await emulator.waitFor(() => emulator.commands().length > 0, WAIT_MS, 'the bot to register its commands');
      await eventually(() => bot.output().includes('"new":1') && bot.output().includes('feed read'), 'the feed to be read at start', WAIT_MS);
      assert.ok(await searchFinds(first.title ?? ''), 'the item from the start-up poll is searchable');

      feeds.serve('/live.xml', rss('الوكالة الحية', [later, first]));
      const deadline = Date.now() + WAIT_MS;
      while (!(await searchFinds(later.title ?? ''))) {
        assert.ok(Date.now() < deadline, 'the later item became searchable after a poll');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const digest = await ask(subscriber, subscriberChat, '/digest');
      assert.match(digest.message.text ?? '', /خلاصة اليوم/);
      assert.ok((digest.message.text ?? '').includes(later.title ?? ''), 'the subscriber\'s digest holds the new item');

      const admin = emulator.user(ADMIN);
      const list = await ask(admin, emulator.privateChat(admin), '/feeds');
      assert.match(list.message.text ?? '', /مصادر الأخبار \(١\)/);
      assert.match(list.message.text ?? '', /الوكالة الحية — من الإعدادات \(FEEDS\)/);
      assert.match(list.message.text ?? '', /✅ آخر جلب ناجح: .* · عدد الأخبار: ٢/);
      const refused = await ask(subscriber, subscriberChat, '/feeds');
      assert.match(refused.message.text ?? '', /^طريقة الاستخدام/, 'anyone else gets the ordinary unknown-command reply');
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited(), 0);
    assert.match(bot.output(), /stopped cleanly/);
  });
});
