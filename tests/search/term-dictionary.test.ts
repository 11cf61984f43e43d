import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermDictionary } from '../../src/search/term-dictionary.ts';

describe('TermDictionary', () => {
  const dictionary = new TermDictionary(['معادن', 'معاد', 'معادله', 'مفاوضات', 'يابان']);

  it('numbers terms in the order they arrive, and a known term keeps its number', () => {
    assert.deepEqual([dictionary.id('معادن'), dictionary.id('يابان'), dictionary.id('صين')], [0, 4, undefined]);
    assert.equal(dictionary.add('معادن'), 0);
    assert.equal(dictionary.term(3), 'مفاوضات');
  });

  it('finds longer terms by their beginning, with how many letters were added', () => {
    const found = dictionary.withPrefix('معاد').map((m) => [m.term, m.distance]).sort();
    assert.deepEqual(found, [['معادله', 2], ['معادن', 1]]);
  });

  it('finds terms one typo away, never the term itself', () => {
    assert.deepEqual(dictionary.withinEdits('مفاوضاه', 1).map((m) => m.term), ['مفاوضات']);
    assert.deepEqual(dictionary.withinEdits('يابان', 1), []);
  });
});
