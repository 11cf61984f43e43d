// Bot benchmark: updates handled per second and reply latency through the emulator over HTTP,
// for a mix of searches and button presses, beside a bare grammY bot that only echoes, and the
// same echo replying with one of our search pages (what sending our pages costs, with no work).
import type { ConversationData } from '@grammyjs/conversations';
import { run } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import type { ParseMode } from 'grammy/types';
import { createBot, USER_WINDOW_MS } from '../../src/bot/create-bot.ts';
import { startBot } from '../../src/bot/start-bot.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { Library } from '../../src/library.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { rng } from './corpus.ts';
import { fmt, latencySummary } from './stats.ts';

const TOKEN = '123456789:bench-token-aaaaaaaaaaaaaaaaaaaa';
/** Readers: enough that no one trips the per-user flood protection. */
const USERS = 200;
const UPDATES = 2_000;
/** Updates in flight at once: many readers typing at the same time. */
const IN_FLIGHT = 50;

/** One reader action, created when it runs: what to do, and how to know the bot answered. */
export type Step = () => { act: () => void; done: () => boolean };

/**
 * Runs the steps, IN_FLIGHT at a time. Besides the rate, the process's CPU time per update (bot,
 * emulator and driver together): on a shared machine the rate follows the load, the CPU time less.
 */
