// Several instances on one PostgreSQL database: what one stores or removes, the others' search
// indexes follow, and an instance that was down catches up when it starts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import type { Article } from '../src/domain.ts';
import { Library } from '../src/library.ts';
import { createLogger } from '../src/logger.ts';
import { loadOrBuildIndex } from '../src/search/build-index.ts';
import { PgArticleRepository } from '../src/store/pg/article-repository.ts';
import type { ArticleChange, ArticleStore } from '../src/store/stores.ts';
import { freshDatabase, pgSkip } from './helpers/pg.ts';
import { tempDir } from './helpers/tmp.ts';

/** A change that never arrives fails the test instead of stalling the run. */
const WAIT_MS = 30_000;
const logger = createLogger({ level: 'silent', token: 'x' });
const repos: PgArticleRepository[] = [];
after(() => Promise.all(repos.map((r) => r.close())));

function article(id: string, title: string, day: string, updatedAt = `${day}T10:00:00.000Z`): Article {
  const at = `${day}T10:00:00.000Z`;
  return {
    id, kind: 'article', title, keywords: [], related: [], publishedAt: at, ingestedAt: at, updatedAt, origin: 'https://feed.example/rss',
    pageOrder: 0, summary: title, digestLine: title, paragraphs: [`${title} في خبر اليوم.`], contentHash: `${id}:${title}`,
  };
}

async function instance(pool: pg.Pool, dataDir: string): Promise<{ repo: PgArticleRepository; library: Library }> {
  const repo = await PgArticleRepository.open(pool, { logger });
  repos.push(repo);
  const library = Library.open(repo, dataDir, logger);
  await library.ready();
  return { repo, library };
}

/** Resolves once `repo` has heard of another instance's change matching `wanted`. */
const heard = (repo: PgArticleRepository, wanted: (change: ArticleChange) => boolean) =>
  new Promise<void>((resolve) => {
    const stop = repo.onChange((change) => {
      if (wanted(change)) {
        stop();
        resolve();
      }
    });
  });

/** A store whose body reads wait while `held`: other instances' changes then wait to be indexed. */
function withHeldReads(store: PgArticleRepository) {
  let gate: Promise<void> = Promise.resolve();
  let open = () => undefined as void;
  const held: ArticleStore = {
    get size() {
      return store.size;
    },
    get articleCount() {
      return store.articleCount;
    },
    byId: (id) => store.byId(id),
    all: () => store.all(),
    latest: (limit, offset) => store.latest(limit, offset),
    get: async (id) => {
      await gate;
      return store.get(id);
    },
    articlesWithBodies: () => store.articlesWithBodies(),
    upsertMany: (incoming, merge) => store.upsertMany(incoming, merge),
    refreshSummaries: (ids, maker) => store.refreshSummaries(ids, maker),
    removePublishedBefore: (day) => store.removePublishedBefore(day),
    flush: () => store.flush(),
    onChange: (listener) => store.onChange(listener),
  };
  return {
    held,
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
    release: () => open(),
  };
}

const found = async (library: Library, query: string) => (await library.search(query, 10)).map((r) => r.article.id).sort();

describe('Library on PostgreSQL with several instances', { skip: pgSkip }, () => {
  it("indexes another instance's new, edited and removed articles", { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const a = await instance(pool, join(await tempDir(), 'a'));
    const b = await instance(pool, join(await tempDir(), 'b'));

    let change = heard(b.repo, (c) => c.upserted.includes('oil'));
    await a.library.ingestArticles([article('oil', 'ارتفاع أسعار النفط', '2026-03-01'), article('rain', 'أمطار غزيرة على العاصمة', '2026-03-05')]);
    await change;
    await b.library.remoteIndexed();
    assert.deepEqual(await found(b.library, 'أسعار النفط'), ['oil']);

    change = heard(b.repo, (c) => c.upserted.includes('oil'));
    await a.library.ingestArticles([article('oil', 'انخفاض أسعار الذهب', '2026-03-01', '2026-03-02T08:00:00.000Z')]);
    await change;
    await b.library.remoteIndexed();
    assert.deepEqual(await found(b.library, 'الذهب'), ['oil']);
    assert.deepEqual(await found(b.library, 'النفط'), [], 'the old text is no longer indexed');

    change = heard(b.repo, (c) => c.removed.includes('oil'));
    await a.library.removePublishedBefore('2026-03-02');
    await change;
    await b.library.remoteIndexed();
    assert.deepEqual(await found(b.library, 'الذهب'), []);
    assert.equal(b.library.indexedDocuments, 1, 'the removed article left the index, not only the results');
    assert.deepEqual(await found(b.library, 'أمطار'), ['rain']);
  });

  it('an instance started after others changed articles brings its index file up to date', { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const a = await instance(pool, join(await tempDir(), 'a'));
    const dirB = join(await tempDir(), 'b');
    const b = await instance(pool, dirB);
    const change = heard(b.repo, (c) => c.upserted.length === 3);
    await a.library.ingestArticles([article('old', 'معرض الكتاب يفتح أبوابه', '2026-03-01'), article('match', 'فوز الفريق في المباراة', '2026-03-03'), article('film', 'مهرجان السينما', '2026-03-03')]);
    await change;
    await b.library.remoteIndexed();
    await b.library.persistNow();
    await b.repo.close();

    await a.library.ingestArticles([article('new', 'افتتاح جسر جديد', '2026-03-04'), article('match', 'تعادل الفريق في المباراة', '2026-03-03', '2026-03-04T09:00:00.000Z')]);
    await a.library.removePublishedBefore('2026-03-02');

    const restarted = await PgArticleRepository.open(pool, { logger, follow: false });
    repos.push(restarted);
    const sync = await loadOrBuildIndex(restarted, dirB, logger);
    assert.deepEqual({ rebuilt: sync.rebuilt, reindexed: sync.reindexed, removed: sync.removed }, { rebuilt: false, reindexed: 2, removed: 1 });
    const library = Library.open(restarted, dirB, logger);
    assert.deepEqual(await found(library, 'جسر'), ['new']);
    assert.deepEqual(await found(library, 'تعادل'), ['match']);
    assert.deepEqual(await found(library, 'فوز'), []);
    assert.deepEqual(await found(library, 'الكتاب'), []);
    assert.equal(library.indexedDocuments, 3);
  });

  it('an index written while changes wait to be indexed marks them stale for the next start', { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const a = await instance(pool, join(await tempDir(), 'a'));
    const dirB = join(await tempDir(), 'b');
    const repoB = await PgArticleRepository.open(pool, { logger });
    repos.push(repoB);
    const b = withHeldReads(repoB);
    const libraryB = Library.open(b.held, dirB, logger);
    await libraryB.ready();
    let change = heard(repoB, (c) => c.upserted.includes('gold'));
    await a.library.ingestArticles([article('gold', 'ارتفاع أسعار الذهب', '2026-03-01')]);
    await change;
    await libraryB.remoteIndexed();

    b.hold();
    change = heard(repoB, (c) => c.upserted.includes('gold'));
    await a.library.ingestArticles([article('gold', 'استقرار سعر الفضة', '2026-03-01', '2026-03-02T08:00:00.000Z')]);
    await change;
    await libraryB.persistNow();
    b.release();
    await libraryB.remoteIndexed();
    await repoB.close();

    const restarted = await PgArticleRepository.open(pool, { logger, follow: false });
    repos.push(restarted);
    const sync = await loadOrBuildIndex(restarted, dirB, logger);
    assert.equal(sync.reindexed, 1);
    assert.deepEqual(sync.index.search('الفضة').map((hit) => hit.id), ['gold']);
  });
});
