import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDetails } from '../../src/domain.ts';
import { sliceDetails } from '../../src/store/body-slice.ts';

const details = (text: string): ArticleDetails => ({ paragraphs: [text, 'فقرة ثانية'], summary: `ملخص ${text}`, digestLine: text });
/** A bucket as the store writes it. */
const bucket = (bodies: Record<string, ArticleDetails>, version = 1) => Buffer.from(JSON.stringify({ version, bodies }));

describe('sliceDetails', () => {
  const tricky: Record<string, ArticleDetails> = {
    first: details('أول خبر'),
    // Text that looks like JSON, quotes, braces and a backslash: only real keys may match.
    quoted: details('قال: "second":{"paragraphs":[]} } ] \\ {'),
    second: details('الخبر الثاني'),
    'معرّف "عربي"': details('معرف غير مألوف'),
    // A string that ends in backslashes, and an escaped quote after one: where a string ends.
    slashes: details('مسار C:\\ و \\\\'),
    escaped: details('اقتباس \\" و \\\\\\" داخل'),
  };
  const text = bucket(tricky);

  for (const id of Object.keys(tricky)) {
    it(`reads "${id}" as a whole parse would`, () => {
      assert.deepEqual(sliceDetails(text, id), JSON.parse(text.toString()).bodies[id]);
    });
  }

  it('says null for an article the bucket does not hold', () => {
    assert.equal(sliceDetails(text, 'absent'), null);
  });

  it('leaves other layouts, cut files and odd shapes to the whole-file read', () => {
    const cases: [string, Buffer][] = [
      ['a future version', bucket(tricky, 2)],
      ['a file cut short', text.subarray(0, text.indexOf('الخبر الثاني'))],
      ['keys in another order', Buffer.from(JSON.stringify({ bodies: tricky, version: 1 }))],
      ['an empty file', Buffer.alloc(0)],
      ['details without paragraphs', bucket({ second: { summary: 'x' } as unknown as ArticleDetails })],
    ];
    for (const [what, t] of cases) assert.equal(sliceDetails(t, 'second'), undefined, what);
  });
});
