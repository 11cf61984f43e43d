import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIndexHeader, decodeIndexFile, encodeIndexFile, IndexFileError } from '../../src/search/index-file.ts';
import { INDEX_FORMAT, SearchIndex } from '../../src/search/search-index.ts';
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

  describe('checkIndexHeader (start-up, header only)', () => {
    const withHeader = (header: object) => {
      const json = Buffer.from(JSON.stringify(header));
      const prefix = Buffer.alloc(8);
      prefix.write('KHSI', 0, 'latin1');
      prefix.writeUInt32LE(json.length, 4);
      return Buffer.concat([prefix, json]);
    };
    it('accepts a whole file', () => assert.deepEqual(checkIndexHeader(file, file.length, INDEX_FORMAT), { ok: true }));
    it('accepts an older layout or format: the cache is rebuilt, not refused', () => {
      for (const header of [{ version: 1, format: INDEX_FORMAT, sections: [] }, { version: 2, format: INDEX_FORMAT - 1, sections: [] }]) {
        const head = withHeader(header);
        assert.deepEqual(checkIndexHeader(head, head.length, INDEX_FORMAT), { ok: true });
      }
    });
    const refused: [string, Buffer, number, RegExp][] = [
      ['empty', Buffer.alloc(0), 0, /empty/],
      ['JSON, not an index', Buffer.from('{"version":1}'), 13, /not a search index file/],
      ['cut inside its header', file.subarray(0, 12), 12, /header is incomplete/],
      ['cut after its header', file, file.length - 8, /cut short \(\d+ of \d+ bytes\)/],
      ['from a newer release', withHeader({ version: 3, format: INDEX_FORMAT, sections: [] }), 100, /newer version/],
    ];
    for (const [what, head, size, problem] of refused) {
      it(`refuses a file ${what}`, () => {
        const check = checkIndexHeader(head, size, INDEX_FORMAT);
        assert.ok(!check.ok && problem.test(check.problem), JSON.stringify(check));
      });
    }
  });
});
