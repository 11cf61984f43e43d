import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeIndexFile, encodeIndexFile, IndexFileError } from '../../src/search/index-file.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const index = SearchIndex.empty();
for (const a of seedArticles()) index.upsert(a);
const snapshot = index.snapshot();
const versions = snapshot.postings.ids.map((_, i) => `2026-01-0${(i % 9) + 1}T00:00:00.000Z`);
const file = encodeIndexFile({ snapshot, versions });

describe('index file', () => {
  it('reads back what it wrote: same versions, same answers', () => {
    const read = decodeIndexFile(file);
    assert.deepEqual(read.versions, versions);
    const restored = SearchIndex.fromSnapshot(read.snapshot);
    for (const query of ['المعادن النادرة', 'اوكيناوا', 'ترامب']) assert.deepEqual(restored?.search(query), index.search(query));
  });

  it('reads a file that starts at an odd place in memory', () => {
    const shifted = Buffer.alloc(file.length + 1);
    file.copy(shifted, 1);
    assert.deepEqual(decodeIndexFile(shifted.subarray(1)).versions, versions);
  });

  const damaged: [string, (b: Buffer) => Buffer][] = [
    ['empty', () => Buffer.alloc(0)],
    ['another kind of file', () => Buffer.from('{"version":1,"index":{}}')],
    ['cut in half', (b) => b.subarray(0, b.length >> 1)],
    ['header garbled', (b) => Buffer.concat([b.subarray(0, 8), Buffer.from('xxxx'), b.subarray(12)])],
    ['a document number out of range', (b) => {
      const copy = Buffer.from(b);
      // The last section is a field's lengths; the docs of field 0 lie well before it. Overwrite
      // every aligned word of the second half with a huge number: some of them are postings.
      for (let at = copy.length >> 1; at + 4 <= copy.length; at += 4) copy.writeUInt32LE(0xfffffff0, at);
      return copy;
    }],
  ];
  it('refuses a posting that names the document one past the last', () => {
    const fields = snapshot.postings.fields.map((f, i) => (i === 2 ? { ...f, docs: f.docs.map((d, j) => (j === f.docs.length - 1 ? snapshot.postings.ids.length : d)) } : f));
    const bad = encodeIndexFile({ snapshot: { ...snapshot, postings: { ...snapshot.postings, fields } }, versions });
    assert.throws(() => decodeIndexFile(bad), /field 2 names a document that does not exist/);
  });

  for (const [what, damage] of damaged) {
    it(`refuses a file ${what}, saying it is damaged`, () => {
      assert.throws(() => decodeIndexFile(damage(file)), (e: unknown) => e instanceof IndexFileError && /damaged/.test(e.message));
    });
  }
});
