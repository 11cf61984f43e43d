// What subscribing, deactivating and migrating do to a chat record: pure changes that every
// ChatStore (lowdb or PostgreSQL) applies the same way.
import type { ChatRecord, InactiveReason, Subscription } from '../domain.ts';

/** Hours of news a new subscriber's first digest covers: the day before they subscribed. */
export const FIRST_DIGEST_LOOKBACK_HOURS = 24;

export function newChat(chatId: number, chat: Pick<ChatRecord, 'type' | 'title'>): ChatRecord {
  return { chatId, type: chat.type, ...(chat.title ? { title: chat.title } : {}) };
}

export const subscribing = (subscription: Subscription, now: string) => (r: ChatRecord): void => {
  const wasActive = r.subscription && !r.inactive;
  r.subscription = subscription;
  delete r.inactive;
  // A new subscriber's first digest covers the last day: not empty, not the whole archive.
  if (!wasActive) r.lastDigestAt ??= new Date(new Date(now).getTime() - FIRST_DIGEST_LOOKBACK_HOURS * 3_600_000).toISOString();
};

export const deactivating = (reason: InactiveReason, now: string) => (r: ChatRecord): void => {
  r.inactive = { reason, at: now };
};

/** The record under its new id (a group upgraded to a supergroup keeps its subscription). */
export const migrated = (record: ChatRecord, toId: number): ChatRecord => ({ ...record, chatId: toId, type: 'supergroup' });
