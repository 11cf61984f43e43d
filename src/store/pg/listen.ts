// LISTEN on one notification channel with a connection of its own (never one of the pool's,
// which the stores need), reconnecting with a growing pause when it drops. PostgreSQL forgets a
// listener with its connection, so notifications sent meanwhile are lost: `onConnect` lets the
// caller catch up after every (re)connection. (Same signature as pg-articles' helper.)
import pg from 'pg';
import type { Logger } from '../../logger.ts';

/** Milliseconds before the first reconnection attempt, doubled per failure up to the cap. */
const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 10_000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export interface ListenOptions {
  /** Called once LISTEN is in place, at the start and after every reconnection. */
  onConnect?: () => void;
}

export interface Listener {
  /** Resolves once the first LISTEN is in place; rejects when the first connection fails. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listen(source: pg.Pool | string, channel: string, onPayload: (payload: string) => void, logger: Logger, options: ListenOptions = {}): Listener {
  if (!CHANNEL_NAME.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
  const config: pg.ClientConfig = typeof source === 'string' ? { connectionString: source } : { ...(source.options as pg.ClientConfig) };
  let current: pg.Client | undefined;
  let closed = false;
  let connected = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: unknown) => logger.warn({ err: error, channel }, 'PostgreSQL notifications still interrupted'));
    }, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures++));
    // A pending reconnection alone never keeps the process alive.
    timer.unref();
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ ...config, application_name: `khulasa listen ${channel}` });
    let dropped = false;
    // 'error' and 'end' both fire when the server or the network drops the connection.
    const drop = (error?: Error) => {
      if (dropped) return;
      dropped = true;
      if (current === client) current = undefined;
      client.end().catch(() => undefined);
      if (closed || !connected) return;
      logger.warn({ channel, reason: error?.message ?? 'connection ended' }, 'PostgreSQL notifications interrupted; reconnecting');
      reconnectLater();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      drop(error as Error);
      if (connected) reconnectLater();
      throw error;
    }
    if (closed) return void (await client.end().catch(() => undefined));
    current = client;
    connected = true;
    failures = 0;
    options.onConnect?.();
  };

  return {
    ready: connect(),
    async close() {
      closed = true;
      clearTimeout(timer);
      await current?.end().catch(() => undefined);
    },
  };
}
