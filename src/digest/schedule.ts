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

/**
 * Every subscribed chat whose delivery time has come and that has not had that day's digest.
 * Yesterday's is considered too, so a late-evening digest missed across midnight is still sent
 * within the grace period. A delivery time already past when the subscription was made (or
 * changed) waits for the next day. A chat postponed by a flood wait waits until its time.
 */
export function dueDigests(now: Date, chats: ChatRecord[], graceHours: number): DueDigest[] {
  const graceMs = graceHours * 3_600_000;
  const due: DueDigest[] = [];
  for (const chat of chats) {
    const sub = chat.subscription;
    if (!sub || chat.inactive) continue;
    if (chat.retryAfter && now < new Date(chat.retryAfter)) continue;
    const today = zonedParts(now, sub.timeZone).date;
    const subscribedAt = new Date(sub.updatedAt);
    for (const localDate of [today, previousDate(today)]) {
      if (chat.lastDigestDate !== undefined && chat.lastDigestDate >= localDate) break;
      const scheduledAt = zonedInstant(localDate, sub.time, sub.timeZone);
      if (scheduledAt > now || scheduledAt < subscribedAt) continue;
      const late = now.getTime() - scheduledAt.getTime();
      // Yesterday matters only while its digest may still go out; past that there is no decision.
      if (localDate !== today && late > graceMs) break;
      due.push({ chatId: chat.chatId, localDate, scheduledAt, action: late > graceMs ? 'skip' : 'send' });
      break;
    }
  }
  return due;
}
