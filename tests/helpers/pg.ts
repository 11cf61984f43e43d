// PostgreSQL for tests: each test file gets a database of its own on the server at
// TEST_DATABASE_URL (bash .ci/run starts a throwaway one; so does `source .ci/postgres.sh`),
// migrated to this release's schema and dropped when the file finishes.
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { migrate, readMigrations } from '../../src/store/pg/migrate.ts';

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
  const name = `khulasa_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: options.max ?? 10 });
  // An idle connection the server cuts (a test stopping backends) emits here; unheard, it would
  // end the test process. The pool replaces it, as openPool's does in the bot.
  pool.on('error', () => undefined);
  after(async () => {
    await pool.end();
    const dropper = new pg.Client({ connectionString: ADMIN_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  if (options.migrated !== false) await migrate(pool, await readMigrations());
  return { url: url.href, pool };
}
