import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePage, MAX_PAGE_BYTES } from '../../src/ingest/validate-page.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodePage', () => {
  const rejected: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(), /empty/],
    ['whitespace only', bytes(' \n\t\n'), /empty/],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Windows-1256 text', new Uint8Array([0xc7, 0xe1, 0xd5, 0xed, 0xe4]), /UTF-8/],
    ['English only', bytes('Breaking news in English only.'), /no Arabic/],
    ['a page over 5 MB', bytes('خبر '.repeat(MAX_PAGE_BYTES / 6)), /larger than 5 MB/],
  ];
  for (const [name, input, reason] of rejected) {
    it(`rejects ${name} with a reason`, () => {
      const result = decodePage(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, reason);
    });
  }

  it('accepts UTF-8 Arabic, with or without a byte-order mark', () => {
    assert.deepEqual(decodePage(bytes('خبر عاجل')), { ok: true, text: 'خبر عاجل' });
    assert.deepEqual(decodePage(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('خبر')])), { ok: true, text: 'خبر' });
  });
});
