import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesTopics, pickDigestItems } from '../../src/digest/build.ts';
import { renderDigest } from '../../src/bot/render/digest.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const [japan, china] = seedArticles();

describe('digest building', () => {
  it('matches topics in any form of their words', () => {
    assert.equal(matchesTopics(china!, ['المعادن النادرة']), true);
    assert.equal(matchesTopics(china!, ['معادن']), true);
    assert.equal(matchesTopics(japan!, ['أوكيناوا', 'الصين']), false, 'neither is in its title, keywords or summary');
    assert.equal(matchesTopics(japan!, ['اليابان']), true);
    assert.equal(matchesTopics(japan!, []), true, 'no topics: all news');
  });

  it('keeps only what arrived since the last digest, newest first, at most the size', () => {
    const older = { ...japan!, id: 'old', ingestedAt: '2026-06-06T00:00:00.000Z', publishedAt: '2026-06-06T00:00:00.000Z' };
    const items = pickDigestItems([older, japan!, china!], { since: '2026-06-07T00:00:00.000Z', topics: [], size: 5 });
    assert.deepEqual(items.map((a) => a.id), [japan!.id, china!.id]);
    assert.equal(pickDigestItems([japan!, china!], { since: undefined, topics: [], size: 1 }).length, 1);
  });

  it('never puts headline-only items in a digest', () => {
    const headlines = seedArticles().filter((a) => a.kind === 'headline');
    assert.deepEqual(pickDigestItems(headlines, { since: undefined, topics: [], size: 10 }), []);
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
