// Search queries behind paging buttons: callback data holds 64 bytes, an Arabic query may not
// fit, so buttons carry a short key. Kept in memory and bounded; after a restart an old key is
// stale and the reader is asked to search again.
import { createHash } from 'node:crypto';

/** Queries remembered: a day of paging for a busy bot, a few MB at most. */
const CAPACITY = 10_000;

export class SearchMemory {
  readonly #queries = new Map<string, string>();

  remember(query: string): string {
    const key = createHash('sha256').update(query).digest('base64url').slice(0, 10);
    this.#queries.delete(key);
    this.#queries.set(key, query);
    if (this.#queries.size > CAPACITY) this.#queries.delete(this.#queries.keys().next().value as string);
    return key;
  }

  recall(key: string): string | undefined {
    return this.#queries.get(key);
  }
}
