// JSON Lines helpers for the command-line tools.
import { createInterface } from 'node:readline';

/** Yields each non-blank line of a stream with its 1-based line number. */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<{ line: string; number: number }> {
  let number = 0;
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    number++;
    if (line.trim()) yield { line, number };
  }
}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
