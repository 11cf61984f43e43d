import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { type RefreshableArticles, refreshStaleSummaries, staleSummaryIds, startSummaryRefresh, TODAYS_SUMMARIES } from '../../src/ops/summary-refresh.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { SUMMARY_STAMP } from '../../src/text/summary-stamp.ts';
import { storedArticle } from '../helpers/articles.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { tempDir } from '../helpers/tmp.ts';

const headline = (n: number): Article => ({ ...storedArticle(n), kind: 'headline', paragraphs: [], summary: '', digestLine: '' });

async function storeOf(articles: Article[]): Promise<ArticleRepository> {
  const store = await ArticleRepository.open(await tempDir());
  await store.upsertMany(articles, mergeArticle);
  return store;
}

describe('summary refresh', () => {
  it('picks full articles with another stamp or none, oldest first', async () => {
    const store = await storeOf([storedArticle(1, '2026-03-02'), { ...storedArticle(2, '2026-03-01'), summaryStamp: 'older' }, { ...storedArticle(3), summaryStamp: SUMMARY_STAMP }, headline(4)]);
    assert.deepEqual(staleSummaryIds(store, SUMMARY_STAMP), ['id2', 'id1']);
  });

  it('goes batch by batch and stops starting batches once shut down', async () => {
    const store = await storeOf([1, 2, 3, 4, 5].map((n) => storedArticle(n, `2026-03-0${n}`)));
    const calls: string[][] = [];
    const shutdown = new AbortController();
    const counting: RefreshableArticles = {
      all: () => store.all(),
      refreshSummaries: (ids) => {
        calls.push([...ids]);
        if (calls.length === 2) shutdown.abort();
        return store.refreshSummaries(ids, TODAYS_SUMMARIES);
      },
    };
    const { logger, lines } = captureLogs();
    assert.deepEqual(await refreshStaleSummaries(counting, logger, { batch: 2, signal: shutdown.signal }), { refreshed: 4, skipped: 0 });
    assert.deepEqual(calls, [['id1', 'id2'], ['id3', 'id4']]);
    assert.ok(lines.some((l) => l.msg === 'summaries refreshed' && l.stopped === true && l.stale === 5));
    assert.deepEqual(staleSummaryIds(store, SUMMARY_STAMP), ['id5'], 'the next start goes on with the rest');
  });

  it('logs a store that fails and resolves, leaving the rest for the next start', async () => {
    const store = await storeOf([storedArticle(1)]);
    const failing: RefreshableArticles = { all: () => store.all(), refreshSummaries: () => Promise.reject(new Error('disk full')) };
    const { logger, lines } = captureLogs();
    assert.deepEqual(await startSummaryRefresh({ articles: failing, ready: Promise.resolve(), logger }), { refreshed: 0, skipped: 0 });
    const error = lines.find((l) => l.msg.startsWith('summary refresh stopped'));
    assert.equal((error?.err as { message?: string } | undefined)?.message, 'disk full');
    assert.equal(store.byId('id1')?.summaryStamp, undefined);
  });

  it('waits for the index, runs anyway when it failed to load, and leaves it to the instance holding the lock', async () => {
    const store = await storeOf([storedArticle(1)]);
    const { logger, lines } = captureLogs();
    const elsewhere = await startSummaryRefresh({ articles: store, ready: Promise.resolve(), logger, exclusive: async () => ({ ran: false }) });
    assert.equal(elsewhere, undefined);
    assert.ok(lines.some((l) => l.msg === 'another instance refreshes the summaries'));
    assert.deepEqual(await startSummaryRefresh({ articles: store, ready: Promise.reject(new Error('index damaged')), logger }), { refreshed: 1, skipped: 0 });
  });

  it('does not wait for an index still loading once shut down', async () => {
    const store = await storeOf([storedArticle(1)]);
    const shutdown = new AbortController();
    const started = startSummaryRefresh({ articles: store, ready: new Promise(() => undefined), logger: captureLogs().logger, signal: shutdown.signal });
    shutdown.abort();
    assert.equal(await started, undefined);
    assert.equal(store.byId('id1')?.summaryStamp, undefined);
  });
});
