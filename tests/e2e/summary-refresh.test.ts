// A store an older release left: summaries its summariser made (a later sentence for the card, the
// dateline kept in the digest line) and no stamp. After an upgrade the bot serves today's.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { bodyKeyOf, bodyShardPath } from '../../src/store/shards.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { withOlderSummaries } from '../helpers/older-store.ts';
import { writePages } from '../helpers/pages.ts';
import { tempDir } from '../helpers/tmp.ts';

// CNN Arabic, May 2018 (ANT corpus): the dateline, the lead, then the ambassador's statement.
const DATELINE = 'أتلانتا، الولايات المتحدة الأمريكية (CNN) –';
const LEAD = 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء، وأشارت إلى إمكانية عقد الجلسة بعد ظهر الخميس.';
const STATEMENT = 'وقالت سفيرة واشنطن لدى الأمم المتحدة، نيكي هايلي في بيان لها: "إن الهجمات الأخيرة التي نفذت من قطاع غزة هي الأكبر منذ عام 2014".';
// What the ranker that skipped the lead stored: a shorter later sentence, and the lead with its dateline.
const OLD_SUMMARY = STATEMENT;
const OLD_DIGEST_LINE = `${DATELINE} دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس…`;

const pages = await writePages(await tempDir(), [
  { date: '2026-01-05T08:00:00Z', paragraphs: [`${DATELINE} ${LEAD}`, STATEMENT], source: 'CNN بالعربية' },
  // Alone on its day, so that removing its body bucket removes no other article's body.
  { date: '2026-01-03T08:00:00Z', paragraphs: ['أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة. وقالت إنه يتسع لمئتي سرير.'], source: 'مصدر محلي' },
]);

/** Each article as the older release stored it; the one published on 3 January loses its body file. */
async function olderStore(dataDir: string): Promise<{ cnn: Article; bodiless: Article }> {
  const [cnn, bodiless] = (await withOlderSummaries(dataDir, { summary: OLD_SUMMARY, digestLine: OLD_DIGEST_LINE })) as [Article, Article];
  await rm(bodyShardPath(dataDir, bodyKeyOf(bodiless.publishedAt, bodiless.id)));
  return { cnn, bodiless };
}

let stored: { cnn: Article; bodiless: Article } | undefined;
const logs = captureLogs();
const h = await startHarness({ pages, logDestination: logs.destination, prepare: async (dir) => void (stored = await olderStore(dir)) });
const { cnn, bodiless } = stored as { cnn: Article; bodiless: Article };

describe('summaries after an upgrade', () => {
  it('makes the stored summaries again, lead first, and skips an article without a body', async () => {
    assert.deepEqual(await h.summaryRefresh, { refreshed: 1, skipped: 1 });
    const warned = logs.lines.filter((l) => l.msg.startsWith('summaries not refreshed'));
    assert.deepEqual(warned.map((l) => l.id), [bodiless.id]);
    assert.ok(logs.lines.some((l) => l.msg === 'summaries refreshed' && l.refreshed === 1 && l.skipped === 1));
  });

  it('shows the lead in the card and the digest line, without the dateline', async () => {
    const reader = h.emulator.user(41, 'سلمى');
    const chat = h.emulator.privateChat(reader);
    const list = await h.say(reader, chat, '/latest');
    const before = h.emulator.botMessages(chat.id).at(-1)?.message.message_id ?? 0;
    const queryId = h.emulator.pressButton(reader, chat, list.message.message_id, { text: '١' });
    await h.emulator.waitFor(() => h.emulator.callbackAnswer(queryId), 10_000, 'card');
    const cardText = (await h.botReplies(chat, before))[0]?.message.text ?? '';
    assert.ok(cardText.includes(LEAD), cardText);
    assert.ok(!cardText.includes('(CNN)'), cardText);

    const digest = (await h.say(reader, chat, '/digest')).message.text ?? '';
    assert.ok(digest.includes(LEAD), digest);
    assert.ok(!digest.includes('(CNN)'), digest);
  });

  it('changes nothing else: the same version, hash and body', async () => {
    const now = await h.library.articles.get(cnn.id);
    assert.deepEqual(
      [now?.updatedAt, now?.contentHash, now?.publishedAt, now?.paragraphs],
      [cnn.updatedAt, cnn.contentHash, cnn.publishedAt, cnn.paragraphs],
    );
    const kept = h.library.articles.byId(bodiless.id);
    assert.deepEqual([kept?.title, kept?.summaryStamp], [bodiless.title, undefined], 'the article without a body is still listed, unstamped');
  });

  it('refreshes nothing on the next start', async () => {
    await h.restart();
    assert.deepEqual(await h.summaryRefresh, { refreshed: 0, skipped: 1 });
    assert.equal((await h.library.articles.get(cnn.id))?.digestLine, LEAD);
  });
});
