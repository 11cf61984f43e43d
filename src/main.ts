// Composition root: config → lock → stores → bot → seeds → digests, and the shutdown that
// undoes them in order. The only module that knows every part; each start-up step is a small
// function so that a new part is one more line in `main`.
import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api, type Bot } from 'grammy';
import type pg from 'pg';
import type { BotContext } from './bot/context.ts';
import { createBot } from './bot/create-bot.ts';
import { observeApi } from './bot/observe.ts';
import { BotStartError, startBot } from './bot/start-bot.ts';
import { startWebhook } from './bot/start-webhook.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { runDueDigests } from './digest/run.ts';
import { startDigestScheduler } from './digest/scheduler.ts';
import { startQueuedDigests } from './digest/start-queued.ts';
import type { FeedStatus } from './ingest/feeds/manager.ts';
import { startFeedsFromConfig } from './ingest/feeds/service.ts';
import { listPageFiles } from './ingest/ingest.ts';
import { watchFolder } from './ingest/watch.ts';
import { Library } from './library.ts';
import { createLogger, type Logger, writeFailure } from './logger.ts';
import { HealthPortError, startHealthServer } from './ops/health-server.ts';
import { ingestPages, rescanSeeds } from './ops/seeds.ts';
import { startSummaryRefresh } from './ops/summary-refresh.ts';
import type { FeedFigures } from './ops/stats.ts';
import { Telemetry } from './ops/telemetry.ts';
import { checkIndexFile, INDEX_FILE } from './search/build-index.ts';
import { createShutdown, type Shutdown } from './shutdown.ts';
import { DataDirLockedError } from './store/data-lock.ts';
import { StoreError } from './store/errors.ts';
import { openStores, type Stores } from './store/open-stores.ts';
import { LOCK_SPACE, tryExclusive } from './store/pg/advisory-lock.ts';
import { DatabaseError } from './store/pg/pool.ts';
import { PlaygroundStartError, withPlayground } from './playground/start-playground.ts';

function feedFigures(list: FeedStatus[]): FeedFigures {
  return { total: list.length, failing: list.filter((f) => f.state.failures > 0).length };
}

/** The configured stores (lowdb or PostgreSQL) and the search library over their articles. */
async function openLibrary(config: Config, logger: Logger, shutdown: Shutdown): Promise<Stores & { library: Library }> {
  const stores = await openStores(config, logger, shutdown);
  await checkIndexFile(config.DATA_DIR);
  logger.info({ items: stores.articles.size, dataDir: config.DATA_DIR, backend: stores.backend }, 'store loaded');
  const library = Library.open(stores.articles, config.DATA_DIR, logger, { seedsDir: config.SEEDS_DIR, timeZone: config.DEFAULT_TIMEZONE });
  // A body file damaged inside (start-up checks only its two ends) stops the index from being
  // built, and every search and ingestion would then fail: stop, naming the file, as start-up does.
  library.ready().catch((error: unknown) => {
    if (!(error instanceof StoreError)) return;
    writeFailure(`Khulasa cannot start: ${error.message}`, config.BOT_TOKEN);
    shutdown.begin('a data file is damaged', 1);
  });
  // Added after the stores' step, so it runs before it: the index is written while they are open.
  shutdown.add('persist the search index', () => library.persistNow());
  return { ...stores, library };
}

/**
 * Seeds are ingested once the search index has loaded (in the background): the bot already
 * answers meanwhile, and a search simply waits for the index on a fresh start.
 */
async function startSeeding(config: Config, library: Library, logger: Logger, telemetry: Telemetry, shutdown: Shutdown): Promise<void> {
  const seedFiles = await listPageFiles([config.SEEDS_DIR]).catch((error: Error) => {
    logger.warn({ seedsDir: config.SEEDS_DIR, reason: error.message }, 'seeds folder unreadable; serving the stored articles');
    return [];
  });
  const seeded = ingestPages(seedFiles, library, logger, telemetry, shutdown.signal).catch((error: unknown) => logger.error({ err: error }, 'seed ingestion failed'));
  const watcher = await watchFolder(config.SEEDS_DIR, (files) => ingestPages(files, library, logger, telemetry, shutdown.signal).then(() => undefined), logger);
  shutdown.add('stop seed ingestion', async () => {
    watcher.close();
    await seeded;
  });
}

function startDigests(config: Config, stores: Stores, bot: Bot<BotContext>, logger: Logger, telemetry: Telemetry, shutdown: Shutdown): void {
  const scheduler = startDigestScheduler(
    (now) =>
      runDueDigests(
        now,
        {
          chats: stores.chats,
          articles: stores.articles,
          send: (chatId, text, options) => bot.api.sendMessage(chatId, text, options),
          logger,
          graceHours: config.DIGEST_GRACE_HOURS,
        },
        shutdown.signal,
      ).then((report) => {
        telemetry.digestRun({ ...report });
        if (Object.values(report).some((n) => n > 0)) logger.info(report, 'digest run');
      }),
    logger,
  );
  shutdown.add('stop digests', () => scheduler.stop());
}

/**
 * PostgreSQL mode: digests through the job queue shared by every instance. Its sends go through
 * an Api of their own whose 429s reach the shared pace (which holds every instance), where the
 * bot's own calls wait out a flood alone.
 */
