import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PageParseError, parsePage } from '../../src/ingest/parse-page.ts';
import { SEED_FILE } from '../helpers/tmp.ts';
import { WRAPPED_JOINED, WRAPPED_LINES } from '../helpers/wrapped.ts';

const seed = parsePage(readFileSync(SEED_FILE, 'utf8'));

describe('parsePage on the seed page', () => {
  it('finds the two full articles in page order', () => {
    assert.equal(seed.articles.length, 2);
    const [japan, china] = seed.articles;
    assert.equal(japan?.source, 'البوابة نيوز');
    assert.equal(china?.source, 'وكالة بلومبرج للأنباء+رويترز');
    assert.equal(china?.title, 'الصين توافق على تصدير بعض المعادن النادرة قبل المحادثات مع الولايات المتحدة');
    assert.equal(china?.derivedTitle, false);
  });

  it('derives a headline for the untitled main article from its lead clause', () => {
    const japan = seed.articles[0];
    assert.equal(japan?.derivedTitle, true);
    assert.ok(japan?.title.startsWith('اتفق وزير الدفاع الياباني جين ناكاتاني'));
    assert.ok((japan?.title.length ?? 0) <= 100, 'at most 100 characters');
    assert.ok(!japan?.title.endsWith('.'), 'no sentence stop in a headline');
    const lead = japan?.paragraphs[0] ?? '';
    assert.ok(lead.includes(`${japan?.title} `) || lead.includes(`${japan?.title}،`), 'ends on a word boundary of the lead');
  });

  it('keeps paragraphs clean: no boilerplate, blank lines or non-breaking spaces', () => {
    const japan = seed.articles[0];
    assert.equal(japan?.paragraphs.length, 8);
    for (const p of seed.articles.flatMap((a) => a.paragraphs)) {
      assert.ok(p.trim() === p && p.length > 0);
      assert.ok(!p.includes('\u00A0'));
      assert.ok(!p.includes('تابع أحدث الأخبار'));
      assert.ok(!p.startsWith('المصدر'));
    }
  });

  it('recovers multi-word keywords: الولايات المتحدة stays one keyword', () => {
    assert.deepEqual(seed.articles[0]?.keywords, ['الولايات المتحدة', 'اليابان', 'ترامب']);
  });

  it('lists the 10 similar-article headlines without bullets, the rare-earths one among them', () => {
    assert.equal(seed.headlines.length, 10);
    for (const h of seed.headlines) assert.ok(!h.startsWith('•') && h === h.trim());
    assert.ok(seed.headlines.includes(seed.articles[1]?.title ?? '?'));
    assert.equal(seed.headlines[9], 'الولايات المتحدة تنشر 2000 جندي من الحرس الوطني في لوس أنجلوس');
  });

  it('has no header when the page gives none', () => {
    assert.deepEqual(seed.header, {});
  });
});

describe('parsePage on other shapes', () => {
  it('reads an optional header block of date, url and source', () => {
    const page = parsePage('date: 2026-03-01T08:00:00Z\nurl: https://example.com/a/1\nsource: مصدر\n\nنص الخبر الأول هنا.\n');
    assert.deepEqual(page.header, { date: '2026-03-01T08:00:00Z', url: 'https://example.com/a/1', source: 'مصدر' });
    assert.equal(page.articles[0]?.source, 'مصدر');
  });

  const cases: [string, string, (p: ReturnType<typeof parsePage>) => void][] = [
    ['accepts اقرأ أيضا without hamza or tanween', 'خبر أول طويل بما يكفي.\nالمصدر: أ\nاقرأ ايضا:\nعنوان ثان\nنص ثان.\n', (p) => assert.equal(p.articles[1]?.title, 'عنوان ثان')],
    ['accepts Windows line endings and tabs', 'خبر\tأول.\r\n\r\nالمصدر: مصدر\r\n', (p) => assert.equal(p.articles[0]?.source, 'مصدر')],
    ['turns a read-also title with no body into a headline', 'خبر أول.\nإقرأ أيضاً:\nعنوان بلا نص\n', (p) => assert.deepEqual(p.headlines, ['عنوان بلا نص'])],
    ['accepts similar headlines without bullets', 'خبر أول.\nمقالات مشابهة\nعنوان أ\nعنوان ب', (p) => assert.deepEqual(p.headlines, ['عنوان أ', 'عنوان ب'])],
    ['reads a page with no source line', 'خبر بلا مصدر.\nفقرة ثانية.', (p) => assert.equal(p.articles[0]?.source, undefined)],
  ];
  for (const [name, text, check] of cases) it(name, () => check(parsePage(text)));

  it('joins the lines of a page copied from a narrow column, and titles it from the whole lead', () => {
    const page = parsePage(`${WRAPPED_LINES.join('\n')}\nالمصدر: صحيفة الرياض\n`);
    assert.deepEqual(page.articles[0]?.paragraphs, WRAPPED_JOINED);
    assert.ok(page.articles[0]?.title.includes('الإنفلونزا الموسمية'), page.articles[0]?.title);
  });

  const malformed: [string, string][] = [
    ['only boilerplate', 'تابع أحدث الأخبار عبر تطبيق\n\n'],
    ['only a source line', 'المصدر: البوابة نيوز'],
    ['only headlines', 'مقالات مشابهة\n• عنوان أ\n• عنوان ب'],
    ['only whitespace and non-breaking spaces', '\u00A0 \n\t\n'],
  ];
  for (const [name, text] of malformed) {
    it(`rejects a page with ${name}`, () => assert.throws(() => parsePage(text), PageParseError));
  }
});
