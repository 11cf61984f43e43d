// Search benchmark: our index vs plain MiniSearch defaults vs a linear scan, on the bench store.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { Article } from '../../src/domain.ts';
import { createLogger } from '../../src/logger.ts';
import { INDEX_FILE, loadOrBuildIndex, persistIndex } from '../../src/search/build-index.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { normalize } from '../../src/text/normalize.ts';
import { rng } from './corpus.ts';
import { buffersMb, cpuSeconds, fmt, heapMb, latencySummary, mb, ms } from './stats.ts';

const READER_QUERIES = 300;
const HEADLINE_QUERIES = 200;
/** The linear scan reads every body per query: a few dozen queries show its cost. */
const LINEAR_QUERIES = 30;

export function readerQueries(articles: Article[], random: () => number): string[] {
  // Readers type words they saw in headlines: 1–3 of them, the last sometimes half-typed.
  return Array.from({ length: READER_QUERIES }, () => {
    const words = (articles[Math.floor(random() * articles.length)] as Article).title.split(' ');
    const n = 1 + Math.floor(random() * 3);
    const start = Math.floor(random() * Math.max(1, words.length - n));
    const picked = words.slice(start, start + n);
    if (random() < 0.3 && picked.length > 0) picked[picked.length - 1] = (picked.at(-1) as string).slice(0, 4);
    return picked.join(' ');
  });
}

export function headlineQueries(articles: Article[], random: () => number): string[] {
  return Array.from({ length: HEADLINE_QUERIES }, () => {
    const words = (articles[Math.floor(random() * articles.length)] as Article).paragraphs.join(' ').split(' ');
    const n = 8 + Math.floor(random() * 8);
    const start = Math.floor(random() * Math.max(1, words.length - n));
    return words.slice(start, start + n).join(' ').replace(/[.،]/g, '');
  });
}

/** Headlines as readers paste them: an article's own title, whole. */
export function titleQueries(articles: Article[], random: () => number): string[] {
  return Array.from({ length: HEADLINE_QUERIES }, () => (articles[Math.floor(random() * articles.length)] as Article).title);
}

/** Times each query was run: its fastest run is its own cost, the others include the machine's. */
const RUNS = 3;

export function timeQueries(queries: string[], run: (q: string) => unknown, runs = RUNS): string {
  // Garbage left by what ran before (building, loading) is collected first, not inside one query.
  globalThis.gc?.();
  const samples = Array.from({ length: runs }, () =>
    queries.map((q) => {
      const t = process.hrtime.bigint();
      run(q);
      return ms(t);
    }),
  );
  const first = latencySummary(samples[0] as number[]);
  if (runs === 1) return `p50 ${fmt(first.p50, 2)} ms, p95 ${fmt(first.p95, 2)} ms`;
  const best = latencySummary(queries.map((_, i) => Math.min(...samples.map((r) => r[i] as number))));
  return `p50 ${fmt(best.p50, 2)} ms, p95 ${fmt(best.p95, 2)} ms (fastest of ${runs} runs per query; first run alone p50 ${fmt(first.p50, 2)} ms, p95 ${fmt(first.p95, 2)} ms)`;
}

