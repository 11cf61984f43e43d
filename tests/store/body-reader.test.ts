import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { ArticleDetails } from '../../src/domain.ts';
import { serializeBodyShard } from '../../src/store/body-layout.ts';
import { BodyReader } from '../../src/store/body-reader.ts';
import { AdaptiveIo, type FileIo, type FileIoSource, poolOnly } from '../../src/store/file-io.ts';
import { shortReads } from '../helpers/short-reads.ts';
import { tempDir } from '../helpers/tmp.ts';

const details = (i: number, extra = ''): ArticleDetails => ({
  paragraphs: [`أعلنت الوزارة اليوم الخبر رقم ${i}${extra}`, 'فقرة ثانية'],
  summary: `ملخص الخبر ${i}`,
  digestLine: `سطر الخبر ${i}`,
});

/** Which way served each step: synchronous steps answer with values, the thread pool with promises. */
function recorded(files: FileIoSource) {
  const ways: ('sync' | 'pool')[] = [];
  const tag = <T>(answer: T): T => {
    ways.push(answer instanceof Promise ? 'pool' : 'sync');
    return answer;
  };
  const source: FileIoSource = {
    get io(): FileIo {
      const io = files.io;
      return { open: (path) => tag(io.open(path)), readAt: (fd, length, position) => tag(io.readAt(fd, length, position)), size: (fd) => tag(io.size(fd)), close: (fd) => tag(io.close(fd)) };
    },
  };
  return { source, ways };
}

async function bucketDir(files: FileIoSource) {
  const dir = await tempDir();
  const { source, ways } = recorded(files);
  const reader = new BodyReader((key) => join(dir, `${key}.json`), 1, source);
  const write = (key: string, bodies: Record<string, ArticleDetails>, text = serializeBodyShard({ version: 1, bodies })) => writeFile(join(dir, `${key}.json`), text);
  return { reader, write, ways };
}

// Reads give the same answers whichever way they reach the disk, and go the way they were sent.
for (const [way, files] of [['sync', () => new AdaptiveIo({ now: () => 0 })], ['pool', () => poolOnly]] as const) describe(`BodyReader, ${way === 'sync' ? 'reading synchronously' : 'through the thread pool'}`, () => {
  let lastWays: string[] = [];
  afterEach(() => assert.deepEqual(new Set(lastWays), new Set([way])));
  it('reads each article of a bucket whose table is longer than the first read', async () => {
    const { reader, write, ways } = await bucketDir(files());
    lastWays = ways;
    const bodies = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`article-${i}`, details(i)]));
    await write('b', bodies);
    for (const [id, d] of Object.entries(bodies)) assert.deepEqual(await reader.read('b', id), d, id);
  });

  it('reads each article when reads come back short, and keeps the table rather than read buckets whole', async () => {
    const short = shortReads(files(), 700);
    const { reader, write, ways } = await bucketDir(short.source);
    lastWays = ways;
    const bodies = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`article-${i}`, details(i)]));
    await write('b', bodies);
    for (const [id, d] of Object.entries(bodies)) assert.deepEqual(await reader.read('b', id), d, id);
    assert.equal(short.seen.sizes, 0);
  });

  it('says null for an article the bucket does not hold and for a bucket with no file', async () => {
    const { reader, write, ways } = await bucketDir(files());
    lastWays = ways;
    await write('b', { a: details(1) });
    assert.equal(await reader.read('b', 'absent'), null);
    assert.equal(await reader.read('none', 'a'), null);
  });

  it('reads buckets written before the table, and hands damaged ones to the whole-file read', async () => {
    const { reader, write, ways } = await bucketDir(files());
    lastWays = ways;
    await write('old', {}, JSON.stringify({ version: 1, bodies: { a: details(1) } }));
    assert.deepEqual(await reader.read('old', 'a'), details(1));
    const whole = serializeBodyShard({ version: 1, bodies: { a: details(1), b: details(2) } });
    await write('cut', {}, whole.slice(0, whole.length - 40));
    assert.equal(await reader.read('cut', 'b'), undefined);
  });

  it('never gives another article when the file was rewritten behind a remembered table', async () => {
    const { reader, write, ways } = await bucketDir(files());
    lastWays = ways;
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
    const { reader, write, ways } = await bucketDir(files());
    lastWays = ways;
    await write('b', { a: details(1), b: details(2) });
    // Learned from the bucket as it was before its first article grew: every later extent is off.
    reader.learn('b', Buffer.from(serializeBodyShard({ version: 1, bodies: { a: details(1, ' أطول'), b: details(2) } })));
    assert.equal(await reader.read('b', 'b'), undefined);
    assert.deepEqual(await reader.read('b', 'b'), details(2));
  });
});

describe('BodyReader on a slow disk', () => {
  it('sends the rest of a read through the thread pool once steps are slow, and tries again a while later', async () => {
    // The clock moves 5 ms each time it is read: every timed step seems to take that long.
    const clock = { now: 0 };
    const files = new AdaptiveIo({ now: () => (clock.now += 5), slowStepMs: 1, poolAfterSlowMs: 1_000 });
    const { reader, write, ways } = await bucketDir(files);
    await write('b', { a: details(1), b: details(2) });
    assert.deepEqual(await reader.read('b', 'a'), details(1));
    // The open and the table's first read ran synchronously and were slow: the rest went to the
    // pool (the table's read asks again past the file's end, the bucket being shorter than it asked).
    assert.deepEqual(ways.splice(0), ['sync', 'sync', 'pool', 'pool', 'pool']);
    assert.deepEqual(await reader.read('b', 'b'), details(2));
    assert.deepEqual(ways.splice(0), ['pool', 'pool', 'pool']);
    clock.now += 2_000;
    assert.deepEqual(await reader.read('b', 'a'), details(1));
    assert.equal(ways[0], 'sync');
  });
});