export async function drive(emulator: TelegramEmulator, steps: Step[]): Promise<{ perSecond: number; cpuMs: number; latency: number[] }> {
  const latency: number[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < steps.length) {
      const step = (steps[next++] as Step)();
      const t = performance.now();
      step.act();
      await emulator.waitFor(step.done, 30_000, 'a reply');
      latency.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(cpu);
  return { perSecond: steps.length / ((performance.now() - started) / 1000), cpuMs: (used.user + used.system) / 1000 / steps.length, latency };
}

/**
 * The reader types words; answered when the bot sends anything after them. Every change in the
 * emulator asks each step in flight, so the check reads only the messages newer than the words:
 * filtering a copy of the whole chat each time made the driver, not the bots, the largest allocator.
 */
export const typing = (emulator: TelegramEmulator, user: TgUser, chat: TgChat, text: string): Step => () => {
  let sentId = 0;
  return {
    act: () => void (sentId = emulator.sendText(user, chat, text).message_id),
    done: () => emulator.botMessagesAfter(chat.id, sentId).length > 0,
  };
};

/** The reader presses the first "open" button of the last list; answered with the callback answer. */
const pressing = (emulator: TelegramEmulator, user: TgUser, chat: TgChat): Step => () => {
  let queryId = '';
  return {
    act: () => {
      const list = emulator.botMessages(chat.id).findLast((m) => m.message.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data?.startsWith('1:o:'));
      const data = list?.message.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data;
      if (!list || !data) throw new Error('no list to press on');
      queryId = emulator.pressButton(user, chat, list.message.message_id, { data });
    },
    done: () => emulator.callbackAnswer(queryId) !== undefined,
  };
};

export function words(repo: ArticleRepository, random: () => number): string[] {
  const titles = repo.latest(5_000).map((a) => a.title);
  return Array.from({ length: UPDATES }, () => {
    const w = (titles[Math.floor(random() * titles.length)] ?? 'الصين').split(' ');
    const n = 1 + Math.floor(random() * 2);
    const s = Math.floor(random() * Math.max(1, w.length - n));
    return w.slice(s, s + n).join(' ');
  });
}

/** Our bot on the emulator, over HTTP, reading `library`. */
export async function startOurBot(library: Library, dataDir: string, logger: Logger) {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  const chats = await ChatRepository.open(dataDir);
  const conversationStorage = await ConversationStorage.open<ConversationData>(dataDir);
  const bot = createBot(TOKEN, { library, chats, conversationStorage, logger, timeZone: 'Asia/Riyadh' }, { client: { apiRoot: running.apiRoot } });
  const polling = await startBot(bot, logger, { pollTimeoutS: 1 });
  return { emulator, running, polling };
}

/** Past the flood limit's window, so that readers may send a second drive's updates. */
const PAST_FLOOD_WINDOW_MS = USER_WINDOW_MS + 100;
const pastFloodWindow = () => new Promise((resolve) => setTimeout(resolve, PAST_FLOOD_WINDOW_MS));

function summary(result: Awaited<ReturnType<typeof drive>>): string {
  const l = latencySummary(result.latency);
  return `${fmt(result.perSecond, 0)} updates/s, reply latency p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, CPU ${fmt(result.cpuMs, 2)} ms per update`;
}

/** Words to type in one drive, and the label its line is logged after. */
type Drive = { words: string[]; label: string };

/** One drive per entry, past the flood window from the one before, each logged after its label. */
async function driveEach(emulator: TelegramEmulator, steps: (words: string[]) => Step[], drives: Drive[], log: (line: string) => void): Promise<void> {
  for (const [i, { words, label }] of drives.entries()) {
    if (i > 0) await pastFloodWindow();
    log(`${label}: ${summary(await drive(emulator, steps(words)))}`);
  }
}

/**
 * A bare grammY bot (runner, no plugins) on an emulator of its own, answering each text with
 * `reply`; one drive of typed words per entry of `drives`, each logged after its label.
 */
async function benchEcho(reply: (ctx: Context & { message: { text: string } }) => Promise<unknown>, drives: Drive[], log: (line: string) => void): Promise<void> {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  const bot = new Bot(TOKEN, { client: { apiRoot: running.apiRoot } });
  bot.on('message:text', (ctx) => reply(ctx));
  await bot.init();
  const polling = run(bot, { runner: { fetch: { timeout: 1 } } });
  const readers = Array.from({ length: USERS }, (_, i) => emulator.user(20_000 + i));
  const steps = (words: string[]) => words.map((q, i) => {
    const user = readers[i % USERS] as TgUser;
    return typing(emulator, user, emulator.privateChat(user), q);
  });
  await driveEach(emulator, steps, drives, log);
  await polling.stop();
  await running.close();
}

const OUR_MIX = `${UPDATES} updates (70% searches, 30% button presses), ${IN_FLIGHT} in flight`;

/**
 * Our bot, searches and presses of "open" buttons on the result lists; one drive per entry of
 * `drives`, each logged after its label. Returns one of the search pages its warm-up sent, as the
 * emulator kept it, for the echo that replies with it.
 */
async function benchOurs(library: Library, dataDir: string, logger: Logger, drives: Drive[], log: (line: string) => void): Promise<{ text: string; options: Parameters<Context['reply']>[1] }> {
  const { emulator, running, polling } = await startOurBot(library, dataDir, logger);
  const readers = Array.from({ length: USERS }, (_, i) => emulator.user(10_000 + i));
  const chatOf = (u: TgUser) => emulator.privateChat(u);
  // Warm-up: one search per reader, so every reader has a list to press buttons on.
  await drive(emulator, readers.map((u) => typing(emulator, u, chatOf(u), 'الصين')));
  const sent = emulator.botMessages(chatOf(readers[0] as TgUser).id).findLast((m) => m.source && m.message.reply_markup);
  if (!sent?.source || !sent.parseMode) throw new Error('our bot sent no search page in the warm-up');
  const options = { parse_mode: sent.parseMode as ParseMode, reply_markup: sent.message.reply_markup, link_preview_options: { is_disabled: true } } as Parameters<Context['reply']>[1];
  const steps = (words: string[]) => words.map((q, i) => {
    const user = readers[i % USERS] as TgUser;
    return i % 10 >= 7 ? pressing(emulator, user, chatOf(user)) : typing(emulator, user, chatOf(user), q);
  });
  await driveEach(emulator, steps, drives, log);
  await polling.stop();
  await running.close();
  return { text: sent.source, options };
}

/**
 * Two drives per bot: the first as a just-started bot meets them (the code still being compiled),
 * then, past the flood window, a second one on other queries, as a bot that has been running a
 * while meets them. The first drive's lines keep their old wording.
 */
export async function benchBot(dataDir: string, log: (line: string) => void, corpus: string): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const random = rng(11);
  const articles = await ArticleRepository.open(dataDir);
  const library = Library.open(articles, dataDir, logger);
  // Throughput of a running bot: the index is loaded (or built) before the first update.
  await library.ready();
  const queries = words(articles, random);
  const laterQueries = words(articles, rng(12));

  const ourPage = await benchOurs(library, dataDir, logger, [
    { words: queries, label: `bot ours: ${corpus} articles, ${OUR_MIX}` },
    { words: laterQueries, label: `bot ours, second drive (warm): ${corpus} articles, ${OUR_MIX}, other queries` },
  ], log);

  // A bare grammY bot that only echoes, through the same emulator path.
  const echoed = `${UPDATES} updates, ${IN_FLIGHT} in flight`;
  await benchEcho((ctx) => ctx.reply(ctx.message.text), [
    { words: queries, label: `bot bare echo (grammY + runner, same emulator path): ${corpus} articles' words, ${echoed}` },
    { words: laterQueries, label: `bot bare echo, second drive (warm): ${corpus} articles' words, ${echoed}, other queries` },
  ], log);

  // The same echo answering every text with one of our search pages: the cost of sending what
  // our readers get (long HTML, a keyboard), with no search, rendering or storage behind it.
  await benchEcho((ctx) => ctx.reply(ourPage.text, ourPage.options), [
    { words: queries, label: `bot echo replying with one of our search pages (same HTML and keyboard): ${corpus} articles' words, ${echoed}` },
    { words: laterQueries, label: `bot echo replying with one of our search pages, second drive (warm): ${corpus} articles' words, ${echoed}, other queries` },
  ], log);
}
