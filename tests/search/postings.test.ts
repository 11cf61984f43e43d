import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bm25, idf } from '../../src/search/bm25.ts';
import { Postings } from '../../src/search/postings.ts';
import { ScoreBoard } from '../../src/search/score-board.ts';

const PARAMS = { k: 1.2, b: 0.75, d: 0.5 };
// Two fields (title, body) that count toward document frequency, and one (roots) that does not.
const docs: [id: string, headline: boolean, fields: string[][]][] = [
  ['a', false, [['صين', 'معادن'], ['صين', 'صدر', 'معادن', 'نادر', 'معادن'], ['صين']]],
  ['b', false, [['يابان', 'دفاع'], ['وزير', 'دفاع', 'يابان', 'صين'], ['يابن']]],
  ['c', true, [['معادن', 'نادر'], [], []]],
];

const build = () => {
  const p = new Postings(3, 2);
  for (const [id, headline, fields] of docs) p.add(id, headline, fields);
  return p;
};

/** Scores of one term in one field, by id. */
function scores(p: Postings, field: number, term: string): Record<string, number> {
  const board = new ScoreBoard();
  board.reset(p.capacity);
  const id = p.dictionary.id(term);
  if (id !== undefined) p.score(field, id, 1, PARAMS, board, 1);
  return Object.fromEntries(board.top(10, () => true).map((s) => [p.id(s.doc), s.score]));
}

/** BM25 by hand from the document table above. */
function expected(field: number, term: string, live = docs): Record<string, number> {
  const lengths = live.map(([, , f]) => new Set(f[field]).size);
  const avg = lengths.reduce((a, b) => a + b, 0) / live.length;
  const holding = live.filter(([, , f]) => f[field]?.includes(term));
  return Object.fromEntries(holding.map(([id, , f]) => {
    const tf = f[field]?.filter((t) => t === term).length ?? 0;
    return [id, bm25(tf, new Set(f[field]).size, avg, idf(holding.length, live.length), PARAMS)];
  }));
}

const close = (actual: Record<string, number>, wanted: Record<string, number>) => {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(wanted).sort());
  for (const [id, score] of Object.entries(wanted)) assert.ok(Math.abs((actual[id] ?? 0) - score) < 1e-9, `${id}: ${actual[id]} ≠ ${score}`);
};

describe('Postings', () => {
  const cases: [field: number, term: string][] = [[0, 'معادن'], [1, 'معادن'], [1, 'صين'], [1, 'دفاع'], [2, 'يابن'], [0, 'وزير']];
  for (const [field, term] of cases) {
    it(`scores "${term}" in field ${field} as BM25 does, before and after compaction`, () => {
      const p = build();
      close(scores(p, field, term), expected(field, term));
      p.compact();
      close(scores(p, field, term), expected(field, term));
    });
  }

  it('counts document frequency over the counted fields only', () => {
    const p = build();
    assert.deepEqual(['صين', 'معادن', 'يابن', 'برازيل'].map((t) => p.documentFrequency(t)), [2, 2, 0, 0]);
    p.compact();
    assert.deepEqual(['صين', 'معادن', 'يابن'].map((t) => p.documentFrequency(t)), [2, 2, 0]);
  });

  it('forgets a removed document at once, and its words at the next compaction', () => {
    const p = build();
    p.remove('b');
    assert.equal(p.size, 2);
    assert.equal(p.has('b'), false);
    // Until compaction the removed document still counts in document frequencies (as in MiniSearch).
    assert.deepEqual(Object.keys(scores(p, 1, 'صين')), ['a']);
    assert.deepEqual(scores(p, 0, 'يابان'), {});
    p.compact();
    assert.equal(p.capacity, 2);
    assert.equal(p.dictionary.id('يابان'), undefined, 'a word no document holds is dropped');
    close(scores(p, 1, 'صين'), expected(1, 'صين', docs.filter(([id]) => id !== 'b')));
  });

  it('replaces a document added again under the same id', () => {
    const p = build();
    p.add('a', false, [['برازيل'], ['برازيل'], []]);
    assert.equal(p.size, 3);
    assert.deepEqual(Object.keys(scores(p, 0, 'صين')), []);
    assert.deepEqual(Object.keys(scores(p, 0, 'برازيل')), ['a']);
    p.compact();
    assert.deepEqual(Object.keys(scores(p, 0, 'برازيل')), ['a']);
  });

  it('keeps headline flags and ids through compaction and a snapshot', () => {
    const p = build();
    p.remove('a');
    const restored = new Postings(3, 2, p.snapshot());
    assert.deepEqual([0, 1].map((doc) => [restored.id(doc), restored.isHeadline(doc)]), [['b', false], ['c', true]]);
    close(scores(restored, 0, 'نادر'), expected(0, 'نادر', docs.filter(([id]) => id !== 'a')));
  });

  it('answers from recent additions and compacted arrays together', () => {
    const p = build();
    p.compact();
    p.add('d', false, [['معادن'], ['معادن', 'صين'], []]);
    const all = [...docs, ['d', false, [['معادن'], ['معادن', 'صين'], []]]] as typeof docs;
    close(scores(p, 1, 'صين'), expected(1, 'صين', all));
    close(scores(p, 0, 'معادن'), expected(0, 'معادن', all));
  });

  it('adds a narrowing field only to documents the query has already matched', () => {
    const p = build();
    const board = new ScoreBoard();
    board.reset(p.capacity);
    p.score(0, p.dictionary.id('يابان') as number, 1, PARAMS, board, 1); // matches b only
    p.score(1, p.dictionary.id('صين') as number, 1, PARAMS, board, 2, 'narrows'); // a and b hold it
    const top = board.top(10, () => true);
    assert.deepEqual(top.map((s) => [p.id(s.doc), s.mask]), [['b', 3]]);
  });

  it('saturates repeats at 255 in its byte', () => {
    const p = new Postings(1, 1);
    p.add('x', false, [Array(300).fill('قمح')]);
    p.add('y', false, [['شعير']]);
    const board = new ScoreBoard();
    board.reset(p.capacity);
    p.score(0, p.dictionary.id('قمح') as number, 1, PARAMS, board, 1);
    const [hit] = board.top(1, () => true);
    assert.ok(Math.abs((hit?.score ?? 0) - bm25(255, 1, 1, idf(1, 2), PARAMS)) < 1e-9);
  });

  it('refuses a snapshot with another number of fields', () => {
    assert.throws(() => new Postings(4, 3, build().snapshot()), /3 fields, expected 4/);
  });
});
