import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalLink, itemDate, mapItem, TEASER_MAX_WORDS } from '../../../src/ingest/feeds/map-item.ts';
import { arabicText } from '../../helpers/feed-xml.ts';

const NOW = '2026-11-27T08:00:00.000Z';
const CTX = { id: 'abc', feedUrl: 'https://news.example/rss', order: 0, now: NOW, source: 'وكالة الأنباء' };

describe('canonicalLink', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['drops utm_* and keeps the page id', 'https://n.example/a?utm_source=rss&id=17&utm_campaign=x', 'https://n.example/a?id=17'],
    ['drops fbclid and the fragment', 'https://n.example/a?fbclid=zz#comments', 'https://n.example/a'],
    ['resolves a relative link against the feed', '/news/1', 'https://news.example/news/1'],
    ['refuses javascript: links', 'javascript:alert(1)', undefined],
    ['has nothing for no link', undefined, undefined],
  ];
  for (const [name, link, expected] of cases) it(name, () => assert.equal(canonicalLink(link, 'https://news.example/rss'), expected));
});

describe('itemDate', () => {
  const cases: [string, string | undefined, string][] = [
    ['reads RFC 822 with an offset', 'Thu, 26 Nov 2026 09:30:00 +0300', '2026-11-26T06:30:00.000Z'],
    ['reads RFC 822 in GMT', 'Thu, 26 Nov 2026 08:00:00 GMT', '2026-11-26T08:00:00.000Z'],
    ['reads ISO 8601', '2026-11-26T07:15:00+02:00', '2026-11-26T05:15:00.000Z'],
    ['uses the first sighting when missing', undefined, NOW],
    ['uses the first sighting when unreadable', 'أمس', NOW],
    ['clamps a future date to now', '2027-01-01T00:00:00Z', NOW],
  ];
  for (const [name, raw, expected] of cases) it(name, () => assert.equal(itemDate(raw, NOW), expected));
});

describe('mapItem', () => {
  it('turns an item into an article: clean text, canonical link, categories as keywords', () => {
    const mapped = mapItem(
      {
        guid: 'g1',
        title: 'النفط &amp; الغاز',
        link: 'https://n.example/a?utm_medium=feed',
        contentHtml: `<p>${arabicText(1)}</p><script>x()</script><p>${arabicText(2)}</p>`,
        date: 'Thu, 26 Nov 2026 09:30:00 +0300',
        categories: ['اقتصاد', 'نفط', 'اقتصاد'],
      },
      { ...CTX, category: 'أعمال' },
    );
    assert.ok(mapped.ok);
    const a = mapped.article;
    assert.equal(a.title, 'النفط & الغاز');
    assert.equal(a.url, 'https://n.example/a');
    assert.equal(a.source, 'وكالة الأنباء');
    assert.equal(a.origin, 'https://news.example/rss');
    assert.deepEqual(a.keywords, ['أعمال', 'اقتصاد', 'نفط']);
    assert.deepEqual(a.paragraphs, [arabicText(1), arabicText(2)]);
    assert.ok(a.summary.length > 0 && a.digestLine.length > 0);
    assert.equal(a.teaserOnly, undefined);
  });

  it('marks a short description-only item as a teaser', () => {
    const mapped = mapItem({ title: 'خبر قصير', summaryHtml: '<p>مقدمة الخبر فقط.</p>', categories: [] }, CTX);
    assert.ok(mapped.ok);
    assert.equal(mapped.article.teaserOnly, true);
  });

  it('takes a long description as the whole article', () => {
    const long = `<p>${arabicText(3, TEASER_MAX_WORDS + 10)}</p>`;
    const mapped = mapItem({ title: 'خبر طويل', summaryHtml: long, categories: [] }, CTX);
    assert.ok(mapped.ok);
    assert.equal(mapped.article.teaserOnly, undefined);
  });

  it('uses the full text from the page when given, and is then no teaser', () => {
    const mapped = mapItem({ title: 'خبر', summaryHtml: 'مقدمة.', categories: [] }, { ...CTX, fullText: ['النص الكامل من الصفحة.'] });
    assert.ok(mapped.ok);
    assert.deepEqual(mapped.article.paragraphs, ['النص الكامل من الصفحة.']);
    assert.equal(mapped.article.teaserOnly, undefined);
  });

  it('derives a title from the text when the item has none, and rejects an empty item', () => {
    const titled = mapItem({ summaryHtml: `<p>${arabicText(4)}</p>`, categories: [] }, CTX);
    assert.ok(titled.ok && titled.article.title.length > 0);
    assert.deepEqual(mapItem({ link: 'https://n.example/x', categories: [] }, CTX), { ok: false, reason: 'no title and no text' });
  });
});
