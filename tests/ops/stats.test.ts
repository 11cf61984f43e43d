import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, renderStats } from '../../src/bot/render/stats.ts';
import type { ChatRecord } from '../../src/domain.ts';
import { summarise, summariseSubscribers } from '../../src/ops/stats.ts';
import { RecentCounter } from '../../src/ops/recent-counter.ts';

const AT = '2026-11-27T06:00:00.000Z';
const sub = { time: '08:00', timeZone: 'Asia/Riyadh', topics: [], size: 5 as const, createdAt: AT, updatedAt: AT };
const chat = (chatId: number, extra: Partial<ChatRecord> = {}): ChatRecord => ({ chatId, type: 'private', ...extra });

describe('summariseSubscribers', () => {
  it('counts delivering subscriptions with their last digest, and stopped ones by reason; chats without one are not subscribers', () => {
    const chats = [
      chat(1, { subscription: sub, lastDigestOutcome: 'sent' }),
      chat(2, { subscription: sub, lastDigestOutcome: 'empty' }),
      chat(7, { subscription: sub, lastDigestOutcome: 'sent' }),
      chat(3, { subscription: sub, inactive: { reason: 'blocked', at: AT } }),
      chat(4, { subscription: sub, inactive: { reason: 'blocked', at: AT } }),
      chat(5, { subscription: sub, inactive: { reason: 'kicked', at: AT } }),
      chat(6),
    ];
    assert.deepEqual(summariseSubscribers(chats), { active: 3, inactive: 3, byReason: { blocked: 2, kicked: 1 }, lastOutcomes: { sent: 2, empty: 1 }, rejections: [] });
  });
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '٠ث'],
    [59, '٥٩ث'],
    [61, '١د ١ث'],
    [3_600, '١س'],
    [93_784, '١ي ٢س ٣د'],
    [90_061, '١ي ١س ١د'],
  ];
  for (const [seconds, expected] of cases) it(`${seconds} s reads ${expected}`, () => assert.equal(formatDuration(seconds), expected));
});

