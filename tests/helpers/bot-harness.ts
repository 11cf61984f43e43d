// Starts the emulator and the real bot against it over HTTP (client.apiRoot), with a library
// seeded from the seed page, and tears both down after the test file.
import { after } from 'node:test';
import { join } from 'node:path';
import type { Bot } from 'grammy';
import { createBot } from '../../src/bot/create-bot.ts';
import { startBot } from '../../src/bot/start-bot.ts';
import type { BotContext, BotDeps } from '../../src/bot/context.ts';
import { TelegramEmulator, type EmulatorOptions } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { StoredMessage, TgChat, TgUser } from '../../src/emulator/types.ts';
import { Library } from '../../src/library.ts';
import { startSummaryRefresh, type SummaryRefreshTotals } from '../../src/ops/summary-refresh.ts';
import { createLogger } from '../../src/logger.ts';
import type { ConversationData } from '@grammyjs/conversations';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { SEED_FILE, tempDir } from './tmp.ts';

export const TOKEN = '123456789:test-token-aaaaaaaaaaaaaaaaaaaa';

export interface Harness {
  emulator: TelegramEmulator;
  bot: Bot<BotContext>;
  library: Library;
  chats: ChatRepository;
  dataDir: string;
  /** Stops the bot and starts a new one on the same data folder, every store reopened from disk. */
  restart(): Promise<void>;
  apiRoot: string;
  /** The summary refresh of the current launch, as main starts it (undefined if it could not run). */
  summaryRefresh: Promise<SummaryRefreshTotals | undefined>;
  /** Sends text as a user and waits for the bot's next message in that chat. */
  say(user: TgUser, chat: TgChat, text: string, options?: { replyTo?: number; senderChat?: TgChat }): Promise<StoredMessage>;
  /** Waits until the bot has sent `count` messages in the chat after `since` and returns them. */
  botReplies(chat: TgChat, since: number, count?: number): Promise<StoredMessage[]>;
}

export async function startHarness(
  options: EmulatorOptions & {
    pages?: string[];
    userRate?: BotDeps['userRate'];
    /** The bot's clock (conversation timeouts, /digest limits); a test moves it instead of sleeping. */
    clock?: () => number;
    logDestination?: NodeJS.WritableStream;
    failing?: string[];
    refusing?: string[];
    /** More dependencies for the bot (operators, telemetry), given the stores of each launch. */
    deps?: (parts: { library: Library; chats: ChatRepository; dataDir: string }) => Partial<BotDeps>;
    /** Changes the data folder once the pages are stored, before the first launch (a store an older release left). */
    prepare?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<Harness> {
  const dataDir = join(await tempDir(), 'data');
  const logger = options.logDestination
    ? createLogger({ level: 'info', token: TOKEN, destination: options.logDestination })
    : createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', token: TOKEN });
  const emulator = new TelegramEmulator(options);
  for (const method of options.failing ?? []) emulator.failing.add(method);
  for (const method of options.refusing ?? []) emulator.refusing.add(method);
  const running = await startEmulatorServer(emulator);

  const launch = async () => {
    const library = await Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
    const chats = await ChatRepository.open(dataDir);
    const conversationStorage = await ConversationStorage.open<ConversationData>(dataDir, options.clock ? { clock: options.clock } : {});
    const deps: BotDeps = {
      library, chats, conversationStorage, logger, timeZone: 'Asia/Riyadh',
      ...(options.userRate ? { userRate: options.userRate } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...options.deps?.({ library, chats, dataDir }),
    };
    const bot = createBot(TOKEN, deps, { client: { apiRoot: running.apiRoot } });
    const polling = await startBot(bot, logger, { pollTimeoutS: 1, ...(deps.adminIds ? { operatorIds: deps.adminIds } : {}) });
    const summaryRefresh = startSummaryRefresh({ articles: library.articles, ready: library.ready(), logger });
    return { library, chats, bot, conversationStorage, polling, summaryRefresh };
  };
  {
    const library = await Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
    await library.ingest(options.pages ?? [SEED_FILE]);
    await library.persistNow();
  }
  await options.prepare?.(dataDir);
  let current = await launch();
  after(async () => {
    await current.polling.stop();
    await current.summaryRefresh;
    await running.close();
  });

  const botReplies = (chat: TgChat, since: number, count = 1) =>
    emulator.waitFor(() => {
      const replies = emulator.botMessages(chat.id).filter((m) => m.message.message_id > since);
      return replies.length >= count ? replies : undefined;
    }, 10_000, `${count} bot message(s) in chat ${chat.id}`);

  const harness: Harness = {
    emulator,
    bot: current.bot,
    library: current.library,
    chats: current.chats,
    summaryRefresh: current.summaryRefresh,
    dataDir,
    apiRoot: running.apiRoot,
    botReplies,
    async restart() {
      await current.polling.stop();
      await current.summaryRefresh;
      await Promise.all([current.chats.flush(), current.conversationStorage.flush(), current.library.persistNow()]);
      current = await launch();
      Object.assign(harness, { bot: current.bot, library: current.library, chats: current.chats, summaryRefresh: current.summaryRefresh });
    },
    async say(user, chat, text, opts) {
      const sent = emulator.sendText(user, chat, text, opts);
      return (await botReplies(chat, sent.message_id))[0] as StoredMessage;
    },
  };
  return harness;
}

type Maybe<T> = T | undefined | false | null;

/** Polls until the predicate holds: for state the bot changes without the emulator seeing it (a database row too). */
export async function eventually<T>(predicate: () => Maybe<T> | Promise<Maybe<T>>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
