// LISTEN on one notification channel with a connection of its own (never one of the pool's,
// which the stores need), reconnecting with a growing pause when it drops. Notifications sent
// while it was down are lost, so `onReconnect` tells the caller to catch up (reload).
import pg from 'pg';
import type { Logger } from '../../logger.ts';

/** Milliseconds before the first reconnection attempt, doubled per failure up to the cap. */
const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 10_000;

export interface ListenOptions {
  /** Called once LISTEN is active again after a dropped connection (not on the first connect). */
  onReconnect?: () => Promise<void> | void;
}

export interface Listener {
  close(): Promise<void>;
}

const clientConfig = (source: pg.Pool | string, channel: string): pg.ClientConfig => ({
  ...(typeof source === 'string' ? { connectionString: source } : (source.options as pg.ClientConfig)),
  application_name: `khulasa-listen:${channel}`,
});

/**
 * Resolves once LISTEN is active (so nothing committed afterwards is missed); throws when the
 * first connection fails. `channel` must be a plain identifier (the khulasa_* names).
 */
export async function listen(source: pg.Pool | string, channel: string, onPayload: (payload: string) => void, logger: Logger, options: ListenOptions = {}): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(clientConfig(source, channel));
    next.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    // Both fire when the server or the network drops the connection; one reconnection follows.
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      logger.warn({ channel, reason: error?.message ?? 'connection ended' }, 'PostgreSQL notifications interrupted; reconnecting');
      next.end().catch(() => undefined);
      schedule(0);
    };
    next.on('error', onLost);
    next.on('end', () => onLost());
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      lost = true;
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
  };

  const later = (failures: number, task: () => void) => {
    if (closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) task();
    }, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures));
    // A pending reconnection alone never keeps the process alive.
    timer.unref();
  };
  // The caller's catch-up is retried on its own: the connection it follows is fine.
  const catchUp = (failures: number): void =>
    void Promise.resolve()
      .then(() => options.onReconnect?.())
      .then(() => logger.info({ channel }, 'PostgreSQL notifications resumed'))
      .catch((error: unknown) => {
        logger.warn({ channel, err: error }, 'catching up after a reconnection failed; retrying');
        later(failures + 1, () => catchUp(failures + 1));
      });
  const schedule = (failures: number): void =>
    later(failures, () =>
      connect().then(
        () => catchUp(0),
        (error: unknown) => {
          logger.warn({ channel, err: error }, 'PostgreSQL notifications still interrupted');
          schedule(failures + 1);
        },
      ),
    );

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
