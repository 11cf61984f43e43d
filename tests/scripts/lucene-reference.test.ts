import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, normalize, stem } from '../../scripts/lucene-arabic.mjs';
import { buildIndex, decodedLength, search } from '../../scripts/lucene-reference.mjs';

// Expected terms worked out by hand from Lucene's ArabicNormalizer and ArabicStemmer rules.
describe('Lucene Arabic analyzer rules: normaliser then stemmer', () => {
  const cases: [word: string, term: string, why: string][] = [
    ['الكتاب', 'كتاب', 'ال'],
    ['والمعلمون', 'معلم', 'وال, then ون'],
    ['بالمدرسة', 'مدرس', 'ة → ه, بال, then ه'],
    ['كالبحر', 'بحر', 'كال'],
    ['للطلاب', 'طلاب', 'لل'],
    ['أمريكية', 'امريك', 'أ → ا, ة → ه, then يه'],
    ['سيارات', 'سيار', 'ات'],
    ['مهندسين', 'مهندس', 'ين'],
    ['الكتابان', 'كتاب', 'ال, then ان'],
    ['كتابها', 'كتاب', 'ها'],
    ['معانيها', 'معان', 'ها, then ي on what is left'],
    ['وزير', 'زير', 'و comes off a word of four letters'],
    ['ولد', 'ولد', 'و stays on a word of three'],
    ['والوزير', 'وزير', 'one prefix only: وال, not و after it'],
    ['بيه', 'بي', 'ه comes off; ي would leave one letter'],
    ['إسلام', 'اسلام', 'إ → ا'],
    ['آمال', 'امال', 'آ → ا'],
    ['مصطفى', 'مصطف', 'ى → ي, then ي'],
    ['مُدَرِّسَة', 'مدرس', 'harakat removed'],
    ['العـــربية', 'عرب', 'tatweel removed, ال, then يه'],
    ['كتابا', 'كتابا', 'no rule for the accusative alef'],
  ];
  for (const [word, term, why] of cases) {
    it(`${word} → ${term} (${why})`, () => {
      assert.equal(stem(normalize(word)), term);
      assert.deepEqual(analyze(word), [term]);
    });
  }

  it('drops stop words before normalising, as Lucene does', () => {
    assert.deepEqual(analyze('على'), []);
    assert.deepEqual(analyze('إلى الى'), []);
    // علي is not on the list, so it is normalised and stemmed like any word.
    assert.deepEqual(analyze('علي'), ['عل']);
  });

  it('tokenises a sentence, lowercases Latin and folds Arabic-Indic digits', () => {
    assert.deepEqual(analyze('قال الرئيس إن الوزير في القاهرة'), ['قال', 'رئيس', 'وزير', 'قاهر']);
    assert.deepEqual(analyze('ساركوزي رهن الاحتجاز'), ['ساركوز', 'رهن', 'احتجاز']);
    assert.deepEqual(analyze('تقرير CNN عام ٢٠١٨'), ['تقرير', 'cnn', 'عام', '2018']);
  });
});

describe('Lucene BM25 reference', () => {
  // Terms: d1 [كتاب, طاول], d2 [قرا, طلاب, كتابا, جديدا], d3 [ذهب, طلاب, مدرس]; average length 3.
  const docs = [
    { id: 'd1', text: 'الكتاب على الطاولة' },
    { id: 'd2', text: 'قرأ الطلاب كتابا جديدا' },
    { id: 'd3', text: 'ذهب الطلاب إلى المدرسة' },
  ];
  const index = buildIndex(docs);

  it('keeps Lucene field statistics', () => {
    assert.equal(index.docCount, 3);
    assert.equal(index.avgdl, 3);
  });

  it('ranks the rare term first and the shorter of two equal matches above the longer', () => {
    // d1: ln(1 + 2.5/1.5) / (1 + 1.2 × (0.25 + 0.75 × 2/3)) ≈ 0.516; d3: ln(1.6) / 2.2 ≈ 0.214;
    // d2: ln(1.6) / (1 + 1.2 × (0.25 + 0.75 × 4/3)) ≈ 0.188.
    assert.deepEqual(search(index, 'كتاب الطلاب', 10), ['d1', 'd3', 'd2']);
    assert.deepEqual(search(index, 'كتاب الطلاب', 2), ['d1', 'd3']);
  });

  it('matches analysed terms only, and gives equal scores to the earlier document', () => {
    assert.deepEqual(search(index, 'كتابا', 10), ['d2']);
    assert.deepEqual(search(index, 'طلاب', 10), ['d3', 'd2']);
    assert.deepEqual(search(buildIndex([docs[2]!, { id: 'd4', text: 'ذهب' }, { id: 'd5', text: 'ذهب' }]), 'ذهب', 10), ['d4', 'd5', 'd3']);
    assert.deepEqual(search(index, 'سيارة في', 10), []);
  });

  it("stores lengths in Lucene's one-byte norm: exact below 24, then four significant bits", () => {
    const table: [number, number][] = [[0, 0], [23, 23], [24, 24], [31, 31], [32, 32], [41, 40], [124, 120]];
    for (const [length, decoded] of table) assert.equal(decodedLength(length), decoded, `length ${length}`);
    // BM25 scores with the stored length, while the average comes from exact counts.
    const long = buildIndex([{ id: 'long', text: Array.from({ length: 41 }, (_, i) => `خبر${i}`).join(' ') }]);
    assert.equal(long.lengths[0], 40);
    assert.equal(long.avgdl, 41);
  });
});
