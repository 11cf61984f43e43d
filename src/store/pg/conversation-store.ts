// Conversation state (grammY conversations v2) in PostgreSQL: the table design of
// @grammyjs/storage-psql (one row per key) plus saved_at, so that abandoned states are pruned as
// the lowdb file prunes them. Nothing is cached: the next step of a conversation may arrive at
// another instance, which must read what this one wrote.
import type { VersionedState } from '@grammyjs/conversations';
import type pg from 'pg';
import { conversationStateProblem, STALE_STATE_MS, type StorageOptions } from '../conversation-storage.ts';
import type { ConversationStore } from '../stores.ts';
import { checked, REPAIR_AND_RESTART, REPAIR_WHILE_RUNNING } from './damaged-row.ts';
import { PendingWrites } from './pending.ts';

/** Milliseconds between two prunings by one instance: a delete per write would be wasted work. */
export const PRUNE_EVERY_MS = 60_000;

export type PgStorageOptions = Pick<StorageOptions, 'clock' | 'staleMs'>;

/**
 * A state as read, checked as the conversations file checks each one: a damaged state would fail
 * every update of its chat inside the plugin, so it is a StoreError naming the key instead.
 */
function stateOf<S>(key: string, state: unknown, advice = REPAIR_WHILE_RUNNING): VersionedState<S> {
  return checked<VersionedState<S>>(state, conversationStateProblem, { table: 'conversations', row: JSON.stringify(key), column: 'state', advice });
}

export class PgConversationStore<S> implements ConversationStore<S> {
  readonly #pool: pg.Pool;
  readonly #clock: () => number;
  readonly #staleMs: number;
  #prunedAt = -Infinity;
  readonly #writes = new PendingWrites();

  private constructor(pool: pg.Pool, options: PgStorageOptions) {
    this.#pool = pool;
    this.#clock = options.clock ?? Date.now;
    this.#staleMs = options.staleMs ?? STALE_STATE_MS;
  }

  /** Refuses to start on a damaged state that may still continue, as the lowdb file does. */
  static async open<S>(pool: pg.Pool, options: PgStorageOptions = {}): Promise<PgConversationStore<S>> {
    const store = new PgConversationStore<S>(pool, options);
    await store.#prune();
    await store.#live(REPAIR_AND_RESTART);
    return store;
  }

  /** A stale state reads as absent even before a pruning removes it, as in the lowdb file. */
  async read(key: string): Promise<VersionedState<S> | undefined> {
    const { rows } = await this.#pool.query<{ state: unknown }>('SELECT state FROM conversations WHERE key = $1 AND saved_at >= $2', [key, this.#clock() - this.#staleMs]);
    return rows[0] && stateOf<S>(key, rows[0].state);
  }

  /** Every state that may still continue, as read() sees them (for export). */
  entries(): Promise<Array<[key: string, state: VersionedState<S>]>> {
    return this.#live(REPAIR_WHILE_RUNNING);
  }

  async #live(advice: string): Promise<Array<[key: string, state: VersionedState<S>]>> {
    const { rows } = await this.#pool.query<{ key: string; state: unknown }>('SELECT key, state FROM conversations WHERE saved_at >= $1 ORDER BY key', [this.#clock() - this.#staleMs]);
    return rows.map((r) => [r.key, stateOf<S>(r.key, r.state, advice)]);
  }

  write(key: string, state: VersionedState<S>): Promise<void> {
    return this.#writes.track((async () => {
      await this.#pool.query(
        'INSERT INTO conversations (key, state, saved_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at',
        [key, JSON.stringify(state), this.#clock()],
      );
      if (this.#clock() - this.#prunedAt >= PRUNE_EVERY_MS) await this.#prune();
    })());
  }

  delete(key: string): Promise<void> {
    return this.#writes.track(this.#pool.query('DELETE FROM conversations WHERE key = $1', [key]).then(() => undefined));
  }

  /** Writes resolve once committed; this waits for the ones still running. */
  async flush(): Promise<void> {
    await this.#writes.settled();
  }

  async #prune(): Promise<void> {
    const now = this.#clock();
    this.#prunedAt = now;
    await this.#pool.query('DELETE FROM conversations WHERE saved_at < $1', [now - this.#staleMs]);
  }
}
