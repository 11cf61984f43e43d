import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCard } from '../../src/bot/render/card.ts';
import { renderFeedList } from '../../src/bot/render/feeds.ts';
import type { Article } from '../../src/domain.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import type { FeedStatus } from '../../src/ingest/feeds/manager.ts';
import { emptyFeedState } from '../../src/store/feed-state.ts';

const teaser: Article = {
  id: 't1', kind: 'article', title: 'افتتاح معرض الكتاب الدولي', source: 'وكالة الأنباء', url: 'https://news.example/book-fair?a=1&b=2',
  keywords: [], related: [], publishedAt: '2026-11-26T08:00:00.000Z', ingestedAt: '2026-11-26T08:00:00.000Z', updatedAt: '2026-11-26T08:00:00.000Z',
  origin: 'https://news.example/rss', pageOrder: 0, paragraphs: ['افتتح المعرض أبوابه.'], summary: 'افتتح المعرض أبوابه.', digestLine: 'افتتح المعرض أبوابه.',
  contentHash: 'h', teaserOnly: true,
};

describe('teaser cards', () => {
  it('say that the source published only a teaser, with a link to the whole story', () => {
    const html = renderCard(teaser);
    const parsed = parseTelegramHtml(html);
    assert.match(parsed.text, /نشر المصدر مقدمة الخبر فقط\. اقرأ الخبر كاملاً في موقعه/);
    assert.ok(html.includes('href="https://news.example/book-fair?a=1&amp;b=2"'), 'the link, escaped');
  });

  it('say so without a link when the item had none, and full articles say nothing', () => {
    const { url: _url, ...withoutUrl } = teaser;
    assert.match(parseTelegramHtml(renderCard(withoutUrl)).text, /مقدمة الخبر فقط\.$/m);
    const { teaserOnly: _t, ...full } = teaser;
    assert.doesNotMatch(parseTelegramHtml(renderCard(full)).text, /مقدمة الخبر فقط/);
  });
});

describe('renderFeedList', () => {
  const status = (n: number, patch: Partial<FeedStatus> = {}): FeedStatus => ({
    n, from: 'file', source: { url: `https://feeds.example/${n}.xml` }, state: emptyFeedState(), ...patch,
  });

  it('lists each feed with its name, origin, last success, last error and next fetch, in Arabic', () => {
    const [text, more] = renderFeedList([
      status(1, { from: 'env', state: { ...emptyFeedState(), title: 'وكالة <الأنباء>', lastSuccessAt: '2026-11-27T07:30:00Z', items: 25 }, nextFetchAt: '2026-11-27T07:40:00Z' }),
      status(2, { state: { ...emptyFeedState(), failures: 3, lastError: { at: '2026-11-27T07:35:00Z', reason: 'HTTP 503 Service Unavailable' } }, nextFetchAt: '2026-11-27T08:15:00Z' }),
    ], 'Asia/Riyadh');
    assert.equal(more, undefined);
    const visible = parseTelegramHtml(text ?? '').text;
    assert.match(visible, /^📡 مصادر الأخبار \(٢\)/);
    assert.match(visible, /١\. وكالة <الأنباء> — من الإعدادات \(FEEDS\)/);
    assert.match(visible, /✅ آخر جلب ناجح: ٢٧ نوفمبر.*١٠:٣٠.* · عدد الأخبار: ٢٥/);
    assert.match(visible, /٢\. https:\/\/feeds\.example\/2\.xml — أُضيف من البوت\n⏳ لم يُجلب بعد/);
    assert.match(visible, /— من الإعدادات \(FEEDS\)\nhttps:\/\/feeds\.example\/1\.xml\n/);
    assert.match(visible, /⚠️ آخر خطأ \(.*، المحاولات الفاشلة المتتالية: ٣\): HTTP 503 Service Unavailable/);
    assert.match(visible, /⏭ الجلب التالي: ٢٧ نوفمبر.*١١:١٥/);
  });

  it('splits a long list into messages Telegram accepts, never inside a feed', () => {
    const many = Array.from({ length: 60 }, (_, i) => status(i + 1, { state: { ...emptyFeedState(), failures: 1, lastError: { at: '2026-11-27T07:35:00Z', reason: 'سبب طويل '.repeat(30) } } }));
    const messages = renderFeedList(many, 'Asia/Riyadh');
    assert.ok(messages.length > 1);
    for (const m of messages) assert.ok(parseTelegramHtml(m).text.length <= 4096);
    assert.equal(messages.join('\n\n').match(/https:\/\/feeds\.example\/\d+\.xml/g)?.length, 60);
  });

  it('says how to add a feed when there is none', () => {
    assert.match(renderFeedList([], 'Asia/Riyadh')[0] ?? '', /\/feeds add/);
  });
});
