// The subscription conversation's limits, end to end: a timeout with a note, one group member
// at a time told who holds the settings, /cancel for the starter or an administrator only.
// The bot's clock is moved by the test; nothing sleeps.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONVERSATION_TIMEOUT_MS } from '../../src/bot/conversations/subscribe.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { CONVERSATIONS_FILE } from '../../src/store/conversation-storage.ts';
import { startHarness } from '../helpers/bot-harness.ts';

let aheadMs = 0;
const h = await startHarness({ userRate: { burst: 1000, windowMs: 1000 }, clock: () => Date.now() + aheadMs });
const { emulator } = h;
const TIMED_OUT = '⌛ انتهت مهلة الإجابة، فأُلغيت خطوات الاشتراك ولم يتغير شيء. للبدء من جديد: /subscribe';

/** Sends and returns the bot's next `count` messages in the chat. */
async function send(user: TgUser, chat: TgChat, text: string, count = 1): Promise<string[]> {
  const sent = emulator.sendText(user, chat, text);
  return (await h.botReplies(chat, sent.message_id, count)).map((m) => m.message.text ?? '');
}

/** Waits until conversations.json does (or does not) hold the chat's state: it is written after the reply. */
async function stored(chat: TgChat, expected: boolean): Promise<void> {
  const holds = async () => {
    const text = await readFile(join(h.dataDir, CONVERSATIONS_FILE), 'utf8').catch(() => '{"states":{}}');
    return String(chat.id) in (JSON.parse(text) as { states: object }).states;
  };
  for (let tries = 0; (await holds()) !== expected; tries++) {
    if (tries > 200) assert.fail(`conversations.json ${expected ? 'never held' : 'still holds'} chat ${chat.id}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a question left unanswered', () => {
  it('ends the conversation with a note once the timeout has passed, and the late message is served as usual', async () => {
    const reader = emulator.user(51, 'هدى');
    const chat = emulator.privateChat(reader);
    assert.match((await send(reader, chat, '/subscribe'))[0]!, /متى تريد/);
    await stored(chat, true);
    aheadMs += CONVERSATION_TIMEOUT_MS;
    const [note, served] = await send(reader, chat, '/latest', 2);
    assert.equal(note, TIMED_OUT);
    assert.match(served!, /^🗞 آخر الأخبار/);
    await stored(chat, false);
    assert.equal(h.chats.get(chat.id)?.subscription, undefined, 'nothing saved');
    assert.match((await send(reader, chat, '/subscribe'))[0]!, /متى تريد/, 'a new one starts at once');
    assert.match((await send(reader, chat, '٨'))[0]!, /منطقة زمنية/);
    await send(reader, chat, '/cancel');
  });

  it('does not time out while answers keep coming within the limit', async () => {
    const reader = emulator.user(52);
    const chat = emulator.privateChat(reader);
    await send(reader, chat, '/subscribe');
    aheadMs += CONVERSATION_TIMEOUT_MS - 60_000;
    assert.match((await send(reader, chat, '07:00'))[0]!, /منطقة زمنية/);
    aheadMs += CONVERSATION_TIMEOUT_MS - 60_000;
    assert.match((await send(reader, chat, 'Asia/Amman'))[0]!, /مواضيع/);
    await send(reader, chat, '/cancel');
  });
});

describe('in a group', () => {
  const first = emulator.user(61, 'أحمد');
  const second = emulator.user(62, 'سارة');
  const member = emulator.user(63, 'خالد');
  const group = emulator.group('أخبار الحي', [first, second]);

  it('tells another administrator who is changing the settings, instead of an apology', async () => {
    assert.match((await send(first, group, '/subscribe'))[0]!, /متى تريد/);
    const [busy] = await send(second, group, '/subscribe');
    assert.equal(busy, '⏳ أحمد يعدّل اشتراك المجموعة الآن. انتظر حتى ينتهي، أو يلغيه هو أو أحد المشرفين بـ /cancel.');
    assert.equal((await send(first, group, '/subscribe'))[0], 'ما زلنا في خطوات الاشتراك: أجب عن السؤال أعلاه، أو أرسل /cancel للإلغاء.');
    assert.match((await send(member, group, '/latest'))[0]!, /^🗞 آخر الأخبار/, 'other members are served meanwhile');
    assert.match((await send(first, group, '06:00'))[0]!, /منطقة زمنية/, 'and the question still waits for its starter');
  });

  it('names a starter with a Latin name or bidi controls in an Arabic line, the controls dropped', async () => {
    const latin = emulator.user(64, '\u202ESara\u2066');
    const other = emulator.user(65, 'منى');
    const club = emulator.group('نادي القراءة', [latin, other]);
    assert.match((await send(latin, club, '/subscribe'))[0]!, /متى تريد/);
    const [busy] = await send(other, club, '/subscribe');
    assert.equal(busy, '⏳ \u200FSara يعدّل اشتراك المجموعة الآن. انتظر حتى ينتهي، أو يلغيه هو أو أحد المشرفين بـ /cancel.');
    const [notYours] = await send(emulator.user(66, '\u2067\u200B'), club, '/cancel');
    assert.equal(notYours, 'لا يلغي هذه الخطوات إلا Sara أو أحد مشرفي المجموعة.');
    await send(latin, club, '/cancel');
  });

  it('lets an anonymous administrator (writing as the group) subscribe it, and names them so to others', async () => {
    // Salma writes as the group; Telegram sends her button presses under her own id.
    const salma = emulator.user(68, 'سلمى');
    const club = emulator.group('مجلس الحي', [emulator.user(67, 'ليلى'), salma]);
    const anonymous = emulator.anonymousAdmin();
    const asGroup = async (text: string) => {
      const sent = emulator.sendText(anonymous, club, text, { senderChat: club });
      return (await h.botReplies(club, sent.message_id))[0]?.message.text ?? '';
    };
    assert.match(await asGroup('/subscribe'), /متى تريد/, 'an administrator, not told that only administrators may');
    const time = emulator.botMessages(club.id).at(-1)!;
    emulator.pressButton(salma, club, time.message.message_id, { text: '٠٧:٠٠' });
    const zone = await h.botReplies(club, time.message.message_id);
    assert.match(zone[0]?.message.text ?? '', /منطقة زمنية/, 'her button press answers for the anonymous starter');
    const member = emulator.user(69, 'باسم');
    emulator.addMember(club, member);
    const press = emulator.pressButton(member, club, zone[0]!.message.message_id, { text: 'قطر' });
    const refused = await emulator.waitFor(() => emulator.callbackAnswer(press), 10_000, 'the answer to a member\'s press');
    assert.match(refused.text ?? '', /مشرف مجهول يعدّل/, 'a member\'s press does not');
    assert.match(await asGroup('Asia/Qatar'), /مواضيع/, 'their typed answers reach the conversation');
    const [busy] = await send(emulator.user(67, 'ليلى'), club, '/subscribe');
    assert.equal(busy, '⏳ مشرف مجهول يعدّل اشتراك المجموعة الآن. انتظر حتى ينتهي، أو يلغيه هو أو أحد المشرفين بـ /cancel.');
    assert.equal(await asGroup('/cancel'), 'تم الإلغاء، ولم يتغير شيء.');
    assert.equal(await asGroup('/unsubscribe'), 'لا يوجد اشتراك فعّال لإيقافه.', 'not "only administrators"');
  });

  it('lets only the starter or an administrator /cancel', async () => {
    assert.equal((await send(member, group, '/cancel'))[0], 'لا يلغي هذه الخطوات إلا أحمد أو أحد مشرفي المجموعة.');
    assert.equal((await send(second, group, '/cancel@khulasa_test_bot'))[0], 'تم الإلغاء، ولم يتغير شيء.');
    assert.equal((await send(member, group, '/cancel'))[0], 'لا توجد خطوة جارية لإلغائها.');
    assert.match((await send(second, group, '/subscribe'))[0]!, /متى تريد/, 'the settings are free again');
    assert.equal((await send(second, group, '/cancel'))[0], 'تم الإلغاء، ولم يتغير شيء.', 'the starter cancels their own');
  });

  it('frees the settings after the timeout: the next administrator starts at once', async () => {
    await send(first, group, '/subscribe');
    aheadMs += CONVERSATION_TIMEOUT_MS;
    const [note, ask] = await send(second, group, '/subscribe', 2);
    assert.equal(note, TIMED_OUT);
    assert.match(ask!, /متى تريد/);
    assert.match((await send(second, group, '20:00'))[0]!, /منطقة زمنية/, 'the new conversation is the second administrator\'s');
    await send(second, group, '/cancel');
  });
});
