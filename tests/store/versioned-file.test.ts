import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type FileSchema, openVersionedFile } from '../../src/store/versioned-file.ts';
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
