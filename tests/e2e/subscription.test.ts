import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredMessage, TgChat, TgUser } from '../../src/emulator/types.ts';
import { eventually, startHarness } from '../helpers/bot-harness.ts';

/** Minutes the bot's clock runs ahead of the real one: tests move time instead of waiting. */
let ahead = 0;
const h = await startHarness({ userRate: { burst: 1000, windowMs: 1000 }, clock: () => Date.now() + ahead * 60_000 });
const { emulator } = h;

async function pick(user: TgUser, chat: TgChat, message: StoredMessage, label: string): Promise<StoredMessage> {
  const before = emulator.botMessages(chat.id).at(-1)?.message.message_id ?? 0;
  const queryId = emulator.pressButton(user, chat, message.message.message_id, { text: label });
  await emulator.waitFor(() => emulator.callbackAnswer(queryId), 10_000, `answer to ${label}`);
  return (await h.botReplies(chat, before))[0] as StoredMessage;
}

describe('the subscription conversation', () => {
  it('asks time, zone, topics and size, survives a restart in the middle, and confirms in Arabic', async () => {
    const reader = emulator.user(11, 'منى');
    const chat = emulator.privateChat(reader);
    const askTime = await h.say(reader, chat, '/subscribe');
    assert.match(askTime.message.text ?? '', /متى تريد أن تصلك الخلاصة اليومية/);
    const askZone = await h.say(reader, chat, '٧:٣٠');
    assert.match(askZone.message.text ?? '', /في أي منطقة زمنية/);

    await h.restart();

    const askTopics = await pick(reader, chat, askZone, 'مصر');
    assert.match(askTopics.message.text ?? '', /مواضيع محددة/);
    const askSize = await h.say(reader, chat, 'الصين، المعادن النادرة');
    assert.match(askSize.message.text ?? '', /كم خبراً/);
    const confirmed = await pick(reader, chat, askSize, '١٠');
    const text = confirmed.message.text ?? '';
    assert.match(text, /تم حفظ اشتراكك/);
    assert.match(text, /٠٧:٣٠ يومياً/);
    assert.match(text, /مصر \(Africa\/Cairo\)/);
    assert.match(text, /الصين، المعادن النادرة/);
    assert.match(text, /عدد الأخبار: ١٠/);
    const stored = h.chats.get(chat.id)?.subscription;
    assert.deepEqual([stored?.time, stored?.timeZone, stored?.topics, stored?.size], ['07:30', 'Africa/Cairo', ['الصين', 'المعادن النادرة'], 10]);
  });

  it('explains an invalid answer and asks again', async () => {
    const reader = emulator.user(12);
    const chat = emulator.privateChat(reader);
    await h.say(reader, chat, '/subscribe');
    assert.match((await h.say(reader, chat, '25:99')).message.text ?? '', /لم أفهم هذا الوقت/);
    assert.match((await h.say(reader, chat, '٢١:١٥')).message.text ?? '', /منطقة زمنية/);
    assert.match((await h.say(reader, chat, 'Mars/Olympus')).message.text ?? '', /لا أعرف هذه المنطقة الزمنية/);
    assert.match((await h.say(reader, chat, 'aSiA/tEhRaN')).message.text ?? '', /مواضيع/, 'any letter case');
    const all = emulator.botMessages(chat.id).at(-1)!;
    await pick(reader, chat, all, 'كل الأخبار');
    assert.match((await h.say(reader, chat, '7')).message.text ?? '', /اختر ٣ أو ٥ أو ١٠/);
    assert.match((await h.say(reader, chat, '٣')).message.text ?? '', /تم حفظ اشتراكك[\s\S]*كل الأخبار/);
    assert.equal(h.chats.get(chat.id)?.subscription?.timeZone, 'Asia/Tehran', 'stored as IANA spells it');
  });

  it('leaves at any step with /cancel, saving nothing', async () => {
    const reader = emulator.user(13);
    const chat = emulator.privateChat(reader);
    await h.say(reader, chat, '/subscribe');
    await h.say(reader, chat, '08:00');
    assert.equal((await h.say(reader, chat, '/cancel')).message.text, 'تم الإلغاء، ولم يتغير شيء.');
    assert.equal(h.chats.get(chat.id)?.subscription, undefined);
    assert.equal((await h.say(reader, chat, '/cancel')).message.text, 'لا توجد خطوة جارية لإلغائها.');
    assert.match((await h.say(reader, chat, 'اليابان')).message.text ?? '', /نتائج البحث/, 'plain words search again');
  });

  it('serves other commands while a question waits', async () => {
    const reader = emulator.user(14);
    const chat = emulator.privateChat(reader);
    await h.say(reader, chat, '/subscribe');
    assert.match((await h.say(reader, chat, '/latest')).message.text ?? '', /^🗞 آخر الأخبار/);
    assert.match((await h.say(reader, chat, '09:00')).message.text ?? '', /منطقة زمنية/, 'and the question still waits');
    await h.say(reader, chat, '/cancel');
  });
});