describe('summarise and renderStats', () => {
  const base = {
    store: { items: 12, articles: 10 },
    chats: [],
    index: { documents: 12, bytes: 3 * 1024 * 1024 },
    memory: { rss: 150 * 1024 * 1024, heapUsed: 64.5 * 1024 * 1024 },
    uptimeS: 5,
    now: Date.parse(AT),
  };

  it('without telemetry says what it cannot know instead of showing zeros', () => {
    const text = renderStats(summarise(base), 'UTC');
    assert.match(text, /آخر جولة للخلاصة: غير متاح/);
    assert.match(text, /الأخطاء في آخر ٢٤ ساعة: غير متاح/);
    assert.match(text, /العناوين: ٢/);
    assert.match(text, /الذاكرة: ١٥٠٫٠ م\.ب، منها الكومة ٦٤٫٥ م\.ب/);
    assert.match(text, /فهرس البحث: ١٢ وثيقة \(٣٫٠ م\.ب\)/);
    assert.doesNotMatch(text, /المصادر/, 'no feeds line without feeds');
  });

  it('with telemetry: uptime since it started, and "no run yet" before the first digest run', () => {
    const telemetry = { startedAt: Date.parse(AT) - 3_661_000, lastDigestRun: undefined, digestRunCount: 0, errorsInWindow: () => 0 };
    const text = renderStats(summarise({ ...base, telemetry }), 'UTC');
    assert.match(text, /مدة التشغيل: ١س ١د ١ث/);
    assert.match(text, /آخر جولة للخلاصة: لا جولة منذ التشغيل/);
    assert.match(text, /الأخطاء في آخر ٢٤ ساعة: ٠/);
  });

  it("shows digests Telegram refused for good, with its reasons, escaped, most chats first", () => {
    const refused = (chatId: number, lastDigestError?: string) => chat(chatId, { subscription: sub, lastDigestOutcome: 'rejected', ...(lastDigestError ? { lastDigestError } : {}) });
    const chats = [
      refused(1, 'Bad Request: message is too long'),
      refused(2, "Bad Request: can't parse entities: Unsupported start tag \"<x>\""),
      refused(3, "Bad Request: can't parse entities: Unsupported start tag \"<x>\""),
      refused(4),
      chat(5, { subscription: sub, lastDigestOutcome: 'sent' }),
    ];
    assert.deepEqual(summariseSubscribers(chats).rejections.map((r) => r.chats), [2, 1, 1]);
    const telemetry = { startedAt: Date.parse(AT), lastDigestRun: { at: AT, counts: { sent: 1, rejected: 3 } }, digestRunCount: 1, errorsInWindow: () => 0 };
    const text = renderStats(summarise({ ...base, chats, telemetry }), 'UTC');
    assert.match(text, /آخر خلاصة لكل مشترك: رفضها تيليجرام ٤، أُرسلت ١/);
    assert.match(text, /آخر جولة للخلاصة: .* — أُرسلت ١، رفضها تيليجرام ٣/);
    assert.match(text, /رفض تيليجرام خلاصة ٢ من المحادثات نهائياً، ولن تُعاد اليوم: Bad Request: can't parse entities: Unsupported start tag &quot;&lt;x&gt;&quot;\n/);
    assert.match(text, /خلاصة ١ من المحادثات نهائياً، ولن تُعاد اليوم: Bad Request: message is too long/);
    assert.match(text, /خلاصة ١ من المحادثات نهائياً، ولن تُعاد اليوم: دون سبب مذكور/);
    assert.doesNotMatch(text, /rejected/, 'no English outcome name');
  });

  // Every figure an operator reads is in Arabic-Indic digits, the last digest's time included,
  // shown in the operators' zone as on the /feeds list.
  const runs: [string, string, string][] = [
    ['2026-11-27T05:00:00.000Z', 'Asia/Riyadh', '٢٧ نوفمبر في ٨:٠٠ ص'],
    ['2026-11-27T05:00:00.000Z', 'UTC', '٢٧ نوفمبر في ٥:٠٠ ص'],
    ['2026-12-31T22:45:00.000Z', 'Africa/Cairo', '١ يناير في ١٢:٤٥ ص'],
    ['2026-03-09T13:05:00.000Z', 'Asia/Dubai', '٩ مارس في ٥:٠٥ م'],
  ];
  for (const [at, zone, expected] of runs) {
    it(`a digest run at ${at} reads "${expected}" in ${zone}, and no figure is in Latin digits`, () => {
      const telemetry = { startedAt: Date.parse(at) - 93_784_000, lastDigestRun: { at, counts: { sent: 12, failed: 3 } }, digestRunCount: 27, errorsInWindow: () => 4 };
      const text = renderStats(summarise({ ...base, now: Date.parse(at), telemetry }), zone);
      assert.match(text, new RegExp(`آخر جولة للخلاصة: ${expected} — أُرسلت ١٢، فشلت ٣\n`));
      assert.match(text, /الجولات منذ التشغيل: ٢٧/);
      assert.doesNotMatch(text, /[0-9]/);
    });
  }

  it('an index still loading reads as such', () => {
    assert.match(renderStats(summarise({ ...base, index: {} }), 'UTC'), /فهرس البحث: قيد التحميل/);
  });
});

describe('RecentCounter', () => {
  it('counts events within the window and forgets older ones', () => {
    const counter = new RecentCounter(24 * 3_600_000);
    const t0 = Date.parse(AT);
    counter.add(t0);
    counter.add(t0 + 1_000);
    counter.add(t0 + 12 * 3_600_000);
    assert.equal(counter.total(t0 + 12 * 3_600_000), 3);
    assert.equal(counter.total(t0 + 25 * 3_600_000), 1);
    assert.equal(counter.total(t0 + 37 * 3_600_000), 0);
  });
});
