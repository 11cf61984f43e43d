import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';

const TOKEN = '42:emulator-test-token-aaaaaaaaaaaaa';

// Bot API answers are loosely shaped JSON; tests read the fields they check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
interface ApiAnswer {
  ok: boolean;
  result?: Loose;
  error_code?: number;
  description?: string;
  parameters?: Record<string, number>;
}
const emulator = new TelegramEmulator();
const running = await startEmulatorServer(emulator);
after(() => running.close());

/** A raw Bot API call over HTTP, the way any client makes it. */
async function api(method: string, params: Record<string, unknown> = {}) {
  const res = await fetch(`${running.apiRoot}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as ApiAnswer };
}

const user = emulator.user(5, 'ليلى');
const chat = emulator.privateChat(user);

describe('emulator: Bot API over HTTP', () => {
  it('answers getMe for the token it is given', async () => {
    const { body } = await api('getMe');
    assert.equal(body.result.id, 42);
    assert.equal(body.result.is_bot, true);
  });

  it('answers unknown methods with 404 the way Telegram does', async () => {
    const { status, body } = await api('sendHologram');
    assert.equal(status, 404);
    assert.deepEqual(body, { ok: false, error_code: 404, description: 'Not Found' });
  });

  it('refuses a malformed token with 401', async () => {
    const res = await fetch(`${running.apiRoot}/botnot-a-token/getMe`);
    assert.equal(res.status, 401);
  });

  it('long-polls: waits for an update, honours offset and timeout', async () => {
    const started = Date.now();
    const empty = await api('getUpdates', { timeout: 1 });
    assert.deepEqual(empty.body.result, []);
    assert.ok(Date.now() - started >= 900, 'waited for the timeout');
    const pending = api('getUpdates', { timeout: 5 });
    setTimeout(() => emulator.sendText(user, chat, 'مرحبا'), 50);
    const { body } = await pending;
    assert.equal(body.result.length, 1);
    assert.equal(body.result[0].message.text, 'مرحبا');
    const next = body.result[0].update_id + 1;
    assert.deepEqual((await api('getUpdates', { offset: next, timeout: 0 })).body.result, []);
  });

  it('marks commands and mentions with entities', () => {
    const m = emulator.sendText(user, chat, '/search@khulasa_test_bot اليابان @someone');
    assert.deepEqual(m.entities?.map((e) => e.type), ['bot_command', 'mention']);
  });

  it('sends, edits and deletes messages, keeping a transcript', async () => {
    const sent = await api('sendMessage', { chat_id: chat.id, text: '<b>مرحباً</b>', parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'زر', callback_data: '1:n' }]] } });
    assert.equal(sent.body.result.text, 'مرحباً');
    const id = sent.body.result.message_id;
    await api('editMessageText', { chat_id: chat.id, message_id: id, text: 'معدلة' });
    const again = await api('editMessageText', { chat_id: chat.id, message_id: id, text: 'معدلة' });
    assert.match(again.body.description ?? '', /message is not modified/);
    const stored = emulator.transcript(chat.id).find((m) => m.message.message_id === id);
    assert.equal(stored?.edits.length, 1);
    assert.equal(stored?.message.text, 'معدلة');
    assert.equal((await api('deleteMessage', { chat_id: chat.id, message_id: id })).body.result, true);
    assert.equal((await api('deleteMessage', { chat_id: chat.id, message_id: id })).status, 400);
  });

  it('reads back the bot\'s messages newer than a reader\'s, without deleted ones', async () => {
    const asked = emulator.sendText(user, chat, 'ما آخر الأخبار؟');
    assert.deepEqual(emulator.botMessagesAfter(chat.id, asked.message_id), []);
    const first = (await api('sendMessage', { chat_id: chat.id, text: 'الخبر الأول' })).body.result.message_id;
    const second = (await api('sendMessage', { chat_id: chat.id, text: 'الخبر الثاني' })).body.result.message_id;
    await api('deleteMessage', { chat_id: chat.id, message_id: first });
    assert.deepEqual(emulator.botMessagesAfter(chat.id, asked.message_id).map((m) => m.message.message_id), [second]);
    assert.deepEqual(emulator.botMessagesAfter(chat.id, second).map((m) => m.message.message_id), []);
    // The same answer as filtering every bot message of the chat.
    assert.deepEqual(emulator.botMessagesAfter(chat.id, asked.message_id), emulator.botMessages(chat.id).filter((m) => m.message.message_id > asked.message_id));
  });

  const refusals: [string, Record<string, unknown>, number, RegExp][] = [
    ['callback_data over 64 bytes', { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'زر', callback_data: 'ع'.repeat(33) }]] } }, 400, /BUTTON_DATA_INVALID/],
    ['text over 4096 characters', { text: 'ا'.repeat(4097) }, 400, /message is too long/],
    ['unsupported HTML', { text: 'x <script>y</script>', parse_mode: 'HTML' }, 400, /can't parse entities: Unsupported start tag "script"/],
    ['an empty message', { text: '  ' }, 400, /message text is empty/],
    ['an unknown chat', { text: 'x', chat_id: 777 }, 400, /chat not found/],
  ];
  for (const [name, params, status, description] of refusals) {
    it(`refuses ${name}`, async () => {
      const { status: got, body } = await api('sendMessage', { chat_id: chat.id, ...params });
      assert.equal(got, status);
      assert.equal(body.ok, false);
      assert.match(body.description ?? '', description);
    });
  }

  it('counts 4096 characters after entity parsing, not before', async () => {
    const { body } = await api('sendMessage', { chat_id: chat.id, text: `<b>${'ا'.repeat(4096)}</b>`, parse_mode: 'HTML' });
    assert.equal(body.ok, true);
  });

  it('answers 403 once a user blocks the bot, and tells the bot', async () => {
    const blocker = emulator.user(6);
    const blockedChat = emulator.privateChat(blocker);
    emulator.blockBot(blocker);
    const { status, body } = await api('sendMessage', { chat_id: blockedChat.id, text: 'x' });
    assert.equal(status, 403);
    assert.equal(body.description, 'Forbidden: bot was blocked by the user');
    const updates = (await api('getUpdates', { timeout: 0 })).body.result as Loose[];
    assert.equal(updates.at(-1).my_chat_member.new_chat_member.status, 'kicked');
  });

  it('answers 400 with migrate_to_chat_id for a group upgraded to a supergroup', async () => {
    const group = emulator.group('مجموعة');
    const supergroup = emulator.migrateGroup(group);
    const { status, body } = await api('sendMessage', { chat_id: group.id, text: 'x' });
    assert.equal(status, 400);
    assert.deepEqual(body.parameters, { migrate_to_chat_id: supergroup.id });
    assert.equal((await api('sendMessage', { chat_id: supergroup.id, text: 'x' })).body.ok, true);
  });

  it('applies flood limits with retry_after, globally and per chat', async () => {
    const limited = new TelegramEmulator({ flood: { globalPerSecond: 3, perChatPerSecond: 1 } });
    const u = limited.user(1);
    const c = limited.privateChat(u);
    await limited.call(TOKEN, 'sendMessage', { chat_id: c.id, text: 'أولى' });
    await assert.rejects(limited.call(TOKEN, 'sendMessage', { chat_id: c.id, text: 'ثانية' }), (e: Loose) => e.code === 429 && e.parameters.retry_after >= 1 && /retry after/.test(e.description));
    const others = [2, 3, 4, 5].map((id) => limited.privateChat(limited.user(id)));
    const results = await Promise.allSettled(others.map((o) => limited.call(TOKEN, 'sendMessage', { chat_id: o.id, text: 'x' })));
    assert.equal(results.filter((r) => r.status === 'rejected').length, 2, 'global bucket of 3 already had one used');
    assert.equal(limited.stats.tooManyRequests, 3);
  });

  it('adds latency to calls when asked', async () => {
    const slow = new TelegramEmulator({ latencyMs: 60 });
    const started = Date.now();
    await slow.call(TOKEN, 'getMe', {});
    assert.ok(Date.now() - started >= 55);
  });

  it('accepts form-encoded parameters, as curl sends them', async () => {
    const res = await fetch(`${running.apiRoot}/bot${TOKEN}/sendMessage`, { method: 'POST', body: new URLSearchParams({ chat_id: String(chat.id), text: 'من curl' }) });
    assert.equal(((await res.json()) as { result: { text: string } }).result.text, 'من curl');
  });

  it('lets tools act as users through /control', async () => {
    const res = await fetch(`${running.apiRoot}/control/send`, { method: 'POST', body: new URLSearchParams({ userId: '5', text: 'عبر التحكم' }) });
    assert.equal(((await res.json()) as { result: { text: string } }).result.text, 'عبر التحكم');
  });
});

describe('emulator: what a reader\'s client sees', () => {
  const local = new TelegramEmulator();
  const events: Loose[] = [];
  local.events.on('chat', (e) => events.push(e));
  const sara = local.user(11, 'سارة');
  const omar = local.user(12, 'عمر');
  const privateChat = local.privateChat(sara);

  it('returns formatting entities with a bot message sent in HTML, as Telegram does', async () => {
    const sent = (await local.call(TOKEN, 'sendMessage', { chat_id: privateChat.id, text: '<b>عاجل</b> خبر', parse_mode: 'HTML' })) as Loose;
    assert.deepEqual(sent.entities, [{ type: 'bold', offset: 0, length: 4 }]);
  });

  it('streams new messages from readers and the bot, edits and deletions', async () => {
    events.length = 0;
    const mine = local.sendText(sara, privateChat, 'مرحبا');
    const reply = (await local.call(TOKEN, 'sendMessage', { chat_id: privateChat.id, text: 'أهلا' })) as Loose;
    await local.call(TOKEN, 'editMessageText', { chat_id: privateChat.id, message_id: reply.message_id, text: 'أهلا وسهلا' });
    await local.call(TOKEN, 'deleteMessage', { chat_id: privateChat.id, message_id: reply.message_id });
    assert.deepEqual(events.map((e) => [e.type, e.message?.message.message_id ?? e.messageId]), [
      ['message', mine.message_id], ['message', reply.message_id], ['edit', reply.message_id], ['delete', reply.message_id],
    ]);
    assert.equal(events[2].message.message.text, 'أهلا وسهلا');
  });

  it('lists chats with their members and whether the bot is blocked', () => {
    const group = local.group('مجموعة الأخبار', [sara]);
    local.addMember(group, omar);
    local.blockBot(sara);
    const listed = local.listChats();
    assert.deepEqual(listed.find((c) => c.chat.id === group.id)?.members.map((m) => m.first_name), ['سارة', 'عمر']);
    assert.equal(listed.find((c) => c.chat.id === privateChat.id)?.blocked, true);
    assert.equal(local.isBlocked(sara), true);
    local.unblockBot(sara);
    assert.equal(local.isBlocked(sara), false);
  });

  it('sets chat_type on an inline query from the chat it is typed in', () => {
    const group = local.group('مجموعة ثانية', [sara]);
    local.inlineQuery(sara, 'اليابان', '', group);
    local.inlineQuery(sara, 'اليابان', '', privateChat);
    const updates = (local.call(TOKEN, 'getUpdates', { timeout: 0 }) as Promise<Loose[]>).then((u) => u.filter((x) => x.inline_query).map((x) => x.inline_query.chat_type));
    return updates.then((types) => assert.deepEqual(types.slice(-2), ['group', 'sender']));
  });

  it('forgets every chat on reset', () => {
    local.reset();
    assert.deepEqual(local.listChats(), []);
    assert.deepEqual(local.transcript(privateChat.id), []);
    assert.equal(events.at(-1).type, 'chats');
  });
});

