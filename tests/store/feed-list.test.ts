import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { FEEDS_FILE, FeedListRepository } from '../../src/store/feed-list.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('FeedListRepository', () => {
  it('adds once, removes, and reads a hand-written file with names and categories', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [{ url: 'https://a.example/rss', name: 'صحيفة أ', category: 'اقتصاد' }] }));
    const list = await FeedListRepository.open(dir);
    assert.equal(await list.add({ url: 'https://b.example/atom' }), true);
    assert.equal(await list.add({ url: 'https://b.example/atom' }), false, 'already listed');
    assert.equal(await list.remove('https://a.example/rss'), true);
    assert.equal(await list.remove('https://a.example/rss'), false);
    const reopened = await FeedListRepository.open(dir);
    assert.deepEqual(reopened.all(), [{ url: 'https://b.example/atom' }]);
  });

  it('names the broken entry of a hand-edited file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, FEEDS_FILE), JSON.stringify({ version: 1, feeds: [{ url: 'https://a.example/rss' }, { name: 'بلا عنوان' }] }));
    await assert.rejects(FeedListRepository.open(dir), (e: unknown) => e instanceof StoreError && /feed 2 has no "url"/.test(e.message));
  });
});
