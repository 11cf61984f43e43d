import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippet, snippetSource } from '../../src/search/snippet.ts';
import { openingTerms } from '../../src/text/opening-terms.ts';

const text = 'أعلنت الصين موافقتها على بعض الطلبات لتصدير معادن أرضية نادرة في خطوة قد تخفف من التوترات قبل المفاوضات التجارية بين الولايات المتحدة والصين الأسبوع الجاري';

describe('snippet', () => {
  it('marks matched words, whatever their clitics', () => {
    const parts = snippet(text, [{ term: 'صين', prefix: false }]);
    assert.deepEqual(parts.filter((p) => p.match).map((p) => p.text), ['الصين', 'والصين']);
  });

  it('cuts around the best window and says so', () => {
    const parts = snippet(text, [{ term: 'ولاي', prefix: false }, { term: 'متحد', prefix: false }], 6);
    const shown = parts.map((p) => p.text).join('');
    assert.ok(shown.startsWith('… '));
    assert.ok(shown.includes('الولايات المتحدة'));
  });

  it('matches a prefix being typed', () => {
    const parts = snippet(text, [{ term: 'مفاوض', prefix: true }]);
    assert.ok(parts.some((p) => p.match && p.text === 'المفاوضات'));
  });

  it('returns the opening words when nothing matches', () => {
    const parts = snippet(text, [{ term: 'برازيل', prefix: false }], 3);
    assert.deepEqual(parts, [{ text: 'أعلنت الصين موافقتها …', match: false }]);
  });

  it('prefers the window with more distinct words over one word repeated', () => {
    const repeated = 'الصين والصين بالصين الصين كلام آخر هنا ثم جاءت الولايات المتحدة';
    const parts = snippet(repeated, [{ term: 'صين', prefix: false }, { term: 'ولاي', prefix: false }, { term: 'متحد', prefix: false }], 4);
    assert.deepEqual(parts.filter((p) => p.match).map((p) => p.text), ['الولايات', 'المتحدة']);
  });

  it('keeps the earliest of equally good windows', () => {
    const even = 'الصين أولا ثم كلام كثير بعدها ثم الصين ثانيا';
    const parts = snippet(even, [{ term: 'صين', prefix: false }], 2);
    assert.equal(parts.map((p) => p.text).join(''), 'الصين أولا …');
  });

  it('marks the same word the same way however often it is looked up', () => {
    const first = snippet(text, [{ term: 'صين', prefix: false }]);
    const again = snippet(text, [{ term: 'صين', prefix: false }]);
    assert.deepEqual(again, first);
  });

  // A window holding every query term cannot be beaten by a later one: the words after it are
  // not analysed, and the snippet is the one a full scan gives.
  const long = `${text} ${'وقالت وزارة التجارة إن الشركات الأمريكية ستحصل على المعادن النادرة خلال الأسابيع المقبلة. '.repeat(20)}`;
  const cases: { name: string; terms: { term: string; prefix: boolean }[]; size: number; analysedAll: boolean }[] = [
    { name: 'one term found in the opening words', terms: [{ term: 'صين', prefix: false }], size: 24, analysedAll: false },
    { name: 'two terms, both in the first window', terms: [{ term: 'صين', prefix: false }, { term: 'معادن', prefix: false }], size: 24, analysedAll: false },
    { name: 'a prefix term', terms: [{ term: 'مفاوض', prefix: true }], size: 6, analysedAll: false },
    { name: 'a term found later only', terms: [{ term: 'وزار', prefix: false }], size: 6, analysedAll: false },
    { name: 'a term that never occurs', terms: [{ term: 'برازيل', prefix: false }], size: 24, analysedAll: true },
    { name: 'one term found, one never', terms: [{ term: 'صين', prefix: false }, { term: 'برازيل', prefix: false }], size: 24, analysedAll: true },
  ];
  for (const c of cases) {
    it(`stops analysing once every query term is in the window: ${c.name}`, () => {
      const source = snippetSource(long);
      const parts = snippet(source, c.terms, c.size);
      assert.equal(source.analysed.length === source.length, c.analysedAll);
      const full = snippetSource(long);
      full.analyse(full.length - 1);
      assert.equal(full.analysed.length, full.length);
      assert.deepEqual(snippet(full, c.terms, c.size), parts);
      assert.deepEqual(snippet(long, c.terms, c.size), parts);
      const stored = snippetSource(long, openingTerms([long]));
      assert.deepEqual(snippet(stored, c.terms, c.size), parts, 'stored terms give the same snippet');
      assert.deepEqual([stored.stored, stored.analysed.length], [true, 0], 'no word analysed');
    });
  }
});

