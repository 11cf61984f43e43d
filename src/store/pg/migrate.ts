// Versioned schema migrations: numbered SQL files applied in order, each in its own transaction,
// recorded in schema_migrations. Instances starting together take an advisory lock, so exactly
// one applies them and the others find them applied.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { checkout } from './checkout.ts';
import { DatabaseError } from './pool.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
/** Any fixed number: the key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_240_001;
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in a folder, in version order; a misnamed or repeated version is refused. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of names) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new DatabaseError(`migration ${file} is not named NNN_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new DatabaseError(`two migrations carry version ${version}`);
    migrations.push({ version, name: match[2] as string, sql: await readFile(join(dir, file), 'utf8') });
  }
  return migrations;
}

export interface MigrationReport {
  applied: Migration[];
  /** The schema version after the run. */
  version: number;
}

/**
 * Brings the database to the newest migration. Refuses a database migrated by a newer release
 * (a version this code does not know): running old code on it could corrupt data.
 */
export async function migrate(pool: pg.Pool, migrations: Migration[]): Promise<MigrationReport> {
  const { client } = await checkout(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v)).sort((a, b) => b - a)[0];
    if (unknown !== undefined) throw new DatabaseError(`the database has schema version ${unknown}, which this release does not know: run a newer Khulasa, or restore a backup`);
    const applied: Migration[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new DatabaseError(`migration ${String(m.version).padStart(3, '0')}_${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m);
    }
    return { applied, version: Math.max(0, ...migrations.map((m) => m.version)) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
