import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToParagraphs } from '../../../src/ingest/feeds/html-text.ts';
import { FeedParseError, parseFeedText } from '../../../src/ingest/feeds/parse.ts';
import { fixture } from '../../helpers/feed-server.ts';

describe('parseFeedText', () => {
  it('reads Arabic RSS 2.0: guid, link, dates, categories, content:encoded and description', () => {
    const feed = parseFeedText(fixture('arabic-rss.xml'));
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'وكالة الأنباء التجريبية');
    assert.equal(feed.items.length, 2);
    const [oil, fair] = feed.items;
    assert.equal(oil?.guid, 'news-example-17');
    assert.equal(oil?.title, 'ارتفاع أسعار النفط في الأسواق العالمية');
    assert.equal(oil?.link, 'https://news.example/economy/oil-prices?utm_source=rss&utm_medium=feed&id=17');
    assert.equal(oil?.date, 'Thu, 26 Nov 2026 09:30:00 +0300');
    assert.deepEqual(oil?.categories, ['اقتصاد', 'نفط']);
    assert.match(oil?.contentHtml ?? '', /<p>ارتفعت أسعار النفط/);
    assert.equal(fair?.contentHtml, undefined, 'a description-only item has no full content');
    assert.equal(fair?.summaryHtml, 'افتتح معرض الكتاب الدولي أبوابه أمام الزوار صباح اليوم.');
  });

  it('reads Atom: the alternate link, published date, category labels, html content', () => {
    const feed = parseFeedText(fixture('atom.xml'));
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'صحيفة الأخبار الرقمية');
    const [entry] = feed.items;
    assert.equal(entry?.guid, 'urn:uuid:entry-1');
    assert.equal(entry?.link, 'https://atom.example/politics/visit');
    assert.equal(entry?.date, '2026-11-26T07:15:00+02:00');
    assert.deepEqual(entry?.categories, ['سياسة']);
    assert.match(entry?.contentHtml ?? '', /^<p>وصل وزير الخارجية/);
  });

  it('reads RDF (RSS 1.0) with Dublin Core dates and subjects', () => {
    const feed = parseFeedText(fixture('rdf.xml'));
    assert.equal(feed.format, 'rdf');
    const [item] = feed.items;
    assert.equal(item?.title, 'تلسكوب جديد يرصد مجرة بعيدة');
    assert.equal(item?.guid, 'https://rdf.example/science/telescope');
    assert.equal(item?.date, '2026-11-25T18:00:00Z');
    assert.deepEqual(item?.categories, ['علوم']);
  });

  it('reads JSON Feed: id, url, tags, content_html', () => {
    const feed = parseFeedText(fixture('feed.json'));
    assert.equal(feed.format, 'json');
    const [item] = feed.items;
    assert.equal(item?.guid, 'tech-42');
    assert.equal(item?.link, 'https://json.example/tech/phones?fbclid=abc');
    assert.deepEqual(item?.categories, ['تقنية', 'هواتف']);
    assert.match(item?.contentHtml ?? '', /هاتف ذكي جديد/);
  });

  it("reads JSON Feed's plain text as text: markup characters and quotes come back as typed, a paragraph per blank line", () => {
    const text = 'قال الوزير "إن <b>الخطة</b> & الميزانية جاهزتان"\n\nوأضاف أن التنفيذ يبدأ غداً';
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'مصدر', items: [{ id: 'x1', url: 'https://json.example/x1', title: 'خبر', content_text: text, summary: '<i>ملخص</i> & "مقتبس"' }] });
    const [item] = parseFeedText(json).items;
    assert.deepEqual(htmlToParagraphs(item?.contentHtml ?? ''), ['قال الوزير "إن <b>الخطة</b> & الميزانية جاهزتان"', 'وأضاف أن التنفيذ يبدأ غداً']);
    assert.deepEqual(htmlToParagraphs(item?.summaryHtml ?? ''), ['<i>ملخص</i> & "مقتبس"']);
  });

  it('keeps a bare & in titles, links and descriptions', () => {
    const [item] = parseFeedText(fixture('bare-ampersand.xml')).items;
    assert.equal(item?.title, 'النفط & الغاز: توقعات العام المقبل');
    assert.equal(item?.link, 'https://amp.example/a?x=1&y=2');
    assert.match(item?.summaryHtml ?? '', /النفط & الغاز/);
  });

  it('keeps raw HTML in a description without CDATA as HTML, with the guid after it intact', () => {
    const [item] = parseFeedText(fixture('raw-html.xml')).items;
    assert.match(item?.summaryHtml ?? '', /<p>افتتح رئيس البلدية.*<b>وسط المدينة<\/b>/);
    assert.match(item?.summaryHtml ?? '', /ملاعب للأطفال/);
    assert.equal(item?.guid, 'raw-1');
  });

  const broken: [string, string, RegExp][] = [
    ['an HTML error page', fixture('malformed.xml'), /not an RSS, Atom, RDF or JSON feed/],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', /not valid JSON/],
    ['an empty body', '  \n', /empty document/],
  ];
  for (const [name, text, reason] of broken) {
    it(`rejects ${name} with the reason`, () => {
      assert.throws(() => parseFeedText(text), (error: unknown) => error instanceof FeedParseError && reason.test(error.message));
    });
  }
});
