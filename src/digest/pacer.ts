// Spacing sends to stay under Telegram's broadcast limit: a token bucket with a one-second burst.

export class Pacer {
  #tokens: number;
  #last: number;
  readonly #perMs: number;
  readonly #capacity: number;

  constructor(
    ratePerSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.#perMs = ratePerSecond / 1000;
    // At most a fifth of a second's worth at once: bursts are what trip Telegram's counters.
    this.#capacity = Math.max(1, ratePerSecond / 5);
    this.#tokens = this.#capacity;
    this.#last = clock();
  }

  /** Resolves when one more send may go out. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#perMs);
      this.#last = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.#tokens) / this.#perMs));
    }
  }
}
