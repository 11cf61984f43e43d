import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { emptyFeedState, FEED_STATE_FILE, FeedStateRepository } from '../../src/store/feed-state.ts';
import { tempDir } from '../helpers/tmp.ts';

// What every FeedStateStore does is in contract/feed-state.contract.ts; here, the file.
describe('FeedStateRepository', () => {
  it('writes a versioned file', async () => {
    const dir = await tempDir();
    const states = await FeedStateRepository.open(dir);
    await states.set('https://a.example/rss', { ...emptyFeedState(), etag: '"1"' });
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
