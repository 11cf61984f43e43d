// A database of its own on a PostgreSQL server, for a test file or a benchmark: created empty
// under a random name, migrated to this release's schema unless told not to, and dropped (with
// any connection left) by `drop()`.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, readMigrations } from '../../src/store/pg/migrate.ts';

export interface ThrowawayDatabase {
  url: string;
  pool: pg.Pool;
  /** Ends the pool, then drops the database. */
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createThrowawayDatabase(serverUrl: string, prefix: string, options: { migrated?: boolean; max?: number } = {}): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: options.max ?? 10 });
  // An idle connection the server cuts (a test stopping backends, the drop itself) emits here;
  // unheard, it would end the process. The pool replaces it, as openPool's does in the bot.
  pool.on('error', () => undefined);
  const drop = async () => {
    await pool.end();
    await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    if (options.migrated !== false) await migrate(pool, await readMigrations());
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.href, pool, drop };
}
