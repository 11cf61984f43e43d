import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startDigestScheduler } from '../../src/digest/scheduler.ts';
import { createLogger } from '../../src/logger.ts';

describe('startDigestScheduler', () => {
  it('runs once at start (a digest missed while down goes out) and stops cleanly', async () => {
    const runs: Date[] = [];
    let release: () => void = () => undefined;
    const scheduler = startDigestScheduler(
      (now) =>
        new Promise<void>((resolve) => {
          runs.push(now);
          release = resolve;
        }),
      createLogger({ level: 'silent' }),
    );
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(runs.length, 1);
    release();
    await scheduler.stop();
    assert.equal(runs.length, 1, 'no run after stop');
  });

  it('keeps running after a failed run', async () => {
    let calls = 0;
    const scheduler = startDigestScheduler(async () => {
      calls++;
      throw new Error('disk full');
    }, createLogger({ level: 'silent' }));
    await new Promise((r) => setTimeout(r, 20));
    await scheduler.stop();
    assert.equal(calls, 1);
  });
});
