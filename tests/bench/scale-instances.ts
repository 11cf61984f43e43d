// Real bot processes in webhook mode on one PostgreSQL database behind the emulator: the digest
// fan-out through the shared queue with two instances, as a fraction of the emulator's flood
// limit, and updates handled per second with one instance and with two.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgUser } from '../../src/emulator/types.ts';
import { createLogger } from '../../src/logger.ts';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import { PgChatStore } from '../../src/store/pg/chat-store.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import type { ArticleStore, MergeFn } from '../../src/store/stores.ts';
import { SEED_FILE } from '../helpers/tmp.ts';
import { startWebhookInstance, type WebhookInstance } from '../helpers/webhook-instance.ts';
import { drive, typing } from './bot.ts';
import { rng } from './corpus.ts';
import { benchDatabase, type BenchDatabase } from './pg-database.ts';
import { type NewsRecord, realArticle } from './real-corpus.ts';
import { fmt, latencySummary } from './stats.ts';

/** Telegram's overall limit for one bot, as the emulator enforces it. */
const FLOOD_LIMIT = 30;
const FANOUT_CHATS = 600;
const READERS = 200;
const UPDATES = 2_000;
/** Articles in the database the readers search (the instances index them at start). */
const READ_ARTICLES = 10_000;
const created: MergeFn = (_, incoming) => ({ article: incoming, change: 'created' });
const DIGEST_HEADER = /^📬 خلاصة اليوم/;

interface Cluster {
  emulator: TelegramEmulator;
  instances: WebhookInstance[];
  db: BenchDatabase;
  stop(): Promise<void>;
}

/**
 * An emulator, a database, and `count` bot processes (the first ingests the seed page).
 * With `lowdb`, the processes keep lowdb files instead (each data folder filled by it), for a baseline.
 */
