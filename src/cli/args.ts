// A small, strict flag reader: util.parseArgs with a clear error instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function readArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\nusage: ${usage}`);
    process.exit(2);
  }
}

/** A positive whole number flag, or undefined when absent; exits with a clear message when malformed. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`${flag} takes a positive whole number, got "${value}"`);
    process.exit(2);
  }
  return n;
}
