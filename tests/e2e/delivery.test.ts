import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { runDueDigests, type DigestDeps } from '../../src/digest/run.ts';
import { createLogger } from '../../src/logger.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { subscribeDue, subscribeDueChats } from '../helpers/due-chats.ts';
import { tempDir } from '../helpers/tmp.ts';

const h = await startHarness();
const { emulator } = h;
const logger = createLogger({ level: 'silent' });
/** Every chat due now, on time, in a chats file of its own. */
async function subscribedChats(count: number, firstUserId: number, now: Date) {
  const dir = await tempDir();
  const chats = await ChatRepository.open(dir);
  const list = await subscribeDueChats(chats, emulator, count, firstUserId, now);
  return { dir, chats, list };
}

const deps = (chats: ChatRepository, send: DigestDeps['send'] = (id, text, o) => h.bot.api.sendMessage(id, text, o)): DigestDeps => ({
  chats,
  articles: h.library.articles,
  send,
  logger,
  graceHours: 6,
  sender: { ratePerSecond: 500, concurrency: 8 },
});

const digestsIn = (chatId: number) => emulator.botMessages(chatId).filter((m) => (m.message.text ?? '').startsWith('📬')).length;

describe('digest delivery through the emulator', () => {
  it('delivers exactly one digest per chat through a 429 storm', async () => {
    const now = new Date();
    const { chats, list } = await subscribedChats(40, 1000, now);
    emulator.setFloodLimits({ globalPerSecond: 15, perChatPerSecond: 1 });
    const before = emulator.stats.tooManyRequests;
    try {
      const report = await runDueDigests(now, deps(chats));
      assert.equal(report.sent, 40);
    } finally {
      emulator.setFloodLimits(undefined);
    }
    assert.ok(emulator.stats.tooManyRequests > before, 'the storm happened');
    for (const chat of list) assert.equal(digestsIn(chat.id), 1, `chat ${chat.id}`);
    const digest = emulator.botMessages(list[0]!.id).at(-1)!;
    assert.match(digest.message.text ?? '', /^📬 خلاصة اليوم — [\s\S]*١\. اتفق وزير الدفاع الياباني/);
    assert.ok((digest.message.reply_markup?.inline_keyboard?.[0]?.length ?? 0) >= 2, 'buttons to open each item');
  });

  it('deactivates blocked, deleted and vanished chats with their reasons, and serves everyone else', async () => {
    const now = new Date();
    const { chats, list } = await subscribedChats(5, 2000, now);
    emulator.blockBot(emulator.user(2000));
    emulator.deactivateUser(emulator.user(2001));
    await chats.update(999_999, (r) => Object.assign(r, { subscription: chats.get(list[2]!.id)?.subscription, lastDigestAt: '2020-01-01T00:00:00.000Z' }), { type: 'private' });
    const report = await runDueDigests(now, deps(chats));
    assert.deepEqual([report.sent, report.gone], [3, 3]);
    assert.equal(chats.get(list[0]!.id)?.inactive?.reason, 'blocked');
    assert.equal(chats.get(list[1]!.id)?.inactive?.reason, 'deactivated');
    assert.equal(chats.get(999_999)?.inactive?.reason, 'chat-not-found');
    assert.equal(digestsIn(list[4]!.id), 1);
  });

  it('follows a group upgraded to a supergroup, moving its subscription', async () => {
    const now = new Date();
    const { chats } = await subscribedChats(0, 3000, now);
    const group = emulator.group('مجموعة الأخبار');
    await subscribeDue(chats, group.id, now, { type: 'group', title: 'مجموعة الأخبار' });
    const supergroup = emulator.migrateGroup(group);
    const report = await runDueDigests(now, deps(chats));
    assert.deepEqual([report.migrated, report.sent], [1, 1]);
    assert.equal(chats.get(group.id), undefined);
    assert.equal(chats.get(supergroup.id)?.lastDigestOutcome, 'sent');
    assert.equal(digestsIn(supergroup.id), 1);
  });

  it('postpones a chat under a long flood wait instead of stalling the others', async () => {
    const now = new Date();
    const { chats, list } = await subscribedChats(4, 4000, now);
    emulator.banChat(list[0]!, 300);
    const started = Date.now();
    const report = await runDueDigests(now, deps(chats));
    assert.ok(Date.now() - started < 20_000, 'nobody waited five minutes');
    assert.deepEqual([report.sent, report.postponed], [3, 1]);
    const retryAfter = new Date(chats.get(list[0]!.id)?.retryAfter ?? 0).getTime();
    assert.ok(retryAfter >= now.getTime() + 299_000);
    const meanwhile = await runDueDigests(new Date(now.getTime() + 60_000), deps(chats));
    assert.equal(meanwhile.sent, 0, 'not before its time');
    emulator.banChat(list[0]!, 0);
    const later = await runDueDigests(new Date(now.getTime() + 301_000), deps(chats));
    assert.equal(later.sent, 1);
    assert.equal(digestsIn(list[0]!.id), 1);
  });

  it('resumes a fan-out cut by a crash: no duplicates, no one lost', async () => {
    const now = new Date();
    const { dir, chats, list } = await subscribedChats(30, 5000, now);
    const crash = new AbortController();
    let sends = 0;
    const crashingSend: DigestDeps['send'] = async (id, text, o) => {
      if (++sends === 12) crash.abort(); // the process dies while sending
      return h.bot.api.sendMessage(id, text, o);
    };
    await runDueDigests(now, { ...deps(chats, crashingSend), sender: { ratePerSecond: 500, concurrency: 1 } }, crash.signal);
    const delivered = list.filter((c) => digestsIn(c.id) === 1).length;
    assert.ok(delivered > 0 && delivered < 30, `${delivered} before the crash`);

    const restarted = await ChatRepository.open(dir);
    const report = await runDueDigests(new Date(now.getTime() + 60_000), deps(restarted));
    assert.equal(report.sent, 30 - delivered);
    for (const chat of list) assert.equal(digestsIn(chat.id), 1, `chat ${chat.id}`);

    const again = await runDueDigests(new Date(now.getTime() + 120_000), deps(await ChatRepository.open(dir)));
    assert.equal(again.sent, 0, 'a restart the same day sends nothing twice');
  });

  it('sends nothing when nothing is new, and records it', async () => {
    const now = new Date();
    const { chats, list } = await subscribedChats(1, 6000, now);
    await chats.update(list[0]!.id, (r) => Object.assign(r, { lastDigestAt: new Date(now.getTime() + 1000).toISOString() }));
    const report = await runDueDigests(now, deps(chats));
    assert.deepEqual([report.sent, report.empty], [0, 1]);
    assert.equal(chats.get(list[0]!.id)?.lastDigestOutcome, 'empty');
    assert.equal(chats.get(list[0]!.id)?.lastDigestAt, now.toISOString(), 'the window moves on');
    assert.equal(digestsIn(list[0]!.id), 0);
  });
});

