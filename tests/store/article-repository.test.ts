import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { StoreError } from '../../src/store/errors.ts';
import { openingTerms } from '../../src/text/opening-terms.ts';
import { bodyKeyOf, bodyShardPath, metaShardPath } from '../../src/store/shards.ts';
import { storedArticle as article } from '../helpers/articles.ts';
import { tempDir } from '../helpers/tmp.ts';

// What every article store does (upserts, order, bodies, retention, reopening) is specified once
// for both backends in tests/store/contract/articles.contract.ts; here only the lowdb files.
describe('ArticleRepository', () => {
  it('reads a body from a bucket in any valid layout, and sees its own latest write', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    const a = article(1);
    await repo.upsertMany([a], mergeArticle);
    const path = bodyShardPath(dir, bodyKeyOf(a.publishedAt, a.id));
    // Hand-edited: the same data, keys in another order and indented.
    const { bodies } = JSON.parse(await readFile(path, 'utf8')) as { bodies: unknown };
    await writeFile(path, JSON.stringify({ bodies, version: 1 }, null, 2));
    const reopened = await ArticleRepository.open(dir);
    assert.deepEqual((await reopened.get(a.id))?.paragraphs, ['فقرة 1']);
    await reopened.upsertMany([{ ...a, paragraphs: ['فقرة معدلة'], contentHash: 'h1b' }], mergeArticle);
    assert.deepEqual((await reopened.get(a.id))?.paragraphs, ['فقرة معدلة']);
    assert.deepEqual((await (await ArticleRepository.open(dir)).get(a.id))?.paragraphs, ['فقرة معدلة']);
  });

  it('writes each body bucket with the table of where its articles lie, kept true across rewrites', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    // Same day and bucket: the bucket is chosen by the id's first and last characters.
    const [a, b] = [{ ...article(1), id: 'a-1' }, { ...article(2), id: 'b-0', publishedAt: article(1).publishedAt }];
    const c = { ...article(3), id: '0-b', publishedAt: article(1).publishedAt };
    await repo.upsertMany([a, b], mergeArticle);
    await repo.upsertMany([{ ...a, paragraphs: ['فقرة أطول بكثير من الفقرة الأولى التي كانت هنا'], contentHash: 'h1b' }], mergeArticle);
    await repo.upsertMany([c], mergeArticle);
    const path = bodyShardPath(dir, bodyKeyOf(a.publishedAt, a.id));
    const text = await readFile(path);
    const { at, bodies } = JSON.parse(text.toString()) as { at: Record<string, [number, number]>; bodies: Record<string, unknown> };
    const bodiesAt = text.indexOf('"bodies":{') + '"bodies":{'.length;
    assert.deepEqual(Object.keys(at).sort(), [c.id, a.id, b.id]);
    assert.deepEqual(Object.keys(bodies).sort(), [c.id, a.id, b.id]);
    for (const [id, [start, length]] of Object.entries(at)) {
      assert.deepEqual(JSON.parse(text.subarray(bodiesAt + start, bodiesAt + start + length).toString()), bodies[id], id);
    }
    const reopened = await ArticleRepository.open(dir);
    assert.deepEqual((await reopened.get(b.id))?.paragraphs, b.paragraphs);
    assert.deepEqual((await reopened.get(a.id))?.paragraphs, ['فقرة أطول بكثير من الفقرة الأولى التي كانت هنا']);
  });

  it('stores the opening words\' terms with the body, and still reads buckets written without them', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    const a = { ...article(1), paragraphs: ['أعلنت الصين', 'موافقتها اليوم'] };
    await repo.upsertMany([a], mergeArticle);
    assert.deepEqual((await (await ArticleRepository.open(dir)).get(a.id))?.openingTerms, openingTerms(a.paragraphs));
    // A bucket as stores wrote it before the terms were kept: read as it is.
    const path = bodyShardPath(dir, bodyKeyOf(a.publishedAt, a.id));
    const { bodies } = JSON.parse(await readFile(path, 'utf8')) as { bodies: Record<string, Record<string, unknown>> };
    delete bodies[a.id]?.openingTerms;
    await writeFile(path, JSON.stringify({ version: 1, bodies }));
    const older = await (await ArticleRepository.open(dir)).get(a.id);
    assert.deepEqual([older?.paragraphs, older?.summary, older?.openingTerms], [a.paragraphs, a.summary, undefined]);
  });

  it('writes one shard per day, with no temporary files left behind', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany([article(1), article(2), article(3, '2026-04-01')], mergeArticle);
    const { readdirSync } = await import('node:fs');
    assert.deepEqual(readdirSync(join(dir, 'articles', 'meta')).sort(), ['2026-03-01.json', '2026-04-01.json']);
  });

  it('stops with a clear error on a corrupt file and leaves it untouched', async () => {
    const dir = await tempDir();
    const path = metaShardPath(dir, '2026-03-01');
    await mkdir(join(dir, 'articles', 'meta'), { recursive: true });
    await writeFile(path, '{"version":1,"articles":{');
    await assert.rejects(ArticleRepository.open(dir), (e: unknown) => e instanceof StoreError && e.message.includes(path) && /untouched/.test(e.message));
    assert.equal(await readFile(path, 'utf8'), '{"version":1,"articles":{');
  });

  it('refuses a file from a future version and leaves it untouched', async () => {
    const dir = await tempDir();
    const path = metaShardPath(dir, '2026-03-01');
    await mkdir(join(dir, 'articles', 'meta'), { recursive: true });
    const future = JSON.stringify({ version: 99, articles: {} });
    await writeFile(path, future);
    await assert.rejects(ArticleRepository.open(dir), /version 99, newer than this code understands/);
    assert.equal(await readFile(path, 'utf8'), future);
  });

  it('refuses a file of the right version but the wrong shape', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'articles', 'meta'), { recursive: true });
    await writeFile(metaShardPath(dir, '2026-03-01'), JSON.stringify({ version: 1, articles: [] }));
    await assert.rejects(ArticleRepository.open(dir), /malformed/);
  });
});

describe('ArticleRepository.removePublishedBefore (retention)', () => {
  it('deletes the files of whole days before the cutoff', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany([article(1, '2026-03-01'), article(2, '2026-03-02'), article(3, '2026-03-03')], mergeArticle);
    assert.deepEqual((await repo.removePublishedBefore('2026-03-03')).sort(), ['id1', 'id2']);
    const { readdirSync } = await import('node:fs');
    assert.deepEqual(readdirSync(join(dir, 'articles', 'meta')), ['2026-03-03.json']);
    assert.deepEqual(readdirSync(join(dir, 'articles', 'body')), ['2026-03-03']);
  });
});
