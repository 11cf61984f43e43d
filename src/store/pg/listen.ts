// LISTEN on a connection of its own that comes back after it drops: PostgreSQL forgets a
// listener with its connection, so notifications sent meanwhile are lost and `onConnect` lets the
// caller catch up from its cursor after every (re)connection.
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import { describeDatabase } from './pool.ts';

/** First wait before reconnecting, doubled after each failure up to the maximum (milliseconds). */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;
/**
 * A listening connection is idle, and a NAT or load balancer may drop an idle flow without a word:
 * keep-alive probes after this long, and a query every heartbeat that must answer in time, notice
 * it in seconds rather than after the system's two-hour keep-alive default.
 */
const KEEP_ALIVE_DELAY_MS = 10_000;
const HEARTBEAT_MS = 30_000;

export interface ListenOptions {
  /** Called once LISTEN is in place, at the start and after every reconnection. */
  onConnect?: () => void;
  /** Milliseconds between heartbeat queries, and the time each has to answer (tests shorten it). */
  heartbeatMs?: number;
}

export interface Listener {
  /** Resolves once the first LISTEN is in place; rejects when the first connection fails. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listen(source: pg.Pool | string, channel: string, onPayload: (payload: string) => void, logger: Logger, options: ListenOptions = {}): Listener {
  if (!CHANNEL_NAME.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
  const config: pg.ClientConfig = typeof source === 'string' ? { connectionString: source } : { ...source.options };
  const database = describeDatabase(config.connectionString ?? '');
  let current: pg.Client | undefined;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let timer: NodeJS.Timeout | undefined;
  let connected = false;

  const reconnectLater = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch(() => undefined);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async (): Promise<void> => {
    // Keep-alive: a connection lost without a word (a network cut) is noticed and replaced.
    const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    const client = new pg.Client({ ...config, keepAlive: true, keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS, query_timeout: heartbeatMs, application_name: `khulasa listen ${channel}` });
    let dropped = false;
    const heartbeat = setInterval(() => void client.query('SELECT 1').catch(drop), heartbeatMs);
    heartbeat.unref();
    const drop = (error?: Error) => {
      clearInterval(heartbeat);
      if (dropped) return;
      dropped = true;
      if (current === client) current = undefined;
      if (!closed && connected) logger.warn({ err: error, channel, database, retryMs }, 'notification connection lost; reconnecting');
      client.end().catch(() => undefined);
      if (connected) reconnectLater();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      drop(error as Error);
      throw error;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    connected = true;
    retryMs = RETRY_FIRST_MS;
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
