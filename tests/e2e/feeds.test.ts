// The operators' /feeds commands through the emulator over HTTP: what an operator sees when a
// feed is added, refused or removed.
import type { ConversationData } from '@grammyjs/conversations';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createBot } from '../../src/bot/create-bot.ts';
import { startBot } from '../../src/bot/start-bot.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { startFeedService } from '../../src/ingest/feeds/service.ts';
import { openFeedFiles } from '../../src/store/open-stores.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { startHarness, TOKEN } from '../helpers/bot-harness.ts';
import { fixture, startFeedServer } from '../helpers/feed-server.ts';
import { tempDir } from '../helpers/tmp.ts';

const ADMIN = 42;

describe('/feeds for operators', async () => {
  const feedServer = await startFeedServer();
  feedServer.serve('/env.xml', fixture('arabic-rss.xml'));
  feedServer.serve('/atom.xml', fixture('atom.xml'), 'application/atom+xml');
  feedServer.serve('/page.html', fixture('malformed.xml'), 'text/html');

  const logger = createLogger({ level: 'silent', token: TOKEN });
  const dataDir = join(await tempDir(), 'data');
  const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
  const feeds = await startFeedService({ stores: await openFeedFiles(dataDir), feeds: [feedServer.url('/env.xml')], cron: '0 0 1 1 *', timeoutMs: 5_000, fullText: false, library, logger });
  await feeds.poll();
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  const bot = createBot(
    TOKEN,
    {
      library, logger, timeZone: 'Asia/Riyadh', adminIds: [ADMIN], feeds: feeds.manager, userRate: { burst: 100, windowMs: 1_000 },
      chats: await ChatRepository.open(dataDir), conversationStorage: await ConversationStorage.open<ConversationData>(dataDir),
    },
    { client: { apiRoot: running.apiRoot } },
  );
  const polling = await startBot(bot, logger, { pollTimeoutS: 1 });
  after(async () => {
    await polling.stop();
    await feeds.stop();
    await running.close();
  });

  const admin = emulator.user(ADMIN);
  const chat = emulator.privateChat(admin);
  /** The bot's last message after sending `text`, once `count` have arrived. */
  const say = async (text: string, count = 1) => {
    const sent = emulator.sendText(admin, chat, text);
    const replies = await emulator.waitFor(() => {
      const r = emulator.botMessages(chat.id).filter((m) => m.message.message_id > sent.message_id);
      return r.length >= count ? r : undefined;
    }, 10_000, `${count} replies to ${text}`);
    return replies.at(-1)?.message.text ?? '';
  };

  it('adds a feed after reading it, and says what it found', async () => {
    const reply = await say(`/feeds add ${feedServer.url('/atom.xml')}`, 2);
    assert.equal(reply, '✅ أُضيف المصدر صحيفة الأخبار الرقمية\nعدد الأخبار فيه: ١، الجديد منها: ١.');
    assert.match(await say(`/feeds add ${feedServer.url('/atom.xml')}`), /موجود في القائمة بالفعل/);
  });

  it('refuses what it cannot read, with the reason', async () => {
    assert.match(await say('/feeds add صفحة'), /ليس رابطاً صالحاً \(not a valid address\)/);
    assert.match(await say('/feeds add ftp://127.0.0.1/feed'), /only http and https addresses are fetched/);
    assert.match(await say(`/feeds add ${feedServer.url('/page.html')}`, 2), /لم أتمكن من قراءة المصدر، فلم أُضفه\.\nالسبب: not an RSS, Atom, RDF or JSON feed/);
    assert.match(await say(`/feeds add ${feedServer.url('/gone.xml')}`, 2), /السبب: HTTP 404 Not Found/);
  });

  it('lists the feeds and removes only those added from the bot', async () => {
    const list = await say('/feeds');
    assert.match(list, /مصادر الأخبار \(٢\)/);
    assert.match(list, /١\. وكالة الأنباء التجريبية — من الإعدادات \(FEEDS\)/);
    assert.match(list, /٢\. صحيفة الأخبار الرقمية — أُضيف من البوت/);
    assert.match(await say('/feeds remove ١'), /معرّف في الإعدادات \(FEEDS\)/);
    assert.match(await say('/feeds remove 9'), /لا يوجد مصدر بهذا الرقم\. الأرقام من ١ إلى ٢/);
    assert.match(await say('/feeds remove 2'), /^🗑 حُذف المصدر .*\/atom\.xml\nتبقى أخباره المحفوظة\.$/);
    assert.match(await say('/feeds'), /مصادر الأخبار \(١\)/);
    assert.match(await say('/feeds delete everything'), /^الأوامر:/);
  });

  it('does not exist for anyone else, nor in groups', async () => {
    const reader = emulator.user(7);
    const readerChat = emulator.privateChat(reader);
    const sent = emulator.sendText(reader, readerChat, '/feeds');
    const reply = await emulator.waitFor(() => emulator.botMessages(readerChat.id).find((m) => m.message.message_id > sent.message_id), 10_000, 'a reply');
    assert.match(reply.message.text ?? '', /^طريقة الاستخدام/);
    const group = emulator.group('مجموعة', [admin]);
    emulator.sendText(admin, group, '/feeds');
    emulator.sendText(admin, chat, '/feeds');
    await emulator.waitFor(() => emulator.botMessages(chat.id).length > 0 && emulator.botMessages(chat.id).at(-1)?.message.text?.includes('مصادر الأخبار'), 10_000, 'the private reply');
    assert.equal(emulator.botMessages(group.id).length, 0, 'no feed list in a group');
  });
});

describe('/feeds remove with no feeds at all', async () => {
  const logger = createLogger({ level: 'silent', token: TOKEN });
  const dataDir = join(await tempDir(), 'data');
  const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
  const feeds = await startFeedService({ stores: await openFeedFiles(dataDir), feeds: [], cron: '0 0 1 1 *', timeoutMs: 5_000, fullText: false, library, logger });
  after(() => feeds.stop());
  const h = await startHarness({ deps: () => ({ adminIds: [ADMIN], feeds: feeds.manager }) });

  it('says there are none and how to add one, not "the numbers run from ١ to ٠"', async () => {
    const admin = h.emulator.user(ADMIN);
    const reply = await h.say(admin, h.emulator.privateChat(admin), '/feeds remove 1');
    assert.match(reply.message.text ?? '', /^لا توجد مصادر بعد\. أضف مصدراً بالأمر/);
  });
});
