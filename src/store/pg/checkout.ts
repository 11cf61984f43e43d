// A client taken out of the pool. While it is out, pg-pool no longer listens for its 'error'
// event, and a connection lost meanwhile (the server restarted, failed over, or an operator ended
// the session) would be an unheard 'error' that ends the process. Here it is noted instead: the
// query in flight fails on its own, and the client is discarded on release rather than reused.
import type pg from 'pg';

export interface CheckedOut {
  client: pg.PoolClient;
  /** The connection's loss, once it happened. */
  lost: { error?: Error };
}

export async function checkout(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  const lost: { error?: Error } = {};
  const onError = (error: Error) => void (lost.error = error);
  client.on('error', onError);
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => {
    client.off('error', onError);
    release(error ?? lost.error);
  };
  return { client, lost };
}
