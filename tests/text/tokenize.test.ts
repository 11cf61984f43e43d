import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords, tokenize } from '../../src/text/tokenize.ts';

describe('tokenize', () => {
  const table: [string, string, string[]][] = [
    ['splits on spaces and punctuation', 'قال ترامب: "الصين تسرق"!', ['قال', 'ترامب', 'الصين', 'تسرق']],
    ['keeps a word whole across diacritics', 'مُحَمَّد', ['محمد']],
    ['keeps decimals as one token', 'نما 2.5 بالمئة', ['نما', '2.5', 'بالمئه']],
    ['splits Arabic from Latin', 'شركةApple', ['شركهapple']],
    ['splits on the Arabic comma and semicolon', 'أولا،ثانيا؛ثالثا', ['اولا', 'ثانيا', 'ثالثا']],
    ['handles hyphenated compounds', 'الأمريكية-اليابانية', ['الامريكيه', 'اليابانيه']],
    ['reads Arabic-Indic numbers', 'عام ٢٠٢٦', ['عام', '2026']],
    ['returns nothing for punctuation only', '… — !!', []],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.deepEqual(tokenize(input), expected));
});

describe('countWords', () => {
  const texts = [
    'عمان - الرأي - أكد المهندس',
    'نما الاقتصاد ٢٫٥ بالمئة و2.5 بالمئة عام 1770م',
    'مُحَمَّدٌ رَسُولُ اللّٰه',
    'الـــعـــربـــيـــة «المعادن» (النادرة)، نعم!',
    'Rare-earth metals, ﻻ شك',
    '… - ، .',
    'كيف كان عرضك الأخير؟ ـ قدمت في عرض روما مجموعة',
    'ـــ ً الشهر المقبل',
  ];
  for (const text of texts) it(`counts what tokenize finds: ${text}`, () => assert.equal(countWords(text), tokenize(text).length));
  it('counts one more, never fewer, where an invisible joiner sits inside a word', () => {
    assert.equal(tokenize('می‌خواهم').length, 1);
    assert.equal(countWords('می‌خواهم'), 2);
  });
});
