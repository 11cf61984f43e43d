// Which chats are due a digest at an instant. Pure: the scheduler and the tests pass the clock.
import type { ChatRecord } from '../domain.ts';
import { previousDate, zonedInstant, zonedParts } from './time.ts';

export interface DueDigest {
  chatId: number;
  /** The local date this digest is for. */
  localDate: string;
  scheduledAt: Date;
  /** Sent when on time or late within the grace period; skipped (and recorded) when later. */
  action: 'send' | 'skip';
}

/** Told of a chat whose subscription cannot be scheduled (a time zone this runtime does not know). */
export type UnreadableSchedule = (chat: ChatRecord, error: unknown) => void;

/**
 * Every subscribed chat whose delivery time has come and that has not had that day's digest.
 * Yesterday's is considered too, so a late-evening digest missed across midnight is still sent
 * within the grace period. A delivery time already past when the subscription was made (or
 * changed) waits for the next day. A chat postponed by a flood wait waits until its time. A chat
 * whose subscription cannot be read is passed to `onUnreadable` and left out: one damaged record
 * must not stop every other chat's digest.
 */
export function dueDigests(now: Date, chats: ChatRecord[], graceHours: number, onUnreadable: UnreadableSchedule = () => undefined): DueDigest[] {
  const graceMs = graceHours * 3_600_000;
  const due: DueDigest[] = [];
  for (const chat of chats) {
    try {
      const next = dueFor(chat, now, graceMs);
      if (next) due.push(next);
    } catch (error) {
      onUnreadable(chat, error);
    }
  }
  return due;
}

function dueFor(chat: ChatRecord, now: Date, graceMs: number): DueDigest | undefined {
  const sub = chat.subscription;
  if (!sub || chat.inactive) return undefined;
  if (chat.retryAfter && now < new Date(chat.retryAfter)) return undefined;
  const today = zonedParts(now, sub.timeZone).date;
  const subscribedAt = new Date(sub.updatedAt);
  for (const localDate of [today, previousDate(today)]) {
    if (chat.lastDigestDate !== undefined && chat.lastDigestDate >= localDate) return undefined;
    const scheduledAt = zonedInstant(localDate, sub.time, sub.timeZone);
    if (scheduledAt > now || scheduledAt < subscribedAt) continue;
    const late = now.getTime() - scheduledAt.getTime();
    // Yesterday matters only while its digest may still go out; past that there is no decision.
    if (localDate !== today && late > graceMs) return undefined;
    return { chatId: chat.chatId, localDate, scheduledAt, action: late > graceMs ? 'skip' : 'send' };
  }
  return undefined;
}
