import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { emptyFeedState, FEED_STATE_FILE, FeedStateRepository } from '../../src/store/feed-state.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('FeedStateRepository', () => {
  it('keeps each feed\'s state across a reopen, with a version', async () => {
    const dir = await tempDir();
    const states = await FeedStateRepository.open(dir);
    assert.deepEqual(states.get('https://a.example/rss'), emptyFeedState());
    await states.set('https://a.example/rss', { ...emptyFeedState(), etag: '"1"', items: 2, itemIds: { g1: 'id1' }, itemLinks: { 'https://a.example/1': 'id1' } });
    const reopened = await FeedStateRepository.open(dir);
    assert.equal(reopened.get('https://a.example/rss').etag, '"1"');
    assert.deepEqual([...reopened.links()], [['https://a.example/1', 'id1']]);
    assert.deepEqual([...reopened.entries()].map(([url, s]) => [url, s.etag]), [['https://a.example/rss', '"1"']]);
    assert.equal(JSON.parse(await readFile(join(dir, FEED_STATE_FILE), 'utf8')).version, 1);
  });

  it('refuses a damaged file and leaves it untouched', async () => {
    const dir = await tempDir();
    const path = join(dir, FEED_STATE_FILE);
    await writeFile(path, '{"version":1,"feeds":{"u":{"failures":"x"}}}');
    await assert.rejects(FeedStateRepository.open(dir), (e: unknown) => e instanceof StoreError && /feed state file is malformed/.test(e.message));
    assert.equal(await readFile(path, 'utf8'), '{"version":1,"feeds":{"u":{"failures":"x"}}}');
  });
});
