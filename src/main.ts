// Composition root: config → store → ingest → search index → bot → shutdown.
// The only module that knows every part; everything else receives what it needs.
import type { ConversationData } from '@grammyjs/conversations';
import { createBot } from './bot/create-bot.ts';
import { BotStartError, startBot } from './bot/start-bot.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { runDueDigests } from './digest/run.ts';
import { startDigestScheduler } from './digest/scheduler.ts';
import { startFeedsFromConfig } from './ingest/feeds/service.ts';
import { listPageFiles } from './ingest/ingest.ts';
import { watchFolder } from './ingest/watch.ts';
import { Library } from './library.ts';
import { createLogger, type Logger } from './logger.ts';
import { ArticleRepository } from './store/article-repository.ts';
import { ChatRepository } from './store/chat-repository.ts';
import { ConversationStorage } from './store/conversation-storage.ts';
import { StoreError } from './store/errors.ts';

const NO_TOKEN = `BOT_TOKEN is not set, so the bot cannot talk to Telegram.
  1. Ask @BotFather on Telegram for a bot (/newbot) and copy its token.
  2. Put it in a .env file here:  BOT_TOKEN=123456789:AA…   (see .env.example)
  3. Run npm start again.
To try the bot without Telegram, run the local emulator (npm run emulator) and follow what it prints.`;

class StartupError extends Error {}

async function ingestSeeds(files: string[], library: Library, logger: Logger) {
  const { changedIds: _changed, rejected, ...counts } = await library.ingest(files);
  logger.info({ ...counts, rejected: rejected.length }, 'ingested pages');
  for (const r of rejected) logger.warn({ file: r.file, reason: r.reason }, 'page rejected');
}

async function main(config: Config): Promise<void> {
  if (!config.BOT_TOKEN) throw new StartupError(NO_TOKEN);
  const logger = createLogger({ level: config.LOG_LEVEL, token: config.BOT_TOKEN });
  const articles = await ArticleRepository.open(config.DATA_DIR);
  logger.info({ items: articles.size, dataDir: config.DATA_DIR }, 'store loaded');
  const library = Library.open(articles, config.DATA_DIR, logger);

  const chats = await ChatRepository.open(config.DATA_DIR);
  const conversationStorage = await ConversationStorage.open<ConversationData>(config.DATA_DIR);
  const feeds = await startFeedsFromConfig(config, library, logger);
  const bot = createBot(
    config.BOT_TOKEN,
    { library, chats, conversationStorage, logger, timeZone: config.DEFAULT_TIMEZONE, adminIds: config.ADMIN_IDS, feeds: feeds.manager },
    { client: { apiRoot: config.BOT_API_ROOT } },
  );
  const polling = await startBot(bot, logger);

  // Seeds are ingested once the search index has loaded (in the background): the bot already
  // answers meanwhile, and a search simply waits for the index on a fresh start.
  const seedFiles = await listPageFiles([config.SEEDS_DIR]).catch((error: Error) => {
    logger.warn({ seedsDir: config.SEEDS_DIR, reason: error.message }, 'seeds folder unreadable; serving the stored articles');
    return [];
  });
  const seeded = ingestSeeds(seedFiles, library, logger).catch((error: unknown) => logger.error({ err: error }, 'seed ingestion failed'));
  const watcher = await watchFolder(config.SEEDS_DIR, (files) => ingestSeeds(files, library, logger), logger);
  const scheduler = startDigestScheduler(
    (now) =>
      runDueDigests(now, {
        chats,
        articles,
        send: (chatId, text, options) => bot.api.sendMessage(chatId, text, options),
        logger,
        graceHours: config.DIGEST_GRACE_HOURS,
      }).then((report) => {
        if (Object.values(report).some((n) => n > 0)) logger.info(report, 'digest run');
      }),
    logger,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: stopping polling, finishing writes');
    watcher.close();
    await seeded;
    await scheduler.stop();
    await feeds.stop();
    await polling.stop();
    await Promise.all([library.persistNow(), chats.flush(), conversationStorage.flush()]);
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(`Khulasa cannot start: ${(error as Error).message}`);
  process.exit(1);
}
main(config).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreError || error instanceof StartupError || error instanceof BotStartError) {
    console.error(`Khulasa cannot start: ${error.message}`);
  } else {
    console.error('Khulasa stopped on an unexpected error:', error);
  }
  process.exit(1);
});
