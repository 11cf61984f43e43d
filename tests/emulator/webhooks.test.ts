import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, beforeEach, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { readBytes, startEmulatorServer } from '../../src/emulator/server.ts';
import { eventually } from '../helpers/bot-harness.ts';

/** Deliveries change no chat the emulator watches, so the tests poll for them. */
const until = <T>(predicate: () => T | undefined | false | null, timeoutMs: number, what: string) => eventually(predicate, what, timeoutMs);

const TOKEN = '42:emulator-test-token-aaaaaaaaaaaaa';
const SECRET = 'sirr_123-ABC';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const emulator = new TelegramEmulator();
const running = await startEmulatorServer(emulator);
after(() => running.close());

async function api(method: string, params: Record<string, unknown> = {}): Promise<{ status: number; body: Loose }> {
  const res = await fetch(`${running.apiRoot}/bot${TOKEN}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return { status: res.status, body: await res.json() };
}

interface Received {
  path: string;
  secret: string | undefined;
  type: string | undefined;
  update: Loose;
}

/** A bot's webhook endpoint on loopback: records each request and answers `status()`. */
async function receiver(status: (update: Loose) => number | Promise<number> = () => 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    void readBytes(req).then(async (body) => {
      const update = JSON.parse(body.toString('utf8'));
      received.push({ path: req.url ?? '', secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, type: req.headers['content-type'], update });
      res.writeHead(await status(update)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { received, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeEach(async () => {
  await api('deleteWebhook', { drop_pending_updates: true });
  emulator.webhooks.setInstances([]);
});

describe('emulator: setWebhook, deleteWebhook, getWebhookInfo', () => {
  const refused: [Record<string, unknown>, RegExp][] = [
    [{ url: 'http://bot.example.com/hook' }, /An HTTPS URL must be provided/],
    [{ url: 'not a url' }, /bad webhook/],
    [{ url: 'https://bot.example.com/hook', secret_token: 'سر' }, /secret token contains unallowed characters/],
    [{ url: 'https://bot.example.com/hook', secret_token: 'a'.repeat(257) }, /secret token contains unallowed characters/],
    [{ url: 'https://bot.example.com/hook', max_connections: 101 }, /max_connections/],
  ];
  for (const [params, description] of refused) {
    it(`refuses ${JSON.stringify(params).slice(0, 70)} with 400`, async () => {
      const { status, body } = await api('setWebhook', params);
      assert.equal(status, 400);
      assert.match(body.description, description);
      assert.equal((await api('getWebhookInfo')).body.result.url, '');
    });
  }

  it('reports the webhook it keeps', async () => {
    assert.equal((await api('setWebhook', { url: 'https://bot.example.com/tg/hook', secret_token: SECRET, allowed_updates: ['message', 'callback_query'], max_connections: 5 })).body.result, true);
    const info = (await api('getWebhookInfo')).body.result;
    assert.equal(info.url, 'https://bot.example.com/tg/hook');
    assert.deepEqual(info.allowed_updates, ['message', 'callback_query']);
    assert.equal(info.max_connections, 5);
    assert.equal(info.pending_update_count, 0);
    assert.equal(info.secret_token, undefined, 'the secret is never shown back');
  });

  it("answers getUpdates with 409 while a webhook is set, and polling works again once it is deleted", async () => {
    await api('setWebhook', { url: 'https://bot.example.com/hook' });
    const conflict = await api('getUpdates');
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.description, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    await api('deleteWebhook');
    assert.equal((await api('getUpdates')).status, 200);
  });

  it('gives undelivered updates back to getUpdates on deleteWebhook, or drops them when asked', async () => {
    const bot = await receiver(() => 503);
    const user = emulator.user(11);
    await api('setWebhook', { url: `${bot.origin}/hook` });
    emulator.sendText(user, emulator.privateChat(user), 'أولى');
    await until(() => bot.received.length > 0, 5_000, 'a failed delivery');
    await api('deleteWebhook');
    assert.deepEqual((await api('getUpdates')).body.result.map((u: Loose) => u.message.text), ['أولى']);
    await api('setWebhook', { url: `${bot.origin}/hook` });
    await api('deleteWebhook', { drop_pending_updates: true });
    assert.deepEqual((await api('getUpdates', { offset: -1 })).body.result, []);
  });
});

describe('emulator: webhook delivery', () => {
  it('POSTs each update as JSON with the secret header, at the URL path', async () => {
    const bot = await receiver();
    const user = emulator.user(12, 'سلمى');
    await api('setWebhook', { url: `${bot.origin}/tg/hook?x=1`, secret_token: SECRET });
    emulator.sendText(user, emulator.privateChat(user), 'مرحبا');
    await until(() => bot.received.length === 1 && emulator.webhooks.getWebhookInfo().pending_update_count === 0, 5_000, 'the delivery');
    const [got] = bot.received as [Received];
    assert.equal(got.path, '/tg/hook?x=1');
    assert.equal(got.secret, SECRET);
    assert.equal(got.type, 'application/json');
    assert.equal(got.update.message.text, 'مرحبا');
  });

  it('delivers updates that were waiting before the webhook was set', async () => {
    const bot = await receiver();
    const user = emulator.user(13);
    emulator.sendText(user, emulator.privateChat(user), 'قبل');
    await api('setWebhook', { url: `${bot.origin}/hook` });
    await until(() => bot.received.length === 1, 5_000, 'the waiting update');
    assert.equal(bot.received[0]?.update.message.text, 'قبل');
  });

  it("keeps one chat's updates in order, one at a time, while other chats go on", async () => {
    let inFlight = 0;
    let overlapped = false;
    const slowChat = 21;
    const bot = await receiver(async (update) => {
      const mine = update.message.chat.id === slowChat;
      if (mine && ++inFlight > 1) overlapped = true;
      // The slow chat's first answer waits until the other chat's update got through.
      if (mine && update.message.text === '1') await until(() => bot.received.some((r) => r.update.message.chat.id === 22), 5_000, 'the other chat');
      if (mine) inFlight--;
      return 200;
    });
    await api('setWebhook', { url: `${bot.origin}/hook` });
    const slow = emulator.user(slowChat);
    const other = emulator.user(22);
    for (const text of ['1', '2', '3']) emulator.sendText(slow, emulator.privateChat(slow), text);
    emulator.sendText(other, emulator.privateChat(other), 'أخرى');
    await until(() => bot.received.length === 4, 5_000, 'four deliveries');
    assert.deepEqual(bot.received.filter((r) => r.update.message.chat.id === slowChat).map((r) => r.update.message.text), ['1', '2', '3']);
    assert.equal(overlapped, false, "a chat's next update waits for the previous one's answer");
  });

  it('retries a delivery answered with an error, recording the last error, until it succeeds', async () => {
    let answers = 0;
    const bot = await receiver(() => (++answers <= 2 ? 503 : 200));
    const user = emulator.user(31);
    await api('setWebhook', { url: `${bot.origin}/hook` });
    emulator.sendText(user, emulator.privateChat(user), 'أعد');
    const failed = await until(() => bot.received.length >= 1 && emulator.webhooks.getWebhookInfo().last_error_message, 5_000, 'a recorded error');
    assert.equal(failed, 'Wrong response from the webhook: 503 Service Unavailable');
    await until(() => bot.received.length === 3 && emulator.webhooks.getWebhookInfo().pending_update_count === 0, 10_000, 'the third, successful delivery');
    assert.ok(bot.received.every((r) => r.update.message.text === 'أعد'), 'the same update each time');
    const info = (await api('getWebhookInfo')).body.result;
    assert.equal(typeof info.last_error_date, 'number');
  });

  it('records a refused connection as the last error', async () => {
    const gone = await receiver();
    await api('setWebhook', { url: 'http://127.0.0.1:1/hook' });
    const user = emulator.user(32);
    emulator.sendText(user, emulator.privateChat(user), 'لا أحد');
    const message = await until(() => emulator.webhooks.getWebhookInfo().last_error_message, 5_000, 'a connection error');
    assert.match(message, /^Connection failed/);
    assert.equal(gone.received.length, 0);
  });

  it('delivers only the update kinds the bot asked for', async () => {
    const bot = await receiver();
    const user = emulator.user(41);
    await api('setWebhook', { url: `${bot.origin}/hook`, allowed_updates: ['message'] });
    emulator.inlineQuery(user, 'بحث');
    emulator.sendText(user, emulator.privateChat(user), 'رسالة');
    await until(() => bot.received.length === 1 && emulator.webhooks.getWebhookInfo().pending_update_count === 0, 5_000, 'the message');
    assert.deepEqual(Object.keys(bot.received[0]?.update ?? {}).sort(), ['message', 'update_id']);
  });

  it('spreads deliveries over the instance addresses registered behind the URL', async () => {
    const a = await receiver();
    const b = await receiver();
    const res = await fetch(`${running.apiRoot}/control/instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ addresses: [a.origin, b.origin] }) });
    assert.equal(res.status, 200);
    await api('setWebhook', { url: 'https://bot.example.com/tg/hook', secret_token: SECRET });
    for (let id = 50; id < 56; id++) emulator.sendText(emulator.user(id), emulator.privateChat(emulator.user(id)), `قارئ ${id}`);
    await until(() => a.received.length + b.received.length === 6, 5_000, 'six deliveries');
    assert.equal(a.received.length, 3);
    assert.equal(b.received.length, 3);
    assert.ok([...a.received, ...b.received].every((r) => r.path === '/tg/hook' && r.secret === SECRET));
  });
});
