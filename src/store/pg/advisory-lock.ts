// Work one instance at a time, through PostgreSQL session advisory locks. Each holder keeps a
// connection of its own for as long as it holds: a process that dies loses its connection, the
// server releases its locks with it, and another instance takes over on its next try.
import type pg from 'pg';
import type { ExclusiveOutcome } from '../stores.ts';
import { checkout } from './checkout.ts';

/** First keys of the two-key lock space (the one-key space holds the migration lock). */
export const LOCK_SPACE = {
  /** One digest chat: the worker sending its digest and recording the marker. */
  digestChat: 7_240_301,
  /** The feed poll. */
  feedPoll: 7_240_302,
  /** Setting up the job queues (pg-boss deadlocks when instances create one queue at once). */
  jobsSetup: 7_240_303,
  /** Making stale summaries again after an upgrade (ops/summary-refresh.ts). */
  summaryRefresh: 7_240_304,
} as const;

/** Runs `task` holding the lock, waiting for it as long as another instance holds it. */
export async function withLock<T>(pool: pg.Pool, space: number, task: () => Promise<T>): Promise<T> {
  const { client } = await checkout(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1, 0)', [space]);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  try {
    return await task();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, 0)', [space]).then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
  }
}

/** Runs `task` when this instance wins the lock; `ran: false` when another instance holds it. */
export async function tryExclusive<T>(pool: pg.Pool, space: number, task: () => Promise<T>): Promise<ExclusiveOutcome<T>> {
  const held = await tryLockEach(pool, space, [0]);
  if (held.ids.length === 0) {
    await held.release();
    return { ran: false };
  }
  try {
    return { ran: true, value: await task() };
  } finally {
    await held.release();
  }
}

export interface HeldLocks {
  /** The ids this instance now holds; the others are held elsewhere. */
  ids: number[];
  /** Releases them all and gives the connection back. */
  release(): Promise<void>;
}

/**
 * Tries one lock per id (in `space`) on one connection and keeps those won. Ids are hashed into
 * the lock's second key, so two ids may share a lock now and then: the loser of such a pair
 * only waits for a later try, nothing is done twice.
 */
export async function tryLockEach(pool: pg.Pool, space: number, ids: readonly number[]): Promise<HeldLocks> {
  const { client, lost } = await checkout(pool);
  let won: number[];
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id::text FROM unnest($2::bigint[]) AS t(id) WHERE pg_try_advisory_lock($1, hashtext(id::text))', [space, ids]);
    won = rows.map((r) => Number(r.id));
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  let released = false;
  return {
    ids: won,
    async release() {
      if (released) return;
      released = true;
      try {
        if (lost.error) throw lost.error;
        if (won.length > 0) await client.query('SELECT pg_advisory_unlock($1, hashtext(id::text)) FROM unnest($2::bigint[]) AS t(id)', [space, won]);
        client.release();
      } catch (error) {
        // A broken connection: destroying it is what releases whatever it still held.
        client.release(error as Error);
      }
    },
  };
}
