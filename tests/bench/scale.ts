// npm run bench -- --only scale [--scale-articles 1000000]: Khulasa on PostgreSQL (0 articles: skip
// the store and search part). Needs a server
// (TEST_DATABASE_URL or DATABASE_URL; each part makes a database of its own and drops it).
import { benchDatabase, BENCH_SERVER } from './pg-database.ts';
import { benchFtsQuality } from './pg-fts.ts';
import { benchScaleFanout, benchScaleUpdates } from './scale-instances.ts';
import { benchScaleStore } from './scale-store.ts';
import type { NewsRecord } from './real-corpus.ts';

export interface ScaleOptions {
  articles: number;
  records: NewsRecord[] | null;
}

export async function benchScale(options: ScaleOptions, log: (line: string) => void): Promise<void> {
  if (!BENCH_SERVER) {
    log('scale: skipped, neither TEST_DATABASE_URL nor DATABASE_URL is set (source .ci/postgres.sh starts a throwaway server)');
    return;
  }
  await benchScaleFanout(log);
  if (options.records) await benchScaleUpdates(options.records, log);
  else log('scale updates: skipped, the real news corpus is missing (see above)');
  if (options.articles > 0) {
    if (options.records) await benchScaleStore(options.records, options.articles, log);
    else log('scale store: skipped, the real news corpus is missing (see above)');
    const db = await benchDatabase('fts');
    try {
      await benchFtsQuality(db.pool, (line) => log(`scale search quality: ${line}`));
    } finally {
      await db.drop();
    }
  }
}
