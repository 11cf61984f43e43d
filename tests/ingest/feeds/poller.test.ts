import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuplicateFinder } from '../../../src/ingest/feeds/dedupe.ts';
import { ingestFeed } from '../../../src/ingest/feeds/ingest-feed.ts';
import { FeedPoller, mapLimit } from '../../../src/ingest/feeds/poller.ts';
import { Library } from '../../../src/library.ts';
import { createLogger } from '../../../src/logger.ts';
import { ArticleRepository } from '../../../src/store/article-repository.ts';
import { FeedStateRepository } from '../../../src/store/feed-state.ts';
import { fixture, startFeedServer } from '../../helpers/feed-server.ts';
import { tempDir } from '../../helpers/tmp.ts';

const logger = createLogger({ level: 'silent', token: 'x' });

describe('mapLimit', () => {
  it('never runs more than the limit at once and keeps the order of results', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 10;
    });
    assert.deepEqual(results, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(most, 3);
  });
});

describe('FeedPoller', async () => {
  const server = await startFeedServer();

  it('reads the good feeds beside a broken one, and skips a failing feed until its backoff passes', async () => {
    const dataDir = join(await tempDir(), 'data');
    const repo = await ArticleRepository.open(dataDir);
    const library = Library.open(repo, dataDir, logger);
    const state = await FeedStateRepository.open(dataDir);
    const clock = { now: new Date('2026-11-27T08:00:00Z') };
    let flakyRequests = 0;
    server.serve('/good.xml', fixture('arabic-rss.xml'));
    server.serve('/broken.xml', fixture('malformed.xml'), 'text/html');
    server.route('/flaky.json', (_req, res) => {
      flakyRequests++;
      if (flakyRequests <= 3) return void res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(fixture('feed.json'));
    });
    const sources = ['/good.xml', '/broken.xml', '/flaky.json'].map((p) => ({ url: server.url(p) }));
    const finder = new DuplicateFinder(repo, () => state.links());
    const poller = new FeedPoller({
      sources: () => sources,
      state,
      finder,
      now: () => clock.now,
      ingest: (source) =>
        ingestFeed(source, { state, articles: repo, finder, store: (a) => library.ingestArticles(a), limits: { timeoutMs: 5_000 }, now: () => clock.now, random: () => 0 }),
    });

    const first = await poller.poll();
    assert.deepEqual(first.map((r) => r.status), ['ok', 'malformed', 'failed']);
    assert.equal(repo.size, 2, 'the good feed loaded');

    // Backoff with jitter 0: 5 minutes after the first failure, 10 after the second, 20 after the third.
    for (const [minutes, requestsAfter] of [[4, 1], [1, 2], [9, 2], [1, 3], [20, 4]] as const) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000);
      await poller.poll();
      assert.equal(flakyRequests, requestsAfter, `after ${minutes} more minutes`);
    }
    assert.equal(state.get(server.url('/flaky.json')).failures, 0, 'recovered by itself');
    assert.ok(repo.latest(10).some((a) => a.title === 'إطلاق هاتف ذكي جديد بسعر منخفض'));
  });

  it('joins a poll under way instead of starting another', async () => {
    const dataDir = join(await tempDir(), 'data');
    const state = await FeedStateRepository.open(dataDir);
    let calls = 0;
    const poller = new FeedPoller({
      sources: () => [{ url: 'https://a.example/rss' }],
      state,
      finder: new DuplicateFinder({ byId: () => undefined, all: () => [] }),
      now: () => new Date(),
      ingest: async (source) => {
        calls++;
        await new Promise((resolve) => setImmediate(resolve));
        return { url: source.url, status: 'ok', items: 0, new: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
      },
    });
    const [a, b] = await Promise.all([poller.poll(), poller.poll()]);
    assert.equal(a, b);
    assert.equal(calls, 1);
  });
});

describe('FeedPoller.stop', () => {
  it('lets the feeds under way finish and starts no other', async () => {
    const dataDir = join(await tempDir(), 'data');
    const state = await FeedStateRepository.open(dataDir);
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const poller = new FeedPoller({
      sources: () => Array.from({ length: 6 }, (_, i) => ({ url: `https://f${i}.example/rss` })),
      state,
      finder: new DuplicateFinder({ byId: () => undefined, all: () => [] }),
      now: () => new Date(),
      concurrency: 2,
      ingest: async (source) => {
        started.push(source.url);
        await gate;
        return { url: source.url, status: 'ok', items: 0, new: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
      },
    });
    const poll = poller.poll();
    const stopped = poller.stop();
    release();
    await stopped;
    assert.equal((await poll).length, 2);
    assert.deepEqual(started, ['https://f0.example/rss', 'https://f1.example/rss']);
  });
});
