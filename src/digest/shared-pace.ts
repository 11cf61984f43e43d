// The send rate shared by every instance of one bot: Telegram counts ~30 messages a second per
// bot, not per process. Each send reserves the next free slot in one PostgreSQL row and waits
// for it, so instances together never exceed the rate; a retry_after moves that row past the
// wait, so every instance honours it (migration 003_jobs.sql).
import type pg from 'pg';
import { pause, type SendPace } from './pacer.ts';

/** The row every instance of the bot shares (one bot per database). */
export const SHARED_PACE_NAME = 'telegram';

/** Seconds of sending that may go at once after a pause: bursts are what trip Telegram's counters. */
const BURST_S = 0.2;

export class SharedPace implements SendPace {
  readonly #pool: pg.Pool;
  readonly #intervalS: number;
  readonly #name: string;
  readonly #holdName: string;

  constructor(pool: pg.Pool, ratePerSecond: number, name = SHARED_PACE_NAME) {
    if (!(ratePerSecond > 0)) throw new RangeError(`send rate must be above zero messages a second, got ${ratePerSecond}`);
    this.#pool = pool;
    this.#intervalS = 1 / ratePerSecond;
    this.#name = name;
    this.#holdName = `${name}:hold`;
  }

  /**
   * Reserves the next slot: when it is (epoch milliseconds, the database's clock) and how long
   * until then (0 when it is now). After an idle spell the slot may lag the clock by a fifth of a
   * second at most (the in-process Pacer's burst): a pause between batches is made up by that
   * many sends at once, never more.
   */
  async reserve(): Promise<{ slotAt: number; waitMs: number }> {
    const { rows } = await this.#pool.query<{ slot_at: number; wait_ms: number }>(
      `WITH slot AS (
         INSERT INTO send_pace AS p (name, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
         ON CONFLICT (name) DO UPDATE SET next_at = greatest(p.next_at, clock_timestamp() - make_interval(secs => $3)) + make_interval(secs => $2)
         RETURNING p.next_at - make_interval(secs => $2) AS at
       )
       SELECT (extract(epoch FROM at) * 1000)::float8 AS slot_at, greatest(0, extract(epoch FROM at - clock_timestamp()) * 1000)::float8 AS wait_ms FROM slot`,
      [this.#name, this.#intervalS, BURST_S],
    );
    const row = rows[0];
    return { slotAt: row?.slot_at ?? 0, waitMs: row?.wait_ms ?? 0 };
  }

  /** Waits for a slot; returns early, sending nothing, once `signal` aborts (the caller checks it). */
  async take(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const { waitMs } = await this.reserve();
      if (waitMs > 0 && !(await pause(waitMs, signal))) return;
      // A retry_after that came while this sender slept covers its slot too: it takes a new one past the hold.
      if (!(await this.#held())) return;
    }
  }

  /** Whether a hold is in force now: its own row, since the pace row's lead is also the senders' queue. */
  async #held(): Promise<boolean> {
    const { rowCount } = await this.#pool.query(`SELECT 1 FROM send_pace WHERE name = $1 AND next_at > clock_timestamp()`, [this.#holdName]);
    return (rowCount ?? 0) > 0;
  }

  /** Moves the next slot past the wait and records the hold itself, for senders already waiting for a slot. */
  async holdFor(seconds: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO send_pace AS p (name, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $3)), ($2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET next_at = greatest(p.next_at, excluded.next_at)`,
      [this.#name, this.#holdName, seconds],
    );
  }
}
