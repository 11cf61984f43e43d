// The commands that read or write DATA_DIR's lowdb files (ingest, search): with DATABASE_URL set
// the bot keeps nothing there, so they would report success on files no instance reads.

/** Exit code 1 with one line saying what to do instead, when `databaseUrl` is set; else undefined. */
export function refuseOnPostgres(databaseUrl: string | undefined, command: string, instead: string): number | undefined {
  if (!databaseUrl) return undefined;
  console.error(`error: DATABASE_URL is set, and ${command} works on the lowdb files in DATA_DIR, which a bot on PostgreSQL does not read. ${instead} Nothing was changed.`);
  return 1;
}
