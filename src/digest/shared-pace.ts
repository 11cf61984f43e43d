// The send rate shared by every instance of one bot: Telegram counts ~30 messages a second per
// bot, not per process. Each send reserves the next free slot in one PostgreSQL row and waits
// for it, so instances together never exceed the rate; a retry_after moves that row past the
// wait, so every instance honours it (migration 003_jobs.sql).
import type pg from 'pg';
import type { SendPace } from './pacer.ts';

/** The row every instance of the bot shares (one bot per database). */
export const SHARED_PACE_NAME = 'telegram';

/** Seconds of sending that may go at once after a pause: bursts are what trip Telegram's counters. */
const BURST_S = 0.2;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SharedPace implements SendPace {
  readonly #pool: pg.Pool;
  readonly #intervalS: number;
  readonly #name: string;

  constructor(pool: pg.Pool, ratePerSecond: number, name = SHARED_PACE_NAME) {
    if (!(ratePerSecond > 0)) throw new RangeError(`send rate must be above zero messages a second, got ${ratePerSecond}`);
    this.#pool = pool;
    this.#intervalS = 1 / ratePerSecond;
    this.#name = name;
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

  async take(): Promise<void> {
    const { waitMs } = await this.reserve();
    if (waitMs > 0) await sleep(waitMs);
  }

  async holdFor(seconds: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO send_pace AS p (name, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (name) DO UPDATE SET next_at = greatest(p.next_at, clock_timestamp() + make_interval(secs => $2))`,
      [this.#name, seconds],
    );
  }
}
