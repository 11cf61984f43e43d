import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startFeedService } from '../../../src/ingest/feeds/service.ts';
import { openFeedFiles } from '../../../src/store/open-stores.ts';
import { Library } from '../../../src/library.ts';
import { createLogger } from '../../../src/logger.ts';
import { ArticleRepository } from '../../../src/store/article-repository.ts';
import { rss } from '../../helpers/feed-xml.ts';
import { startFeedServer } from '../../helpers/feed-server.ts';
import { tempDir } from '../../helpers/tmp.ts';

const logger = createLogger({ level: 'silent', token: 'x' });

describe('startFeedService', async () => {
  const server = await startFeedServer();

  it('reads its feeds at start, manages the list, and applies retention after a poll', async () => {
    const dataDir = join(await tempDir(), 'data');
    const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
    server.serve('/dated.xml', rss('أرشيف', [
      { guid: 'old', title: 'خبر قديم عن الانتخابات البلدية', description: 'نص قديم.', pubDate: 'Mon, 02 Nov 2026 08:00:00 GMT' },
      { guid: 'new', title: 'خبر جديد عن الانتخابات البلدية', description: 'نص جديد.', pubDate: 'Thu, 26 Nov 2026 08:00:00 GMT' },
    ]));
    server.serve('/other.xml', rss('مصدر آخر', [{ guid: 'o', title: 'افتتاح مستشفى جديد في العاصمة', description: 'افتتح مستشفى.' }]));
    const clock = { now: new Date('2026-11-27T08:00:00Z') };
    const service = await startFeedService({
      stores: await openFeedFiles(dataDir), feeds: [server.url('/dated.xml'), server.url('/dated.xml')], cron: '0 0 1 1 *', timeoutMs: 5_000, fullText: false, library, logger, now: () => clock.now,
    });
    try {
      await service.poll();
      assert.equal(library.articles.size, 2);
      clock.now = new Date('2026-11-30T08:00:00Z');
      const retained = await startFeedService({
        stores: await openFeedFiles(join(dataDir, 'other')), feeds: [], cron: '0 0 1 1 *', timeoutMs: 5_000, fullText: false, retentionDays: 7, library, logger, now: () => clock.now,
      });
      await retained.poll();
      await retained.stop();
      assert.deepEqual([...library.articles.all()].map((a) => a.title), ['خبر جديد عن الانتخابات البلدية'], 'older than 7 days removed');

      const added = await service.manager.add(server.url('/other.xml'));
      assert.ok(added.ok && added.report.new === 1);
      assert.deepEqual(await service.manager.add(server.url('/other.xml')), { ok: false, reason: 'exists', detail: server.url('/other.xml') });
      assert.equal((await service.manager.add(server.url('/nothing-here.xml'))).ok, false);
      assert.deepEqual(service.manager.list().map((f) => [f.n, f.from, f.state.items]), [[1, 'env', 2], [2, 'file', 1]]);
      assert.deepEqual(await service.manager.remove(1), { ok: false, reason: 'from-env' });
      assert.deepEqual(await service.manager.remove(2), { ok: true, source: { url: server.url('/other.xml') } });
      assert.deepEqual(await service.manager.remove(2), { ok: false, reason: 'no-such' });
    } finally {
      await service.stop();
    }
  });
});
