// Digests across instances (PostgreSQL mode): each instance's minute tick turns the due chats into
// pg-boss jobs, one per (chat, local date) under a singleton key, so however many instances find
// a chat due, one job is queued for it. A worker locks its chats, re-reads them from PostgreSQL
// and sends only what their markers still call due: a job that runs twice (a retry after a worker
// died, a duplicate queued while the first ran) finds the marker and sends nothing.
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import type { ChatRecord } from '../domain.ts';
import { LOCK_SPACE, tryLockEach, withLock } from '../store/pg/advisory-lock.ts';
import { deliverDigests, type DigestDeps, dueDigestsLogged, type RunReport } from './run.ts';

export const DIGEST_QUEUE = 'digests';

export interface DigestJob {
  chatId: number;
  localDate: string;
}

export interface QueueOptions {
  /** Jobs a worker takes at once: composed together (one candidate analysis), sent at the shared pace. */
  batchSize: number;
  /** Seconds a job may stay active: past it pg-boss hands the job to another worker. */
  expireInSeconds: number;
  /** Further runs of a job whose worker failed or died. */
  retryLimit: number;
  /** Seconds between a worker's looks for jobs when the queue is empty. */
  pollingIntervalSeconds: number;
}

/**
 * A batch of 25 is about a second of sending at Telegram's rate; five minutes of expiry is far
 * beyond any batch (flood waits included) yet short enough that a dead worker's chats are sent
 * well within the grace period.
 */
export const DEFAULT_QUEUE: QueueOptions = { batchSize: 25, expireInSeconds: 300, retryLimit: 3, pollingIntervalSeconds: 1 };

/**
 * Milliseconds a stop waits for the batch under way: the process's shutdown deadline must leave
 * time for the steps after it. A batch still running then is failed back to the queue and stopped.
 */
const STOP_WAIT_MS = 3_000;

/** Share of the expiry after which a batch starts no more sends, so it never outlives its jobs. */
const SENDING_SHARE = 0.8;

export interface DigestQueueDeps extends DigestDeps {
  /** A started pg-boss; the queue stops it. */
  boss: PgBoss;
  /** For the per-chat locks. */
  pool: pg.Pool;
  queue?: Partial<QueueOptions>;
  /** Aborted at shutdown: the batch under way starts no more sends (its jobs go back to the queue). */
  signal?: AbortSignal;
  /** Each batch's outcome, with the chats another worker held (left for it). */
  onReport?: (report: RunReport, busy: number) => void;
}

export interface DigestQueue {
  /** Queues every digest due at `now` (at most one job per chat and local date); returns how many were due. */
  enqueueDue(now: Date): Promise<number>;
  /** Graceful: the batch under way may finish within a few seconds, else it is cut short and retried. Not graceful: nothing more is sent and the jobs under way go back to the queue. */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

export const jobKey = (job: DigestJob) => `${job.chatId}:${job.localDate}`;

/** One batch: the jobs' chats this worker could lock, re-read, and sent what is still due. */
export async function runDigestJobs(jobs: readonly DigestJob[], now: Date, deps: DigestQueueDeps, signal: AbortSignal): Promise<{ report: RunReport; busy: number }> {
  const wanted = new Set(jobs.map(jobKey));
  const ids = [...new Set(jobs.map((j) => j.chatId))];
  const held = await tryLockEach(deps.pool, LOCK_SPACE.digestChat, ids);
  try {
    const records = (await Promise.all(held.ids.map((id) => deps.chats.fresh(id)))).filter((r): r is ChatRecord => r !== undefined);
    const due = dueDigestsLogged(now, records, deps).filter((d) => wanted.has(jobKey(d)));
    const report = await deliverDigests(now, due, records, deps, signal);
    return { report, busy: ids.length - held.ids.length };
  } finally {
    await held.release();
  }
}

export async function startDigestQueue(deps: DigestQueueDeps): Promise<DigestQueue> {
  const options = { ...DEFAULT_QUEUE, ...deps.queue };
  const { boss } = deps;
  // "short": one queued job per singleton key. A second may be queued while the first runs; the
  // chat lock and the marker make it a no-op. Instances starting together take turns creating it.
  await withLock(deps.pool, LOCK_SPACE.jobsSetup, async () => {
    if (!(await boss.getQueue(DIGEST_QUEUE))) await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, policy: 'short' });
  });
  const stopping = new AbortController();
  let workerId = '';
  workerId = await boss.work<DigestJob>(DIGEST_QUEUE, { batchSize: options.batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds }, async (jobs) => {
    const deadline = AbortSignal.timeout(Math.round(options.expireInSeconds * SENDING_SHARE * 1000));
    const signal = AbortSignal.any([stopping.signal, deadline, ...(deps.signal ? [deps.signal] : [])]);
    const { report, busy } = await runDigestJobs(jobs.map((j) => j.data), new Date(), deps, signal).catch((error: unknown) => {
      deps.logger.error({ err: error, jobs: jobs.length }, 'digest batch failed; its jobs are retried');
      throw error;
    });
    deps.onReport?.(report, busy);
    // Failed jobs go back to the queue at once for another worker; those already sent find their marker.
    if (signal.aborted) throw new Error('digest batch cut short (stopping or near expiry); its jobs are retried');
    // A full batch means more are waiting: fetch again at once instead of after the polling interval.
    if (jobs.length === options.batchSize) boss.notifyWorker(workerId);
  });
  // At shutdown this worker takes no more jobs (each would only be failed again, spending its retries).
  deps.signal?.addEventListener('abort', () => void boss.offWork(DIGEST_QUEUE).catch((error: unknown) => deps.logger.warn({ err: error }, 'digest worker did not stop')), { once: true });
  return {
    async enqueueDue(now) {
      const due = dueDigestsLogged(now, deps.chats.all(), deps);
      if (due.length === 0) return 0;
      await boss.insert(
        due.map((d) => {
          const data: DigestJob = { chatId: d.chatId, localDate: d.localDate };
          return { name: DIGEST_QUEUE, data, singletonKey: jobKey(data), retryLimit: options.retryLimit, expireInSeconds: options.expireInSeconds };
        }),
      );
      boss.notifyWorker(workerId);
      return due.length;
    },
    async stop({ graceful = true } = {}) {
      if (!graceful) stopping.abort();
      await boss.stop({ graceful, timeout: STOP_WAIT_MS });
      // pg-boss has failed what outlived the wait back to the queue: it sends nothing more.
      stopping.abort();
    },
  };
}
