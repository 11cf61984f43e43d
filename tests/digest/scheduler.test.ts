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
    // Every second (node-cron's six-field form), so the run after the failure comes soon.
    const scheduler = startDigestScheduler(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
      createLogger({ level: 'silent' }),
      '* * * * * *',
    );
    try {
      for (let waited = 0; calls < 2; waited += 50) {
        if (waited > 10_000) assert.fail(`no run after the failed one (${calls} call)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await scheduler.stop();
    }
    assert.ok(calls >= 2, 'the failed start-up run is followed by the next tick');
  });
});
