// Local times in IANA zones, daylight saving and half-hour offsets included. Pure.
import { BoundedCache } from './bounded-cache.ts';

const ARABIC_INDIC = /[\u0660-\u0669]/g;
const PERSIAN = /[\u06F0-\u06F9]/g;
const toAscii = (s: string) =>
  s.replace(ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x0660)).replace(PERSIAN, (d) => String(d.charCodeAt(0) - 0x06f0));

/**
 * A delivery time as typed: "8", "08:30", "٨:٣٠", "20.30", "8 مساءً", "7:15 ص". Returns "HH:MM"
 * (24-hour), or null when it is not a time of day.
 */
export function parseClock(input: string): string | null {
  const text = toAscii(input.trim()).replace(/[٫.]/g, ':').replace(/\s+/g, ' ');
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(ص|صباحا|صباحاً|م|مساء|مساءً|am|pm)?$/i.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hours < 1 || hours > 12) return null;
    const afternoon = half.startsWith('م') || half === 'pm';
    hours = (hours % 12) + (afternoon ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * A zone as IANA spells it ("aSiA/rIyAdH" → "Asia/Riyadh"), or null when it is not a zone: what
 * is stored, so that one zone is one name everywhere (and one formatter in the caches below).
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/i.test(name)) return null;
  return resolveTimeZone(name);
}

/** Any name the runtime's time-zone data knows (links and abbreviations too), as it spells it. */
export function resolveTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isTimeZone = (name: string): boolean => canonicalTimeZone(name) !== null;

/** Formatters kept: more than the ~600 IANA zones, so canonical names never evict each other. */
export const MAX_CACHED_ZONES = 1000;
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(MAX_CACHED_ZONES);
function partsIn(instant: number, timeZone: string): Record<string, number> {
  const f = formatters.get(timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The local calendar date ("YYYY-MM-DD") and minutes since local midnight at an instant. */
export function zonedParts(instant: Date, timeZone: string): { date: string; minutes: number } {
  const p = partsIn(instant.getTime(), timeZone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { date, minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0) };
}

function offsetMs(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant when a local date and "HH:MM" occur in a zone. A time that occurs twice (clocks
 * going back) maps to the first; a time skipped by a jump forward maps to the same distance after
 * the jump (02:30 where 02:00 became 03:00 is 03:30), as calendar programs do.
 */
export function zonedInstant(date: string, clock: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = clock.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi);
  const HALF_DAY = 12 * 3_600_000;
  // The offsets in force before and after any transition that day.
  const before = local - offsetMs(local - HALF_DAY, timeZone);
  const after = local - offsetMs(local + HALF_DAY, timeZone);
  const wanted = h * 60 + mi;
  const valid = [before, after].filter((t) => zonedParts(new Date(t), timeZone).minutes === wanted);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** The local date one day before `date` ("YYYY-MM-DD"), calendar arithmetic only. */
export function previousDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d - 1)).toISOString().slice(0, 10);
}

// "2026-06-07", "2026-06-07T10:30", "2026-06-07 10:30:15": a local date and time, no offset.
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * A date as a page header writes it: with an offset (or "Z") it means what it says; without
 * one it is a local time in `timeZone` (not the server's own zone). Null when it is no date.
 */
export function readDateIn(text: string, timeZone: string): Date | null {
  const local = LOCAL_DATE_TIME.exec(text.trim());
  if (!local) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const [y, mo, d, h, mi, s] = local.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls "2026-02-30" over into March: such a date is not a date at all.
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const date = `${local[1]}-${local[2]}-${local[3]}`;
  return new Date(zonedInstant(date, `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`, timeZone).getTime() + s * 1000);
}
