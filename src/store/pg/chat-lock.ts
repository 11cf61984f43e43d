// One chat's updates handled by one instance at a time: a transaction-scoped advisory lock keyed
// by the chat, held on a pooled connection while the update is handled. A process that dies loses
// its connection and PostgreSQL releases the lock with it.
import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import type { ChatLock } from '../stores.ts';
import { checkout } from './checkout.ts';

/** First key of the two-key advisory lock space for chats (others: src/store/pg/*). */
export const CHAT_LOCK_SPACE = 7_240_201;
/**
 * Milliseconds an update waits for its chat's lock. A holder stuck longer (a handler that hangs)
 * must not stall the chat for ever: the update then runs without the lock, and says so in the log.
 */
export const CHAT_LOCK_WAIT_MS = 30_000;

export class PgChatLock implements ChatLock {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #waitMs: number;

  /** `pool` should be the lock's own: each update being handled holds one of its connections. */
  constructor(pool: pg.Pool, logger: Logger, options: { waitMs?: number } = {}) {
    this.#pool = pool;
    this.#logger = logger;
    this.#waitMs = options.waitMs ?? CHAT_LOCK_WAIT_MS;
  }

  async run<T>(chatId: number, work: () => Promise<T>): Promise<T> {
    const client = await this.#lock(chatId);
    if (!client) return work();
    try {
      return await work();
    } finally {
      // Ending the transaction releases the lock; a connection that cannot is discarded, which does too.
      await client.query('COMMIT').then(
        () => client.release(),
        (error: Error) => client.release(error),
      );
    }
  }

  /** The connection holding the chat's lock, or undefined when it could not be had in time. */
  async #lock(chatId: number): Promise<pg.PoolClient | undefined> {
    let client: pg.PoolClient | undefined;
    try {
      ({ client } = await checkout(this.#pool));
      await client.query('BEGIN');
      await client.query("SELECT set_config('lock_timeout', $1, true)", [`${this.#waitMs}ms`]);
      await client.query('SELECT pg_advisory_xact_lock($1, hashint8($2))', [CHAT_LOCK_SPACE, chatId]);
      return client;
    } catch (error) {
      this.#logger.warn({ err: error, chatId, waitMs: this.#waitMs }, 'chat lock not had in time; handling the update without it');
      if (client) await client.query('ROLLBACK').then(() => client?.release(), (e: Error) => client?.release(e));
      return undefined;
    }
  }
}
