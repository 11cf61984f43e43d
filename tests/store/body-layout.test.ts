import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDetails } from '../../src/domain.ts';
import { type BodyTable, detailsIn, extentToRead, readBodyTable, serializeBodyShard } from '../../src/store/body-layout.ts';

const details = (text: string): ArticleDetails => ({ paragraphs: [text, 'فقرة ثانية'], summary: `ملخص ${text}`, digestLine: text });

// Text that looks like the layout's own JSON, quotes, braces, backslashes and Arabic ids: each
// article must come back byte for byte from its extent alone.
const tricky: Record<string, ArticleDetails> = {
  first: details('أعلنت وزارة الصحة المصرية، اليوم، عن خطة جديدة'),
  quoted: details('قال: "second":{"paragraphs":[]} } ] \\ { },"bodies":{ "at":{'),
  second: details('الخبر الثاني'),
  'معرّف "عربي"': details('معرف غير مألوف'),
  slashes: details('مسار C:\\ و \\\\'),
  escaped: details('اقتباس \\" و \\\\\\" داخل'),
  emoji: details('😀 رموز خارج المستوى الأساسي ‏علامة اتجاه‏'),
};

describe('serializeBodyShard', () => {
  const text = serializeBodyShard({ version: 1, bodies: tricky });
  const bytes = Buffer.from(text);

  it('writes one JSON object: the bodies as before, and the table of where each lies', () => {
    const parsed = JSON.parse(text) as { version: number; at: Record<string, unknown>; bodies: unknown };
    assert.deepEqual(parsed.bodies, tricky);
    assert.equal(parsed.version, 1);
    assert.deepEqual(Object.keys(parsed.at), Object.keys(tricky));
  });

  for (const id of Object.keys(tricky)) {
    it(`gives "${id}" from its extent alone`, () => {
      const table = readBodyTable(bytes, 1) as BodyTable;
      const extent = extentToRead(table, id);
      assert.ok(extent);
      assert.deepEqual(detailsIn(bytes.subarray(extent.position, extent.position + extent.length), extent.key), tricky[id]);
    });
  }

  it('has no extent for an article the bucket does not hold, and an empty bucket has an empty table', () => {
    assert.equal(extentToRead(readBodyTable(bytes, 1) as BodyTable, 'absent'), null);
    const empty = serializeBodyShard({ version: 1, bodies: {} });
    assert.deepEqual(JSON.parse(empty), { version: 1, at: {}, bodies: {} });
    assert.equal((readBodyTable(Buffer.from(empty), 1) as BodyTable).extents.size, 0);
  });
});

describe('readBodyTable', () => {
  const bytes = Buffer.from(serializeBodyShard({ version: 1, bodies: tricky }));

  it('asks for more bytes when they end inside the table', () => {
    for (const cut of [3, 20, bytes.indexOf('"bodies"') - 2]) assert.equal(readBodyTable(bytes.subarray(0, cut), 1), 'more', `cut at ${cut}`);
  });

  it('leaves other layouts and damaged tables to the whole-file read', () => {
    const cases: [string, string][] = [
      ['a bucket written before the table', JSON.stringify({ version: 1, bodies: tricky })],
      ['another version', serializeBodyShard({ version: 2, bodies: tricky })],
      ['an extent that is not two numbers', '{"version":1,"at":{"a":[1]},"bodies":{"a":{}}}'],
      ['a negative extent', '{"version":1,"at":{"a":[-1,2]},"bodies":{"a":{}}}'],
      ['a table that is not JSON', '{"version":1,"at":{"a":[1,2],,},"bodies":{"a":{}}}'],
      ['an empty file', ''],
      ['something else', 'not json at all'],
    ];
    for (const [what, text] of cases) assert.equal(readBodyTable(Buffer.from(text), 1), undefined, what);
  });
});

describe('detailsIn', () => {
  it('refuses bytes that are not the promised article (a file rewritten since its table was read)', () => {
    const one = Buffer.from(`"a":${JSON.stringify(details('نص'))}`);
    assert.deepEqual(detailsIn(one, '"a":'), details('نص'));
    const cases: [string, Buffer, string][] = [
      ['another article at that place', Buffer.from(`"b":${JSON.stringify(details('نص'))}`), '"a":'],
      ['the details cut short', one.subarray(0, one.length - 3), '"a":'],
      ['the details and what follows', Buffer.concat([one, Buffer.from(',"b":{}')]), '"a":'],
      ['not details', Buffer.from('"a":{"summary":"x"}'), '"a":'],
    ];
    for (const [what, bytes, key] of cases) assert.equal(detailsIn(bytes, key), undefined, what);
  });
});
