import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARD_SUMMARY, DIGEST_LINE, summarize } from '../../src/text/summarize.ts';
import { storedSummaries, SUMMARY_STAMP, SUMMARY_VERSION, type Summarizer, summaryStampOf } from '../../src/text/summary-stamp.ts';

const DATELINE = 'أتلانتا، الولايات المتحدة الأمريكية (CNN) –';
const startsWithDateline = (paragraphs: readonly string[]) => (paragraphs[0] ?? '').startsWith(DATELINE);

describe('summary stamp', () => {
  const cases: [what: string, summarizer: Summarizer, version: number, changes: boolean][] = [
    ['today’s summariser', summarize, SUMMARY_VERSION, false],
    ['the same summaries by another route', (p, b) => summarize([...p], { ...b }), SUMMARY_VERSION, false],
    ['a change only on texts unlike the probes', (p, b) => (p.join(' ').includes('كرة القدم') ? '' : summarize(p, b)), SUMMARY_VERSION, false],
    ['the version bumped by hand', summarize, SUMMARY_VERSION + 1, true],
    ['the dateline kept on one probe', (p, b) => (startsWithDateline(p) && b === DIGEST_LINE ? `${DATELINE} ${summarize(p, b)}` : summarize(p, b)), SUMMARY_VERSION, true],
    ['another card budget only', (p, b) => summarize(p, b === CARD_SUMMARY ? { maxSentences: 2, maxWords: 50 } : b), SUMMARY_VERSION, true],
    ['another digest budget only', (p, b) => summarize(p, b === DIGEST_LINE ? { maxSentences: 1, maxWords: 30 } : b), SUMMARY_VERSION, true],
    ['a later sentence instead of a long lead', (p, b) => summarize(p.slice(1), b), SUMMARY_VERSION, true],
  ];
  for (const [what, summarizer, version, changes] of cases) {
    it(`${changes ? 'changes' : 'stays'} with ${what}`, () => {
      assert.equal(summaryStampOf(summarizer, version) !== SUMMARY_STAMP, changes);
    });
  }

  it('names the version it was made with', () => {
    assert.match(SUMMARY_STAMP, new RegExp(`^${SUMMARY_VERSION}\\.[0-9a-z]+$`));
  });

  it('is what stored summaries carry, beside both budgets’ summaries', () => {
    const paragraphs = [`${DATELINE} دعت أمريكا لعقد جلسة طارئة لمجلس الأمن.`, 'وقالت السفيرة إن الهجمات هي الأكبر.'];
    assert.deepEqual(storedSummaries(paragraphs), {
      summary: summarize(paragraphs, CARD_SUMMARY),
      digestLine: summarize(paragraphs, DIGEST_LINE),
      summaryStamp: SUMMARY_STAMP,
    });
    assert.equal(storedSummaries(paragraphs).digestLine, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن.');
  });
});
