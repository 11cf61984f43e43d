// Digests in PostgreSQL mode: pg-boss started on DATABASE_URL, the digest queue's worker, the
// send rate shared by every instance, and the minute clock that queues what is due.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../logger.ts';
import type { ArticleStore, ChatStore } from '../store/stores.ts';
import { DEFAULT_SENDER, type SendMessage } from './deliver.ts';
import { DEFAULT_QUEUE, type QueueOptions, startDigestQueue } from './queue.ts';
import type { RunReport } from './run.ts';
import { startDigestScheduler } from './scheduler.ts';
import { SharedPace } from './shared-pace.ts';

/** Seconds between pg-boss's maintenance runs at most (its default is 120). */
const MAINTENANCE_MAX_S = 60;
/** pg-boss's own connections: its worker's fetches and the queue's upkeep need few. */
export const JOB_POOL_MAX = 3;
/**
 * Seconds: a 429 asking this long or less holds every instance and the message goes again (as
 * the bot's auto-retry waits for other calls); a longer one postpones the chat.
 */
export const SHARED_FLOOD_WAIT_S = 60;

export interface QueuedDigestOptions {
  url: string;
  /** The process's pool: the shared pace and the chat locks. */
  pool: pg.Pool;
  chats: ChatStore;
  articles: ArticleStore;
  /** A send whose 429s reach the sender (no flood waiting of its own): the shared pace waits instead. */
  send: SendMessage;
  logger: Logger;
  graceHours: number;
  queue?: Partial<QueueOptions>;
  /** The process's shutdown: a batch under way stops starting sends. */
  signal?: AbortSignal;
  onReport?: (report: RunReport) => void;
}

export interface QueuedDigests {
  stop(): Promise<void>;
}

export async function startQueuedDigests(options: QueuedDigestOptions): Promise<QueuedDigests> {
  const { logger } = options;
  // Cron schedules are not used (the minute clock is node-cron's, in every instance).
  // Maintenance is what hands a dead instance's expired jobs to another: at least as often as they expire.
  const expiry = options.queue?.expireInSeconds ?? DEFAULT_QUEUE.expireInSeconds;
  const boss = new PgBoss({ connectionString: options.url, max: JOB_POOL_MAX, application_name: 'khulasa-jobs', schedule: false, maintenanceIntervalSeconds: Math.min(MAINTENANCE_MAX_S, expiry) });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error; pg-boss carries on'));
  await boss.start();
  const queue = await startDigestQueue({
    boss,
    pool: options.pool,
    chats: options.chats,
    articles: options.articles,
    send: options.send,
    logger,
    graceHours: options.graceHours,
    sender: { ...DEFAULT_SENDER, pace: new SharedPace(options.pool, DEFAULT_SENDER.ratePerSecond), floodWaitS: SHARED_FLOOD_WAIT_S },
    ...(options.queue ? { queue: options.queue } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onReport: (report, busy) => {
      options.onReport?.(report);
      if (Object.values(report).some((n) => n > 0) || busy > 0) logger.info({ ...report, busy }, 'digest batch');
    },
  });
  const scheduler = startDigestScheduler(async (now) => {
    const due = await queue.enqueueDue(now);
    if (due > 0) logger.debug({ due }, 'due digests queued');
  }, logger);
  return {
    async stop() {
      await scheduler.stop();
      await queue.stop({ graceful: true });
    },
  };
}
