import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { FEEDS_FILE, FeedListRepository } from '../../src/store/feed-list.ts';
import { tempDir } from '../helpers/tmp.ts';

// What every FeedListStore does is in contract/feed-list.contract.ts; here, the file.
describe('FeedListRepository', () => {
  it('reads a hand-written file with names and categories', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [{ url: 'https://a.example/rss', name: 'صحيفة أ', category: 'اقتصاد' }] }));
    const list = await FeedListRepository.open(dir);
    assert.deepEqual(list.all(), [{ url: 'https://a.example/rss', name: 'صحيفة أ', category: 'اقتصاد' }]);
  });

  it('names the broken entry of a hand-edited file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [{ url: 'https://a.example/rss' }, { name: 'بلا عنوان' }] }));
    await assert.rejects(FeedListRepository.open(dir), (e: unknown) => e instanceof StoreError && /feed 2 has no "url"/.test(e.message));
  });
});