describe('/settings, /unsubscribe and /digest', () => {
  const reader = emulator.user(21, 'سالم');
  const chat = emulator.privateChat(reader);

  it('/settings without a subscription says how to subscribe', async () => {
    assert.match((await h.say(reader, chat, '/settings')).message.text ?? '', /لا يوجد اشتراك بعد/);
  });

  it('/settings shows the subscription and changes one part of it', async () => {
    await h.say(reader, chat, '/subscribe');
    await h.say(reader, chat, '06:00');
    await h.say(reader, chat, 'Asia/Riyadh');
    await h.say(reader, chat, 'اليابان');
    await h.say(reader, chat, '5');
    const settings = await h.say(reader, chat, '/settings');
    assert.match(settings.message.text ?? '', /اشتراكك في الخلاصة اليومية[\s\S]*٠٦:٠٠[\s\S]*اليابان/);
    const ask = await pick(reader, chat, settings, 'الموعد');
    assert.match(ask.message.text ?? '', /متى تريد/);
    const done = await h.say(reader, chat, '20:00');
    assert.match(done.message.text ?? '', /٢٠:٠٠ يومياً[\s\S]*اليابان/, 'only the time changed');
    assert.equal(h.chats.get(chat.id)?.subscription?.time, '20:00');
  });

  it('a settings button pressed while a question waits gets a notice on the button; the question still takes its answer', async () => {
    const settings = await h.say(reader, chat, '/settings');
    const ask = await pick(reader, chat, settings, 'الموعد');
    assert.match(ask.message.text ?? '', /متى تريد/);
    const sentBefore = emulator.botMessages(chat.id).length;
    const queryId = emulator.pressButton(reader, chat, settings.message.message_id, { text: 'العدد' });
    const notice = await emulator.waitFor(() => emulator.callbackAnswer(queryId), 10_000, 'the notice');
    assert.deepEqual(notice, { text: 'ما زلنا في خطوات الاشتراك: أجب عن السؤال أعلاه، أو أرسل /cancel للإلغاء.', show_alert: true });
    assert.equal(emulator.botMessages(chat.id).length, sentBefore, 'no new question');
    const done = await h.say(reader, chat, '21:00');
    assert.match(done.message.text ?? '', /٢١:٠٠ يومياً[\s\S]*اليابان/);
    assert.equal(h.chats.get(chat.id)?.subscription?.time, '21:00');
  });

  it('/digest sends the digest now without changing the schedule', async () => {
    const before = { ...h.chats.get(chat.id) };
    const digest = await h.say(reader, chat, '/digest');
    assert.match(digest.message.text ?? '', /^📬 خلاصة اليوم — /);
    assert.match(digest.message.text ?? '', /١\. اتفق وزير الدفاع الياباني/);
    assert.ok(!(digest.message.text ?? '').includes('الصين توافق'), 'only the chosen topics');
    assert.equal(digest.message.reply_markup?.inline_keyboard?.[0]?.[0]?.text, '١');
    assert.deepEqual(h.chats.get(chat.id), before);
  });

  it('/digest at most once per chat every five minutes, saying when it may be asked again', async () => {
    const refused = await h.say(reader, chat, '/digest');
    assert.match(refused.message.text ?? '', /قبل قليل[\s\S]*بعد ٥ دقائق/);
    ahead += 3;
    assert.match((await h.say(reader, chat, '/digest')).message.text ?? '', /بعد دقيقتين/);
    ahead += 2;
    assert.match((await h.say(reader, chat, '/digest')).message.text ?? '', /^📬 خلاصة اليوم/);
    const other = emulator.privateChat(emulator.user(23));
    assert.match((await h.say(emulator.user(23), other, '/digest')).message.text ?? '', /^📬 خلاصة اليوم/, 'other chats are not limited');
  });

  it('/unsubscribe stops it, and says so', async () => {
    assert.match((await h.say(reader, chat, '/unsubscribe')).message.text ?? '', /تم إيقاف الخلاصة اليومية/);
    assert.equal(h.chats.get(chat.id)?.inactive?.reason, 'unsubscribed');
    assert.match((await h.say(reader, chat, '/settings')).message.text ?? '', /الاشتراك متوقف \(أوقفته بنفسك\)/);
    assert.match((await h.say(reader, chat, '/unsubscribe')).message.text ?? '', /لا يوجد اشتراك فعّال/);
  });

  it('blocking the bot deactivates the subscription with the reason', async () => {
    const other = emulator.user(22);
    const otherChat = emulator.privateChat(other);
    await h.say(other, otherChat, '/subscribe');
    await h.say(other, otherChat, '08:00');
    await h.say(other, otherChat, 'Asia/Riyadh');
    await h.say(other, otherChat, 'الاقتصاد');
    await h.say(other, otherChat, '3');
    emulator.blockBot(other);
    await eventually(() => h.chats.get(otherChat.id)?.inactive, 'deactivation');
    assert.equal(h.chats.get(otherChat.id)?.inactive?.reason, 'blocked');
  });
});

