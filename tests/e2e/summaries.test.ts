import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startHarness } from '../helpers/bot-harness.ts';
import { writePages } from '../helpers/pages.ts';
import { tempDir } from '../helpers/tmp.ts';

// A CNN Arabic story as the outlet publishes it (ANT corpus, 2018): a dateline, then a 60-word lead.
const LEAD_WORDS = 'قال المتحدث الرسمي باسم تحالف "دعم الشرعية في اليمن"، تركي المالكي، إنه يعتقد أن المنظمات الأممية تعيش تحت الإقامة الجبرية';
const [page] = await writePages(await tempDir(), [{
  date: '2026-01-05T08:00:00Z',
  paragraphs: [
    `دبي، الإمارات العربية المتحدة (CNN) – ${LEAD_WORDS} في أحد فنادق صنعاء، وأبرز قضية تجنيد الحوثيين للأطفال في اليمن، ووعد بأن يكون المؤتمر الصحفي القادم للتحالف إذا كان في اليمن، بأحد مدن "مثلث النصر"، وذلك خلال مؤتمر عقده في مدينة مأرب اليمنية، الإثنين.`,
    'ولفت المالكي إلى أن مراحل علاج الأطفال المجندين وإعادة تأهيلهم طويلة.',
  ],
  source: 'CNN بالعربية',
}]);
const h = await startHarness({ pages: [page ?? '?'] });
const { emulator } = h;

describe('summaries as readers see them', () => {
  it('the card and the digest line open with the story\'s lead, without its dateline', async () => {
    const reader = emulator.user(31, 'ليلى');
    const chat = emulator.privateChat(reader);
    const list = await h.say(reader, chat, '/latest');
    const before = emulator.botMessages(chat.id).at(-1)?.message.message_id ?? 0;
    const queryId = emulator.pressButton(reader, chat, list.message.message_id, { text: '١' });
    await emulator.waitFor(() => emulator.callbackAnswer(queryId), 10_000, 'card');
    const [card] = await h.botReplies(chat, before);
    const cardText = card?.message.text ?? '';
    assert.ok(cardText.includes(LEAD_WORDS), cardText);
    assert.ok(!cardText.includes('(CNN)'), cardText);

    const digest = (await h.say(reader, chat, '/digest')).message.text ?? '';
    assert.ok(digest.includes(`${LEAD_WORDS} في أحد فنادق صنعاء، وأبرز قضية تجنيد الحوثيين للأطفال في اليمن…`), digest);
    assert.ok(!digest.includes('(CNN)'), digest);
  });
});
