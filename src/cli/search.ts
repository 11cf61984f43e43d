// npm run search -- "<words>" [--json] [--limit N]
// npm run --silent search -- --corpus FILE --queries FILE --k N     (evaluation mode)
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import type { Article } from '../domain.ts';
import { deriveTitle } from '../ingest/derive-title.ts';
import { createLogger } from '../logger.ts';
import { Library } from '../library.ts';
import { SearchIndex } from '../search/search-index.ts';
import { ArticleRepository } from '../store/article-repository.ts';
import { bodyFilesFor } from '../store/file-io.ts';
import { positiveInt, readArgs } from './args.ts';
import { writeJsonLine } from './jsonl.ts';
import { refuseOnPostgres } from './lowdb-only.ts';
import { runCli } from './run.ts';

const USAGE = 'npm run search -- "<words>" [--json] [--limit N]\n       npm run --silent search -- --corpus FILE --queries FILE [--k N]';

async function readJsonl<T>(file: string): Promise<T[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as T];
    } catch {
      console.error(`${file}:${i + 1}: not valid JSON; line skipped`);
      return [];
    }
  });
}

async function evaluate(corpusFile: string, queriesFile: string, k: number): Promise<number> {
  const index = SearchIndex.empty();
  for (const doc of await readJsonl<{ id: string; title?: string; text: string }>(corpusFile)) {
    // Stored as ingestion stores a page: its lines are its paragraphs, and a page without a title
    // gets its lead's opening clause as one (deriveTitle), marked as derived.
    const paragraphs = String(doc.text ?? '').split('\n').map((p) => p.trim()).filter(Boolean);
    const article: Article = {
      id: String(doc.id), kind: 'article', title: doc.title || deriveTitle(paragraphs[0] ?? ''), keywords: [], related: [], publishedAt: '',
      ingestedAt: '', updatedAt: '', origin: corpusFile, pageOrder: 0, summary: '', digestLine: '', contentHash: '',
      paragraphs,
    };
    if (!doc.title) article.derivedTitle = true;
    index.upsert(article);
  }
  for (const q of await readJsonl<{ qid: string; query: string }>(queriesFile)) {
    writeJsonLine({ qid: q.qid, ids: index.search(String(q.query ?? ''), { limit: k }).map((h) => h.id) });
  }
  return 0;
}

await runCli(async () => {
  const { values, positionals } = readArgs(
    {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      corpus: { type: 'string' },
      queries: { type: 'string' },
      k: { type: 'string' },
    },
    USAGE,
  );
  if (values.corpus || values.queries) {
    if (!values.corpus || !values.queries) {
      console.error(`evaluation mode needs both --corpus and --queries\n\nusage: ${USAGE}`);
      return 2;
    }
    return evaluate(values.corpus, values.queries, positiveInt(values.k, '--k') ?? 10);
  }
  const query = positionals.join(' ').trim();
  if (!query) {
    console.error(`what should I search for?\n\nusage: ${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const refused = refuseOnPostgres(config.DATABASE_URL, 'npm run search', 'Search in the bot (/search or plain words).');
  if (refused !== undefined) return refused;
  const logger = createLogger({ level: 'warn', token: config.BOT_TOKEN, destination: process.stderr });
  const repo = await ArticleRepository.open(config.DATA_DIR, { bodyFiles: bodyFilesFor(config.BODY_READS) });
  const library = Library.open(repo, config.DATA_DIR, logger);
  const hits = await library.search(query, positiveInt(values.limit, '--limit') ?? 10);
  const rows = hits.map(({ article, hit }) => ({ id: article.id, score: Math.round(hit.score * 1000) / 1000, title: article.title }));
  if (values.json) console.log(JSON.stringify({ query, results: rows }));
  else if (rows.length === 0) console.log('no results');
  else rows.forEach((r, i) => console.log(`${i + 1}. ${r.score.toFixed(3)}  ${r.title}  [${r.id}]`));
  return 0;
});
