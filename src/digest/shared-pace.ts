// The send rate shared by every instance of one bot: Telegram counts ~30 messages a second per
// bot, not per process. Each send reserves the next free slot in one PostgreSQL row and waits
// for it, so instances together never exceed the rate; a retry_after moves that row past the
// wait, so every instance honours it (migration 003_jobs.sql).
import type pg from 'pg';
import type { SendPace } from './pacer.ts';

/** The row every instance of the bot shares (one bot per database). */
export const SHARED_PACE_NAME = 'telegram';

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
   * Reserves the next slot and returns the milliseconds until it (0 when it is now). The slot
   * never lags behind the clock, so an idle spell earns no burst: sends stay evenly spaced.
   */
  async reserve(): Promise<number> {
    const { rows } = await this.#pool.query<{ wait_ms: number }>(
      `INSERT INTO send_pace AS p (name, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (name) DO UPDATE SET next_at = greatest(p.next_at, clock_timestamp()) + make_interval(secs => $2)
       RETURNING greatest(0, extract(epoch FROM p.next_at - make_interval(secs => $2) - clock_timestamp()) * 1000)::float8 AS wait_ms`,
      [this.#name, this.#intervalS],
    );
    return rows[0]?.wait_ms ?? 0;
  }

  async take(): Promise<void> {
    const wait = await this.reserve();
    if (wait > 0) await sleep(wait);
  }

  async holdFor(seconds: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO send_pace AS p (name, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (name) DO UPDATE SET next_at = greatest(p.next_at, clock_timestamp() + make_interval(secs => $2))`,
      [this.#name, seconds],
    );
  }
}
