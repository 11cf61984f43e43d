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
