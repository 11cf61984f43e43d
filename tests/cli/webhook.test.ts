import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { emulatorAndSeededData, PROCESS_TOKEN, spawnBot } from '../helpers/bot-process.ts';

const SECRET = 'khulasa_webhook-secret_0123456789';
/** Public address, never contacted: the emulator, as the load balancer, forwards to the bot's port. */
const HOOK = 'https://khulasa.example.test/telegram/hook';

/** An emulator and a data folder holding the seed page's articles, set for webhook mode. */
async function setUp() {
  const { emulator, apiRoot, env } = await emulatorAndSeededData();
  return { emulator, apiRoot, env: { ...env, WEBHOOK_URL: HOOK, WEBHOOK_SECRET: SECRET, PORT: '0' } };
}

/** The real bot process in webhook mode (PORT=0: it logs the port it got), the emulator forwarding to it. */
async function startWebhookBot(emulator: TelegramEmulator, env: Record<string, string>) {
  const bot = spawnBot(env);
  await bot.waitFor('bot is receiving updates by webhook', 'the webhook server to start');
  const port = /"port":(\d+)[^\n]*bot is receiving updates by webhook/.exec(bot.output())?.[1];
  const origin = `http://127.0.0.1:${port}`;
  emulator.webhooks.setInstances([origin]);
  return { bot, origin };
}

const { emulator, apiRoot, env } = await setUp();
const { bot, origin } = await startWebhookBot(emulator, env);
const reader = emulator.user(7, 'سارة');
const chat = emulator.privateChat(reader);

async function say(text: string) {
  const sent = emulator.sendText(reader, chat, text);
  const [reply] = await emulator.waitFor(() => {
    const replies = emulator.botMessages(chat.id).filter((m) => m.message.message_id > sent.message_id);
    return replies.length > 0 ? replies : undefined;
  }, 20_000, `a reply to ${text}`);
  return reply;
}

/** A request as an impostor would send it, straight to the bot's port. */
function post(path: string, headers: Record<string, string> = {}, update: unknown = { update_id: 999_001, message: { message_id: 900, date: 0, chat: { id: reader.id, type: 'private', first_name: 'سارة' }, from: reader, text: '/start' } }) {
  return fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
}

describe('webhook mode (WEBHOOK_URL set)', () => {
  it('registers the webhook at start with the secret and the update kinds the bot uses', async () => {
    const info = emulator.webhooks.getWebhookInfo();
    assert.equal(info.url, HOOK);
    assert.deepEqual(info.allowed_updates, ['message', 'callback_query', 'inline_query', 'my_chat_member']);
  });

  it('answers /start delivered by webhook', async () => {
    const reply = await say('/start');
    assert.match(reply?.message.text ?? '', /^أهلاً سارة/);
    assert.ok((emulator.webhooks.deliveries.get(`${origin}/telegram/hook`) ?? 0) > 0, 'delivered to the bot port, at the URL path');
  });

  it('answers a search delivered by webhook', async () => {
    const reply = await say('/search المعادن النادرة');
    assert.match(reply?.message.text ?? '', /١\. الصين توافق على تصدير بعض المعادن النادرة/);
  });

  for (const [name, headers] of [['no secret', {}], ['a wrong secret', { 'x-telegram-bot-api-secret-token': `${SECRET}x` }], ['an empty secret', { 'x-telegram-bot-api-secret-token': '' }]] as const) {
    it(`refuses a request with ${name}: 401, and the update is never handled`, async () => {
      const before = emulator.botMessages(chat.id).length;
      const res = await post('/telegram/hook', headers);
      assert.equal(res.status, 401);
      // The next genuine update's reply is the only new message: the forged /start got none.
      await say('/help');
      assert.equal(emulator.botMessages(chat.id).length, before + 1);
      assert.doesNotMatch(emulator.botMessages(chat.id).at(-1)?.message.text ?? '', /^أهلاً/);
    });
  }

  it('answers 404 on any other path, even with the secret, and 405 to a GET', async () => {
    assert.equal((await post('/other', { 'x-telegram-bot-api-secret-token': SECRET })).status, 404);
    assert.equal((await post('/telegram/hook/x', { 'x-telegram-bot-api-secret-token': SECRET })).status, 404);
    assert.equal((await fetch(`${origin}/telegram/hook`)).status, 405);
  });

  it('answers getUpdates with 409 while its webhook is set', async () => {
    const res = await fetch(`${apiRoot}/bot${PROCESS_TOKEN}/getUpdates`);
    assert.equal(res.status, 409);
    assert.match(((await res.json()) as { description: string }).description, /can't use getUpdates method while webhook is active/);
  });

  it('on SIGTERM stops accepting, finishes the update in flight, keeps the webhook and exits cleanly', async () => {
    emulator.setLatency(2_000);
    const sends = emulator.stats.calls.sendMessage ?? 0;
    emulator.sendText(reader, chat, '/help');
    const replies = emulator.botMessages(chat.id).length;
    // The reply is on its way (the emulator holds it for the latency) when the signal comes.
    await eventually(() => (emulator.stats.calls.sendMessage ?? 0) > sends, 'the reply to start', 20_000);
    assert.equal(emulator.botMessages(chat.id).length, replies, 'the reply is still on its way');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0);
    assert.match(bot.output(), /stopped cleanly/);
    assert.equal(emulator.botMessages(chat.id).length, replies + 1, 'the reply in flight was sent before the exit');
    assert.equal(emulator.webhooks.getWebhookInfo().url, HOOK, 'Telegram keeps queueing for the next start');
    await assert.rejects(post('/telegram/hook', { 'x-telegram-bot-api-secret-token': SECRET }), 'nothing listens any more');
  });

  it('sends the update a killed process was handling again, to the restarted bot (at least once)', async () => {
    const second = await setUp();
    const first = await startWebhookBot(second.emulator, second.env);
    const reader = second.emulator.user(8, 'مريم');
    second.emulator.setLatency(2_000);
    second.emulator.sendText(reader, second.emulator.privateChat(reader), '/start');
    await eventually(() => second.emulator.stats.calls.sendMessage, 'the reply to start', 20_000);
    first.bot.child.kill('SIGKILL');
    await first.bot.exited();
    second.emulator.setLatency(0);
    const attempts = () => [...second.emulator.webhooks.deliveries.values()].reduce((a, b) => a + b, 0);
    const before = attempts();
    await startWebhookBot(second.emulator, second.env);
    await eventually(() => second.emulator.webhooks.getWebhookInfo().pending_update_count === 0, 'the update to be acknowledged', 30_000);
    assert.ok(attempts() > before, 'delivered again after the kill');
    // The killed process's own call still reached the emulator; the restarted bot answered too.
    await second.emulator.waitFor(() => second.emulator.botMessages(reader.id).filter((m) => /^أهلاً مريم/.test(m.message.text ?? '')).length === 2, 20_000, 'two welcomes');
  });
});
