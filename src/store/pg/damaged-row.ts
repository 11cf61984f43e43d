// A row whose JSON column the lowdb file of the same records would refuse: the same per-record
// checks name it (chatProblem, metaShardSchema…), and the row is left exactly as it is.
import { metaShardSchema } from '../article-schema.ts';
import { isDetails } from '../body-layout.ts';
import { StoreError } from '../errors.ts';

/** Advice when a damaged row stops start-up. */
export const REPAIR_AND_RESTART = 'Nothing was changed: repair or delete that row (psql), then start again';
/** Advice when a running instance meets one: it keeps what it held and carries on without it. */
export const REPAIR_WHILE_RUNNING = 'Nothing was changed and this instance keeps what it held before; repair or delete that row (psql)';

/** What is wrong with a row's check, as `problemOf` says: undefined when nothing is. */
export type ProblemOf = (value: unknown) => string | undefined;

/** The StoreError for a row whose `column` is damaged, naming the table, the row and the problem. */
export function damagedRow(table: string, row: string, column: string, problem: string, advice = REPAIR_AND_RESTART): StoreError {
  return new StoreError(`PostgreSQL table "${table}"`, `row ${row} has a damaged "${column}" column: ${problem}`, advice);
}

/** The value, typed, once `problemOf` finds nothing wrong with it; else throws `damagedRow`. */
export function checked<T>(value: unknown, problemOf: ProblemOf, where: { table: string; row: string; column: string; advice?: string }): T {
  const problem = problemOf(value);
  if (problem) throw damagedRow(where.table, where.row, where.column, problem, where.advice);
  return value as T;
}

/** An article's metadata as the articles shard file's schema checks it (id, title, publishedAt). */
export const metaProblem = (id: string): ProblemOf => (meta) => metaShardSchema.check?.({ articles: { [id]: meta } });

/** An article's body as a body bucket holds it: paragraphs and summaries (null: a headline, or none yet). */
export const detailsProblem: ProblemOf = (details) =>
  details === null || isDetails(details) ? undefined : 'the details are not an object with a list of paragraphs and a summary';
