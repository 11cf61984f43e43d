// Composition root: config → store → ingest → (search index → bot → scheduler) → shutdown.
// The only module that knows every part; everything else receives what it needs.
import { ConfigError, loadConfig } from './config.ts';
import { listPageFiles } from './ingest/ingest.ts';
import { watchFolder } from './ingest/watch.ts';
import { Library } from './library.ts';
import { createLogger, type Logger } from './logger.ts';
import { ArticleRepository } from './store/article-repository.ts';
import { StoreError } from './store/errors.ts';

async function ingestSeeds(files: string[], library: Library, logger: Logger) {
  const report = await library.ingest(files);
  const { changedIds, rejected, ...counts } = report;
  logger.info({ ...counts, rejected: rejected.length }, 'ingested pages');
  for (const r of rejected) logger.warn({ file: r.file, reason: r.reason }, 'page rejected');
  return changedIds;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, token: config.BOT_TOKEN });
  const articles = await ArticleRepository.open(config.DATA_DIR);
  logger.info({ articles: articles.size, dataDir: config.DATA_DIR }, 'store loaded');

  const seedFiles = await listPageFiles([config.SEEDS_DIR]).catch((error: Error) => {
    logger.warn({ seedsDir: config.SEEDS_DIR, reason: error.message }, 'seeds folder unreadable; serving the stored articles');
    return [];
  });
  const library = await Library.open(articles, config.DATA_DIR, logger);
  await ingestSeeds(seedFiles, library, logger);
  const watcher = await watchFolder(config.SEEDS_DIR, (files) => ingestSeeds(files, library, logger).then(() => undefined), logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    watcher.close();
    await library.persistNow();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreError) {
    console.error(`Khulasa cannot start: ${error.message}`);
  } else {
    console.error('Khulasa stopped on an unexpected error:', error);
  }
  process.exit(1);
});