describe('groups', () => {
  const admin = emulator.user(31, 'مشرف');
  const member = emulator.user(32, 'عضو');
  const group = emulator.group('أخبار العائلة', [admin]);

  it('lets only administrators change the group\'s subscription', async () => {
    const refused = emulator.sendText(member, group, '/subscribe');
    const [answer] = await h.botReplies(group, refused.message_id);
    assert.equal(answer?.message.text, 'في المجموعات، يعدّل اشتراك المجموعة مشرفوها فقط.');

    const started = emulator.sendText(admin, group, '/subscribe@khulasa_test_bot');
    const [ask] = await h.botReplies(group, started.message_id);
    assert.match(ask?.message.text ?? '', /متى تريد/);
    // Another member's words do not answer the administrator's question: they are told whose it is.
    const intruder = emulator.sendText(member, group, '09:00', { replyTo: ask?.message.message_id });
    const answer2 = emulator.sendText(admin, group, '18:00', { replyTo: ask?.message.message_id });
    const [busy, zone] = await h.botReplies(group, intruder.message_id, 2);
    assert.equal(busy?.message.text, '⏳ مشرف يعدّل اشتراك المجموعة الآن. انتظر حتى ينتهي، أو يلغيه هو أو أحد المشرفين بـ /cancel.');
    assert.ok(zone!.message.message_id > answer2.message_id);
    assert.match(zone?.message.text ?? '', /منطقة زمنية/);
    await pick(admin, group, zone!, 'قطر');
    const topics = emulator.botMessages(group.id).at(-1)!;
    await pick(admin, group, topics, 'كل الأخبار');
    const size = emulator.botMessages(group.id).at(-1)!;
    await pick(admin, group, size, '٥');
    assert.deepEqual([h.chats.get(group.id)?.subscription?.time, h.chats.get(group.id)?.subscription?.timeZone], ['18:00', 'Asia/Qatar']);

    const unsub = emulator.sendText(member, group, '/unsubscribe');
    const [no] = await h.botReplies(group, unsub.message_id);
    assert.match(no?.message.text ?? '', /مشرفوها فقط/);
    assert.equal(h.chats.get(group.id)?.inactive, undefined);
  });
});
