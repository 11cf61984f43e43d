// Spacing sends to stay under Telegram's broadcast limit: a token bucket with a one-second burst.
import { setTimeout as sleep } from 'node:timers/promises';

/** What a sender asks of the rate it shares: this process's (Pacer) or every instance's (SharedPace). */
export interface SendPace {
  /** Resolves when one more send may go out, or early once `signal` aborts (the caller then sends nothing). */
  take(signal?: AbortSignal): Promise<void>;
  /** Telegram answered "retry after": nothing sharing this pace sends for `seconds` from now. */
  holdFor(seconds: number): Promise<void>;
}

/**
 * Waits `ms`; false when `signal` aborted first. A pace's wait may be a whole flood hold (up to a
 * minute): shutdown must not sit through it, so the message is left unsent instead.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
    return true;
  } catch (error) {
    if (signal?.aborted) return false;
    throw error;
  }
}

export class Pacer implements SendPace {
  #tokens: number;
  #last: number;
  #heldUntil = 0;
  readonly #perMs: number;
  readonly #capacity: number;

  constructor(
    ratePerSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<unknown> = pause,
  ) {
    this.#perMs = ratePerSecond / 1000;
    // At most a fifth of a second's worth at once: bursts are what trip Telegram's counters.
    this.#capacity = Math.max(1, ratePerSecond / 5);
    this.#tokens = this.#capacity;
    this.#last = clock();
  }

  async take(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const now = this.clock();
      if (now < this.#heldUntil) {
        await this.sleep(this.#heldUntil - now, signal);
        continue;
      }
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#perMs);
      this.#last = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.#tokens) / this.#perMs), signal);
    }
  }

  async holdFor(seconds: number): Promise<void> {
    this.#heldUntil = Math.max(this.#heldUntil, this.clock() + seconds * 1000);
  }
}
