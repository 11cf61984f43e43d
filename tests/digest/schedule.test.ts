import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDigests } from '../../src/digest/schedule.ts';
import type { ChatRecord } from '../../src/domain.ts';

const GRACE = 6;

function chat(time: string, timeZone: string, extra: Partial<ChatRecord> = {}): ChatRecord {
  return {
    chatId: 1,
    type: 'private',
    subscription: { time, timeZone, topics: [], size: 5, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
    ...extra,
  };
}
const at = (iso: string) => new Date(iso);
const due = (now: string, c: ChatRecord) => dueDigests(at(now), [c], GRACE);

describe('dueDigests with a fake clock', () => {
  it('leaves out a chat whose time zone is unknown, tells of it, and schedules the others', () => {
    const unreadable: number[] = [];
    const chats = [chat('08:00', 'Asia/Nowhere', { chatId: 1 }), chat('08:00', 'Asia/Riyadh', { chatId: 2 })];
    const found = dueDigests(at('2026-06-01T05:00:00Z'), chats, GRACE, (c) => unreadable.push(c.chatId));
    assert.deepEqual(found.map((d) => d.chatId), [2]);
    assert.deepEqual(unreadable, [1]);
  });

  it('is not due before the local delivery time, and due from it', () => {
    const c = chat('08:00', 'Asia/Riyadh'); // 08:00 Riyadh = 05:00 UTC
    assert.deepEqual(due('2026-06-01T04:59:00Z', c), []);
    assert.deepEqual(due('2026-06-01T05:00:00Z', c).map((d) => [d.localDate, d.action]), [['2026-06-01', 'send']]);
  });

  it('uses each chat\'s own zone, half-hour offsets included', () => {
    const chats = [chat('08:00', 'Asia/Tehran', { chatId: 1 }), chat('08:00', 'Africa/Casablanca', { chatId: 2 }), chat('08:00', 'Asia/Dubai', { chatId: 3 })];
    // 04:30 UTC is 08:00 in Tehran, 08:30 in Dubai, 05:30 in Casablanca (UTC+1).
    assert.deepEqual(dueDigests(at('2026-06-01T04:30:00Z'), chats, GRACE).map((d) => d.chatId).sort(), [1, 3]);
  });

  it('follows daylight saving: London 08:00 is 08:00 UTC in March and 07:00 UTC after the change', () => {
    const c = chat('08:00', 'Europe/London');
    assert.equal(due('2026-03-28T07:30:00Z', c).length, 0);
    assert.equal(due('2026-03-28T08:00:00Z', c).length, 1);
    assert.equal(due('2026-03-30T07:00:00Z', chat('08:00', 'Europe/London', { lastDigestDate: '2026-03-29' })).length, 1);
    assert.equal(due('2026-03-30T06:59:00Z', chat('08:00', 'Europe/London', { lastDigestDate: '2026-03-29' })).length, 0);
  });

  it('follows Cairo\'s summer time', () => {
    assert.equal(due('2026-07-15T05:00:00Z', chat('08:00', 'Africa/Cairo')).length, 1);
    assert.equal(due('2026-01-15T05:00:00Z', chat('08:00', 'Africa/Cairo')).length, 0);
  });

  it('restart at 07:59: nothing yet, then exactly one digest at 08:00', () => {
    const c = chat('08:00', 'Asia/Riyadh');
    assert.deepEqual(due('2026-06-01T04:59:00Z', c), []);
    const [first] = due('2026-06-01T05:00:00Z', c);
    assert.equal(first?.action, 'send');
    const delivered = { ...c, lastDigestDate: first?.localDate };
    assert.deepEqual(due('2026-06-01T05:01:00Z', delivered), [], 'no second digest after delivery');
  });

  it('restart at 08:01 after being down at 08:00: the late digest goes out once', () => {
    const c = chat('08:00', 'Asia/Riyadh');
    assert.deepEqual(due('2026-06-01T05:01:00Z', c).map((d) => d.action), ['send']);
  });

  it('a restart later the same day sends nothing twice', () => {
    const c = chat('08:00', 'Asia/Riyadh', { lastDigestDate: '2026-06-01', lastDigestOutcome: 'sent' });
    assert.deepEqual(due('2026-06-01T12:00:00Z', c), []);
  });

  it('downtime within the grace period: sent at start; beyond it: skipped', () => {
    const c = chat('08:00', 'Asia/Riyadh');
    assert.deepEqual(due('2026-06-01T10:59:00Z', c).map((d) => d.action), ['send'], '5 h 59 late');
    assert.deepEqual(due('2026-06-01T11:01:00Z', c).map((d) => d.action), ['skip'], '6 h 1 late');
  });

  it('a late-evening digest missed across midnight is still sent within the grace period', () => {
    const c = chat('23:30', 'Asia/Riyadh', { lastDigestDate: '2026-05-31' }); // due 20:30 UTC on 1 June
    const [d] = due('2026-06-01T22:00:00Z', c); // 01:00 on 2 June in Riyadh
    assert.deepEqual([d?.localDate, d?.action], ['2026-06-01', 'send']);
  });

  it('a delivery time already past when subscribing waits for the next day', () => {
    const c = chat('08:00', 'Asia/Riyadh');
    c.subscription!.updatedAt = '2026-06-01T06:00:00.000Z'; // subscribed at 09:00 Riyadh
    assert.deepEqual(due('2026-06-01T06:01:00Z', c), []);
    assert.equal(due('2026-06-02T05:00:00Z', c).length, 1);
  });

  it('skips inactive chats, chats without a subscription and chats postponed by a flood wait', () => {
    const now = '2026-06-01T05:30:00Z';
    assert.deepEqual(due(now, chat('08:00', 'Asia/Riyadh', { inactive: { reason: 'blocked', at: now } })), []);
    assert.deepEqual(dueDigests(at(now), [{ chatId: 9, type: 'private' }], GRACE), []);
    assert.deepEqual(due(now, chat('08:00', 'Asia/Riyadh', { retryAfter: '2026-06-01T05:31:00Z' })), []);
    assert.equal(due('2026-06-01T05:32:00Z', chat('08:00', 'Asia/Riyadh', { retryAfter: '2026-06-01T05:31:00Z' })).length, 1);
  });
});
