// A throwaway PostgreSQL database for a benchmark, on the server at TEST_DATABASE_URL or
// DATABASE_URL, migrated to this release's schema and dropped at the end (or kept with --keep).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, readMigrations } from '../../src/store/pg/migrate.ts';

export const BENCH_SERVER = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';

export interface BenchDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const name = `khulasa_bench_${label}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 8 });
  await migrate(pool, await readMigrations());
  return {
    url: url.href,
    pool,
    async drop() {
      await pool.end();
      const dropper = new pg.Client({ connectionString: BENCH_SERVER });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
