// Store benchmark: ingestion throughput, size on disk, load time, one more page into a full store.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestFiles } from '../../src/ingest/ingest.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { buildVocabulary, generatePage, rng } from './corpus.ts';
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

/** Builds a store of `articles` articles (two per page) under `root`, reporting each figure. */
export async function benchStore(articles: number, root: string, log: (line: string) => void): Promise<StoreBench> {
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
  log(`store ${articles}: ingested ${pages} pages (${items} items incl. headlines) in ${fmt(ingestMs / 1000)} s = ${fmt(pages / (ingestMs / 1000), 0)} pages/s`);
  log(`store ${articles}: data on disk ${mb(await du(dataDir))} MB (metadata ${mb(await du(join(dataDir, 'articles', 'meta')))} MB)`);

  const heapBefore = heapMb();
  const loadStart = process.hrtime.bigint();
  const loaded = await ArticleRepository.open(dataDir);
  const loadMs = ms(loadStart);
  log(`store ${articles}: loaded ${loaded.size} items in ${fmt(loadMs, 0)} ms, heap +${fmt(heapMb() - heapBefore, 0)} MB`);

  const onePage = join(root, 'one-more.txt');
  const timings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await writeFile(onePage, generatePage(vocab, random, new Date(), published));
    const t = process.hrtime.bigint();
    await ingestFiles([onePage], loaded);
    timings.push(ms(t));
  }
  log(`store ${articles}: one more page into the full store: ${timings.map((t) => fmt(t)).join(', ')} ms (median ${fmt([...timings].sort((a, b) => a - b)[2] ?? 0)})`);
  return { articles, dataDir };
}
