import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCard } from '../../src/bot/render/card.ts';
import { chunkParagraphs, renderFullText, TELEGRAM_TEXT_LIMIT } from '../../src/bot/render/full-text.ts';
import { arabicDate, arabicDigits, escapeHtml, rtl, truncate } from '../../src/render-html.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

describe('HTML rendering', () => {
  it('escapes every metacharacter', () => {
    assert.equal(escapeHtml('<script>"x" & y</script>'), '&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;');
  });

  it('returns text without metacharacters as it is', () => {
    for (const text of ['الصين توافق على تصدير المعادن', 'CNN: خبر عاجل', '']) assert.equal(escapeHtml(text), text);
  });

  it('writes every digit of a number the Arabic way, and leaves the rest', () => {
    const cases: [number | string, string][] = [[0, '٠'], [7, '٧'], [2026, '٢٠٢٦'], [-5, '-٥'], ['3.5', '٣.٥'], ['١٢ و 34', '١٢ و ٣٤']];
    for (const [n, written] of cases) assert.equal(arabicDigits(n), written);
  });

  it('writes one instant as the date of each reader\'s time zone, again and again', () => {
    for (let i = 0; i < 2; i++) {
      assert.equal(arabicDate('2026-06-07T22:30:00Z', 'Asia/Riyadh'), '٨ يونيو ٢٠٢٦');
      assert.equal(arabicDate('2026-06-07T22:30:00Z', 'UTC'), '٧ يونيو ٢٠٢٦');
      assert.equal(arabicDate('not a date', 'UTC'), '');
    }
  });

  it('writes numbers and dates the Arabic way', () => {
    assert.equal(arabicDigits(2026), '٢٠٢٦');
    assert.equal(arabicDate('2026-06-07T08:00:00Z', 'Asia/Riyadh'), '٧ يونيو ٢٠٢٦');
    assert.equal(arabicDate('2026-06-07T22:30:00Z', 'Asia/Riyadh'), '٨ يونيو ٢٠٢٦', 'in the reader\'s time zone');
  });

  describe('marks lines that open with Latin or digits right-to-left, and only those', () => {
    const RLM = '\u200F';
    const cases: [string, string, boolean][] = [
      ['an Arabic line', '<b>خبر</b>', false],
      ['a Latin name first', 'CNN: خبر', true],
      ['European digits first', '2026 عام', true],
      ['a numbered Arabic title', '١. <b>اتفق وزير الدفاع</b>', false],
      ['a numbered Latin title', '١٢. <b>iPhone 17 يصل إلى الأسواق</b>', true],
      ['a numbered title opening with a quoted Latin name', '٣. <b>«Apple» تطلق هاتفاً</b>', true],
      ['Eastern Arabic-Indic digits, then Latin', '۴. <b>OpenAI تعلن</b>', true],
      ['a numbered line of digits only, then Arabic', '٢٠٢٦ عام الانتخابات', false],
      ['a numbered feed address', '١. <b>https://example.com/rss</b> — من الإعدادات', true],
      ['an Arabic link whose address is Latin', '<a href="https://example.com/news">خبر عاجل</a>', false],
      ['a Latin link', '<a href="https://example.com">CNN</a> تقول', true],
      ['empty tags, then Arabic', '<b></b><i>خبر</i>', false],
      ['a lone angle bracket before Arabic', '< خبر', true],
    ];
    for (const [name, line, marked] of cases) {
      it(name, () => assert.equal(rtl(line), marked ? `${RLM}${line}` : line));
    }
  });

  it('truncates at a word boundary', () => {
    assert.equal(truncate('الصين توافق على تصدير بعض المعادن', 20), 'الصين توافق على…');
  });

  it('renders a card Telegram accepts, with keywords as hashtags', () => {
    const [japan] = seedArticles();
    const html = renderCard(japan!);
    const visible = parseTelegramHtml(html).text;
    assert.match(visible, /#الولايات_المتحدة #اليابان #ترامب$/);
    assert.match(visible, /📰 البوابة نيوز/);
  });

  it('keeps the hashtags right to left when the first keyword is Latin', () => {
    const [japan] = seedArticles();
    const lines = parseTelegramHtml(renderCard({ ...japan!, keywords: ['CNN', 'اليابان'] })).text.split('\n');
    assert.equal(lines.at(-1), '\u200F#CNN #اليابان');
    assert.equal(parseTelegramHtml(renderCard(japan!)).text.split('\n').at(-1), '#الولايات_المتحدة #اليابان #ترامب', 'an Arabic first keyword needs no mark');
  });

  it('renders a headline-only card that says it has no text', () => {
    const headline = seedArticles().find((a) => a.kind === 'headline')!;
    assert.match(parseTelegramHtml(renderCard(headline)).text, /هذا عنوان فقط/);
  });
});

describe('full text splitting', () => {
  it('keeps a short article in one message', () => {
    const [japan] = seedArticles();
    assert.equal(renderFullText(japan!).length, 1);
  });

  it('splits on paragraph boundaries, every part within the limit once parsed', () => {
    const [japan] = seedArticles();
    const long = { ...japan!, paragraphs: Array.from({ length: 30 }, (_, i) => `الفقرة ${i} <مهمة> & ${'كلام '.repeat(60)}`) };
    const parts = renderFullText(long);
    assert.ok(parts.length > 1);
    for (const part of parts) assert.ok(parseTelegramHtml(part).text.length <= TELEGRAM_TEXT_LIMIT);
    const paragraphs = parts.flatMap((p) => parseTelegramHtml(p).text.split('\n\n').slice(1)).map((p) => p.replace(/^\u200F/, ''));
    assert.deepEqual(paragraphs, long.paragraphs);
  });

  it('numbers the parts in Arabic and keeps each within the limit with the longest title and part number', () => {
    const [japan] = seedArticles();
    // Paragraphs of 3,934 characters fill a part to the brim: a 150-character title and the part
    // number must still fit beside them.
    const paragraphs = Array.from({ length: 12 }, () => 'كلمة '.repeat(787).trim());
    const parts = renderFullText({ ...japan!, title: 'عنوان '.repeat(60), paragraphs });
    assert.ok(parts.length >= 12, `${parts.length} parts`);
    parts.forEach((part, i) => {
      const text = parseTelegramHtml(part).text;
      assert.ok(text.length <= TELEGRAM_TEXT_LIMIT, `part ${i + 1}: ${text.length}`);
      assert.ok(text.split('\n')[0]?.endsWith(`(الجزء ${arabicDigits(i + 1)} من ${arabicDigits(parts.length)})`), text.split('\n')[0]);
    });
  });

  it('splits a single giant paragraph at sentences, then words, never losing text', () => {
    const giant = `${'جملة قصيرة هنا. '.repeat(400)}${'كلمة'.repeat(10)}`;
    const chunks = chunkParagraphs([giant], 1000);
    assert.ok(chunks.every((c) => c.length <= 1000));
    assert.equal(chunks.join(' ').replace(/\s+/g, ' ').trim(), giant.replace(/\s+/g, ' ').trim());
  });
});