export async function benchSearch(dataDir: string, log: (line: string) => void, corpus: string, compare = true): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const label = (s: string) => `search ${corpus} ${s}`;

  // Start-up as `npm start` does it: store, then the index (built the first time).
  let t = process.hrtime.bigint();
  let heap0 = heapMb();
  let buffers0 = buffersMb();
  const memory = () => `heap ${fmt(heapMb() - heap0, 0)} MB + typed arrays ${fmt(buffersMb() - buffers0, 0)} MB`;
  const cpu = process.cpuUsage();
  const repo = await ArticleRepository.open(dataDir);
  const built = await loadOrBuildIndex(repo, dataDir, logger);
  const buildMs = ms(t);
  const cpuS = cpuSeconds(process.cpuUsage(cpu));
  const ours: SearchIndex = built.index;
  log(label(`ours: first start (store + index build of ${ours.size} items) ${fmt(buildMs / 1000)} s (CPU ${fmt(cpuS)} s), ${memory()}`));
  t = process.hrtime.bigint();
  await persistIndex(ours, repo, dataDir);
  const fileMb = mb((await stat(join(dataDir, INDEX_FILE))).size);
  log(label(`ours: index persisted in ${fmt(ms(t) / 1000)} s (${fmt(fileMb, 0)} MB file)`));

  const articles: Article[] = [];
  for await (const a of repo.articlesWithBodies()) if (a.kind === 'article') articles.push(a);
  const random = rng(7);
  const reader = readerQueries(articles, random);
  const headline = headlineQueries(articles, random);
  const titles = titleQueries(articles, random);
  log(label(`ours: 1–3 word queries ${timeQueries(reader, (q) => ours.search(q, { limit: 10, asYouType: true }))}`));
  log(label(`ours: 8–15 word queries ${timeQueries(headline, (q) => ours.search(q, { limit: 10 }))}`));
  log(label(`ours: whole-headline queries ${timeQueries(titles, (q) => ours.search(q, { limit: 10 }))}`));

  // Restart: store load + persisted index, the path every later start takes.
  heap0 = heapMb();
  buffers0 = buffersMb();
  t = process.hrtime.bigint();
  const restartCpu = process.cpuUsage();
  const repo2 = await ArticleRepository.open(dataDir);
  const storeMs = ms(t);
  const restored = await loadOrBuildIndex(repo2, dataDir, logger);
  log(label(`ours: restart (store ${fmt(storeMs / 1000)} s + persisted index, ${restored.reindexed} re-indexed) ${fmt(ms(t) / 1000)} s (CPU ${fmt(cpuSeconds(process.cpuUsage(restartCpu)))} s), ${memory()}`));
  log(label(`ours after restart: 1–3 word queries ${timeQueries(reader, (q) => restored.index.search(q, { limit: 10, asYouType: true }))}`));
  log(label(`ours after restart: 8–15 word queries ${timeQueries(headline, (q) => restored.index.search(q, { limit: 10 }))}`));
  log(label(`ours after restart: whole-headline queries ${timeQueries(titles, (q) => restored.index.search(q, { limit: 10 }))}`));

  if (!compare) return;
  // Plain MiniSearch with default options on the same text (one run per query: minutes at 100k).
  heap0 = heapMb();
  t = process.hrtime.bigint();
  const plain = new MiniSearch<{ id: string; title: string; body: string }>({ fields: ['title', 'body'] });
  for (const a of articles) plain.add({ id: a.id, title: a.title, body: a.paragraphs.join('\n') });
  log(label(`plain MiniSearch: build ${fmt(ms(t) / 1000)} s, heap ${fmt(heapMb() - heap0, 0)} MB`));
  log(label(`plain MiniSearch: 1–3 word queries ${timeQueries(reader, (q) => plain.search(q).slice(0, 10), 1)}`));
  log(label(`plain MiniSearch: 8–15 word queries ${timeQueries(headline, (q) => plain.search(q).slice(0, 10), 1)}`));

  // Linear scan: count query words found in each article's normalised text.
  const texts = articles.map((a) => normalize(`${a.title}\n${a.paragraphs.join('\n')}`));
  const scan = (q: string) => {
    const words = normalize(q).split(/\s+/).filter(Boolean);
    const scored: [number, number][] = [];
    texts.forEach((text, i) => {
      const score = words.reduce((s, w) => s + (text.includes(w) ? 1 : 0), 0);
      if (score > 0) scored.push([score, i]);
    });
    return scored.sort((a, b) => b[0] - a[0]).slice(0, 10);
  };
  log(label(`linear scan: 1–3 word queries ${timeQueries(reader.slice(0, LINEAR_QUERIES), scan, 1)}`));
  log(label(`linear scan: 8–15 word queries ${timeQueries(headline.slice(0, LINEAR_QUERIES), scan, 1)}`));
}
