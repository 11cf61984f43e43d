// A connection the server ends while a client is out of the pool (a restart, a failover, an
// operator's pg_terminate_backend) fails the work in flight and nothing else: the process lives on
// and the pool hands out a working connection next. Unguarded, pg emits an 'error' nobody hears,
// which ends the test process here as it would end the bot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { createLogger } from '../../../src/logger.ts';
import { PgChatLock } from '../../../src/store/pg/chat-lock.ts';
import { migrate, type Migration } from '../../../src/store/pg/migrate.ts';
import { inTransaction } from '../../../src/store/pg/transaction.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';

const logger = createLogger({ level: 'silent' });

/** Ends the server session of the connection `client` runs on, from another connection. */
async function endSession(pool: pg.Pool, client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
}

describe('a connection lost while it is out of the pool', { skip: pgSkip }, () => {
  it('fails the transaction in flight, and the next one works', async () => {
    const { pool } = await freshDatabase({ max: 4 });
    await assert.rejects(
      inTransaction(pool, async (client) => {
        await endSession(pool, client);
        await client.query('SELECT 1');
      }),
    );
    assert.equal(await inTransaction(pool, async (client) => (await client.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n), 1);
  });

  it("ends a chat's lock with its connection, and the update's work still completes", async () => {
    const { pool } = await freshDatabase({ max: 4 });
    const lockPool = (await freshDatabase({ max: 2 })).pool;
    const lock = new PgChatLock(lockPool, logger);
    const ended: number[] = [];
    const result = await lock.run(42, async () => {
      // This database's lock only: test files (and pg-boss) running beside it hold advisory locks of their own.
      const { rows } = await lockPool.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
      for (const { pid } of rows) ended.push((await pool.query('SELECT pg_terminate_backend($1)', [pid])).rowCount ?? 0);
      // Give the ended session's socket time to close while the update is still being handled.
      await new Promise((r) => setTimeout(r, 200));
      return 'handled';
    });
    assert.equal(result, 'handled');
    assert.deepEqual(ended, [1]);
    assert.equal(await lock.run(42, async () => 'again'), 'again');
  });

  it('fails a migration whose connection is lost, naming it', async () => {
    const { pool } = await freshDatabase({ migrated: false, max: 4 });
    const cut: Migration = { version: 1, name: 'cut', sql: "SELECT pg_terminate_backend(pg_backend_pid())" };
    await assert.rejects(migrate(pool, [cut]));
    assert.equal((await pool.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n, 1);
  });
});
