import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Action, MAX_CALLBACK_BYTES, pack, unpack } from '../../src/callback-data.ts';

describe('callback data', () => {
  const actions: Action[] = [
    { type: 'open', id: 'duMAcFRR3e' },
    { type: 'full', id: 'A-_z09' },
    { type: 'related', id: 'abcdefghijkl' },
    { type: 'findHeadline', id: 'x' },
    { type: 'latest', offset: 0 },
    { type: 'latest', offset: 95 },
    { type: 'search', key: 'k3y_-abc12', offset: 10 },
    { type: 'noop' },
  ];
  for (const action of actions) {
    it(`round-trips ${JSON.stringify(action)} within ${MAX_CALLBACK_BYTES} bytes`, () => {
      const data = pack(action);
      assert.ok(Buffer.byteLength(data) <= MAX_CALLBACK_BYTES);
      assert.deepEqual(unpack(data), action);
    });
  }

  const forged = ['', 'garbage', '2:o:abc', '1:o:', '1:o:has space', '1:o:abcdefghijklm', '1:l:-1', '1:l:01', '1:l:9999999', '1:s:key', '1:o:a:b', '1:x:abc', '1:n:extra', `1:o:${'a'.repeat(70)}`, '1:o:عربي'];
  for (const data of forged) it(`refuses "${data}"`, () => assert.equal(unpack(data), null));

  it('refuses to pack data over 64 bytes', () => {
    assert.throws(() => pack({ type: 'search', key: 'k'.repeat(60), offset: 0 }), RangeError);
  });
});
