// Several instances starting together on one PostgreSQL database after an upgrade: one makes the
// stale summaries again, and every instance ends up serving them without re-indexing anything.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import type { Article } from '../../src/domain.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { startSummaryRefresh, type SummaryRefreshTotals } from '../../src/ops/summary-refresh.ts';
import { LOCK_SPACE, tryExclusive } from '../../src/store/pg/advisory-lock.ts';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import { CARD_SUMMARY, DIGEST_LINE, summarize } from '../../src/text/summarize.ts';
import { SUMMARY_STAMP } from '../../src/text/summary-stamp.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';

const repos: PgArticleRepository[] = [];
after(() => Promise.all(repos.map((r) => r.close())));

// BBC Arabic and CNN Arabic, 2018 (ANT corpus): a dateline before the lead, and a plain lead.
const STORIES = [
  ['أتلانتا، الولايات المتحدة الأمريكية (CNN) – هددت إيران بالانسحاب من اتفاقية حظر الأسلحة النووية، في حال خروج أحد الدول من الاتفاق النووي الإيراني، الثلاثاء.', 'وقال الأمين العام للمجلس الأعلى للأمن القومي الإيراني، علي شمخاني، إن المعاهدات الدولية غير عملية.'],
  ['اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها باستخدام طائرة بدون طيار أسقطتها قبل نحو شهرين.', 'وقال الجيش الإسرائيلي إن الطائرة كانت محملة بالمتفجرات.'],
  ['أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة.', 'وقالت إنه يتسع لمئتي سرير.'],
];

/** A story as an older release stored it: the second sentence as its summary, no stamp. */
function olderArticle(n: number): Article {
  const at = `2026-02-0${n + 1}T10:00:00.000Z`;
  const paragraphs = STORIES[n] as string[];
  return {
    id: `old${n}`, kind: 'article', title: `خبر ${n}`, keywords: [], related: [], publishedAt: at, ingestedAt: at, updatedAt: at,
    origin: 'https://feed.example/rss', pageOrder: 0, paragraphs, summary: paragraphs[1] as string, digestLine: paragraphs[0] as string, contentHash: `h${n}`,
  };
}

async function instance(pool: pg.Pool): Promise<PgArticleRepository> {
  const repo = await PgArticleRepository.open(pool, { logger: captureLogs().logger });
  repos.push(repo);
  return repo;
}

describe('summary refresh on PostgreSQL', { skip: pgSkip }, () => {
  it('runs on one instance, and the others serve the new summaries without re-indexing', async () => {
    const { pool } = await freshDatabase();
    const writer = await instance(pool);
    await writer.upsertMany([olderArticle(0), olderArticle(1), olderArticle(2)], mergeArticle);
    // The third one's body is lost (a damaged import): it keeps its summaries, with a warning.
    await pool.query("UPDATE articles SET details = NULL WHERE id = 'old2'");

    const [a, b] = [await instance(pool), await instance(pool)];
    const cachedBefore = await b.get('old0');
    assert.equal(cachedBefore?.summary, STORIES[0]?.[1], 'instance b holds the old summary in its body cache');
    const reported: string[] = [];
    b.onChange((change) => reported.push(...change.upserted));

    const logs = captureLogs();
    let open = () => undefined as void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const exclusive = <T>(task: () => Promise<T>) => tryExclusive(pool, LOCK_SPACE.summaryRefresh, task);
    const runs = [a, b].map((articles) => startSummaryRefresh({ articles, ready, logger: logs.logger, exclusive }));
    open();
    const totals = (await Promise.all(runs)).filter((t): t is SummaryRefreshTotals => t !== undefined);
    assert.equal(totals.reduce((sum, t) => sum + t.refreshed, 0), 2, 'each stale article is refreshed once');
    assert.equal(totals.filter((t) => t.refreshed > 0).length, 1, 'by one instance');
    assert.deepEqual(logs.lines.filter((l) => l.msg.startsWith('summaries not refreshed')).map((l) => l.id), ['old2']);

    for (const repo of [a, b]) {
      for (const n of [0, 1]) {
        const paragraphs = STORIES[n] as string[];
        const now = await eventually(async () => {
          const got = await repo.get(`old${n}`);
          return got?.summaryStamp === SUMMARY_STAMP && got;
        }, `instance serving the new summaries of old${n}`);
        assert.deepEqual([now.summary, now.digestLine], [summarize(paragraphs, CARD_SUMMARY), summarize(paragraphs, DIGEST_LINE)]);
        assert.deepEqual([now.updatedAt, now.contentHash], [olderArticle(n).updatedAt, olderArticle(n).contentHash]);
      }
    }
    assert.equal((await b.get('old0'))?.digestLine.includes('(CNN)'), false);
    assert.deepEqual(reported, [], 'nothing for the search index to re-read');
    assert.equal(b.byId('old2')?.summaryStamp, undefined);

    const again = await startSummaryRefresh({ articles: await instance(pool), ready: Promise.resolve(), logger: logs.logger, exclusive });
    assert.deepEqual(again, { refreshed: 0, skipped: 1 }, 'a later start refreshes nothing');
  });
});
