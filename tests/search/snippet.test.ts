import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippet } from '../../src/search/snippet.ts';

const text = 'أعلنت الصين موافقتها على بعض الطلبات لتصدير معادن أرضية نادرة في خطوة قد تخفف من التوترات قبل المفاوضات التجارية بين الولايات المتحدة والصين الأسبوع الجاري';

describe('snippet', () => {
  it('marks matched words, whatever their clitics', () => {
    const parts = snippet(text, [{ term: 'صين', prefix: false }]);
    assert.deepEqual(parts.filter((p) => p.match).map((p) => p.text), ['الصين', 'والصين']);
  });

  it('cuts around the best window and says so', () => {
    const parts = snippet(text, [{ term: 'ولا', prefix: false }, { term: 'متحد', prefix: false }], 6);
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
    const parts = snippet(repeated, [{ term: 'صين', prefix: false }, { term: 'ولا', prefix: false }, { term: 'متحد', prefix: false }], 4);
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
});
