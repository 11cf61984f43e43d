import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poolOnly } from '../../src/store/file-io.ts';
import { type FileSchema, checkVersionedFileEnds, openVersionedFile } from '../../src/store/versioned-file.ts';
import { shortReads } from '../helpers/short-reads.ts';
import { tempDir } from '../helpers/tmp.ts';

interface Doc {
  version: number;
  items: string[];
}

const schema: FileSchema<Doc> = {
  what: 'test',
  version: 2,
  empty: () => ({ version: 2, items: [] }),
  migrations: { 1: (doc) => ({ items: (doc.names as string[]).map((n) => n.toUpperCase()) }) },
};

describe('openVersionedFile', () => {
  it('starts empty when the file does not exist, without writing it', async () => {
    const dir = await tempDir();
    const db = await openVersionedFile(join(dir, 'x.json'), schema);
    assert.deepEqual(db.data, { version: 2, items: [] });
    await assert.rejects(readFile(join(dir, 'x.json')));
  });

  it('migrates an older file, keeping a backup of the original', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.json');
    await writeFile(path, JSON.stringify({ version: 1, names: ['a', 'b'] }));
    const db = await openVersionedFile(path, schema);
    assert.deepEqual(db.data, { version: 2, items: ['A', 'B'] });
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { version: 2, items: ['A', 'B'] });
    assert.deepEqual(JSON.parse(await readFile(`${path}.v1.bak`, 'utf8')), { version: 1, names: ['a', 'b'] });
  });

  it('names the file when it has no version', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.json');
    await writeFile(path, '[1,2,3]');
    await assert.rejects(openVersionedFile(path, schema), new RegExp(`${path}.*no numeric "version"`));
  });
});

describe('checkVersionedFileEnds', () => {
  const whole = JSON.stringify({ version: 2, items: ['خبر أول', 'خبر ثان', 'خبر ثالث', 'خبر رابع', 'خبر خامس', 'خبر سادس'] });
  // [file, what the check says], the same whether reads answer whole or a few bytes at a time.
  const cases: [string, string, RegExp | null][] = [
    ['whole', whole, null],
    ['cut short', whole.slice(0, -12), /cut short \(it does not end a JSON object\)/],
    ['empty', '', /the test file is empty/],
    ['from a newer release', whole.replace('"version":2', '"version":3'), /version 3/],
    // Shorter than the 64 bytes read from each end, and exactly that long.
    ['of 13 bytes', '{"version":2}', null],
    ['of 64 bytes', JSON.stringify({ version: 2, items: ['x'.repeat(38)] }), null],
  ];
  for (const [way, files] of [['reads answered whole', poolOnly], ['reads answered 5 bytes at a time', shortReads(poolOnly, 5).source]] as const) {
    for (const [name, text, refused] of cases) {
      it(`${way}: ${name}`, async () => {
        const path = join(await tempDir(), 'x.json');
        await writeFile(path, text);
        const check = checkVersionedFileEnds(path, schema, 100, files);
        if (refused) await assert.rejects(check, refused);
        else assert.deepEqual(await check, Buffer.from(text).subarray(0, 100));
      });
    }
  }
});
