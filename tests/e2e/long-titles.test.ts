// A 1,000-character title end to end: inline results, cards and lists Telegram accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TITLE_CHARS } from '../../src/render-html.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { LONG_TITLE } from '../helpers/long-title.ts';
import { writePages } from '../helpers/pages.ts';
import { tempDir } from '../helpers/tmp.ts';

const pages = await writePages(await tempDir(), [
  {
    paragraphs: ['أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية خلال العام المقبل.'],
    readAlso: { title: LONG_TITLE, paragraphs: ['وزير الخارجية يبحث مع نظيره الأوضاع في المنطقة ويؤكد أهمية الحوار بين البلدين.'] },
  },
]);
const h = await startHarness({ pages });
const { emulator } = h;
const reader = emulator.user(41, 'ليلى');

describe('a 1,000-character title', () => {
  it('is shortened in inline results, and the shared card is accepted', async () => {
    const queryId = emulator.inlineQuery(reader, 'وزير الخارجية');
    const answer = await emulator.waitFor(() => emulator.inlineAnswer(queryId));
    const result = answer.results.find((r) => String(r.title).startsWith('عاجل'));
    assert.ok(result, 'the long-titled article is found');
    assert.ok(String(result.title).length <= MAX_TITLE_CHARS && String(result.title).endsWith('…'));
    const shared = emulator.chooseInlineResult(reader, emulator.group('مجموعة'), queryId, String(result.id));
    assert.ok((shared.text ?? '').length < 4096);
    assert.ok((shared.text ?? '').includes('<وزير>'), 'escaped, shown as text');
  });

  it('is shortened on list pages', async () => {
    const list = await h.say(reader, emulator.privateChat(reader), '/latest');
    const text = list.message.text ?? '';
    assert.match(text, /عاجل: <وزير>[^\n]*…/);
    assert.ok(!text.includes(LONG_TITLE.slice(0, MAX_TITLE_CHARS + 10)));
  });
});
