// At most one use per key per interval (e.g. /digest per chat), with bounded memory.

export class Cooldown {
  readonly #lastUse = new Map<number, number>();

  constructor(private readonly intervalMs: number) {}

  /** Records a use at `now` and returns 0, or returns the milliseconds left until the next allowed use. */
  take(key: number, now: number): number {
    const last = this.#lastUse.get(key);
    if (last !== undefined && now - last < this.intervalMs) return this.intervalMs - (now - last);
    // Deleted first so the key moves to the end: the map stays ordered oldest use first.
    this.#lastUse.delete(key);
    this.#lastUse.set(key, now);
    this.#forgetExpired(now);
    return 0;
  }

  get size(): number {
    return this.#lastUse.size;
  }

  /** Entries older than the interval can no longer refuse anyone: dropped, so memory follows recent use. */
  #forgetExpired(now: number): void {
    for (const [key, at] of this.#lastUse) {
      if (now - at < this.intervalMs) break;
      this.#lastUse.delete(key);
    }
  }
}