async function startCluster(label: string, count: number, emulator: TelegramEmulator, prepare?: (db: BenchDatabase) => Promise<void>, lowdb?: (dataDir: string) => Promise<void>): Promise<Cluster> {
  const running = await startEmulatorServer(emulator);
  const db = await benchDatabase(label);
  const root = await mkdtemp(join(tmpdir(), `khulasa-bench-${label}-`));
  await prepare?.(db);
  const instances = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const seeds = join(root, `seeds-${i}`);
    await mkdir(seeds);
    if (i === 0) await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
    const dataDir = join(root, `data-${i}`);
    if (lowdb) await lowdb(dataDir);
    return startWebhookInstance({ BOT_API_ROOT: running.apiRoot, ...(lowdb ? {} : { DATABASE_URL: db.url }), DATA_DIR: dataDir, SEEDS_DIR: seeds }, 300_000);
  }));
  emulator.webhooks.setInstances(instances.map((i) => i.origin));
  return {
    emulator, instances, db,
    async stop() {
      for (const { bot } of instances) {
        bot.child.kill('SIGTERM');
        await bot.exited(30_000).catch(() => bot.child.kill('SIGKILL'));
      }
      await running.close();
      await db.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const nextMinute = () => new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);

export async function benchScaleFanout(log: (line: string) => void): Promise<void> {
  const emulator = new TelegramEmulator({ flood: { globalPerSecond: FLOOD_LIMIT, perChatPerSecond: 1 } });
  const cluster = await startCluster('fanout', 2, emulator);
  try {
    // The seed page is news to every chat: wait until instance A has stored it.
    await cluster.instances[0]?.bot.waitFor(/ingested pages/, 'the seed page', 120_000);
    const due = nextMinute();
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const ids = Array.from({ length: FANOUT_CHATS }, (_, i) => 500_001 + i);
    const chats = await PgChatStore.open(cluster.db.pool, createLogger({ level: 'silent' }));
    await Promise.all(ids.map((id) => {
      emulator.privateChat(emulator.user(id));
      return chats.update(id, (r) => Object.assign(r, { subscription: { time: due.toISOString().slice(11, 16), timeZone: 'UTC', topics: [], size: 3, createdAt: since, updatedAt: since }, lastDigestAt: since }), { type: 'private' });
    }));
    await chats.close();
    const arrivals: number[] = [];
    emulator.events.on('chat', (e: { type: string; message?: { fromBot: boolean; message: { text?: string } } }) => {
      if (e.type === 'message' && e.message?.fromBot && DIGEST_HEADER.test(e.message.message.text ?? '')) arrivals.push(performance.now());
    });
    const delivered = () => ids.filter((id) => emulator.botMessages(id).length > 0).length;
    await emulator.waitFor(() => delivered() === FANOUT_CHATS, 60_000 + (FANOUT_CHATS / FLOOD_LIMIT) * 4_000, 'every digest');
    const marked = async () => Number((await cluster.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM chats WHERE record->>'lastDigestOutcome' = 'sent'`)).rows[0]?.n);
    while ((await marked()) < FANOUT_CHATS) await new Promise((r) => setTimeout(r, 200));
    const counts = ids.map((id) => emulator.botMessages(id).filter((m) => DIGEST_HEADER.test(m.message.text ?? '')).length);
    const seconds = ((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)) / 1000;
    const rate = (arrivals.length - 1) / seconds;
    log(`scale digest fan-out, 2 instances through the queue: ${FANOUT_CHATS} chats due the same minute, ${fmt(seconds)} s from first to last = ${fmt(rate)} msg/s = ${fmt(rate / FLOOD_LIMIT, 2)} of the emulator's ${FLOOD_LIMIT}/s limit; 429 answers ${emulator.stats.tooManyRequests}; lost ${counts.filter((c) => c === 0).length}; duplicated ${counts.filter((c) => c > 1).length}`);
  } finally {
    await cluster.stop();
  }
}

/** Searches from many readers, answered; every instance's index is built before the clock starts. */
async function measureUpdates(cluster: Cluster, queries: string[], counts: number[], label: (count: number) => string, log: (line: string) => void): Promise<void> {
  const { emulator } = cluster;
  for (const [i, instance] of cluster.instances.entries()) {
    emulator.webhooks.setInstances([instance.origin]);
    const user = emulator.user(90_000 + i);
    await drive(emulator, [typing(emulator, user, emulator.privateChat(user), '/search الصين')]);
  }
  for (const count of counts) {
    emulator.webhooks.setInstances(cluster.instances.slice(0, count).map((i) => i.origin));
    const readers: TgUser[] = Array.from({ length: READERS }, (_, i) => emulator.user(count * 100_000 + i));
    const steps = queries.map((q, i) => typing(emulator, readers[i % READERS] as TgUser, emulator.privateChat(readers[i % READERS] as TgUser), q));
    const result = await drive(emulator, steps);
    const l = latencySummary(result.latency);
    log(`scale updates, webhook mode, ${label(count)}, ${READ_ARTICLES} real articles: ${UPDATES} searches from ${READERS} readers: ${fmt(result.perSecond, 0)} updates/s, reply latency p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms`);
  }
}

export async function benchScaleUpdates(records: NewsRecord[], log: (line: string) => void): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const now = Date.now();
  const articles = Array.from({ length: READ_ARTICLES }, (_, i) => realArticle(records, i, READ_ARTICLES, now, 365));
  const random = rng(11);
  const queries = Array.from({ length: UPDATES }, () => {
    const w = (articles[Math.floor(random() * articles.length)]?.title ?? 'الصين').split(' ');
    const n = 1 + Math.floor(random() * 2);
    const s = Math.floor(random() * Math.max(1, w.length - n));
    return `/search ${w.slice(s, s + n).join(' ')}`;
  });
  const store = async (repo: ArticleStore) => {
    for (let i = 0; i < articles.length; i += 1_000) await repo.upsertMany(articles.slice(i, i + 1_000), created);
  };
  // The same process on lowdb files: what the PostgreSQL backend costs per update.
  const baseline = await startCluster('updates_lowdb', 1, new TelegramEmulator(), undefined, async (dataDir) => store(await ArticleRepository.open(dataDir)));
  try {
    await measureUpdates(baseline, queries, [1], () => '1 instance on lowdb (baseline)', log);
  } finally {
    await baseline.stop();
  }
  const cluster = await startCluster('updates', 2, new TelegramEmulator(), async (db) => {
    const repo = await PgArticleRepository.open(db.pool, { logger, follow: false });
    await store(repo);
    await repo.close();
  });
  try {
    await measureUpdates(cluster, queries, [1, 2], (count) => `${count} instance${count > 1 ? 's' : ''} on PostgreSQL`, log);
  } finally {
    await cluster.stop();
  }
}
