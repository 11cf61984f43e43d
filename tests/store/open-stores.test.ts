// Backend selection: lowdb files without DATABASE_URL, PostgreSQL (migrated at start) with it;
// the shutdown step makes the last writes durable, then closes the pools and frees DATA_DIR.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createShutdown } from '../../src/shutdown.ts';
import { LOCK_FILE } from '../../src/store/data-lock.ts';
import { openStores, type StoreConfig } from '../../src/store/open-stores.ts';
import { readMigrations } from '../../src/store/pg/migrate.ts';
import { DatabaseError } from '../../src/store/pg/pool.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { tempDir } from '../helpers/tmp.ts';
import { sub } from './contract/chats.contract.ts';

async function start(config: Partial<StoreConfig>) {
  const dataDir = await tempDir();
  const { logger, lines } = captureLogs();
  let exited!: (code: number) => void;
  const exit = new Promise<number>((r) => (exited = r));
  const shutdown = createShutdown(logger, exited);
  const full: StoreConfig = { DATA_DIR: dataDir, SEEDS_DIR: join(dataDir, 'seeds'), BODY_READS: 'adaptive', DATABASE_POOL_MAX: 3, ...config };
  return { full, logger, lines, shutdown, stop: () => (shutdown.begin('test'), exit), dataDir };
}

describe('openStores', () => {
  it('opens the lowdb files without DATABASE_URL, and locks DATA_DIR until shutdown', async () => {
    const s = await start({});
    const stores = await openStores(s.full, s.logger, s.shutdown);
    assert.equal(stores.backend, 'lowdb');
    assert.equal(stores.chatLock, undefined, 'one process: grammY keeps each chat in order');
    await stores.chats.subscribe(7, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
    await stores.feeds.list.add({ url: 'https://a.example/rss' });
    assert.equal(existsSync(join(s.dataDir, LOCK_FILE)), true);
    assert.equal(await s.stop(), 0);
    assert.equal(existsSync(join(s.dataDir, LOCK_FILE)), false);
    const again = await start({ DATA_DIR: s.dataDir });
    const reopened = await openStores(again.full, again.logger, again.shutdown);
    assert.equal(reopened.chats.get(7)?.subscription?.time, '08:00');
    assert.deepEqual(reopened.feeds.list.all(), [{ url: 'https://a.example/rss' }]);
    await again.stop();
  });

  it('fails with one line naming the server, and frees DATA_DIR, when PostgreSQL cannot be reached', async () => {
    const s = await start({ DATABASE_URL: 'postgres://khulasa:s3cret@127.0.0.1:1/khulasa' });
    await assert.rejects(openStores(s.full, s.logger, s.shutdown), (e: Error) => e instanceof DatabaseError && /postgres:\/\/khulasa@127\.0\.0\.1:1\/khulasa/.test(e.message) && !e.message.includes('s3cret'));
    assert.equal(existsSync(join(s.dataDir, LOCK_FILE)), false);
  });

  describe('with DATABASE_URL', { skip: pgSkip }, () => {
    it('migrates an empty database, opens the PostgreSQL stores and the chat lock, and closes the pools at shutdown', async () => {
      const { url, pool: admin } = await freshDatabase({ migrated: false });
      const s = await start({ DATABASE_URL: url });
      const stores = await openStores(s.full, s.logger, s.shutdown);
      assert.equal(stores.backend, 'postgresql');
      assert.ok(stores.chatLock);
      assert.equal((await admin.query('SELECT version FROM schema_migrations')).rows.length, (await readMigrations()).length);
      const written = stores.chats.subscribe(9, sub, { type: 'private' }, '2026-06-01T09:00:00.000Z');
      await stores.conversations.write('9', { version: [0, 1], state: { subscribe: [] } });
      await written;
      assert.equal(await s.stop(), 0);
      assert.equal(stores.pool?.ended, true, 'the pool is closed after the final writes');
      assert.deepEqual((await admin.query('SELECT record FROM chats WHERE chat_id = 9')).rows[0]?.record.subscription, sub);
      // A closed connection's server process may still be listed for a moment on a busy machine;
      // one left open (a listener, a pool) stays listed and fails this.
      const others = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
      await eventually(async () => (await admin.query<{ n: number }>(others)).rows[0]?.n === 0, 'no connection left open, listeners included', 5_000);
      assert.equal(s.lines.find((l) => l.msg === 'PostgreSQL ready')?.schema, Math.max(...(await readMigrations()).map((m) => m.version)));
    });
  });
});
