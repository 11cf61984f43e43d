// HEALTH_PORT: /healthz and /metrics over HTTP on the loopback interface only (a reverse proxy or
// an agent on the same host reads them; nothing is exposed to the network).
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import type { Telemetry } from './telemetry.ts';

/**
 * Milliseconds without a successful getUpdates before the bot counts as not receiving updates:
 * three of the runner's 30-second long polls, so one slow or retried poll is not an alarm.
 */
export const POLL_STALE_MS = 90_000;
const HOST = '127.0.0.1';
/** Written and removed in DATA_DIR by each health check: a full or read-only disk fails it. */
const PROBE_FILE = '.healthz-probe';

export type Health = { ok: true } | { ok: false; reason: string };

/** Healthy while updates arrive and the store can be written (pure). */
export function judgeHealth(state: { lastPollOkAt: number | undefined; pollingSince?: number | undefined; now: number; staleAfterMs: number; storeError?: string }): Health {
  // A long poll still waiting counts as alive as one just answered, until it has waited too long.
  const alive = Math.max(state.lastPollOkAt ?? -Infinity, state.pollingSince ?? -Infinity);
  if (alive === -Infinity) return { ok: false, reason: 'no getUpdates call has succeeded yet' };
  if (state.now - alive > state.staleAfterMs) {
    const since = state.lastPollOkAt === undefined ? 'ever' : `for ${Math.round((state.now - state.lastPollOkAt) / 1000)} s`;
    return { ok: false, reason: `no successful getUpdates ${since}` };
  }
  if (state.storeError) return { ok: false, reason: `data folder not writable: ${state.storeError}` };
  return { ok: true };
}

async function probeStore(dataDir: string): Promise<string | undefined> {
  const path = join(dataDir, PROBE_FILE);
  try {
    await writeFile(path, String(Date.now()));
    await rm(path, { force: true });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

export interface HealthOptions {
  telemetry: Telemetry;
  dataDir: string;
  logger: Logger;
  staleAfterMs?: number;
}

export interface HealthServer {
  /** The port listened on (0 when off). */
  readonly port: number;
  close(): Promise<void>;
}

export class HealthPortError extends Error {}

/** Starts the server when `port` is set; otherwise returns one that does nothing. */
export async function startHealthServer(port: number | undefined, options: HealthOptions): Promise<HealthServer> {
  if (port === undefined) return { port: 0, close: async () => undefined };
  const staleAfterMs = options.staleAfterMs ?? POLL_STALE_MS;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, type: 'text/plain', body: 'method not allowed\n' };
      if (path === '/healthz') {
        const storeError = await probeStore(options.dataDir);
        const { lastPollOkAt, pollingSince } = options.telemetry;
        const health = judgeHealth({ lastPollOkAt, pollingSince, now: Date.now(), staleAfterMs, ...(storeError ? { storeError } : {}) });
        return { status: health.ok ? 200 : 503, type: 'application/json', body: `${JSON.stringify(health.ok ? { status: 'ok' } : { status: 'unavailable', reason: health.reason })}\n` };
      }
      if (path === '/metrics') return { status: 200, type: options.telemetry.registry.contentType, body: await options.telemetry.metrics() };
      return { status: 404, type: 'text/plain', body: 'not found: try /healthz or /metrics\n' };
    };
    answer().then(
      ({ status, type, body }) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      (error: unknown) => {
        options.logger.error({ err: error, path }, 'health endpoint failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      },
    );
  });
  server.listen(port, HOST);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw new HealthPortError(`HEALTH_PORT ${port}: cannot listen on ${HOST} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose a free port or leave HEALTH_PORT empty`);
  }
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  options.logger.info({ url: `http://${HOST}:${listening}/healthz` }, 'health and metrics endpoints listening');
  return {
    port: listening,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
