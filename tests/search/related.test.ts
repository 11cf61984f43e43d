import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { relatedIds } from '../../src/search/related.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const articles = seedArticles();
const [japan, china] = articles as [Article, Article];
const index = SearchIndex.empty();
for (const a of articles) index.upsert(a);
const exists = (id: string) => articles.some((a) => a.id === id);

describe('relatedIds', () => {
  it('puts the page links first, in page order', () => {
    assert.deepEqual(relatedIds(japan, index, exists, 3), japan.related.slice(0, 3));
    assert.equal(japan.related[0], china.id);
  });

  it('never returns the article itself or an id twice', () => {
    const ids = relatedIds(japan, index, exists, 20);
    assert.ok(!ids.includes(japan.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('fills with similar items by content when the page gave none, headlines included', () => {
    const lonely: Article = { ...china, id: 'lonely', related: [], title: 'الصين والولايات المتحدة والمعادن النادرة' };
    const ids = relatedIds(lonely, index, exists, 5);
    assert.equal(ids[0], china.id, 'the article about the same thing comes first');
    const headline = articles.find((a) => a.kind === 'headline' && a.title.includes('محادثات تجارية'));
    assert.ok(headline && ids.includes(headline.id));
  });

  it('drops links to items that are not stored', () => {
    const broken: Article = { ...japan, related: ['gone1', china.id] };
    assert.equal(relatedIds(broken, index, exists, 1)[0], china.id);
  });
});
