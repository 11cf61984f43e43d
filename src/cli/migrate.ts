// npm run migrate: brings the PostgreSQL schema at DATABASE_URL to this release's version (the bot
// also does it at start; this lets an operator do it ahead of a rolling deploy).
import { loadConfig } from '../config.ts';
import { migrate, readMigrations } from '../store/pg/migrate.ts';
import { describeDatabase, openPool } from '../store/pg/pool.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    console.error('error: DATABASE_URL is not set: migrations are for the PostgreSQL backend (lowdb needs none)');
    return 2;
  }
  const pool = await openPool(config.DATABASE_URL);
  try {
    const report = await migrate(pool, await readMigrations());
    for (const m of report.applied) console.log(`applied ${String(m.version).padStart(3, '0')}_${m.name}`);
    console.log(`${describeDatabase(config.DATABASE_URL)} is at schema version ${report.version}${report.applied.length === 0 ? ' (nothing to apply)' : ''}`);
    return 0;
  } finally {
    await pool.end();
  }
});
