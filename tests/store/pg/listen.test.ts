import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createLogger } from '../../../src/logger.ts';
import { type Listener, listen } from '../../../src/store/pg/listen.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';

/** A change that never arrives fails the test instead of stalling the run. */
const WAIT_MS = 30_000;
const logger = createLogger({ level: 'silent', token: 'x' });
const listeners: Listener[] = [];
after(() => Promise.all(listeners.map((l) => l.close())));

/** Calls a function each time, and resolves the n-th wait once it has been called n times. */
function counter() {
  let count = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    hit: () => {
      count++;
      for (const w of waiting.filter((w) => w.n <= count)) w.resolve();
    },
    reached: (n: number) => new Promise<void>((resolve) => (n <= count ? resolve() : waiting.push({ n, resolve }))),
  };
}

describe('listen', () => {
  it('refuses a channel name it would have to quote', () => {
    assert.throws(() => listen('postgres://127.0.0.1:1/x', 'khulasa; DROP TABLE articles', () => undefined, logger), /not a channel name/);
  });

  it('rejects when the first connection fails', async () => {
    const listener = listen('postgres://127.0.0.1:1/none', 'khulasa_articles', () => undefined, logger);
    await assert.rejects(listener.ready);
    await listener.close();
  });
});

describe('listen (PostgreSQL)', { skip: pgSkip }, () => {
  it('hears its channel only, and again after its connection is cut', { timeout: WAIT_MS }, async () => {
    const { pool } = await freshDatabase();
    const payloads: string[] = [];
    const heard = counter();
    const connected = counter();
    const listener = listen(pool, 'khulasa_articles', (p) => {
      payloads.push(p);
      heard.hit();
    }, logger, { onConnect: connected.hit });
    listeners.push(listener);
    await listener.ready;
    await pool.query("SELECT pg_notify('khulasa_chats', 'not mine'), pg_notify('khulasa_articles', '41')");
    await heard.reached(1);
    await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'khulasa listen khulasa_articles' AND datname = current_database()");
    await connected.reached(2);
    await pool.query("SELECT pg_notify('khulasa_articles', '42')");
    await heard.reached(2);
    assert.deepEqual(payloads, ['41', '42']);
  });
});

/**
 * A TCP relay to the database whose open connections can go silent: kept open but passing nothing
 * on, as a NAT that dropped an idle flow does. Connections made afterwards pass as usual.
 */
async function freezableRelay(target: URL) {
  const { createServer, connect } = await import('node:net');
  const open = new Set<{ frozen: boolean }>();
  const server = createServer((inbound) => {
    const pair = { frozen: false };
    open.add(pair);
    const outbound = connect(Number(target.port), target.hostname);
    inbound.on('data', (chunk) => void (pair.frozen || outbound.write(chunk)));
    outbound.on('data', (chunk) => void (pair.frozen || inbound.write(chunk)));
    const close = () => {
      open.delete(pair);
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', close).on('close', close);
    outbound.on('error', close).on('close', close);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => new Promise<void>((r) => server.close(() => r())));
  const relayed = new URL(target.href);
  relayed.port = String((server.address() as { port: number }).port);
  return { url: relayed.href, freezeOpenConnections: () => open.forEach((pair) => (pair.frozen = true)) };
}

describe('listen through a connection that goes silent (PostgreSQL)', { skip: pgSkip }, () => {
  it('notices the silence by its heartbeat, reconnects and catches up', { timeout: WAIT_MS }, async () => {
    const { url, pool } = await freshDatabase();
    const relay = await freezableRelay(new URL(url));
    const connects = counter();
    const heard = counter();
    const listener = listen(relay.url, 'khulasa_chats', heard.hit, logger, { onConnect: connects.hit, heartbeatMs: 200 });
    listeners.push(listener);
    await listener.ready;
    relay.freezeOpenConnections();
    // Sent to the silent connection: lost, which is what the catch-up after reconnecting is for.
    await pool.query("SELECT pg_notify('khulasa_chats', 'lost')");
    await connects.reached(2);
    await pool.query("SELECT pg_notify('khulasa_chats', 'heard')");
    await heard.reached(1);
  });
});
