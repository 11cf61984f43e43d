import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { buildIndex } from '../../src/search/build-index.ts';
import { Postings } from '../../src/search/postings.ts';
import { PostingsBuilder } from '../../src/search/postings-builder.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

// Two fields that count toward document frequency, and one (roots) that does not; an empty
// field, a word repeated past the byte a term frequency is stored in, words shared across fields.
const docs: [id: string, headline: boolean, fields: string[][]][] = [
  ['a', false, [['صين', 'معادن'], ['صين', 'صدر', 'معادن', 'نادر', 'معادن'], ['صين']]],
  ['b', false, [['يابان', 'دفاع'], ['وزير', 'دفاع', 'يابان', 'صين'], ['يابن']]],
  ['c', true, [['معادن', 'نادر'], [], []]],
  ['d', false, [[], Array.from({ length: 300 }, () => 'تكرار'), ['كرر', 'صين']]],
];

function incremental(): Postings {
  const p = new Postings(3, 2);
  for (const [id, headline, fields] of docs) p.add(id, headline, fields);
  return p;
}

function built(): PostingsBuilder {
  const b = new PostingsBuilder(3, 2);
  for (const [id, headline, fields] of docs) b.add(id, headline, fields);
  return b;
}

async function* each(articles: Article[]): AsyncGenerator<Article> {
  yield* articles;
}

describe('PostingsBuilder', () => {
  it('builds the snapshot that adding one by one compacts to', () => {
    assert.deepEqual(built().snapshot(), incremental().snapshot());
  });

  it('counts each document once per term across the counted fields', () => {
    const { terms, documentFrequency } = built().snapshot();
    const df = Object.fromEntries(terms.map((t, i) => [t, documentFrequency[i]]));
    assert.deepEqual([df['صين'], df['معادن'], df['يابن'], df['تكرار']], [2, 2, 0, 1]);
  });

  it('refuses the same document twice', () => {
    const b = built();
    assert.throws(() => b.add('a', false, [[], [], []]), /added twice/);
  });
});

describe('buildIndex', () => {
  const articles = seedArticles();
  const oneByOne = () => {
    const index = SearchIndex.empty();
    for (const a of articles) index.upsert(a);
    return index;
  };

  it('gives the index that upserting every article gives', async () => {
    const fast = await buildIndex(each(articles));
    assert.equal(fast.size, articles.length);
    assert.deepEqual(fast.snapshot(), oneByOne().snapshot());
  });

  it('ranks every query the same way', async () => {
    const fast = await buildIndex(each(articles));
    const slow = oneByOne();
    for (const query of ['الصين', 'المعادن النادرة', 'وزير الدفاع الياباني', 'الولايات المتحدة', 'ترام', 'طوكيو سينكاكو']) {
      const ids = (index: SearchIndex) => index.search(query, { includeHeadlines: true, asYouType: true }).map((h) => [h.id, h.score.toFixed(9)]);
      assert.ok(ids(fast).length > 0, query);
      assert.deepEqual(ids(fast), ids(slow), query);
    }
  });
});
