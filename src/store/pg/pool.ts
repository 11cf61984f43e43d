// The PostgreSQL connection pool (DATABASE_URL). Opening checks the server answers, so a wrong
// address fails at start with one line that names the server but never the password.
import pg from 'pg';
import type { Logger } from '../../logger.ts';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** postgres://user@host:port/db with the password left out, for messages and logs. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export interface PoolOptions {
  /** Connections this process may hold at once. */
  max?: number;
  logger?: Logger;
}

/** Opens a pool and checks one connection; throws DatabaseError when the server cannot be used. */
export async function openPool(url: string, options: PoolOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client whose connection drops emits here; unhandled, it would end the process.
  pool.on('error', (error) => options.logger?.error({ err: error, database: describeDatabase(url) }, 'PostgreSQL connection lost; the pool opens a new one'));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot use PostgreSQL at ${describeDatabase(url)}: ${(error as Error).message}`);
  }
  return pool;
}
