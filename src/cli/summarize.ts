// npm run --silent summarize -- [--max-words N | --max-sentences N]
// Reads JSONL {"id","text","maxWords"?} on stdin, writes JSONL {"id","summary"}. A bad line gets an
// error line on stderr and the rest still run.
import { summarize } from '../text/summarize.ts';
import { positiveInt, readArgs } from './args.ts';
import { readLines, writeJsonLine } from './jsonl.ts';

const USAGE = 'npm run --silent summarize -- [--max-words N] [--max-sentences N] < input.jsonl';
const { values } = readArgs({ 'max-words': { type: 'string' }, 'max-sentences': { type: 'string' } }, USAGE);
const maxWords = positiveInt(values['max-words'], '--max-words');
const maxSentences = positiveInt(values['max-sentences'], '--max-sentences');
const budgetGiven = maxWords !== undefined || maxSentences !== undefined;

let failed = 0;
for await (const { line, number } of readLines(process.stdin)) {
  try {
    const item = JSON.parse(line) as { id?: unknown; text?: unknown; maxWords?: unknown };
    if (typeof item.text !== 'string') throw new Error('"text" must be a string');
    if (item.maxWords !== undefined && (!Number.isInteger(item.maxWords) || (item.maxWords as number) <= 0)) {
      throw new Error('"maxWords" must be a positive whole number');
    }
    const lineWords = item.maxWords as number | undefined;
    const budget = lineWords !== undefined
      ? { maxWords: lineWords, maxSentences }
      : budgetGiven ? { maxWords, maxSentences } : undefined;
    writeJsonLine({ id: item.id ?? null, summary: summarize(item.text, budget) });
  } catch (error) {
    failed++;
    console.error(`line ${number}: ${(error as Error).message}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
