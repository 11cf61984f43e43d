// Store benchmark: ingestion throughput, size on disk, load time, one more page into a full store.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestFiles } from '../../src/ingest/ingest.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { buildVocabulary, generatePage, rng } from './corpus.ts';
import { type NewsRecord, realArticle } from './real-corpus.ts';
import { fmt, heapMb, mb, ms } from './stats.ts';

/** Pages per ingestion batch: a realistic import run (a day of several sources). */
const BATCH_PAGES = 1000;
/** Days the generated corpus spans: a year of news. */
const SPAN_DAYS = 365;
const VOCABULARY = 60_000;

async function du(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export interface StoreBench {
  articles: number;
  dataDir: string;
}

/** What the figures are about: "generated 10000", "real 100000". */
export const corpusLabel = (records: NewsRecord[] | null, articles: number) => `${records ? 'real' : 'generated'} ${articles}`;

/**
 * Builds a store of `articles` articles under `root`: generated pages (two articles each), or the
 * real news records (one article each) when `records` are given.
 */
export async function benchStore(articles: number, root: string, log: (line: string) => void, records: NewsRecord[] | null = null): Promise<StoreBench> {
  return records ? benchRealStore(articles, root, log, records) : benchGeneratedStore(articles, root, log);
}

async function measureLoad(dataDir: string, label: string, log: (line: string) => void): Promise<ArticleRepository> {
  log(`store ${label}: data on disk ${mb(await du(dataDir))} MB (metadata ${mb(await du(join(dataDir, 'articles', 'meta')))} MB)`);
  const heapBefore = heapMb();
  const loadStart = process.hrtime.bigint();
  const loaded = await ArticleRepository.open(dataDir);
  const loadMs = ms(loadStart);
  log(`store ${label}: loaded ${loaded.size} items in ${fmt(loadMs, 0)} ms, heap +${fmt(heapMb() - heapBefore, 0)} MB`);
  return loaded;
}

const median = (timings: number[]) => [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)] ?? 0;

async function benchRealStore(articles: number, root: string, log: (line: string) => void, records: NewsRecord[]): Promise<StoreBench> {
  const label = corpusLabel(records, articles);
  const dataDir = join(root, 'data');
  const now = Date.now();
  const ingest = async () => {
    const repo = await ArticleRepository.open(dataDir);
    const started = process.hrtime.bigint();
    for (let i = 0; i < articles; i += BATCH_PAGES) {
      const batch = Array.from({ length: Math.min(BATCH_PAGES, articles - i) }, (_, j) => realArticle(records, i + j, articles, now, SPAN_DAYS));
      await repo.upsertMany(batch, mergeArticle);
    }
    return { items: repo.size, ingestMs: ms(started) };
  };
  const { items, ingestMs } = await ingest();
  log(`store ${label}: ingested ${articles} articles (${items} items; ${records.length} real articles, repeated with fresh ids and dates) in ${fmt(ingestMs / 1000)} s = ${fmt(articles / (ingestMs / 1000), 0)} articles/s`);
  const loaded = await measureLoad(dataDir, label, log);
  const timings: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    await loaded.upsertMany([realArticle(records, articles + i, articles, now, SPAN_DAYS)], mergeArticle);
    timings.push(ms(t));
  }
  log(`store ${label}: one more article into the full store: ${timings.map((t) => fmt(t)).join(', ')} ms (median ${fmt(median(timings))})`);
  return { articles, dataDir };
}

async function benchGeneratedStore(articles: number, root: string, log: (line: string) => void): Promise<StoreBench> {
  const label = corpusLabel(null, articles);
  const random = rng(articles);
  const vocab = buildVocabulary(VOCABULARY, random);
  const pagesDir = join(root, 'pages');
  const dataDir = join(root, 'data');
  await mkdir(pagesDir, { recursive: true });
  const pages = articles / 2;
  const now = Date.now();
  const files: string[] = [];
  const published: string[] = [];
  // Pages arrive in publication order, as a site publishes them and a crawler imports them.
  const dates = Array.from({ length: pages }, () => now - random() * SPAN_DAYS * 86_400_000).sort((a, b) => a - b);
  for (let i = 0; i < pages; i++) {
    const date = new Date(dates[i] as number);
    const file = join(pagesDir, `p${String(i).padStart(6, '0')}.txt`);
    await writeFile(file, generatePage(vocab, random, date, published));
    files.push(file);
  }

  // Ingest in a scope of its own, so that its in-memory store is garbage before the load is measured.
  const ingest = async () => {
    const repo = await ArticleRepository.open(dataDir);
    const started = process.hrtime.bigint();
    for (let i = 0; i < files.length; i += BATCH_PAGES) await ingestFiles(files.slice(i, i + BATCH_PAGES), repo);
    return { items: repo.size, ingestMs: ms(started) };
  };
  const { items, ingestMs } = await ingest();
  log(`store ${label}: ingested ${pages} pages (${items} items incl. headlines) in ${fmt(ingestMs / 1000)} s = ${fmt(pages / (ingestMs / 1000), 0)} pages/s`);
  const loaded = await measureLoad(dataDir, label, log);

  const onePage = join(root, 'one-more.txt');
  const timings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await writeFile(onePage, generatePage(vocab, random, new Date(), published));
    const t = process.hrtime.bigint();
    await ingestFiles([onePage], loaded);
    timings.push(ms(t));
  }
  log(`store ${label}: one more page into the full store: ${timings.map((t) => fmt(t)).join(', ')} ms (median ${fmt(median(timings))})`);
  return { articles, dataDir };
}
