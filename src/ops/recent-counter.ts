// Events counted per minute over a sliding window: "errors in the last 24 h" in bounded memory
// (one number per minute with events), however many errors a bad day brings.

const MINUTE_MS = 60_000;

export class RecentCounter {
  readonly #windowMs: number;
  /** Minute number (ms since epoch / 60,000) → events in that minute, oldest first. */
  readonly #minutes = new Map<number, number>();

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  add(at: number = Date.now(), count = 1): void {
    const minute = Math.floor(at / MINUTE_MS);
    this.#minutes.set(minute, (this.#minutes.get(minute) ?? 0) + count);
    this.#prune(at);
  }

  /** Events within the window ending at `now`. */
  total(now: number = Date.now()): number {
    this.#prune(now);
    let sum = 0;
    for (const n of this.#minutes.values()) sum += n;
    return sum;
  }

  #prune(now: number): void {
    const oldest = Math.floor((now - this.#windowMs) / MINUTE_MS);
    for (const minute of this.#minutes.keys()) if (minute <= oldest) this.#minutes.delete(minute);
  }
}
