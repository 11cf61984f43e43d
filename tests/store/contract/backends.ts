// Where a contract suite's stores live: a data folder (lowdb) or a database (PostgreSQL). A place
// opens any number of store instances on the same data, as a restart or another instance would.
import { afterEach } from 'node:test';
import pg from 'pg';
import { createLogger } from '../../../src/logger.ts';
import { freshDatabase } from '../../helpers/pg.ts';
import { tempDir } from '../../helpers/tmp.ts';

export const testLogger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface Place<T, O = void> {
  /** Another instance on the same data (lowdb: reopened from the folder). */
  open(options?: O): Promise<T>;
}

/** Opens a place per test; the instances opened are closed after each test. */
export type Backend<T, O = void> = () => Promise<Place<T, O>>;

export const lowdbBackend =
  <T, O = void>(open: (dir: string, options?: O) => Promise<T>): Backend<T, O> =>
  async () => {
    const dir = await tempDir();
    return { open: (options) => open(dir, options) };
  };

interface Closable {
  close?(): Promise<void>;
}

/**
 * A fresh migrated database per test; each instance gets a pool of its own (as a separate
 * process would), closed with the instance after the test, before the database is dropped.
 */
export const pgBackend = <T, O = void>(open: (pool: pg.Pool, options?: O) => Promise<T>): Backend<T, O> => {
  const opened: Array<{ store: T; pool: pg.Pool }> = [];
  afterEach(async () => {
    for (const { store, pool } of opened.splice(0)) {
      await (store as Closable).close?.();
      await pool.end();
    }
  });
  return async () => {
    const { url } = await freshDatabase();
    return {
      async open(options) {
        const pool = new pg.Pool({ connectionString: url, max: 5 });
        // As openPool does: an idle connection ended by the server is replaced, not an uncaught error.
        pool.on('error', () => undefined);
        const store = await open(pool, options);
        opened.push({ store, pool });
        return store;
      },
    };
  };
};
