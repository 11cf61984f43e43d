import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanDisplayText, hasArabic, normalize } from '../../src/text/normalize.ts';

describe('normalize', () => {
  const table: [string, string, string][] = [
    ['folds hamza seats on alef', 'أحمد إبراهيم آمال ٱلله', 'احمد ابراهيم امال الله'],
    ['alef maqsura becomes ya', 'على مستشفى', 'علي مستشفي'],
    ['ta marbuta becomes ha', 'المدينة المنورة', 'المدينه المنوره'],
    ['strips tashkeel', 'سُورِيَةُ العَرَبِيّةُ', 'سوريه العربيه'],
    ['strips tatweel', 'الأخـــبار', 'الاخبار'],
    ['Arabic-Indic digits become ASCII', '٢٠٢٦ ١٢٣', '2026 123'],
    ['Persian digits become ASCII', '۱۴۰۵', '1405'],
    ['drops zero-width and bidi controls', 'ال\u200Bخبر\u200F \u202Bنص\u202C', 'الخبر نص'],
    ['lower-cases Latin', 'CNN و BBC', 'cnn و bbc'],
    ['applies NFKC to presentation forms', 'ﻻ', 'لا'],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.equal(normalize(input), expected));
});

describe('cleanDisplayText', () => {
  it('folds non-breaking and odd spaces but keeps the letters as written', () => {
    assert.equal(cleanDisplayText('\u00A0 وقالت\u00A0“رويترز”  في\t وقت '), 'وقالت “رويترز” في وقت');
  });

  const controls: [string, string, string][] = [
    ['a right-to-left override left open', '\u202Eعاجل: خبر', 'عاجل: خبر'],
    ['embeddings and isolates', '\u202Bخبر\u202C و\u2066Tokyo\u2069', 'خبر وTokyo'],
    ['C0 and C1 controls', 'خبر\u0007\u001B[31m\u0085 عاجل', 'خبر[31m عاجل'],
    ['line separators', 'خبر\u2028عاجل', 'خبر عاجل'],
  ];
  for (const [what, input, expected] of controls) {
    it(`drops ${what}`, () => assert.equal(cleanDisplayText(input), expected));
  }
  it('keeps the marks that reorder nothing (RLM, LRM, ALM)', () => {
    assert.equal(cleanDisplayText('\u200Fخبر \u200E2026\u061C'), '\u200Fخبر \u200E2026\u061C');
  });
});

describe('hasArabic', () => {
  it('tells Arabic text from other scripts', () => {
    assert.equal(hasArabic('Breaking news 2026'), false);
    assert.equal(hasArabic('News عاجل'), true);
  });
});
