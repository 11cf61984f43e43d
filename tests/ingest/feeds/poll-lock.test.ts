// One feed poller at a time across instances: two feed services on one database, each with its
// own stores, poll a real local feed server; the PostgreSQL advisory lock lets one of them fetch.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { type FeedService, startFeedService } from '../../../src/ingest/feeds/service.ts';
import { Library } from '../../../src/library.ts';
import { createLogger } from '../../../src/logger.ts';
import { ArticleRepository } from '../../../src/store/article-repository.ts';
import { openFeedFiles } from '../../../src/store/open-stores.ts';
import { LOCK_SPACE, tryExclusive } from '../../../src/store/pg/advisory-lock.ts';
import { rss } from '../../helpers/feed-xml.ts';
import { type FeedServer, startFeedServer } from '../../helpers/feed-server.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { tempDir } from '../../helpers/tmp.ts';

const logger = createLogger({ level: (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent', token: 'x' });
const FEED = rss('وكالة الأنباء', [{ guid: 'a1', title: 'افتتاح معرض الكتاب في الرياض', description: 'افتتح معرض الكتاب أبوابه للزوار.' }]);

/** A feed whose answer waits until the test lets it go: the first poll is still fetching meanwhile. */
function heldFeed(server: FeedServer, path: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  server.route(path, (_req, res) => void released.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(FEED)));
  return { release, fetches: () => server.requests.filter((r) => r.path === path).length };
}

/** An instance's feed service: its own folder and pool, its scheduled poll at start (the cron's next is a year away). */
async function instance(url: string, feedUrl: string, name: string): Promise<{ service: FeedService; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: `khulasa-${name}` });
  pool.on('error', () => undefined);
  const dataDir = join(await tempDir(), 'data');
  const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
  const service = await startFeedService({
    stores: await openFeedFiles(dataDir), feeds: [feedUrl], cron: '0 0 1 1 *', timeoutMs: 5_000, fullText: false, library, logger,
    exclusive: (task) => tryExclusive(pool, LOCK_SPACE.feedPoll, task),
  });
  return { service, pool };
}

describe('the feed poll across instances', { skip: pgSkip }, async () => {
  const server = await startFeedServer();

  it('is fetched by one of two instances polling at once', async () => {
    const { url } = await freshDatabase();
    const feed = heldFeed(server, '/once.xml');
    const a = await instance(url, server.url('/once.xml'), 'a');
    await waitFor(() => feed.fetches() === 1);
    const b = await instance(url, server.url('/once.xml'), 'b');
    await b.service.tick();
    await b.service.stop();
    feed.release();
    await a.service.stop();
    assert.equal(feed.fetches(), 1);
    await Promise.all([a.pool.end(), b.pool.end()]);
  });

  it('passes to another instance when the polling one dies with its connection', async () => {
    const { url, pool } = await freshDatabase();
    const feed = heldFeed(server, '/takeover.xml');
    const a = await instance(url, server.url('/takeover.xml'), 'dying');
    await waitFor(() => feed.fetches() === 1);
    // The server ends the dead instance's sessions, and its lock with them.
    const gone = async () => (await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'khulasa-dying'`)).rowCount === 0;
    let tries = 0;
    while (!(await gone()) && ++tries < 500) await new Promise((r) => setTimeout(r, 10));
    assert.ok(tries < 500, "the dying instance's sessions ended");
    feed.release();
    // The survivor's poll at start takes the lock. A second tick here would race it: whichever of
    // the two lost would return at once, and stopping then could cut the winner short.
    const b = await instance(url, server.url('/takeover.xml'), 'b');
    try {
      await waitFor(() => feed.fetches() === 2, 'the survivor polled');
    } finally {
      await Promise.all([b.service.stop(), a.service.stop()]);
      await Promise.all([a.pool.end(), b.pool.end()]);
    }
  });
});

async function waitFor(predicate: () => boolean, what = 'the first poll reached the feed'): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(predicate(), what);
}
