// The real news corpus for benchmarks: 23,370 ANT articles (2018, five outlets) read from
// ../shared/corpus/ant-news.jsonl.gz, repeated with fresh ids and dates up to the size asked for.
// Each record goes through the ingestion pipeline's buildArticles (summaries included), so the
// store and the index see what a real import would give them.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Article } from '../../src/domain.ts';
import { buildArticles } from '../../src/ingest/build-articles.ts';
import { shortId } from '../../src/ingest/ids.ts';
import { cleanDisplayText } from '../../src/text/normalize.ts';

/** Beside the clone, where CI and this machine keep the shared material. */
export const REAL_CORPUS = fileURLToPath(new URL('../../../shared/corpus/ant-news.jsonl.gz', import.meta.url));

export interface NewsRecord {
  id: string;
  source: string;
  title: string;
  text: string;
}

export function realCorpusAvailable(path = REAL_CORPUS): boolean {
  return existsSync(path);
}

/** Every record with a title and some text, in file order. */
export async function readRealCorpus(path = REAL_CORPUS): Promise<NewsRecord[]> {
  const records: NewsRecord[] = [];
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Partial<NewsRecord>;
    if (typeof r.title === 'string' && typeof r.text === 'string' && r.title.trim() && r.text.trim()) {
      records.push({ id: String(r.id), source: String(r.source ?? ''), title: r.title, text: r.text });
    }
  }
  return records;
}

/**
 * Article `i` of a corpus of `count`: record i mod the corpus size, its round number making the
 * id fresh, dated so that the corpus spans `spanDays` up to `now` in ingestion order.
 */
export function realArticle(records: NewsRecord[], i: number, count: number, now: number, spanDays: number): Article {
  const record = records[i % records.length] as NewsRecord;
  const round = Math.floor(i / records.length);
  const date = new Date(now - spanDays * 86_400_000 * (1 - i / count));
  const paragraphs = record.text.split('\n').map(cleanDisplayText).filter(Boolean);
  const [article] = buildArticles(
    { header: { date: date.toISOString() }, articles: [{ title: cleanDisplayText(record.title), derivedTitle: false, paragraphs, keywords: [], source: record.source }], headlines: [] },
    { origin: `${record.id}#${round}`, now: new Date(now).toISOString(), timeZone: 'UTC', findIdByTitleKey: () => undefined },
  );
  // Repeats of a record share its title, and ids come from titles: the round makes them distinct.
  return { ...(article as Article), id: shortId(`bench:${record.id}#${round}`) };
}
