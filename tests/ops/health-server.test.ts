import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { HealthPortError, judgeHealth, startHealthServer } from '../../src/ops/health-server.ts';
import { Telemetry } from '../../src/ops/telemetry.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { tempDir } from '../helpers/tmp.ts';

const logger = createLogger({ level: 'silent' });
/** Short, so the test sees polling go stale quickly; production uses POLL_STALE_MS. */
const STALE_MS = 2_500;

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** Asks until the endpoint gives the wanted status (the bot's state changes on its own clock). */
async function until(port: number, path: string, status: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(port, path);
    if (answer.status === status) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path} to answer ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('judgeHealth', () => {
  const now = 1_000_000;
  const cases: [string, Parameters<typeof judgeHealth>[0], RegExp | null][] = [
    ['polling recently, store writable', { lastPollOkAt: now - 1_000, now, staleAfterMs: 90_000 }, null],
    ['before the first poll', { lastPollOkAt: undefined, now, staleAfterMs: 90_000 }, /no getUpdates call has succeeded yet/],
    ['polling stale', { lastPollOkAt: now - 120_000, now, staleAfterMs: 90_000 }, /no successful getUpdates for 120 s/],
    ['a long poll waiting for updates since recently', { lastPollOkAt: now - 120_000, pollingSince: now - 20_000, now, staleAfterMs: 90_000 }, null],
    ['the first long poll still waiting', { lastPollOkAt: undefined, pollingSince: now - 20_000, now, staleAfterMs: 90_000 }, null],
    ['a long poll hanging too long', { lastPollOkAt: now - 200_000, pollingSince: now - 100_000, now, staleAfterMs: 90_000 }, /no successful getUpdates for 200 s/],
    ['store not writable', { lastPollOkAt: now, now, staleAfterMs: 90_000, storeError: 'ENOSPC' }, /data folder not writable: ENOSPC/],
  ];
  for (const [name, state, reason] of cases) {
    it(`${reason ? 'unhealthy' : 'healthy'}: ${name}`, () => {
      const health = judgeHealth(state);
      if (!reason) assert.deepEqual(health, { ok: true });
      else assert.ok(!health.ok && reason.test(health.reason), JSON.stringify(health));
    });
  }
});

describe('health server with the real bot polling the emulator', async () => {
  const telemetry = new Telemetry();
  const h = await startHarness({ deps: () => ({ ops: { telemetry } }) });
  const health = await startHealthServer(0, { telemetry, dataDir: h.dataDir, logger, staleAfterMs: STALE_MS });

  it('/healthz answers 200 while updates are being received and the store is writable', async () => {
    const answer = await until(health.port, '/healthz', 200);
    assert.equal(answer.type, 'application/json');
    assert.deepEqual(JSON.parse(answer.body), { status: 'ok' });
  });

  it('/metrics speaks Prometheus text: updates, latency, sends by outcome, polls, errors, process figures', async () => {
    const reader = h.emulator.user(8);
    await h.say(reader, h.emulator.privateChat(reader), '/help');
    const { status, type, body } = await get(health.port, '/metrics');
    assert.equal(status, 200);
    assert.match(type, /^text\/plain; version=0\.0\.4/);
    for (const line of [
      /^# TYPE khulasa_updates_handled_total counter$/m,
      /^khulasa_updates_handled_total\{type="message"\} [1-9]\d*$/m,
      /^# TYPE khulasa_reply_latency_seconds histogram$/m,
      /^khulasa_reply_latency_seconds_bucket\{le="\+Inf",type="message"\} [1-9]\d*$/m,
      /^khulasa_sends_total\{method="sendMessage",outcome="ok"\} [1-9]\d*$/m,
      /^khulasa_polls_total\{outcome="ok"\} [1-9]\d*$/m,
      /^# TYPE khulasa_digest_runs_total counter$/m,
      /^# TYPE khulasa_ingested_pages_total counter$/m,
      /^khulasa_errors_total 0$/m,
      /^khulasa_process_resident_memory_bytes \d+$/m,
    ]) {
      assert.match(body, line);
    }
  });

  it('/healthz answers 503 with a short reason once getUpdates stops succeeding, and 200 again when it recovers', async () => {
    h.emulator.failing.add('getUpdates');
    const down = await until(health.port, '/healthz', 503);
    const body = JSON.parse(down.body) as { status: string; reason: string };
    assert.equal(body.status, 'unavailable');
    assert.match(body.reason, /^no successful getUpdates for \d+ s$/);
    h.emulator.failing.delete('getUpdates');
    await until(health.port, '/healthz', 200, 90_000);
  });

  it('answers 404 elsewhere', async () => {
    assert.equal((await get(health.port, '/')).status, 404);
    await health.close();
  });
});

describe('health server on its own', () => {
  it('answers 503 naming the reason when the data folder cannot be written', async () => {
    const dir = await tempDir();
    const notAFolder = join(dir, 'data');
    await writeFile(notAFolder, 'a file where the data folder should be');
    const telemetry = new Telemetry();
    telemetry.apiCall('getUpdates', 'ok');
    const health = await startHealthServer(0, { telemetry, dataDir: notAFolder, logger });
    try {
      const { status, body } = await get(health.port, '/healthz');
      assert.equal(status, 503);
      assert.deepEqual(JSON.parse(body), { status: 'unavailable', reason: 'data folder not writable: ENOTDIR' });
    } finally {
      await health.close();
    }
  });

  it('is off when no port is given', async () => {
    const health = await startHealthServer(undefined, { telemetry: new Telemetry(), dataDir: '.', logger });
    assert.equal(health.port, 0);
    await health.close();
  });

  it('refuses to start, naming HEALTH_PORT, when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as { port: number }).port;
    try {
      await assert.rejects(startHealthServer(port, { telemetry: new Telemetry(), dataDir: '.', logger }), (e: unknown) => e instanceof HealthPortError && /^HEALTH_PORT \d+: cannot listen on 127\.0\.0\.1 \(EADDRINUSE\)/.test((e as Error).message));
    } finally {
      taken.close();
    }
  });
});
