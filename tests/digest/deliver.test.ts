import assert from 'node:assert/strict';
import { GrammyError } from 'grammy';
import { describe, it } from 'node:test';
import { classify, deliverAll } from '../../src/digest/deliver.ts';
import { Pacer } from '../../src/digest/pacer.ts';

const apiError = (code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError(`Call to 'sendMessage' failed! (${code}: ${description})`, { ok: false, error_code: code, description, parameters }, 'sendMessage', {});

describe('classify', () => {
  const table: [GrammyError | Error, string, string?][] = [
    [apiError(403, 'Forbidden: bot was blocked by the user'), 'gone', 'blocked'],
    [apiError(403, 'Forbidden: user is deactivated'), 'gone', 'deactivated'],
    [apiError(403, 'Forbidden: bot was kicked from the group chat'), 'gone', 'kicked'],
    [apiError(400, 'Bad Request: chat not found'), 'gone', 'chat-not-found'],
    [apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -100123 }), 'migrated'],
    [apiError(429, 'Too Many Requests: retry after 300', { retry_after: 300 }), 'postponed'],
    [apiError(400, 'Bad Request: message is too long'), 'rejected'],
    [apiError(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3"), 'rejected'],
    [apiError(400, 'Bad Request: BUTTON_DATA_INVALID'), 'rejected'],
    [apiError(500, 'Internal Server Error'), 'failed'],
    [new Error('socket hang up'), 'failed'],
  ];
  for (const [error, kind, reason] of table) {
    it(`${error.message} → ${kind}${reason ? ` (${reason})` : ''}`, () => {
      const outcome = classify(error);
      assert.equal(outcome.kind, kind);
      if (reason) assert.equal((outcome as { reason: string }).reason, reason);
    });
  }
});

describe('deliverAll', () => {
  it('sends everything with bounded concurrency and reports each outcome', async () => {
    let inFlight = 0;
    let peak = 0;
    const outcomes: string[] = [];
    const send = async (chatId: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      if (chatId === 3) throw apiError(403, 'Forbidden: bot was blocked by the user');
    };
    const messages = Array.from({ length: 12 }, (_, i) => ({ chatId: i, text: 'x' }));
    await deliverAll(messages, send, async (m, o) => void outcomes.push(`${m.chatId}:${o.kind}`), { ratePerSecond: 10_000, concurrency: 3 });
    assert.equal(outcomes.length, 12);
    assert.ok(outcomes.includes('3:gone'));
    assert.ok(peak <= 3, `peak ${peak}`);
  });

  it('stops taking new work when aborted', async () => {
    const controller = new AbortController();
    const sent: number[] = [];
    const messages = Array.from({ length: 50 }, (_, i) => ({ chatId: i, text: 'x' }));
    await deliverAll(messages, async (chatId) => void sent.push(chatId), async () => {
      if (sent.length === 5) controller.abort();
    }, { ratePerSecond: 10_000, concurrency: 1 }, controller.signal);
    assert.equal(sent.length, 5);
  });
});

describe('Pacer', () => {
  it('spaces sends at the configured rate on a fake clock', async () => {
    let now = 0;
    const pacer = new Pacer(10, () => now, async (ms) => void (now += ms));
    for (let i = 0; i < 12; i++) await pacer.take();
    // A burst of 2 (a fifth of a second), then one every 100 ms.
    assert.equal(now, 1000);
  });

  it('stops waiting out a flood hold once shutdown aborts, sending nothing', async () => {
    const pacer = new Pacer(10);
    const holdEnds = Date.now() + 60_000;
    await pacer.holdFor(60);
    const shutdown = new AbortController();
    const taking = pacer.take(shutdown.signal);
    shutdown.abort();
    await taking;
    assert.ok(Date.now() < holdEnds, 'take() returned while the minute of holding was still in force');
  });
});