async function startQueuedDigestsFor(config: Config & { BOT_TOKEN: string; DATABASE_URL: string }, pool: pg.Pool, stores: Stores, logger: Logger, telemetry: Telemetry, shutdown: Shutdown): Promise<void> {
  const api = new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT });
  api.config.use(autoRetry({ maxDelaySeconds: 0, maxRetryAttempts: 5 }));
  api.config.use(observeApi(telemetry));
  const digests = await startQueuedDigests({
    url: config.DATABASE_URL, pool, chats: stores.chats, articles: stores.articles, logger, graceHours: config.DIGEST_GRACE_HOURS,
    send: (chatId, text, options) => api.sendMessage(chatId, text, options),
    onReport: (report) => telemetry.digestRun({ ...report }),
    queue: { expireInSeconds: config.DIGEST_JOB_EXPIRY_S },
    signal: shutdown.signal,
  });
  shutdown.add('stop digests', () => digests.stop());
}

async function main(loaded: Config, logger: Logger, telemetry: Telemetry, shutdown: Shutdown): Promise<void> {
  // Without a token the same bot runs against the playground's emulator (src/playground/).
  const { config, playground } = await withPlayground(loaded);
  if (!playground) return void (await runBot(config, logger, telemetry, shutdown));
  process.stdout.write(playground.banner);
  // Added before the bot's steps, so it closes after their writes are finished.
  shutdown.add('close the playground', () => playground.close());
  const { WEBHOOK_URL: _unused, ...polled } = config;
  await playground.runBot((steps) => runBot(polled, logger, telemetry, steps), shutdown, logger);
}

/** The bot and its stores; each step's undo goes to `shutdown`. Returns the library. */
async function runBot(config: Config & { BOT_TOKEN: string }, logger: Logger, telemetry: Telemetry, shutdown: Shutdown): Promise<Library> {
  const stores = await openLibrary(config, logger, shutdown);
  const { pool } = stores;
  // With PostgreSQL, several instances may run: one of them polls the feeds at each tick.
  const feeds = await startFeedsFromConfig(config, stores.feeds, stores.library, logger, pool && ((task) => tryExclusive(pool, LOCK_SPACE.feedPoll, task)));
  shutdown.add('stop feeds', () => feeds.stop());
  const bot = createBot(
    config.BOT_TOKEN,
    {
      library: stores.library,
      chats: stores.chats,
      conversationStorage: stores.conversations,
      ...(stores.chatLock ? { chatLock: stores.chatLock } : {}),
      logger,
      timeZone: config.DEFAULT_TIMEZONE,
      adminIds: config.ADMIN_IDS,
      feeds: feeds.manager,
      ops: {
        telemetry,
        reloadSeeds: () => rescanSeeds(config.SEEDS_DIR, stores.library, logger, telemetry, shutdown.signal),
        feeds: () => feedFigures(feeds.manager.list()),
        indexFile: join(config.DATA_DIR, INDEX_FILE),
      },
    },
    { client: { apiRoot: config.BOT_API_ROOT } },
  );
  const health = await startHealthServer(config.HEALTH_PORT, { telemetry, dataDir: config.DATA_DIR, logger });
  shutdown.add('close the health server', () => health.close());
  // Webhook when WEBHOOK_URL is set (the playground drops it: its emulator is polled); long polling otherwise.
  const receiving = config.WEBHOOK_URL && config.WEBHOOK_SECRET
    ? await startWebhook(bot, logger, { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.PORT, host: config.WEBHOOK_LISTEN_HOST, operatorIds: config.ADMIN_IDS })
    : await startBot(bot, logger, { onPollingStopped: (stop) => shutdown.begin(`polling stopped: ${stop.reason}`, 1), operatorIds: config.ADMIN_IDS });
  shutdown.add('stop receiving updates', () => receiving.stop());
  await startSeeding(config, stores.library, logger, telemetry, shutdown);
  // Summaries an older release made are made again, in the background, once the index is ready.
  const refreshing = startSummaryRefresh({
    articles: stores.articles, ready: stores.library.ready(), logger, signal: shutdown.signal,
    ...(pool ? { exclusive: (task) => tryExclusive(pool, LOCK_SPACE.summaryRefresh, task) } : {}),
  });
  shutdown.add('stop the summary refresh', async () => void (await refreshing));
  if (pool && config.DATABASE_URL) await startQueuedDigestsFor({ ...config, DATABASE_URL: config.DATABASE_URL }, pool, stores, logger, telemetry, shutdown);
  else startDigests(config, stores, bot, logger, telemetry, shutdown);
  return stores.library;
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  writeFailure(`Khulasa cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const telemetry = new Telemetry();
const logger = createLogger({ level: config.LOG_LEVEL, ...(config.BOT_TOKEN ? { token: config.BOT_TOKEN } : {}), onError: () => telemetry.error() });
const shutdown = createShutdown(logger, (code) => process.exit(code));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown.begin(signal));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'unexpected error; shutting down');
  shutdown.begin('unexpected error', 1);
});
// A promise nobody awaited failed: pg-boss 10 completes and fails jobs without awaiting, so a
// database blip as a batch ends lands here. The job expires and runs again elsewhere, so it is
// logged rather than a reason to stop serving readers.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'a background task failed; the bot goes on'));
const started = main(config, logger, telemetry, shutdown);
shutdown.awaitStartup(started);
started.catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StoreError || error instanceof PlaygroundStartError || error instanceof BotStartError || error instanceof DataDirLockedError || error instanceof HealthPortError || error instanceof DatabaseError;
  if (known) writeFailure(`Khulasa cannot start: ${error.message}`, config.BOT_TOKEN);
  else logger.fatal({ err: error }, 'Khulasa stopped on an unexpected error');
  process.exit(1);
});
