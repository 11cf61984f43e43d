// npm run ingest -- [--json] [files or folders…]   (default: SEEDS_DIR)
// npm run ingest -- --feed URL [--json]            (one feed, once)
// Prints counts: new, updated, unchanged, and each rejected page or item with its reason. While the bot
// runs on the same DATA_DIR, pages are handed to it through its seeds folder instead. With
// DATABASE_URL the pages go into PostgreSQL, where every instance hears of them and indexes them.
import { type Config, loadConfig } from '../config.ts';
import { handToSeedsDir } from '../ingest/hand-off.ts';
import { type IngestReport, ingestFiles, listPageFiles, MissingPathError } from '../ingest/ingest.ts';
import { createLogger } from '../logger.ts';
import { pgBackend } from '../ops/transfer/pg-backend.ts';
import type { ArticleStore } from '../store/stores.ts';
import { ArticleRepository } from '../store/article-repository.ts';
import { bodyFilesFor } from '../store/file-io.ts';
import { DataDirLockedError, type LockHolder, lockDataDir } from '../store/data-lock.ts';
import { readArgs } from './args.ts';
import { ingestOneFeed } from './ingest-feed.ts';
import { refuseOnPostgres } from './lowdb-only.ts';
import { runCli } from './run.ts';

async function handToBot(files: string[], holder: LockHolder & { seedsDir: string }, json: boolean): Promise<number> {
  const { copied, present } = await handToSeedsDir(files, holder.seedsDir);
  if (json) {
    console.log(JSON.stringify({ handedTo: { pid: holder.pid, seedsDir: holder.seedsDir }, copied: copied.length, present: present.length }));
  } else {
    console.log(`The bot (pid ${holder.pid}) is running on this DATA_DIR, so it ingests the pages itself.`);
    console.log(`copied into ${holder.seedsDir}: ${copied.length}  already there: ${present.length}`);
    console.log('It picks them up within a few seconds; its log says "ingested pages".');
  }
  return 0;
}

/** Ingests the pages into `repo` and prints the counts (or one JSON object). */
async function ingestInto(repo: ArticleStore, files: string[], config: Config, json: boolean): Promise<number> {
  const { changedIds: _ids, ...report }: IngestReport = await ingestFiles(files, repo, new Date(), { seedsDir: config.SEEDS_DIR, timeZone: config.DEFAULT_TIMEZONE });
  if (json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`pages: ${report.pages}  new: ${report.new}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.rejected.length}`);
    for (const r of report.rejected) console.log(`rejected ${r.file}: ${r.reason}`);
  }
  return 0;
}

/** PostgreSQL takes writers side by side (each batch merged under its lock): no DATA_DIR lock, no hand-off. */
async function ingestIntoPostgres(url: string, files: string[], config: Config, json: boolean): Promise<number> {
  const logger = createLogger({ level: 'warn', token: config.BOT_TOKEN, destination: process.stderr });
  const stores = await pgBackend(url, logger).open();
  try {
    return await ingestInto(stores.articles, files, config, json);
  } finally {
    await stores.close();
  }
}

await runCli(async () => {
  const { values, positionals } = readArgs(
    { json: { type: 'boolean', default: false }, feed: { type: 'string' } },
    'npm run ingest -- [--json] [files or folders…]\n       npm run ingest -- --feed URL [--json]',
  );
  const config = loadConfig();
  if (values.feed !== undefined) {
    return refuseOnPostgres(config.DATABASE_URL, 'npm run ingest -- --feed', 'Add the feed with /feeds add URL (an operator, in the bot) or to FEEDS; instances poll it.') ?? ingestOneFeed(values.feed, values.json, config);
  }
  let files: string[];
  try {
    files = await listPageFiles(positionals.length > 0 ? positionals : [config.SEEDS_DIR]);
  } catch (error) {
    if (error instanceof MissingPathError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (config.DATABASE_URL) return ingestIntoPostgres(config.DATABASE_URL, files, config, values.json);
  let lock;
  try {
    lock = await lockDataDir(config.DATA_DIR, { role: 'ingest' });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const { holder } = error;
    if (holder.role === 'bot' && holder.seedsDir) return handToBot(files, { ...holder, seedsDir: holder.seedsDir }, values.json);
    console.error(`error: ${error.message} Nothing was ingested.`);
    return 1;
  }
  try {
    return await ingestInto(await ArticleRepository.open(config.DATA_DIR, { bodyFiles: bodyFilesFor(config.BODY_READS) }), files, config, values.json);
  } finally {
    await lock.release();
  }
});
