import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
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

  it('sees pages in sub-folders and with ".TXT" in any case, as start-up ingestion does', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'الرياضة', '2026'), { recursive: true });
    const seen: string[] = [];
    const watcher = await watchFolder(dir, async (files) => void seen.push(...files.map((f) => relative(dir, f))), createLogger({ level: 'silent' }));
    try {
      await writeFile(join(dir, 'الرياضة', '2026', 'page.txt'), 'خبر جديد.');
      await writeFile(join(dir, 'الرياضة', 'UPPER.TXT'), 'خبر آخر.');
      await eventually(() => seen.length === 2, 'both pages');
      assert.deepEqual(seen.sort(), [join('الرياضة', '2026', 'page.txt'), join('الرياضة', 'UPPER.TXT')].sort());
    } finally {
      watcher.close();
    }
  });
});
