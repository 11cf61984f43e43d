// Digest fan-out benchmark: 5,000 subscribed chats through the emulator with flood limits and
// latency, and the time to write the chats file holding 10,000 subscriptions.
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { runDueDigests } from '../../src/digest/run.ts';
import { zonedParts } from '../../src/digest/time.ts';
import type { Subscription } from '../../src/domain.ts';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { fmt, ms } from './stats.ts';

const TOKEN = '123456789:bench-token-aaaaaaaaaaaaaaaaaaaa';
const CHATS = 5_000;
/** Scaled-down Telegram: the global limit a short run can reach, with a realistic round trip. */
const LIMIT_PER_SECOND = 300;
const LATENCY_MS = 50;
/** Pace at 95% of the limit; in flight: twice what covers the round trip at that pace. */
const PACE = 0.95;

export async function benchDigest(dir: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const emulator = new TelegramEmulator({ flood: { globalPerSecond: LIMIT_PER_SECOND, perChatPerSecond: 1 }, latencyMs: LATENCY_MS });
  const running = await startEmulatorServer(emulator);
  const bot = new Bot(TOKEN, { client: { apiRoot: running.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  const now = new Date();
  const { minutes } = zonedParts(new Date(now.getTime() - 60_000), 'Asia/Riyadh');
  const sub: Subscription = {
    time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    timeZone: 'Asia/Riyadh', topics: [], size: 5, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z',
  };
  const chats = await ChatRepository.open(dir);
  const ids: number[] = [];
  for (let i = 0; i < CHATS; i++) {
    const chat = emulator.privateChat(emulator.user(100_000 + i));
    ids.push(chat.id);
    await chats.update(chat.id, (r) => Object.assign(r, { subscription: sub, lastDigestAt: new Date(now.getTime() - 2 * 86_400_000).toISOString() }), { type: 'private' });
  }
  const articles = await ArticleRepository.open(dataDir);
  const rate = LIMIT_PER_SECOND * PACE;
  const concurrency = Math.ceil((rate * (LATENCY_MS * 2)) / 1000) + 2;
  const t = process.hrtime.bigint();
  let firstSend = 0;
  let lastSend = 0;
  const report = await runDueDigests(now, {
    chats, articles, logger, graceHours: 6,
    send: async (chatId, text, options) => {
      firstSend ||= performance.now();
      const result = await bot.api.sendMessage(chatId, text, options);
      lastSend = performance.now();
      return result;
    },
    sender: { ratePerSecond: rate, concurrency },
  });
  const seconds = ms(t) / 1000;
  const sending = (lastSend - firstSend) / 1000;
  const counts = ids.map((id) => emulator.botMessages(id).length);
  const lost = counts.filter((c) => c === 0).length;
  const duplicated = counts.filter((c) => c > 1).length;
  log(`digest fan-out: ${report.sent} digests to ${CHATS} chats; delivery ${fmt(sending)} s = ${fmt(report.sent / sending, 0)} msg/s = ${fmt(report.sent / sending / LIMIT_PER_SECOND, 2)} of the ${LIMIT_PER_SECOND}/s limit (paced at ${fmt(rate, 0)}/s, ${concurrency} in flight, ${LATENCY_MS} ms latency); whole run with composing ${fmt(seconds)} s; 429 answers ${emulator.stats.tooManyRequests}; lost ${lost}; duplicated ${duplicated}`);
  await running.close();

  // The chats file at 10,000 subscriptions: what every marker write costs.
  for (let i = CHATS; i < 10_000; i++) await chats.update(900_000 + i, (r) => Object.assign(r, { subscription: sub }), { type: 'private' });
  const writes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const w = process.hrtime.bigint();
    await chats.update(ids[i] as number, (r) => Object.assign(r, { lastDigestOutcome: 'sent' }));
    writes.push(ms(w));
  }
  log(`digest chats file with ${chats.all().length} subscriptions: one update written in ${writes.map((x) => fmt(x)).join(', ')} ms`);
}

/** Chats in the composing benchmark: each with topics and a last digest three months ago. */
const COMPOSING_CHATS = 2_000;
const TOPICS = [['الاقتصاد'], ['اليابان', 'الصين'], ['النفط'], ['كرة القدم'], []];

/**
 * What a run costs before any send: 2,000 chats with narrow topics whose last digest is 90 days
 * old, over the whole store, sends answered at once (no network), so only composing is timed.
 */
export async function benchDigestComposing(dir: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const now = new Date();
  const { minutes } = zonedParts(new Date(now.getTime() - 60_000), 'Asia/Riyadh');
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const chats = await ChatRepository.open(dir);
  for (let i = 0; i < COMPOSING_CHATS; i++) {
    const sub: Subscription = { time, timeZone: 'Asia/Riyadh', topics: TOPICS[i % TOPICS.length] as string[], size: 5, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' };
    await chats.update(i + 1, (r) => Object.assign(r, { subscription: sub, lastDigestAt: new Date(now.getTime() - 90 * 86_400_000).toISOString() }), { type: 'private' });
  }
  const articles = await ArticleRepository.open(dataDir);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const t = process.hrtime.bigint();
  const report = await runDueDigests(now, {
    chats, articles, logger: createLogger({ level: 'silent' }), graceHours: 6,
    send: async () => undefined,
    sender: { ratePerSecond: 1_000_000, concurrency: 8 },
  });
  const seconds = ms(t) / 1000;
  log(`digest composing: ${COMPOSING_CHATS} chats with topics, last digest 90 days ago, over ${articles.articleCount} articles: ${fmt(seconds)} s (${report.sent} sent, ${report.empty} empty), heap +${fmt((process.memoryUsage().heapUsed - heap) / 1e6, 0)} MB`);
}
