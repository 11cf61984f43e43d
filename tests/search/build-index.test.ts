import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { createLogger } from '../../src/logger.ts';
import { INDEX_FILE, loadOrBuildIndex, persistIndex } from '../../src/search/build-index.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { seedArticles } from '../helpers/seed-articles.ts';
import { tempDir } from '../helpers/tmp.ts';

const logger = createLogger({ level: 'silent' });

describe('loadOrBuildIndex', () => {
  it('builds once, then restores and re-indexes only what changed', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    const [japan, china, ...headlines] = seedArticles();
    await repo.upsertMany([japan!, ...headlines], mergeArticle);
    const first = await loadOrBuildIndex(repo, dir, logger);
    assert.equal(first.rebuilt, true);
    await persistIndex(first.index, repo, join(dir));

    await repo.upsertMany([china!], mergeArticle);
    const second = await loadOrBuildIndex(repo, dir, logger);
    assert.deepEqual([second.rebuilt, second.reindexed], [false, 1]);
    assert.equal(second.index.search('المعادن النادرة')[0]?.id, china!.id);
  });

  it('rebuilds from the store when the index file is corrupt', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany(seedArticles(), mergeArticle);
    await writeFile(join(dir, INDEX_FILE), 'KHSI{"version":1,');
    const sync = await loadOrBuildIndex(repo, dir, logger);
    assert.equal(sync.rebuilt, true);
    assert.equal(sync.index.size, 11);
  });

  it('forgets items the store no longer has', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany(seedArticles(), mergeArticle);
    await persistIndex((await loadOrBuildIndex(repo, dir, logger)).index, repo, dir);
    const fewer = await ArticleRepository.open(await tempDir());
    await fewer.upsertMany(seedArticles().slice(1), mergeArticle);
    const sync = await loadOrBuildIndex(fewer, dir, logger);
    assert.deepEqual([sync.rebuilt, sync.reindexed, sync.removed, sync.index.size], [false, 0, 1, 10]);
  });

  it('replaces the index file an earlier version wrote', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany(seedArticles(), mergeArticle);
    await writeFile(join(dir, 'search-index.json'), '{"version":1,"index":{"format":3}}');
    const sync = await loadOrBuildIndex(repo, dir, logger);
    assert.equal(sync.rebuilt, true);
    await persistIndex(sync.index, repo, dir);
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('search-index')), [INDEX_FILE]);
  });
});
