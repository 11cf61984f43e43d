import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AdaptiveIo, type FileIo, bodyFilesFor, poolIo, poolOnly, readFully } from '../../src/store/file-io.ts';
import { shortReads } from '../helpers/short-reads.ts';
import { tempDir } from '../helpers/tmp.ts';

/** A clock that moves `step` ms each time it is read: each timed step seems to take that long. */
function steppingClock(step: number) {
  const clock = { now: 0, step };
  return { clock, now: () => (clock.now += clock.step) };
}

async function readWhole(io: FileIo, path: string): Promise<string> {
  const fd = await io.open(path);
  try {
    return (await io.readAt(fd, await io.size(fd), 0)).toString();
  } finally {
    await io.close(fd);
  }
}

describe('AdaptiveIo', () => {
  it('reads synchronously while every step is quick', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.json'), 'خبر عاجل');
    const { now } = steppingClock(0.01);
    const files = new AdaptiveIo({ now, slowStepMs: 1 });
    for (let i = 0; i < 3; i++) {
      const io = files.io;
      assert.notEqual(io, poolIo);
      // Synchronous steps answer with values, not promises.
      const fd = io.open(join(dir, 'a.json'));
      assert.equal(typeof fd, 'number');
      assert.equal((io.readAt(fd as number, 64, 0) as Buffer).toString(), 'خبر عاجل');
      io.close(fd as number);
    }
    assert.equal(files.synchronous, true);
  });

  it('turns to the thread pool for a while after slow steps, then tries synchronous reads again', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.json'), 'نص المقال');
    const { clock, now } = steppingClock(0.01);
    const files = new AdaptiveIo({ now, slowStepMs: 1, poolAfterSlowMs: 60_000 });
    assert.equal(await readWhole(files.io, join(dir, 'a.json')), 'نص المقال');
    assert.equal(files.synchronous, true);
    clock.step = 5;
    assert.equal(await readWhole(files.io, join(dir, 'a.json')), 'نص المقال');
    clock.step = 0.01;
    assert.equal(files.io, poolIo);
    assert.equal(await readWhole(files.io, join(dir, 'a.json')), 'نص المقال');
    clock.now += 60_000;
    assert.notEqual(files.io, poolIo);
  });

  it('takes one slow step for the machine busy elsewhere, and a second one soon after for a slow disk', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.json');
    await writeFile(path, 'نص المقال');
    const { clock, now } = steppingClock(0.01);
    const files = new AdaptiveIo({ now, slowStepMs: 1, poolAfterSlowMs: 60_000 });
    const slowOpenQuickClose = () => {
      clock.step = 5;
      const fd = files.io.open(path) as number;
      clock.step = 0.01;
      files.io.close(fd);
    };
    slowOpenQuickClose();
    assert.equal(files.synchronous, true);
    // Fifty quick steps later, a slow one is again taken for a one-off.
    for (let i = 0; i < 25; i++) files.io.close(files.io.open(path) as number);
    slowOpenQuickClose();
    assert.equal(files.synchronous, true);
    slowOpenQuickClose();
    assert.equal(files.synchronous, false);
    assert.equal(files.io, poolIo);
  });

  it('a failing step still counts its time, and its error reaches the reader', async () => {
    const dir = await tempDir();
    const { clock, now } = steppingClock(5);
    const files = new AdaptiveIo({ now, slowStepMs: 1, poolAfterSlowMs: 60_000 });
    for (let i = 0; i < 2; i++) assert.throws(() => files.io.open(join(dir, 'missing.json')), { code: 'ENOENT' });
    clock.step = 0;
    assert.equal(files.synchronous, false);
    await assert.rejects(Promise.resolve(files.io.open(join(dir, 'missing.json'))), { code: 'ENOENT' });
  });

  it('reads short at the end of a file either way', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.json'), '12345');
    for (const io of [new AdaptiveIo({ now: () => 0 }).io, poolIo]) {
      const fd = await io.open(join(dir, 'a.json'));
      assert.equal((await io.readAt(fd, 100, 2)).toString(), '345');
      assert.equal((await io.readAt(fd, 100, 10)).length, 0);
      await io.close(fd);
    }
  });
});

describe('readFully', () => {
  it('asks again after a short read until it has the bytes asked for or the file ends', async () => {
    const dir = await tempDir();
    const text = 'أعلنت الوزارة اليوم نتائج الامتحانات';
    await writeFile(join(dir, 'a.json'), text);
    const bytes = Buffer.from(text);
    assert.equal(bytes.length, 68);
    // [at most this many bytes a read (a network file system may answer short), from, asked, reads made]
    const cases = [
      [3, 0, 68, 23], // 22 reads of 3 bytes and one of 2
      [7, 4, 20, 3],
      [5, 10, 1_000, 13], // 12 reads hold the 58 bytes to the end; the 13th finds the end
      [1_000, 0, 8, 1], // answered whole at once
      [1_000, 60, 100, 2], // short only because the file ends: one more read finds that
      [1_000, 68, 10, 1], // at the end already
      [1_000, 90, 10, 1], // past the end
      [3, 5, 0, 0], // nothing asked, nothing read
    ] as const;
    for (const [cap, position, length, reads] of cases) {
      const { source, seen } = shortReads(poolOnly, cap);
      const fd = await poolIo.open(join(dir, 'a.json'));
      try {
        assert.deepEqual(await readFully(source, fd, length, position), bytes.subarray(position, position + length), `cap ${cap}, from ${position}`);
        assert.equal(seen.reads, reads, `cap ${cap}, from ${position}`);
      } finally {
        await poolIo.close(fd);
      }
    }
  });
});

describe('bodyFilesFor', () => {
  it('gives the way BODY_READS names: always the pool, or a fresh adaptive way for each store', () => {
    assert.equal(bodyFilesFor('thread-pool'), poolOnly);
    const [a, b] = [bodyFilesFor('adaptive'), bodyFilesFor('adaptive')];
    assert.ok(a instanceof AdaptiveIo && b instanceof AdaptiveIo);
    // Each store times its own steps: one store's slow disk does not send another's reads to the pool.
    assert.notEqual(a, b);
  });
});
