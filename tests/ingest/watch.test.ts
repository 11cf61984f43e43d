import assert from 'node:assert/strict';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { watchFolder } from '../../src/ingest/watch.ts';
import { createLogger } from '../../src/logger.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('watchFolder', () => {
  it('reports pages added and changed while running, once each, and nothing already there', async () => {
    const dir = await tempDir();
    await copyFile(SEED_FILE, join(dir, 'existing.txt'));
    const seen: string[][] = [];
    const watcher = await watchFolder(dir, async (files) => void seen.push(files.map((f) => f.split('/').pop() ?? '')), createLogger({ level: 'silent' }));
    try {
      await writeFile(join(dir, 'new.txt'), 'خبر جديد.');
      await writeFile(join(dir, 'notes.md'), 'not a page');
      await eventually(() => seen.flat().includes('new.txt'), 'the new page');
      assert.deepEqual(seen.flat(), ['new.txt']);
      await new Promise((r) => setTimeout(r, 20));
      await writeFile(join(dir, 'new.txt'), 'خبر جديد معدل.');
      await eventually(() => seen.flat().filter((f) => f === 'new.txt').length === 2, 'the changed page');
    } finally {
      watcher.close();
    }
  });
});
