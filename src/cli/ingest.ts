// npm run ingest -- [--json] [files or folders…]   (default: SEEDS_DIR)
// npm run ingest -- --feed URL [--json]            (one feed, once)
// Prints counts: new, updated, unchanged, and each rejected page or item with its reason. While the bot
// runs on the same DATA_DIR, pages are handed to it through its seeds folder instead.
import { loadConfig } from '../config.ts';
import { handToSeedsDir } from '../ingest/hand-off.ts';
import { ingestFiles, listPageFiles, MissingPathError } from '../ingest/ingest.ts';
import { ArticleRepository } from '../store/article-repository.ts';
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
  // A bot running on this DATA_DIR was handed the pages above, whichever its backend.
  const refused = refuseOnPostgres(config.DATABASE_URL, 'npm run ingest', 'Put the pages in a running instance\'s SEEDS_DIR (it stores them in PostgreSQL for every instance), or start the bot with them there.');
  if (refused !== undefined) {
    await lock.release();
    return refused;
  }
  try {
    const repo = await ArticleRepository.open(config.DATA_DIR);
    const { changedIds: _ids, ...report } = await ingestFiles(files, repo, new Date(), { seedsDir: config.SEEDS_DIR, timeZone: config.DEFAULT_TIMEZONE });
    if (values.json) {
      console.log(JSON.stringify(report));
    } else {
      console.log(`pages: ${report.pages}  new: ${report.new}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.rejected.length}`);
      for (const r of report.rejected) console.log(`rejected ${r.file}: ${r.reason}`);
    }
    return 0;
  } finally {
    await lock.release();
  }
});
