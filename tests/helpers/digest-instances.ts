// Several "instances" of the digest queue in one test process: each with its own pg-boss, pool,
// chat store (PostgreSQL's, its copy kept current by notifications), shared pace and Bot API
// client, all on one database and one emulator (over HTTP). Tests and the fan-out measurement use it.
import { after } from 'node:test';
import { Api } from 'grammy';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Article } from '../../src/domain.ts';
import { type DigestQueue, type QueueOptions, startDigestQueue } from '../../src/digest/queue.ts';
import { Pacer, type SendPace } from '../../src/digest/pacer.ts';
import type { RunReport } from '../../src/digest/run.ts';
import { SharedPace } from '../../src/digest/shared-pace.ts';
import { TelegramEmulator, type EmulatorOptions } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat } from '../../src/emulator/types.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { PgChatStore } from '../../src/store/pg/chat-store.ts';
import { subscribeDueChats } from './due-chats.ts';
import { seedArticles } from './seed-articles.ts';
import { tempDir } from './tmp.ts';

export const TOKEN = '123456789:jobs-token-aaaaaaaaaaaaaaaaaaaa';
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface World {
  emulator: TelegramEmulator;
  apiRoot: string;
  articles: ArticleRepository;
  /** The test's own view of the chats (each instance opens its own store on the database). */
  chats: PgChatStore;
  /** Subscribes `count` new private chats, all due at `now`. */
  subscribe(count: number, firstUserId: number, now: Date): Promise<TgChat[]>;
  /** How many digests a chat has received. */
  digestsIn(chatId: number): number;
}

export async function startWorld(pool: pg.Pool, options: EmulatorOptions = {}): Promise<World> {
  const emulator = new TelegramEmulator(options);
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const dir = await tempDir();
  const articles = await ArticleRepository.open(dir);
  // The seed's two full articles, arrived an hour ago: every digest has something to say.
  const fresh = new Date(Date.now() - 3_600_000).toISOString();
  await articles.upsertMany(seedArticles().map((a): Article => ({ ...a, ingestedAt: fresh, publishedAt: fresh })), (_e, article) => ({ article, change: 'created' }));
  const store = await PgChatStore.open(pool, logger);
  after(() => store.close());
  return {
    emulator,
    apiRoot: running.apiRoot,
    articles,
    chats: store,
    subscribe: (count, firstUserId, now) => subscribeDueChats(store, emulator, count, firstUserId, now),
    digestsIn: (chatId) => emulator.botMessages(chatId).filter((m) => (m.message.text ?? '').startsWith('📬')).length,
  };
}

export interface Instance {
  name: string;
  queue: DigestQueue;
  pool: pg.Pool;
  /** Every batch's report. */
  reports: RunReport[];
  /** When each send left this instance (performance.now()), for counting sends per second. */
  sendTimes: number[];
  /** Simulates the process dying: nothing more is sent and pg-boss can no longer reach PostgreSQL, so its active jobs stay active. */
  kill(): void;
  /**
   * Waits for pg-boss's queries in flight, those it does not await included (the fail it sends
   * after a batch cut short by a stop comes back): the test's database is dropped, connections
   * and all, as soon as the test ends.
   */
  settled(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  ratePerSecond: number;
  /** The rate shared through PostgreSQL (default) or one of the instance's own. */
  pace?: 'shared' | 'own';
  queue?: Partial<QueueOptions>;
  /** Seconds between pg-boss's maintenance runs (expiry of a dead worker's jobs). */
  maintenanceIntervalSeconds?: number;
  /** Connections of the instance's pool (default 4; the bot's DATABASE_POOL_MAX defaults to 10). */
  poolMax?: number;
  /** Sends in flight per instance (default 4). */
  concurrency?: number;
  /** The process's shutdown signal. */
  signal?: AbortSignal;
  /** Called before each send (a test cuts a run short from here). */
  beforeSend?: (count: number) => void;
}

export async function startInstance(world: World, url: string, options: InstanceOptions): Promise<Instance> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 4, application_name: `khulasa-${options.name}` });
  // The test database is dropped with its connections when the test ends.
  pool.on('error', (error) => logger.debug({ err: error, instance: options.name }, 'pool connection lost'));
  let dead = false;
  const inFlight = new Set<Promise<unknown>>();
  const boss = new PgBoss({
    // pg-boss's own queries through a door the test can shut: once dead, none of them is answered,
    // so nothing it would write reaches PostgreSQL and its jobs stay active, as a killed process leaves them.
    db: {
      executeSql: (text, values) => {
        if (dead) return new Promise(() => undefined);
        const query = pool.query(text, values);
        inFlight.add(query);
        query.then(() => inFlight.delete(query), () => inFlight.delete(query));
        return query;
      },
    },
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
  });
  boss.on('error', (error) => logger.debug({ err: error, instance: options.name }, 'pg-boss error'));
  await boss.start();
  const chats = await PgChatStore.open(pool, logger);
  const api = new Api(TOKEN, { apiRoot: world.apiRoot });
  const pace: SendPace = options.pace === 'own' ? new Pacer(options.ratePerSecond) : new SharedPace(pool, options.ratePerSecond);
  const reports: RunReport[] = [];
  const sendTimes: number[] = [];
  const queue = await startDigestQueue({
    boss,
    pool,
    chats,
    articles: world.articles,
    logger,
    graceHours: 6,
    send: async (chatId, text, o) => {
      options.beforeSend?.(sendTimes.length);
      sendTimes.push(performance.now());
      return api.sendMessage(chatId, text, o);
    },
    sender: { ratePerSecond: options.ratePerSecond, concurrency: options.concurrency ?? 4, pace, floodWaitS: 60 },
    ...(options.queue ? { queue: options.queue } : {}),
    onReport: (report) => reports.push(report),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let stopped = false;
  after(async () => {
    if (!stopped) await queue.stop({ graceful: false }).catch(() => undefined);
    await chats.close().catch(() => undefined);
    await pool.end();
  });
  return {
    name: options.name,
    queue,
    pool,
    reports,
    sendTimes,
    kill() {
      dead = true;
      stopped = true;
      // Never settles (its last writes hang at the shut door), as nothing of a dead process does.
      void queue.stop({ graceful: false });
    },
    async settled() {
      // A turn first: a query pg-boss is about to send (in a promise chain still unwinding) is sent by then.
      await new Promise((resolve) => setImmediate(resolve));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** The most sends that left all the instances within any one second. */
export function peakPerSecond(instances: Instance[]): number {
  const times = instances.flatMap((i) => i.sendTimes).sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

export const total = (instances: Instance[], key: keyof RunReport) => instances.reduce((n, i) => n + i.reports.reduce((m, r) => m + r[key], 0), 0);

/** Waits until `predicate` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Digest jobs not yet finished (queued, waiting to retry, or active). */
export async function openJobs(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'digests' AND state < 'completed'`);
  return rows[0]?.n ?? 0;
}
