import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ArticleDetails } from '../../src/domain.ts';
import { serializeBodyShard } from '../../src/store/body-layout.ts';
import { BodyReader } from '../../src/store/body-reader.ts';
import { AdaptiveIo, type FileIoSource, poolIo } from '../../src/store/file-io.ts';
import { tempDir } from '../helpers/tmp.ts';

const details = (i: number, extra = ''): ArticleDetails => ({
  paragraphs: [`أعلنت الوزارة اليوم الخبر رقم ${i}${extra}`, 'فقرة ثانية'],
  summary: `ملخص الخبر ${i}`,
  digestLine: `سطر الخبر ${i}`,
});

async function bucketDir(files: FileIoSource) {
  const dir = await tempDir();
  const reader = new BodyReader((key) => join(dir, `${key}.json`), 1, files);
  const write = (key: string, bodies: Record<string, ArticleDetails>, text = serializeBodyShard({ version: 1, bodies })) => writeFile(join(dir, `${key}.json`), text);
  return { reader, write };
}

// Reads give the same answers whichever way they reach the disk.
for (const [way, files] of [['synchronously', () => new AdaptiveIo({ now: () => 0 })], ['through the thread pool', () => poolIo]] as const) describe(`BodyReader, reading ${way}`, () => {
  it('reads each article of a bucket whose table is longer than the first read', async () => {
    const { reader, write } = await bucketDir(files());
    const bodies = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`article-${i}`, details(i)]));
    await write('b', bodies);
    for (const [id, d] of Object.entries(bodies)) assert.deepEqual(await reader.read('b', id), d, id);
  });

  it('says null for an article the bucket does not hold and for a bucket with no file', async () => {
    const { reader, write } = await bucketDir(files());
    await write('b', { a: details(1) });
    assert.equal(await reader.read('b', 'absent'), null);
    assert.equal(await reader.read('none', 'a'), null);
  });

  it('reads buckets written before the table, and hands damaged ones to the whole-file read', async () => {
    const { reader, write } = await bucketDir(files());
    await write('old', {}, JSON.stringify({ version: 1, bodies: { a: details(1) } }));
    assert.deepEqual(await reader.read('old', 'a'), details(1));
    const whole = serializeBodyShard({ version: 1, bodies: { a: details(1), b: details(2) } });
    await write('cut', {}, whole.slice(0, whole.length - 40));
    assert.equal(await reader.read('cut', 'b'), undefined);
  });

  it('never gives another article when the file was rewritten behind a remembered table', async () => {
    const { reader, write } = await bucketDir(files());
    await write('b', { a: details(1), b: details(2), c: details(3) });
    assert.deepEqual(await reader.read('b', 'b'), details(2));
    // Rewritten without telling the reader: the first article grew, so every extent moved.
    const rewritten = { a: details(1, ' وتفاصيل أطول بكثير من قبل'), b: details(2, ' معدل'), c: details(3) };
    await write('b', rewritten);
    for (const id of ['b', 'c']) {
      const read = await reader.read('b', id);
      assert.ok(read === undefined || JSON.stringify(read) === JSON.stringify(rewritten[id as 'b' | 'c']), `${id}: ${JSON.stringify(read)}`);
    }
    reader.forget('b');
    assert.deepEqual(await reader.read('b', 'b'), rewritten.b);
    // Two articles of the same length swapped: each remembered extent now frames the other one.
    await write('s', { a: details(1), b: details(2) });
    assert.deepEqual(await reader.read('s', 'a'), details(1));
    await write('s', { b: details(2), a: details(1) });
    assert.notDeepEqual(await reader.read('s', 'a'), details(2));
  });

  it('uses the table learned from a bucket\'s first bytes, and reads it afresh once it proves stale', async () => {
    const { reader, write } = await bucketDir(files());
    await write('b', { a: details(1), b: details(2) });
    // Learned from the bucket as it was before its first article grew: every later extent is off.
    reader.learn('b', Buffer.from(serializeBodyShard({ version: 1, bodies: { a: details(1, ' أطول'), b: details(2) } })));
    assert.equal(await reader.read('b', 'b'), undefined);
    assert.deepEqual(await reader.read('b', 'b'), details(2));
  });
});

describe('BodyReader on a slow disk', () => {
  it('goes on reading right through the thread pool after a slow step, and synchronously again later', async () => {
    // Every step seems to take 5 ms: the disk, not the page cache, answered.
    let clock = 0;
    const files = new AdaptiveIo({ now: () => (clock += 5), slowStepMs: 1, poolAfterSlowMs: 1_000 });
    const { reader, write } = await bucketDir(files);
    await write('b', { a: details(1), b: details(2) });
    assert.deepEqual(await reader.read('b', 'a'), details(1));
    assert.equal(files.synchronous, false);
    assert.deepEqual(await reader.read('b', 'b'), details(2));
    clock += 1_000;
    assert.equal(files.synchronous, true);
    assert.deepEqual(await reader.read('b', 'a'), details(1));
  });
});
