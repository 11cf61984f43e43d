// npm run ingest -- [--json] [files or folders…]   (default: SEEDS_DIR)
// npm run ingest -- --feed URL [--json]            (one feed, once)
// Prints counts: new, updated, unchanged, and each rejected page or item with its reason.
import { loadConfig } from '../config.ts';
import { ingestFiles, listPageFiles, MissingPathError } from '../ingest/ingest.ts';
import { ArticleRepository } from '../store/article-repository.ts';
import { readArgs } from './args.ts';
import { ingestOneFeed } from './ingest-feed.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const { values, positionals } = readArgs(
    { json: { type: 'boolean', default: false }, feed: { type: 'string' } },
    'npm run ingest -- [--json] [files or folders…]\n       npm run ingest -- --feed URL [--json]',
  );
  const config = loadConfig();
  if (values.feed !== undefined) return ingestOneFeed(values.feed, values.json, config);
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
  const repo = await ArticleRepository.open(config.DATA_DIR);
  const { changedIds: _ids, ...report } = await ingestFiles(files, repo);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`pages: ${report.pages}  new: ${report.new}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.rejected.length}`);
    for (const r of report.rejected) console.log(`rejected ${r.file}: ${r.reason}`);
  }
  return 0;
});
