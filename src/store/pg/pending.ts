// Writes still running, so that flush() (before shutdown closes the pool) waits for every one.
export class PendingWrites {
  readonly #running = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.#running.add(write);
    void write.then(() => this.#running.delete(write), () => this.#running.delete(write));
    return write;
  }

  /** Resolves once every write tracked so far (and any tracked meanwhile) has finished. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
