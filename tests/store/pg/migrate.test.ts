import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Migration, migrate, readMigrations } from '../../../src/store/pg/migrate.ts';
import { DatabaseError, describeDatabase, openPool } from '../../../src/store/pg/pool.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { tempDir } from '../../helpers/tmp.ts';

const V1: Migration = { version: 1, name: 'notes', sql: 'CREATE TABLE notes (id integer PRIMARY KEY, text text NOT NULL)' };
const V2: Migration = { version: 2, name: 'note_authors', sql: 'ALTER TABLE notes ADD COLUMN author text' };

describe('describeDatabase', () => {
  for (const [url, shown] of [
    ['postgres://khulasa:s3cret@db.example.com:5432/news', 'postgres://khulasa@db.example.com:5432/news'],
    ['postgresql://db.example.com/news', 'postgresql://db.example.com/news'],
    ['not a url', 'DATABASE_URL'],
  ] as const) {
    it(`shows ${url} without its password`, () => assert.equal(describeDatabase(url), shown));
  }
});

describe('readMigrations', () => {
  it('reads NNN_name.sql files in version order', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '002_second.sql'), 'SELECT 2');
    await writeFile(join(dir, '001_first.sql'), 'SELECT 1');
    await writeFile(join(dir, 'README.md'), 'not a migration');
    assert.deepEqual((await readMigrations(dir)).map((m) => `${m.version} ${m.name}`), ['1 first', '2 second']);
  });
  for (const [files, message] of [
    [['1_first.sql'], /not named NNN_name.sql/],
    [['001_first.sql', '001_again.sql'], /two migrations carry version 1/],
  ] as const) {
    it(`refuses ${files.join(', ')}`, async () => {
      const dir = await tempDir();
      await mkdir(dir, { recursive: true });
      for (const f of files) await writeFile(join(dir, f), 'SELECT 1');
      await assert.rejects(readMigrations(dir), message);
    });
  }
  it("this release's migrations are well named", () => assert.doesNotReject(readMigrations()));
});

describe('migrate (PostgreSQL)', { skip: pgSkip }, () => {
  it('applies pending migrations once, in order, and records them', async () => {
    const { pool } = await freshDatabase({ migrated: false });
    assert.deepEqual((await migrate(pool, [V1])).applied.map((m) => m.version), [1]);
    const second = await migrate(pool, [V1, V2]);
    assert.deepEqual(second.applied.map((m) => m.version), [2]);
    assert.equal(second.version, 2);
    assert.deepEqual((await migrate(pool, [V1, V2])).applied, []);
    await pool.query("INSERT INTO notes (id, text, author) VALUES (1, 'خبر', 'سارة')");
    assert.deepEqual((await pool.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows, [
      { version: 1, name: 'notes' },
      { version: 2, name: 'note_authors' },
    ]);
  });

  it('instances migrating at once apply each migration exactly once', async () => {
    const { pool } = await freshDatabase({ migrated: false, max: 6 });
    const reports = await Promise.all(Array.from({ length: 4 }, () => migrate(pool, [V1, V2])));
    assert.equal(reports.flatMap((r) => r.applied).length, 2);
  });

  it('rolls back a failing migration whole and names it', async () => {
    const { pool } = await freshDatabase({ migrated: false });
    const broken: Migration = { version: 2, name: 'broken', sql: 'ALTER TABLE notes ADD COLUMN x text; SELECT * FROM missing_table' };
    await migrate(pool, [V1]);
    await assert.rejects(migrate(pool, [V1, broken]), (e: Error) => e instanceof DatabaseError && /002_broken failed: .*missing_table/.test(e.message));
    const columns = (await pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' ORDER BY column_name")).rows.map((r) => r.column_name);
    assert.deepEqual(columns, ['id', 'text']);
    assert.deepEqual((await migrate(pool, [V1, V2])).applied.map((m) => m.version), [2]);
  });

  it('refuses a database migrated by a newer release', async () => {
    const { pool } = await freshDatabase({ migrated: false });
    await migrate(pool, [V1, V2]);
    await assert.rejects(migrate(pool, [V1]), /schema version 2, which this release does not know/);
  });

  it("this release's migrations apply to an empty database", async () => {
    const { pool } = await freshDatabase({ migrated: false });
    const all = await readMigrations();
    assert.equal((await migrate(pool, all)).applied.length, all.length);
  });
});

describe('openPool', () => {
  it('fails with one line naming the server, not the password, when nothing listens', async () => {
    await assert.rejects(openPool('postgres://khulasa:s3cret@127.0.0.1:1/news'), (e: Error) => e instanceof DatabaseError && e.message.includes('postgres://khulasa@127.0.0.1:1/news') && !e.message.includes('s3cret'));
  });
});
