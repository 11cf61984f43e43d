import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ConversationData } from '@grammyjs/conversations';
import { createBot } from '../../src/bot/create-bot.ts';
import { BotStartError } from '../../src/bot/start-bot.ts';
import { startWebhook, type WebhookOptions } from '../../src/bot/start-webhook.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { TOKEN, eventually } from '../helpers/bot-harness.ts';
import { tempDir } from '../helpers/tmp.ts';

const SECRET = 'in-process_secret';
const logger = createLogger({ level: 'silent', token: TOKEN });

/** An emulator and a bot built the way main.ts builds it, not started yet. */
async function setUp() {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const dataDir = join(await tempDir(), 'data');
  const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
  const bot = createBot(
    TOKEN,
    {
      library,
      chats: await ChatRepository.open(dataDir),
      conversationStorage: await ConversationStorage.open<ConversationData>(dataDir),
      logger,
      timeZone: 'Asia/Riyadh',
    },
    { client: { apiRoot: running.apiRoot } },
  );
  const options = (more: Partial<WebhookOptions> = {}): WebhookOptions => ({ url: 'https://khulasa.example.test/hook', secret: SECRET, port: 0, host: '127.0.0.1', ...more });
  return { emulator, bot, options, library };
}

describe('startWebhook', () => {
  it('answers an update that outlasts answerWithinMs with 200, so Telegram never sends it twice, and still handles it', async () => {
    const { emulator, bot, options } = await setUp();
    const hook = await startWebhook(bot, logger, options({ answerWithinMs: 50 }));
    after(() => hook.stop());
    emulator.webhooks.setInstances([`http://127.0.0.1:${hook.address.port}`]);
    // Every Bot API call takes 500 ms: the reply is sent long after the request was answered.
    emulator.setLatency(500);
    const reader = emulator.user(3, 'هدى');
    emulator.sendText(reader, emulator.privateChat(reader), '/start');
    await eventually(() => emulator.webhooks.getWebhookInfo().pending_update_count === 0, 'the delivery to be acknowledged');
    assert.equal(emulator.botMessages(reader.id).length, 0, 'acknowledged before the reply went out');
    await emulator.waitFor(() => emulator.botMessages(reader.id).length > 0, 10_000, 'the reply');
    assert.equal([...emulator.webhooks.deliveries.values()].reduce((a, b) => a + b, 0), 1, 'delivered once');
    assert.equal(emulator.webhooks.getWebhookInfo().last_error_message, undefined);
    await hook.stop();
    assert.equal(emulator.botMessages(reader.id).length, 1, 'one reply, not one per delivery');
  });

  it('answers a failing update with the apology and acknowledges it, so Telegram neither repeats it nor holds the chat\'s next updates', async () => {
    const { emulator, bot, options, library } = await setUp();
    const hook = await startWebhook(bot, logger, options());
    after(() => hook.stop());
    emulator.webhooks.setInstances([`http://127.0.0.1:${hook.address.port}`]);
    library.search = () => {
      throw new Error('index exploded');
    };
    const reader = emulator.user(4, 'نور');
    const chat = emulator.privateChat(reader);
    emulator.sendText(reader, chat, 'اليابان');
    const apology = await emulator.waitFor(() => emulator.botMessages(chat.id)[0], 10_000, 'the apology');
    assert.equal(apology.message.text, 'عذراً، حدث خطأ غير متوقع أثناء معالجة طلبك. حاول مرة أخرى بعد قليل.');
    await eventually(() => emulator.webhooks.getWebhookInfo().pending_update_count === 0, 'the delivery to be acknowledged');
    assert.equal(emulator.webhooks.getWebhookInfo().last_error_message, undefined, 'no failed delivery');
    emulator.sendText(reader, chat, '/help');
    const help = await emulator.waitFor(() => emulator.botMessages(chat.id)[1], 10_000, 'the next reply');
    assert.match(help.message.text ?? '', /طريقة الاستخدام/);
    assert.equal(emulator.botMessages(chat.id).length, 2, 'one apology, not one per delivery');
  });

  it('refuses to start with a clear error when the port is taken', async () => {
    const { bot, options } = await setUp();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    after(() => taken.close());
    const port = (taken.address() as AddressInfo).port;
    await assert.rejects(startWebhook(bot, logger, options({ port })), (e: unknown) => e instanceof BotStartError && /cannot listen for webhook requests on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/.test(e.message));
  });

  it('refuses to start with a clear error when Telegram refuses the webhook', async () => {
    const { emulator, bot, options } = await setUp();
    emulator.refusing.add('setWebhook');
    await assert.rejects(startWebhook(bot, logger, options()), (e: unknown) => e instanceof BotStartError && /Telegram refused the webhook https:\/\/khulasa\.example\.test\/hook .*check WEBHOOK_URL/.test(e.message));
  });
});