describe('a digest Telegram refuses', () => {
  it('is recorded as rejected for the day, logged once, and not retried each minute', async () => {
    const now = new Date();
    const { chats, list } = await subscribedChats(1, 6100, now);
    const lines: string[] = [];
    const logs = new Writable({ write: (chunk, _enc, done) => done(void lines.push(String(chunk))) });
    const logged = { ...deps(chats), logger: createLogger({ level: 'info', destination: logs }) };
    let attempts = 0;
    const send: DigestDeps['send'] = (id, text, o) => {
      attempts++;
      return h.bot.api.sendMessage(id, text, o);
    };
    emulator.refusing.add('sendMessage');
    try {
      const first = await runDueDigests(now, { ...logged, send });
      assert.deepEqual([first.rejected, first.failed, attempts], [1, 0, 1]);
      for (let minute = 1; minute <= 3; minute++) {
        const later = await runDueDigests(new Date(now.getTime() + minute * 60_000), { ...logged, send });
        assert.deepEqual([later.rejected, later.failed], [0, 0]);
      }
    } finally {
      emulator.refusing.delete('sendMessage');
    }
    assert.equal(attempts, 1, 'sent once, never retried that day');
    const record = chats.get(list[0]!.id);
    assert.equal(record?.lastDigestOutcome, 'rejected');
    assert.match(record?.lastDigestError ?? '', /emulated refusal/);
    assert.equal(record?.lastDigestAt, '2020-01-01T00:00:00.000Z', 'the window stays: nothing was read');
    assert.equal(lines.filter((l) => l.includes('digest refused by Telegram')).length, 1, 'logged once');
  });
});
