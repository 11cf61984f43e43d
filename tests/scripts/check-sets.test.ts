import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveCheckSets, SET_COUNT } from '../../scripts/check-sets.mjs';

const article = (n: number, title = `عنوان الخبر رقم ${n}`) => ({ id: `AN-${n}`, title, text: `نص الخبر رقم ${n}` });

describe('news check sets derived from the ANT corpus', () => {
  const devCorpus = [{ id: 'DEV-1', text: 'نص خبر من مجموعة التطوير' }];
  const devQueries = [{ qid: 'n0', query: 'عنوان من مجموعة التطوير', relevant: ['DEV-1'] }];
  const plain = Array.from({ length: 12 }, (_, i) => article(i));
  const excluded = [
    article(100, 'عنوان مكرر'),
    article(101, ' عنوان  مكرر '),
    { ...article(102), id: 'DEV-1' },
    article(103, 'عنوان من مجموعة التطوير'),
    { ...article(104), text: '  ' },
  ];
  const sets = deriveCheckSets([...excluded, ...plain], devCorpus, devQueries, 3);

  it('draws four disjoint sets of unique-titled articles, none of news-dev, bodies without titles', () => {
    const checks = sets.slice(0, SET_COUNT);
    assert.deepEqual(checks.map((s) => s.name), ['c0', 'c1', 'c2', 'c3']);
    const ids = checks.flatMap((s) => s.corpus.map((d) => d.id));
    assert.equal(new Set(ids).size, 12);
    assert.deepEqual([...ids].sort(), plain.map((a) => a.id).sort());
    for (const set of checks) {
      assert.deepEqual(Object.keys(set.corpus[0]!).sort(), ['id', 'text']);
      set.queries.forEach((q, i) => {
        assert.equal(q.query, plain.find((a) => a.id === set.corpus[i]!.id)!.title);
        assert.deepEqual(q.relevant, [set.corpus[i]!.id]);
      });
    }
  });

  it('is the same draw on every run, whatever the order of the corpus file', () => {
    const again = deriveCheckSets([...plain].reverse().concat(excluded), devCorpus, devQueries, 3);
    assert.deepEqual(again.slice(0, SET_COUNT), sets.slice(0, SET_COUNT));
  });

  it("adds a scale set: news-dev's queries over its articles and every other ANT article", () => {
    const scale = sets[SET_COUNT]!;
    assert.equal(scale.name, 'scale');
    assert.deepEqual(scale.queries, devQueries);
    assert.equal(scale.corpus[0]!.id, 'DEV-1');
    assert.equal(scale.corpus.length, 1 + 12 + 3);
  });

  it('adds the scale set again with its distractors four times over, under fresh ids', () => {
    const scale4 = sets[SET_COUNT + 1]!;
    assert.equal(scale4.name, 'scale4');
    assert.deepEqual(scale4.queries, devQueries);
    assert.equal(scale4.corpus.length, 1 + 4 * (12 + 3));
    assert.equal(new Set(scale4.corpus.map((d) => d.id)).size, scale4.corpus.length);
    assert.equal(scale4.corpus.filter((d) => d.text === plain[0]!.text).length, 4);
  });

  it('refuses to draw sets smaller than asked', () => {
    assert.throws(() => deriveCheckSets(plain, devCorpus, devQueries, 4), /only 12 eligible articles/);
  });
});
