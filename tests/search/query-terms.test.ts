import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_QUERY_TERMS, MAX_QUERY_TERMS_WITH_FREQUENT, queryTerms } from '../../src/search/query-terms.ts';

const noStats = () => 0;

describe('queryTerms', () => {
  it('adds the last word as a prefix while it is being typed, spelled as typed', () => {
    const typing = (query: string) => queryTerms(query, noStats, true).map((t) => [t.term, t.word, t.prefix]);
    assert.deepEqual(typing('المعادن النادر'), [['معادن', 'معادن', false], ['نادر', 'نادر', false], ['نادر', 'نادر', true]]);
    assert.deepEqual(typing('ناكات'), [['ناك', 'ناك', false], ['ناكات', 'ناك', true]]);
    assert.deepEqual(typing('المعادن النادرة '), [['معادن', 'معادن', false], ['نادر', 'نادر', false]]);
    assert.deepEqual(typing('ما هي المعادن؟'), [['معادن', 'معادن', false]]);
  });

  it('reads a sent search as whole words: no prefix', () => {
    assert.deepEqual(queryTerms('المعادن النادر', noStats).map((t) => t.prefix), [false, false]);
    assert.deepEqual(queryTerms('ناكات', noStats).map((t) => t.prefix), [false]);
  });

  it('allows typos only on long Arabic words', () => {
    assert.deepEqual(queryTerms('سوق الاستثمارات ', noStats).map((t) => t.fuzzy), [false, true]);
    assert.deepEqual(queryTerms('Investments ', noStats).map((t) => t.fuzzy), [false]);
  });

  it('allows a typo from five letters on a word the index does not hold, from six on one it does', () => {
    const known = (t: string) => (t === 'مشروع' ? 4 : 0);
    // Both are five letters: "مشروع" is known and read as typed, "منتخب" is unknown and may be a typo.
    assert.deepEqual(queryTerms('مشروع منتخب ', known).map((t) => [t.term, t.fuzzy]), [['منتخب', true], ['مشروع', false]]);
    // Four letters stay exact even when unknown: too many neighbours.
    assert.deepEqual(queryTerms('قارب ', noStats).map((t) => t.fuzzy), [false]);
  });

  it('keeps the rarest terms of a headline-length query', () => {
    const df = (t: string) => (t === 'قال' || t === 'يوم' ? 900 : 3);
    const terms = queryTerms('قال يوم الوزير الأمريكي إن المحادثات التجارية مع الصين في لندن كانت مثمرة وبناءة جدا', df);
    assert.ok(terms.length <= MAX_QUERY_TERMS);
    assert.ok(!terms.some((t) => t.term === 'قال' || t.term === 'يوم'));
  });

  // Document frequencies as in a store of 100,000 articles, where most of a headline's words are
  // in thousands of them: those words still say which of the rare words' stories it is.
  const atScale: [headline: string, df: Record<string, number>][] = [
    ['قمة ترامب وبوتين في هلسنكي تنتهي دون اتفاق', { قمه: 900, ترامب: 6_000, بوتين: 2_500, هلسنك: 12, تنت: 700, اتفاق: 4_000 }],
    ['الحكومة العراقية تعلن نتائج الانتخابات البرلمانية في بغداد', { حكوم: 9_000, عراق: 7_000, تعلن: 1_200, نتائج: 1_400, انتخاب: 3_000, برلمان: 1_300, بغداد: 2_000 }],
  ];
  for (const [headline, df] of atScale) {
    it(`keeps every word of "${headline}", however many articles hold it`, () => {
      const terms = queryTerms(headline, (t) => df[t] ?? 0).map((t) => t.term);
      assert.deepEqual(terms.sort(), Object.keys(df).sort());
    });
  }

  // A headline longer than eight terms: past its eight rarest, it keeps the words in thousands of
  // articles (they only narrow what the rarer ones found), not the merely uncommon ninth.
  const longAtScale: [headline: string, df: Record<string, number>, dropped: string[]][] = [
    [
      'كرة القدم: هل يكون النجم المصري محمد صلاح أول لاعب عربي يحرز جائزة الكرة الذهبية؟',
      { يحرز: 370, ذهبي: 1_600, جائز: 1_700, صلاح: 3_500, لاعب: 5_000, قدم: 6_000, نجم: 7_400, كره: 8_300, مصري: 8_700, محمد: 10_200, عربي: 12_000, اول: 20_000 },
      [],
    ],
    [
      'الليرة التركية تتراجع إلى مستوى قياسي جديد أمام الدولار واليورو في أسوأ أسبوع منذ عقدين',
      { تتراجع: 270, اسوا: 400, عقدين: 450, لير: 1_150, يورو: 1_300, قياس: 1_400, دولار: 1_450, اسبوع: 1_480, مستو: 1_490, تركي: 8_000, جديد: 22_000 },
      ['مستو'],
    ],
  ];
  for (const [headline, df, dropped] of longAtScale) {
    it(`keeps the eight rarest terms of "${headline}" and every word of it in thousands of articles`, () => {
      const terms = queryTerms(headline, (t) => df[t] ?? 0).map((t) => t.term);
      assert.deepEqual(terms.sort(), Object.keys(df).filter((t) => !dropped.includes(t)).sort());
    });
  }

  it('bounds a pasted paragraph of frequent words', () => {
    const paragraph = 'قال رئيس الحكومة العراقية في مؤتمر صحفي ببغداد إن الانتخابات البرلمانية المقبلة ستجري في موعدها رغم الخلافات بين الكتل السياسية حول قانون الانتخاب الجديد وتوزيع المقاعد على المحافظات';
    assert.equal(queryTerms(paragraph, () => 2_000).length, MAX_QUERY_TERMS_WITH_FREQUENT);
  });

  it('keeps merely common words of a query: their idf weighs them', () => {
    const df = (t: string) => ({ يوم: 400, ثان: 300, رهن: 10, احتجاز: 47, ساركوز: 8 })[t] ?? 0;
    const terms = queryTerms('ساركوزي.. يوم ثان "رهن الاحتجاز"', df).map((t) => t.term);
    assert.deepEqual(terms, ['ساركوز', 'رهن', 'احتجاز', 'ثان', 'يوم']);
  });

  const clitics: [query: string, df: Record<string, number>, readings: string[][]][] = [
    ['لمشروع', { لمشروع: 3, مشروع: 40 }, [['لمشروع', 'لمشروع'], ['مشروع', 'لمشروع']]],
    ['بالاتفاق كتقرير', { اتفاق: 50, كتقرير: 1, تقرير: 90 }, [['كتقرير', 'كتقرير'], ['اتفاق', 'اتفاق'], ['تقرير', 'كتقرير']]],
    ['لبنان', { لبنان: 300, بنان: 2 }, [['لبنان', 'لبنان']]],
    ['فرنسا', { فرنسا: 300 }, [['فرنسا', 'فرنسا']]],
    ['لقاء', { لقاء: 20, قاء: 30 }, [['لقاء', 'لقاء']]],
  ];
  for (const [query, df, readings] of clitics) {
    it(`reads "${query}" without a leading ل ب ك ف only when the index holds that reading more`, () => {
      const terms = queryTerms(`${query} `, (t) => df[t] ?? 0);
      assert.deepEqual(terms.map((t) => [t.term, t.word]), readings);
    });
  }

  // At 100,000 articles: a word in a third of them or more still says whose story it is.
  const veryCommon: [query: string, df: Record<string, number>][] = [
    ['رئيس أتلتيكو: غريزمان باقٍ.. لن يرحل', { رئيس: 45_000, اتلتيكو: 300, غريزم: 250, باق: 4_000, يرحل: 900 }],
    ['قال ترامب إن القمة مع كيم كانت ناجحة', { قال: 48_000, ترامب: 10_000, قمه: 3_000, كيم: 700, ناجح: 2_500 }],
    ['قال يوم', { قال: 48_000, يوم: 40_000 }],
  ];
  for (const [query, df] of veryCommon) {
    it(`keeps every word of "${query}", even one in most articles`, () => {
      const terms = queryTerms(query, (t) => df[t] ?? 0).map((t) => t.term);
      assert.deepEqual(terms.sort(), Object.keys(df).sort());
    });
  }
});
