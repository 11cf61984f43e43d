import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processTerm } from '../../src/text/analyze.ts';
import { ANALYSIS_STAMP, openingTerms, openingWords, SNIPPET_SCAN_WORDS, termOfWord, trustedTerms } from '../../src/text/opening-terms.ts';

describe('openingWords', () => {
  it('keeps punctuation with its word and stops at the scan limit, leading spaces or not', () => {
    assert.deepEqual(openingWords('  قال الرئيس: «نعم»،  ثم غادر. '), ['قال', 'الرئيس:', '«نعم»،', 'ثم', 'غادر.']);
    const many = Array.from({ length: SNIPPET_SCAN_WORDS + 5 }, (_, i) => `كلمة${i}`);
    for (const text of [many.join(' '), ` \n${many.join('  ')}`]) {
      assert.deepEqual(openingWords(text), many.slice(0, SNIPPET_SCAN_WORDS));
    }
  });
});

describe('openingTerms', () => {
  const table: { word: string; term: string | null }[] = [
    { word: 'والصين', term: processTerm('والصين') },
    { word: '«الأهرام»', term: 'اهرام' },
    { word: 'مُحَمَّد', term: 'محمد' },
    { word: 'في', term: null },
    { word: '٢٠١٨', term: '2018' },
    { word: '—', term: null },
  ];
  for (const { word, term } of table) {
    it(`gives "${word}" the term the analysis gives it (${term ?? 'none'})`, () => {
      assert.equal(termOfWord(word), term);
    });
  }

  it('stores one term per opening word, empty where a word has none, stamped with the analysis', () => {
    const stored = openingTerms(table.slice(0, 3).map((t) => t.word).concat(['في ٢٠١٨ —']));
    assert.equal(stored?.analysis, ANALYSIS_STAMP);
    assert.deepEqual(stored?.terms.split(' '), table.map((t) => t.term ?? ''));
  });

  it('trusts stored terms only when made by this analysis', () => {
    const stored = openingTerms(['أعلنت الصين موافقتها']);
    assert.deepEqual(trustedTerms(stored)?.split(' '), [termOfWord('أعلنت'), 'صين', termOfWord('موافقتها')]);
    assert.equal(trustedTerms(stored && { ...stored, analysis: 'older' }), undefined, 'another analysis');
    assert.equal(trustedTerms(undefined), undefined, 'an older store');
  });

  it('stores nothing for a body without words, and one empty term for a word without one', () => {
    assert.equal(openingTerms(['', '  ']), undefined);
    assert.equal(openingTerms(['في'])?.terms, '');
  });
});
