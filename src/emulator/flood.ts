// Telegram-like flood limits: token buckets per chat and overall. A send over the limit is
// refused with the whole seconds to wait, as Telegram's 429 "retry after N" does.

export interface FloodLimits {
  /** Messages per second to all chats together (Telegram: about 30). */
  globalPerSecond?: number;
  /** Messages per second to one chat (Telegram: about 1). */
  perChatPerSecond?: number;
  /** Messages per minute to one group (Telegram: about 20). */
  perGroupPerMinute?: number;
}

class Bucket {
  #tokens: number;
  #last: number;
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#last = now;
  }

  /** Takes a token, or returns the milliseconds until one is free. */
  take(now: number): number {
    this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#last) * this.perMs);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return (1 - this.#tokens) / this.perMs;
  }
}

export class FloodGate {
  readonly #limits: FloodLimits;
  readonly #clock: () => number;
  #global: Bucket | undefined;
  readonly #chats = new Map<number, Bucket>();

  constructor(limits: FloodLimits, clock: () => number = Date.now) {
    this.#limits = limits;
    this.#clock = clock;
    const g = limits.globalPerSecond;
    if (g) this.#global = new Bucket(g, g / 1000, clock());
  }

  /** Seconds to wait before this send may go through, or 0 when it may go now. */
  check(chatId: number, isGroup: boolean): number {
    const now = this.#clock();
    const perChat = isGroup && this.#limits.perGroupPerMinute ? this.#limits.perGroupPerMinute / 60_000 : (this.#limits.perChatPerSecond ?? 0) / 1000;
    let wait = 0;
    if (perChat > 0) {
      let bucket = this.#chats.get(chatId);
      if (!bucket) this.#chats.set(chatId, (bucket = new Bucket(isGroup ? 3 : 1, perChat, now)));
      wait = bucket.take(now);
    }
    if (wait === 0 && this.#global) wait = this.#global.take(now);
    return wait === 0 ? 0 : Math.max(1, Math.ceil(wait / 1000));
  }
}
