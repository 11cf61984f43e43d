// Runs a command-line entry point: known failures print one clear line, never a stack trace.
import { ConfigError } from '../config.ts';
import { StoreError } from '../store/errors.ts';
import { DatabaseError } from '../store/pg/pool.ts';

export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError || error instanceof DatabaseError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
