// A cache for values costly to build, keyed by outside input: it forgets its oldest entry
// beyond a size, so no input can grow it without bound. Pure.

export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: K, make: () => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = make();
      this.#entries.set(key, value);
      if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as K);
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
