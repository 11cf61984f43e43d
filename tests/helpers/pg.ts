// PostgreSQL for tests: each test file gets a database of its own on the server at
// TEST_DATABASE_URL (bash .ci/run starts a throwaway one; so does `source .ci/postgres.sh`),
// migrated to this release's schema and dropped when the file finishes.
import { after } from 'node:test';
import type pg from 'pg';
import { createThrowawayDatabase } from './throwaway-database.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (!ADMIN_URL && process.env.CI === 'true') throw new Error('TEST_DATABASE_URL is not set: .ci/run starts a throwaway PostgreSQL (.ci/postgres.sh) and sets it; the PostgreSQL suites must run in CI.');

/** For `describe(name, { skip: pgSkip }, …)`: false when a server is there, else why the suite skips. */
export const pgSkip: string | false = ADMIN_URL ? false : 'TEST_DATABASE_URL is not set: PostgreSQL suites skipped (run `source .ci/postgres.sh` first, or bash .ci/run)';

export interface TestDatabase {
  url: string;
  /** A pool on the database, closed when the test file finishes. */
  pool: pg.Pool;
}

/**
 * A new empty database, migrated unless `migrated` is false, dropped (with any connections
 * left) when the test file finishes.
 */
export async function freshDatabase(options: { migrated?: boolean; max?: number } = {}): Promise<TestDatabase> {
  if (!ADMIN_URL) throw new Error(pgSkip as string);
  const { url, pool, drop } = await createThrowawayDatabase(ADMIN_URL, `khulasa_test_${process.pid}`, options);
  after(drop);
  return { url, pool };
}
