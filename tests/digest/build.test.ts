import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesTopics, pickDigestItems, prepareCandidates, toCandidate, topicTerms } from '../../src/digest/build.ts';
import type { Article } from '../../src/domain.ts';
import { renderDigest } from '../../src/digest/render.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const [japan, china] = seedArticles();
const matches = (article: Article, topics: string[]) => matchesTopics(toCandidate(article).words, topicTerms(topics));

describe('digest building', () => {
  it('matches topics in any form of their words', () => {
    assert.equal(matches(china!, ['المعادن النادرة']), true);
    assert.equal(matches(china!, ['معادن']), true);
    assert.equal(matches(japan!, ['أوكيناوا', 'الصين']), false, 'neither is in its title or keywords');
    assert.equal(matches(japan!, ['اليابان']), true);
    assert.equal(matches(japan!, []), true, 'no topics: all news');
    assert.equal(matches(japan!, ['في']), false, 'a topic of stop words alone matches nothing');
  });

  it('keeps only what arrived since the last digest, newest first, at most the size', () => {
    const older = { ...japan!, id: 'old', ingestedAt: '2026-06-06T00:00:00.000Z', publishedAt: '2026-06-06T00:00:00.000Z' };
    const items = pickDigestItems(prepareCandidates([older, japan!, china!], undefined), { since: '2026-06-07T00:00:00.000Z', topics: [], size: 5 });
    assert.deepEqual(items.map((a) => a.id), [japan!.id, china!.id]);
    assert.equal(pickDigestItems(prepareCandidates([japan!, china!], undefined), { since: undefined, topics: [], size: 1 }).length, 1);
    assert.deepEqual(prepareCandidates([older, japan!], '2026-06-07T00:00:00.000Z').map((c) => c.meta.id), [japan!.id], 'the window applies when preparing too');
  });

  it('never puts headline-only items in a digest', () => {
    const headlines = seedArticles().filter((a) => a.kind === 'headline');
    assert.deepEqual(pickDigestItems(prepareCandidates(headlines, undefined), { since: undefined, topics: [], size: 10 }), []);
  });

  it('renders one dated message that Telegram accepts, even with ten long items', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...china!, id: `c${i}`, title: `${china!.title} ${i}`, digestLine: 'كلمة '.repeat(200) }));
    const html = renderDigest(many, '2026-06-07');
    const visible = parseTelegramHtml(html).text;
    assert.ok(visible.length <= 4096, `${visible.length}`);
    assert.match(visible, /^📬 خلاصة اليوم — الأحد، ٧ يونيو ٢٠٢٦/);
    assert.match(visible, /١٠\. الصين توافق/);
  });
});
