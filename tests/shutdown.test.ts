import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createShutdown } from '../src/shutdown.ts';
import { captureLogs } from './helpers/log-capture.ts';

const exitCode = () => {
  let resolve: (code: number) => void = () => undefined;
  const code = new Promise<number>((r) => (resolve = r));
  return { code, exit: (c: number) => resolve(c) };
};

describe('shutdown', () => {
  it('aborts the signal, runs the steps last-added first, and exits 0 after "stopped cleanly"', async () => {
    const { lines, logger } = captureLogs();
    const { code, exit } = exitCode();
    const shutdown = createShutdown(logger, exit);
    const order: string[] = [];
    shutdown.add('flush stores', async () => void order.push('flush stores'));
    shutdown.add('stop polling', async () => void order.push(`stop polling (signal aborted: ${shutdown.signal.aborted})`));
    shutdown.begin('SIGTERM');
    assert.equal(await code, 0);
    assert.deepEqual(order, ['stop polling (signal aborted: true)', 'flush stores']);
    assert.equal(lines.at(-1)?.msg, 'stopped cleanly');
  });

  it('lets a second signal change nothing but a log line while the writes finish', async () => {
    const { lines, logger } = captureLogs();
    const { code, exit } = exitCode();
    const shutdown = createShutdown(logger, exit);
    let finish: () => void = () => undefined;
    let runs = 0;
    shutdown.add('slow write', () => new Promise<void>((r) => ((finish = r), runs++)));
    shutdown.begin('SIGTERM');
    shutdown.begin('SIGINT');
    await new Promise((r) => setImmediate(r));
    finish();
    assert.equal(await code, 0);
    assert.equal(runs, 1);
    assert.ok(lines.some((l) => l.msg === 'already shutting down; finishing the writes first'));
  });

  it('exits 1 at the deadline when a step never ends', async () => {
    const { lines, logger } = captureLogs();
    const { code, exit } = exitCode();
    const shutdown = createShutdown(logger, exit, 50);
    shutdown.add('stuck', () => new Promise(() => undefined));
    shutdown.begin('SIGTERM');
    assert.equal(await code, 1);
    assert.ok(lines.some((l) => l.level === 50 && /deadline/.test(l.msg)));
  });

  it('exits 1 when a write fails, after running the other steps', async () => {
    const { lines, logger } = captureLogs();
    const { code, exit } = exitCode();
    const shutdown = createShutdown(logger, exit);
    let flushed = false;
    shutdown.add('flush', async () => void (flushed = true));
    shutdown.add('failing', () => Promise.reject(new Error('ENOSPC')));
    shutdown.begin('SIGTERM');
    assert.equal(await code, 1);
    assert.ok(flushed);
    assert.ok(lines.some((l) => /not every write/.test(l.msg)));
  });

  it('waits for a start-up in progress before stopping what it started', async () => {
    const { logger } = captureLogs();
    const { code, exit } = exitCode();
    const shutdown = createShutdown(logger, exit);
    let started: () => void = () => undefined;
    const stopped: string[] = [];
    shutdown.awaitStartup(new Promise<void>((r) => (started = r)).then(() => shutdown.add('stop polling', async () => void stopped.push('polling'))));
    shutdown.begin('SIGTERM');
    started();
    assert.equal(await code, 0);
    assert.deepEqual(stopped, ['polling']);
  });
});
