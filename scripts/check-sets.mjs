// Search sets derived from the ANT news corpus (../shared/corpus/ant-news.jsonl.gz), to see whether
// a ranking change that helps on news-dev also helps on headlines it was never looked at with.
//   c0…c3: four disjoint sets of 3,000 articles each, drawn by a seeded shuffle from the articles
//          whose title is unique in the corpus and is neither a news-dev id nor a news-dev headline;
//          documents are bodies only and each article's own title is its query, as in news-dev.
//   scale: news-dev's 3,000 articles and queries, with every ANT article added as a distractor, so
//          that frequent words pass 1,500 documents, which no 3,000-article set reaches.
//   scale4: the same with the distractors four times over under fresh ids (96,480 articles), as the
//          benchmark repeats the corpus to reach the 100,000 articles a store grows to.
// The files are derived data, written to a directory outside git on every run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SET_SIZE = 3000;
export const SET_COUNT = 4;
const SEED = 14;
const SCALE_REPEATS = 4;

const readJsonl = (text) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const titleKey = (title) => title.trim().replace(/\s+/g, ' ');

// A seeded shuffle without a generator: articles ordered by a hash of the seed and their id, so the
// draw is the same on every machine, run and order of the corpus file.
const shuffle = (articles, seed) =>
  articles
    .map((a) => [createHash('sha256').update(`${seed}:${a.id}`).digest('hex'), a])
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([, a]) => a);

/** The check sets as data: [{ name, corpus: [{id,text}], queries: [{qid,query,relevant}] }]. */
export function deriveCheckSets(articles, devCorpus, devQueries, size = SET_SIZE) {
  const devIds = new Set(devCorpus.map((d) => d.id));
  const devTitles = new Set(devQueries.map((q) => titleKey(q.query)));
  const titleCount = new Map();
  for (const a of articles) {
    const key = titleKey(a.title ?? '');
    titleCount.set(key, (titleCount.get(key) ?? 0) + 1);
  }
  const eligible = articles
    .filter((a) => a.text?.trim() && titleKey(a.title ?? '') && titleCount.get(titleKey(a.title)) === 1)
    .filter((a) => !devIds.has(a.id) && !devTitles.has(titleKey(a.title)));
  if (eligible.length < size * SET_COUNT) throw new Error(`only ${eligible.length} eligible articles for ${SET_COUNT} sets of ${size}`);
  const drawn = shuffle(eligible, SEED);
  const sets = [];
  for (let s = 0; s < SET_COUNT; s++) {
    const picked = drawn.slice(s * size, (s + 1) * size);
    sets.push({
      name: `c${s}`,
      corpus: picked.map((a) => ({ id: a.id, text: a.text })),
      queries: picked.map((a, i) => ({ qid: `c${s}-${i}`, query: a.title.trim(), relevant: [a.id] })),
    });
  }
  const distractors = articles.filter((a) => !devIds.has(a.id) && a.text?.trim()).map((a) => ({ id: a.id, text: a.text }));
  const dev = devCorpus.map((d) => ({ id: d.id, text: d.text }));
  sets.push({ name: 'scale', corpus: [...dev, ...distractors], queries: devQueries });
  const repeated = Array.from({ length: SCALE_REPEATS - 1 }, (_, r) => distractors.map((d) => ({ id: `${d.id}-r${r + 1}`, text: d.text })));
  sets.push({ name: 'scale4', corpus: [...dev, ...distractors, ...repeated.flat()], queries: devQueries });
  return sets;
}

/** Derives the sets from the shared files and writes them to `dir`; returns [{ name, corpus, queries }] as paths. */
export function writeCheckSets(sharedDir, dir) {
  const articles = readJsonl(gunzipSync(readFileSync(join(sharedDir, 'corpus', 'ant-news.jsonl.gz'))).toString('utf8'));
  const devCorpus = readJsonl(readFileSync(join(sharedDir, 'eval', 'news-dev-corpus.jsonl'), 'utf8'));
  const devQueries = readJsonl(readFileSync(join(sharedDir, 'eval', 'news-dev-queries.jsonl'), 'utf8'));
  mkdirSync(dir, { recursive: true });
  return deriveCheckSets(articles, devCorpus, devQueries).map((set) => {
    const corpus = join(dir, `${set.name}-corpus.jsonl`);
    const queries = join(dir, `${set.name}-queries.jsonl`);
    writeFileSync(corpus, set.corpus.map((d) => JSON.stringify(d)).join('\n') + '\n');
    writeFileSync(queries, set.queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
    return { name: set.name, corpus, queries };
  });
}
