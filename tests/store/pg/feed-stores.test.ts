// Two instances on one database: the feed list and feed state one changes, the other sees.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { emptyFeedState } from '../../../src/store/feed-state.ts';
import { PgFeedListStore, PgFeedStateStore } from '../../../src/store/pg/feed-stores.ts';
import { eventually } from '../../helpers/bot-harness.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { testLogger } from '../contract/backends.ts';

describe('PostgreSQL feed stores across instances', { skip: pgSkip }, () => {
  it('shows feeds added, removed and polled on A in B', async (t) => {
    const { url } = await freshDatabase();
    const instance = async () => {
      const pool = new pg.Pool({ connectionString: url, max: 3 });
      pool.on('error', () => undefined);
      const stores = { list: await PgFeedListStore.open(pool, testLogger), state: await PgFeedStateStore.open(pool, testLogger) };
      t.after(async () => {
        await Promise.all([stores.list.close(), stores.state.close()]);
        await pool.end();
      });
      return stores;
    };
    const a = await instance();
    const b = await instance();
    await a.list.add({ url: 'https://a.example/rss', name: 'صحيفة أ' });
    await a.list.add({ url: 'https://b.example/atom' });
    await eventually(() => b.list.all().length === 2, 'B to see both feeds');
    assert.deepEqual(b.list.all().map((f) => f.url), ['https://a.example/rss', 'https://b.example/atom']);
    await a.state.set('https://a.example/rss', { ...emptyFeedState(), etag: '"7"', itemLinks: { 'https://a.example/1': 'id1' } });
    await eventually(() => b.state.get('https://a.example/rss').etag === '"7"', "B to see A's poll");
    assert.deepEqual([...b.state.links()], [['https://a.example/1', 'id1']]);
    await a.list.remove('https://a.example/rss');
    await a.state.delete('https://a.example/rss');
    await eventually(() => b.list.all().length === 1 && b.state.get('https://a.example/rss').etag === undefined, 'B to forget the removed feed');
  });
});
