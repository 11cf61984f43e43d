import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SnippetSources } from '../../src/bot/snippet-sources.ts';
import type { Article } from '../../src/domain.ts';
import { snippet } from '../../src/search/snippet.ts';
import { ANALYSIS_STAMP, openingTerms } from '../../src/text/opening-terms.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

/** A loader over the seed articles that counts the bodies it reads. */
function loader(articles: Article[]) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const reads: string[] = [];
  return { reads, load: async (id: string) => (reads.push(id), byId.get(id)) };
}

describe('SnippetSources', () => {
  const [japan, china] = seedArticles() as [Article, Article];

  it('reads an article\'s opening words once, then serves them from memory', async () => {
    const { reads, load } = loader([japan, china]);
    const sources = new SnippetSources(load);
    const first = await sources.get(japan);
    const again = await sources.get(japan);
    assert.deepEqual(reads, [japan.id]);
    assert.equal(again, first);
    assert.equal(first.words()[0], japan.paragraphs[0]?.split(/\s+/u).find(Boolean));
  });

  it('reads the body again when the article changed', async () => {
    const changed: Article = { ...japan, paragraphs: ['الصين تعلن خبرا جديدا'], contentHash: 'changed' };
    const { reads, load } = loader([changed]);
    const sources = new SnippetSources(load);
    await sources.get(japan);
    const fresh = await sources.get(changed);
    assert.deepEqual(fresh.words(), ['الصين', 'تعلن', 'خبرا', 'جديدا']);
    assert.equal(reads.length, 2);
  });

  it('forgets the least recently used article beyond its capacity', async () => {
    const { reads, load } = loader([japan, china]);
    const sources = new SnippetSources(load, 1);
    await sources.get(japan);
    await sources.get(china);
    await sources.get(japan);
    assert.deepEqual(reads, [japan.id, china.id, japan.id]);
  });

  it('falls back to the title when the body is gone', async () => {
    const sources = new SnippetSources(async () => undefined);
    assert.deepEqual((await sources.get(china)).words(), china.title.split(/\s+/u));
  });

  const body: Article = { ...japan, paragraphs: ['أعلنت الصين موافقتها'], contentHash: 'stored' };
  const marked = async (article: Article) => {
    const source = await new SnippetSources(async () => article).get(article);
    const parts = snippet(source, [{ term: 'صين', prefix: false }]);
    return { marked: parts.filter((p) => p.match).map((p) => p.text), analysed: source.analysed.length };
  };

  it('uses the opening words\' terms stored with the article instead of analysing them', async () => {
    assert.deepEqual(await marked({ ...body, openingTerms: openingTerms(body.paragraphs) }), { marked: ['الصين'], analysed: 0 });
    assert.deepEqual(await marked(body), { marked: ['الصين'], analysed: 3 }, 'an article stored before the terms were kept');
  });

  it('never marks a word by stored terms that disagree with it (another analysis, or a body edited by hand)', async () => {
    const madeUp = { analysis: ANALYSIS_STAMP, terms: 'صين  صين' };
    for (const openingTerms of [madeUp, { ...madeUp, terms: 'صين صين' }, { ...madeUp, analysis: 'older' }, { ...madeUp, terms: 'x x x x x' }]) {
      assert.deepEqual((await marked({ ...body, openingTerms })).marked, ['الصين']);
    }
  });
});
