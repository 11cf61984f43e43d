// One transaction on one pooled connection: committed when the work resolves, rolled back when
// it throws. A connection whose rollback fails is discarded rather than handed out again.
import type pg from 'pg';
import { checkout } from './checkout.ts';

/** `begin` may ask for more, such as 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const { client } = await checkout(pool);
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
