// /stats and /reload answers for operators (HTML, Arabic, right to left). Pure.
import type { IngestCounts } from '../../ops/telemetry.ts';
import type { OperatorStats } from '../../ops/stats.ts';
import { COUNTED, messages } from '../messages.ts';
import { arabicCount, arabicDateTime, arabicDigits, escapeHtml, rtl } from '../../render-html.ts';

const m = messages.operator;
const MB = 1024 * 1024;

const n = (value: number) => arabicDigits(value);
const megabytes = (bytes: number) => `${arabicDigits((bytes / MB).toFixed(1)).replace('.', '٫')} ${m.units.megabyte}`;

/** 93,784 s → "١ي ٢س ٣د": the largest three units that apply. */
export function formatDuration(totalS: number): string {
  const parts: [number, string][] = [
    [Math.floor(totalS / 86_400), m.units.day],
    [Math.floor((totalS % 86_400) / 3_600), m.units.hour],
    [Math.floor((totalS % 3_600) / 60), m.units.minute],
    [Math.floor(totalS % 60), m.units.second],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return `${n(0)}${m.units.second}`;
  return parts.slice(first, first + 3).filter(([value]) => value > 0).map(([value, unit]) => `${n(value)}${unit}`).join(' ');
}

const line = (label: string, value: string) => rtl(`${label}: ${value}`);

/** Distinct refusal reasons listed; the rest are in the log. */
const MAX_REJECTION_REASONS = 3;
/** Characters of a refusal reason shown: Telegram's descriptions are short, this bounds the message. */
const MAX_REASON_CHARS = 120;
const shortReason = (reason: string) => (reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason);

/** "أُرسلت ٤، بلا جديد ١": outcomes with a count, in the order given. */
function outcomeCounts(counts: Record<string, number | undefined>): string {
  return Object.entries(counts)
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .map(([outcome, count]) => `${m.digestOutcomes[outcome] ?? escapeHtml(outcome)} ${n(count)}`)
    .join('، ');
}

function subscriberLines(s: OperatorStats['subscribers']): string[] {
  const lines = [line(`👥 ${m.subscribers}`, `${n(s.active)} ${m.active}، ${n(s.inactive)} ${m.inactive}`)];
  for (const [reason, count] of Object.entries(s.byReason)) {
    lines.push(rtl(`   • ${m.inactiveReasons[reason as keyof typeof m.inactiveReasons] ?? escapeHtml(reason)}: ${n(count)}`));
  }
  const outcomes = Object.entries(s.lastOutcomes);
  if (outcomes.length > 0) lines.push(line(`   ${m.lastOutcomes}`, outcomeCounts(Object.fromEntries(outcomes))));
  // A permanent refusal is not retried: the operator must act on Telegram's reason, so it is shown.
  for (const { reason, chats } of s.rejections.slice(0, MAX_REJECTION_REASONS)) {
    lines.push(rtl(`   ⛔ ${m.rejectedDigests(n(chats), reason ? escapeHtml(shortReason(reason)) : m.unknownReason)}`));
  }
  return lines;
}

function digestLine(stats: OperatorStats, timeZone: string): string {
  if (stats.digestRuns === undefined) return line(`📬 ${m.lastDigest}`, m.unavailable);
  if (!stats.lastDigest) return line(`📬 ${m.lastDigest}`, m.noDigestYet);
  const counts = outcomeCounts(stats.lastDigest.counts);
  return [line(`📬 ${m.lastDigest}`, `${arabicDateTime(stats.lastDigest.at, timeZone)} — ${counts}`), line(`   ${m.digestRuns}`, n(stats.digestRuns))].join('\n');
}

/** `timeZone`: the operators' zone (DEFAULT_TIMEZONE), as on the /feeds list. */
export function renderStats(stats: OperatorStats, timeZone: string): string {
  const index = stats.index.documents === undefined ? m.notYet : arabicCount(stats.index.documents, COUNTED.documents);
  const indexBytes = stats.index.bytes === undefined ? '' : ` (${megabytes(stats.index.bytes)})`;
  return [
    m.statsTitle,
    '',
    line(`📰 ${m.articles}`, n(stats.articles)),
    line(`🗂 ${m.headlines}`, n(stats.headlines)),
    ...(stats.feeds ? [line(`📡 ${m.feeds}`, `${n(stats.feeds.total)}${stats.feeds.failing ? `، ${m.failingFeeds} ${n(stats.feeds.failing)}` : ''}`)] : []),
    ...subscriberLines(stats.subscribers),
    digestLine(stats, timeZone),
    line(`⚠️ ${m.errors24h}`, stats.errors24h === undefined ? m.unavailable : n(stats.errors24h)),
    line(`⏱ ${m.uptime}`, formatDuration(stats.uptimeS)),
    line(`🧠 ${m.memory}`, `${megabytes(stats.memory.rssBytes)}، ${m.heap} ${megabytes(stats.memory.heapUsedBytes)}`),
    line(`🔎 ${m.index}`, `${index}${indexBytes}`),
  ].join('\n');
}

export function renderReload(counts: IngestCounts): string {
  return m.reloaded(n(counts.pages), n(counts.new), n(counts.updated), n(counts.unchanged), n(counts.rejected));
}
