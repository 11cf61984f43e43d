// Digests in PostgreSQL mode, wired for one instance: pg-boss on the instance's database, the
// queue's worker sending at the pace every instance shares, and a minute tick that only queues
// (queue.ts). Whichever instances run, each (chat, local date) digest is one job.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../logger.ts';
import type { ArticleStore, ChatStore } from '../store/stores.ts';
import { DEFAULT_SENDER, type SendMessage } from './deliver.ts';
import { type DigestQueue, startDigestQueue } from './queue.ts';
import type { RunReport } from './run.ts';
import { SharedPace } from './shared-pace.ts';

/** Connections of pg-boss's own pool (its worker's fetches and its maintenance); the stores keep theirs. */
const BOSS_POOL_MAX = 2;
/** Seconds between pg-boss's maintenance runs at most: what notices a dead worker's expired jobs. */
const MAINTENANCE_MAX_S = 60;
/** Seconds a 429 may ask to wait and still be waited for (by every instance); longer postpones the chat. */
const FLOOD_WAIT_S = 60;

export interface QueuedDigestDeps {
  url: string;
  pool: pg.Pool;
  chats: ChatStore;
  articles: ArticleStore;
  send: SendMessage;
  logger: Logger;
  graceHours: number;
  /** Seconds a job stays with the instance that took it before another may (DIGEST_JOB_EXPIRY_S). */
  expirySeconds: number;
  onReport: (report: RunReport) => void;
}

export async function startQueuedDigests(deps: QueuedDigestDeps): Promise<DigestQueue> {
  const boss = new PgBoss({ connectionString: deps.url, max: BOSS_POOL_MAX, schedule: false, maintenanceIntervalSeconds: Math.min(MAINTENANCE_MAX_S, deps.expirySeconds) });
  boss.on('error', (error) => deps.logger.warn({ err: error }, 'digest job queue: PostgreSQL error (pg-boss retries)'));
  await boss.start();
  return startDigestQueue({
    boss,
    pool: deps.pool,
    chats: deps.chats,
    articles: deps.articles,
    send: deps.send,
    logger: deps.logger,
    graceHours: deps.graceHours,
    sender: { ...DEFAULT_SENDER, pace: new SharedPace(deps.pool, DEFAULT_SENDER.ratePerSecond), floodWaitS: FLOOD_WAIT_S },
    queue: { expireInSeconds: deps.expirySeconds },
    onReport: (report) => deps.onReport(report),
  });
}
