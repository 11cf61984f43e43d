import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedCache } from '../src/bounded-cache.ts';
import { zonedParts } from '../src/digest/time.ts';

describe('BoundedCache', () => {
  it('builds a value once per key, and forgets the oldest beyond its size', () => {
    const cache = new BoundedCache<string, number>(3);
    let built = 0;
    const make = () => ++built;
    for (const key of ['a', 'b', 'a', 'c', 'd', 'e']) cache.get(key, make);
    assert.equal(built, 5, '"a" built once');
    assert.equal(cache.size, 3);
    assert.equal(cache.get('e', make), 5, 'recent keys kept');
    assert.equal(cache.get('a', make), 6, 'the oldest was forgotten and is built again');
  });

  it('keeps zone formatting correct under thousands of spellings of one zone', () => {
    const instant = new Date('2026-06-07T09:00:00Z');
    for (let i = 0; i < 2048; i++) {
      const spelling = [...'Asia/Riyadh'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
      assert.equal(zonedParts(instant, spelling).minutes, 12 * 60);
    }
  });
});
