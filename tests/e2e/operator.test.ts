import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { messages } from '../../src/bot/messages.ts';
import { arabicDigits } from '../../src/render-html.ts';
import { createLogger } from '../../src/logger.ts';
import { rescanSeeds } from '../../src/ops/seeds.ts';
import { Telemetry } from '../../src/ops/telemetry.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { pageText } from '../helpers/pages.ts';
import { tempDir } from '../helpers/tmp.ts';

const OPERATOR = 42;
const seedsDir = join(await tempDir(), 'seeds');
await mkdir(seedsDir);
const telemetry = new Telemetry();
const silent = createLogger({ level: 'silent' });
let failReload = false;
const h = await startHarness({
  deps: ({ library }) => ({
    adminIds: [OPERATOR],
    ops: {
      telemetry,
      feeds: () => ({ total: 3, failing: 1 }),
      reloadSeeds: () => (failReload ? Promise.reject(new Error('seeds <folder> gone')) : rescanSeeds(seedsDir, library, silent, telemetry)),
    },
  }),
});
const { emulator } = h;
const operator = emulator.user(OPERATOR, 'مشغّل');
const operatorChat = emulator.privateChat(operator);
const reader = emulator.user(7, 'قارئ');
const readerChat = emulator.privateChat(reader);
const NOW = '2026-11-27T06:00:00.000Z';
const sub = { time: '08:00', timeZone: 'Asia/Riyadh', topics: [], size: 5 as const, createdAt: NOW, updatedAt: NOW };

describe('/stats', () => {
  it('shows an operator the store, subscribers by state, the last digest run, errors and the process', async () => {
    await h.chats.subscribe(101, sub, { type: 'private' }, NOW);
    await h.chats.subscribe(102, sub, { type: 'private' }, NOW);
    await h.chats.subscribe(103, sub, { type: 'private' }, NOW);
    await h.chats.subscribe(104, sub, { type: 'private' }, NOW);
    await h.chats.deactivate(103, 'blocked', NOW);
    await h.chats.deactivate(104, 'unsubscribed', NOW);
    await h.chats.update(101, (r) => Object.assign(r, { lastDigestOutcome: 'sent', lastDigestDate: '2026-11-27' }));
    telemetry.digestRun({ sent: 4, empty: 1, skipped: 0, failed: 2 }, new Date('2026-11-27T05:00:00Z'));
    telemetry.error();
    telemetry.error();
    await h.library.ready();

    const text = (await h.say(operator, operatorChat, '/stats')).message.text ?? '';
    const articles = h.library.articles;
    assert.match(text, /حالة خلاصة/);
    assert.match(text, new RegExp(`الأخبار الكاملة: ${arabicDigits(articles.articleCount)}\\n`));
    assert.match(text, new RegExp(`العناوين: ${arabicDigits(articles.size - articles.articleCount)}\\n`));
    assert.match(text, /المصادر: ٣، متعثّرة ١/);
    assert.match(text, /المشتركون: ٢ فعّالون، ٢ متوقفون/);
    assert.match(text, /حظروا البوت: ١/);
    assert.match(text, /أوقفوه بأنفسهم: ١/);
    assert.match(text, /آخر خلاصة لكل مشترك: أُرسلت ١\n/);
    assert.match(text, /آخر جولة للخلاصة: ٢٧ نوفمبر في ٨:٠٠ ص — أُرسلت ٤، بلا جديد ١، فشلت ٢/);
    assert.match(text, /الأخطاء في آخر ٢٤ ساعة: ٢/);
    assert.match(text, /مدة التشغيل: [٠-٩]+/);
    assert.match(text, /الذاكرة: [٠-٩]+٫[٠-٩] م\.ب، منها الكومة [٠-٩]+٫[٠-٩] م\.ب/);
    assert.match(text, new RegExp(`فهرس البحث: ${arabicDigits(articles.size)} وثيقة`));
  });

  it('is an unknown command for a reader: the ordinary reply, nothing about the bot', async () => {
    const reply = await h.say(reader, readerChat, '/stats');
    assert.equal(reply.source, messages.help(h.bot.botInfo.username));
  });

  it('does not answer an operator in a group: the command passes on like any other', async () => {
    const group = emulator.group('مجموعة', [operator]);
    const sent = emulator.sendText(operator, group, '/stats');
    emulator.sendText(operator, group, '/help');
    const [first] = await h.botReplies(group, sent.message_id);
    assert.match(first?.message.text ?? '', /طريقة الاستخدام/, 'the first answer in the group is the /help reply');
  });

  it('explains to an anonymous group admin why it cannot work there, in Arabic, without an apology', async () => {
    const group = emulator.group('مجموعة المشرفين', [operator]);
    for (const command of ['/stats', '/reload']) {
      const reply = await h.say(emulator.anonymousAdmin(), group, command, { senderChat: group });
      assert.equal(reply.message.text, messages.operator.anonymousAdmin);
      assert.notEqual(reply.message.text, messages.apology);
    }
  });
});

describe('/reload', () => {
  it('rescans the seeds folder now and reports what changed; the new article is searchable', async () => {
    await writeFile(
      join(seedsDir, 'fresh.txt'),
      pageText({ date: '2026-11-27T07:00:00+03:00', paragraphs: ['أعلنت وزارة الزراعة في سلطنة عمان اليوم عن موسم قياسي لحصاد التمور في ولايات الباطنة.', 'وقال مسؤولون إن الإنتاج تجاوز التوقعات بفضل الأمطار الغزيرة.'] }),
    );
    const text = (await h.say(operator, operatorChat, '/reload')).message.text ?? '';
    assert.match(text, /أُعيد فحص مجلد الأخبار/);
    assert.match(text, /الصفحات: ١/);
    assert.match(text, /جديدة: ١ /);
    assert.ok((await h.library.search('حصاد التمور', 5)).length > 0, 'the new article is in the index');
    const again = (await h.say(operator, operatorChat, '/reload')).message.text ?? '';
    assert.match(again, /جديدة: ٠ — محدّثة: ٠ — دون تغيير: ١/);
    assert.match(await telemetry.metrics(), /khulasa_ingested_articles_total\{change="new"\} 1\n/);
  });

  it('says why a rescan failed, escaped, instead of apologising', async () => {
    failReload = true;
    const reply = await h.say(operator, operatorChat, '/reload');
    failReload = false;
    assert.equal(reply.message.text, 'تعذّرت إعادة الفحص: seeds <folder> gone\nالتفاصيل في السجل.');
    assert.match(reply.source ?? '', /&lt;folder&gt;/);
  });

  it('is an unknown command for a reader', async () => {
    const reply = await h.say(reader, readerChat, '/reload');
    assert.equal(reply.source, messages.help(h.bot.botInfo.username));
  });
});

describe('telemetry from the bot', () => {
  it('counts handled updates and sends by outcome', async () => {
    const metrics = await telemetry.metrics();
    const handled = Number(/khulasa_updates_handled_total\{type="message"\} (\d+)/.exec(metrics)?.[1]);
    assert.ok(handled >= 9, `${handled} messages handled`);
    assert.match(metrics, /khulasa_sends_total\{method="sendMessage",outcome="ok"\} \d+/);
    assert.match(metrics, /khulasa_reply_latency_seconds_count\{type="message"\} \d+/);
    assert.match(metrics, /khulasa_polls_total\{outcome="ok"\} \d+/);
  });
});
