import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cooldown } from '../../src/bot/cooldown.ts';
import { arabicMinutes } from '../../src/bot/messages.ts';

describe('Cooldown', () => {
  it('allows one use per key per interval and says how long to wait', () => {
    const cooldown = new Cooldown(300_000);
    assert.equal(cooldown.take(1, 0), 0);
    assert.equal(cooldown.take(1, 120_000), 180_000);
    assert.equal(cooldown.take(2, 120_000), 0, 'another key is independent');
    assert.equal(cooldown.take(1, 300_000), 0);
  });

  it('forgets keys whose interval has passed, so memory follows recent use', () => {
    const cooldown = new Cooldown(1000);
    for (let chat = 0; chat < 10_000; chat++) cooldown.take(chat, chat);
    assert.ok(cooldown.size <= 1000, `${cooldown.size} keys kept`);
  });
});

describe('arabicMinutes', () => {
  const table: [number, string][] = [[1, 'دقيقة'], [2, 'دقيقتين'], [3, '٣ دقائق'], [10, '١٠ دقائق'], [11, '١١ دقيقة']];
  for (const [n, text] of table) it(`${n} → ${text}`, () => assert.equal(arabicMinutes(n), text));
});
