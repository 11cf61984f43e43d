import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bitCount, ScoreBoard, UNCOUNTED_BIT } from '../../src/search/score-board.ts';

describe('bitCount', () => {
  const table: [number, number][] = [[0, 0], [1, 1], [0b1011, 3], [0xffffffff, 32], [2 ** 31, 1]];
  for (const [mask, count] of table) it(`counts ${count} bits in ${mask}`, () => assert.equal(bitCount(mask), count));
});

describe('ScoreBoard', () => {
  it('multiplies a score by the square root of the number of query words matched, best first', () => {
    const board = new ScoreBoard();
    board.reset(10);
    board.add(1, 3, 1); // one word, strong: 3
    board.add(2, 1, 1);
    board.add(2, 1, 2); // two words: 2 × √2
    board.add(3, 1.2, 1);
    board.add(3, 1.2, 2); // two words: 2.4 × √2, above the strong single word
    assert.deepEqual(board.top(5, () => true).map((s) => [s.doc, Math.round(s.score * 1000) / 1000]), [[3, 3.394], [1, 3], [2, 2.828]]);
  });

  it('adds an uncounted match to the score but not to the words matched', () => {
    const board = new ScoreBoard();
    board.reset(10);
    board.add(1, 2, 1);
    board.add(1, 2, UNCOUNTED_BIT); // 4 × √1, not 4 × √2
    board.add(2, 2, UNCOUNTED_BIT); // only a longer word: still found
    assert.deepEqual(board.top(5, () => true).map((s) => [s.doc, s.score]), [[1, 4], [2, 2]]);
  });

  it('keeps the best `limit` of many, skipping what the filter rejects, ties by document order', () => {
    const board = new ScoreBoard();
    board.reset(1000);
    for (let doc = 0; doc < 1000; doc++) board.add(doc, doc % 100, 1);
    const top = board.top(4, (doc) => doc !== 999);
    assert.deepEqual(top.map((s) => s.doc), [99, 199, 299, 399]);
  });

  it('starts each query from zero and grows with the index', () => {
    const board = new ScoreBoard();
    board.reset(2);
    board.add(1, 5, 1);
    board.reset(5000);
    board.add(4999, 1, 1);
    assert.deepEqual(board.top(5, () => true).map((s) => [s.doc, s.score]), [[4999, 1]]);
    assert.deepEqual(board.top(0, () => true), []);
  });

  it('clears every document a query touched, however many (more than the list first holds)', () => {
    const board = new ScoreBoard();
    board.reset(10_000);
    for (let doc = 0; doc < 10_000; doc++) board.add(doc, 1 + (doc % 7), 1);
    assert.equal(board.top(3, () => true).length, 3);
    board.reset(10_000);
    for (const doc of [9_999, 5_000, 1]) assert.equal(board.hasMatched(doc), false);
    board.add(5_000, 1, 1);
    assert.deepEqual(board.top(5, () => true).map((s) => [s.doc, s.score]), [[5_000, 1]]);
  });
});
