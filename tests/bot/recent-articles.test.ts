import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentArticles } from '../../src/bot/recent-articles.ts';
import type { Article, ArticleMeta } from '../../src/domain.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

/** A store over the given articles that counts the bodies it reads; `meta` can change apart. */
function store(articles: Article[]) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const metas = new Map<string, ArticleMeta>(articles.map((a) => [a.id, a]));
  const reads: string[] = [];
  return {
    reads, byId, metas,
    source: { byId: (id: string) => metas.get(id), get: async (id: string) => (reads.push(id), byId.get(id)) },
  };
}

describe('RecentArticles', () => {
  const [japan, china] = seedArticles() as [Article, Article];

  it('reads a body once, then serves it from memory with the metadata as it is now', async () => {
    const s = store([japan, china]);
    const recent = new RecentArticles(s.source);
    assert.equal((await recent.get(japan.id))?.summary, japan.summary);
    s.metas.set(japan.id, { ...japan, related: [china.id] });
    const again = await recent.get(japan.id);
    assert.deepEqual([again?.summary, again?.paragraphs, again?.related], [japan.summary, japan.paragraphs, [china.id]]);
    assert.deepEqual(s.reads, [japan.id]);
  });

  for (const [what, change] of [
    ['the article\'s content changed', { summary: 'ملخص جديد للخبر', contentHash: 'changed' }],
    ['its summaries were made again, though the content is the same', { summary: 'ملخص الخبر كما يصنعه الملخص الجديد', summaryStamp: 'newer' }],
  ] as const) {
    it(`reads the body again once ${what}`, async () => {
      const s = store([japan]);
      const recent = new RecentArticles(s.source);
      await recent.get(japan.id);
      const changed: Article = { ...japan, ...change };
      s.byId.set(japan.id, changed);
      s.metas.set(japan.id, changed);
      assert.equal((await recent.get(japan.id))?.summary, change.summary);
      assert.deepEqual(s.reads, [japan.id, japan.id]);
    });
  }

  it('forgets the least recently used beyond its capacity, and never remembers a missing article', async () => {
    const s = store([japan, china]);
    const recent = new RecentArticles(s.source, 1);
    await recent.get(japan.id);
    await recent.get(china.id);
    await recent.get(japan.id);
    assert.equal(await recent.get('missing'), undefined);
    assert.equal(await recent.get('missing'), undefined);
    assert.deepEqual(s.reads, [japan.id, china.id, japan.id, 'missing', 'missing']);
  });
});
