// A throwaway PostgreSQL database for a benchmark, on the server at TEST_DATABASE_URL or
// DATABASE_URL, migrated to this release's schema and dropped at the end.
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/throwaway-database.ts';

export const BENCH_SERVER = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';

export type BenchDatabase = ThrowawayDatabase;

export function benchDatabase(label: string): Promise<BenchDatabase> {
  return createThrowawayDatabase(BENCH_SERVER, `khulasa_bench_${label}`, { max: 8 });
}
