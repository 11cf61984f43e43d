// Chats whose daily digest is due at `now`: subscribed for the minute just past in Riyadh (on
// time), with a last digest long ago, in any ChatStore.
import { zonedParts } from '../../src/digest/time.ts';
import type { ChatRecord, Subscription } from '../../src/domain.ts';
import type { TelegramEmulator } from '../../src/emulator/emulator.ts';
import type { TgChat } from '../../src/emulator/types.ts';
import type { ChatStore } from '../../src/store/stores.ts';

const ZONE = 'Asia/Riyadh';
const LONG_AGO = '2020-01-01T00:00:00.000Z';

/** A delivery time one minute before `now` in Riyadh: due now, on time. */
export function dueTime(now: Date): string {
  const { minutes } = zonedParts(new Date(now.getTime() - 60_000), ZONE);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A three-article digest, every topic, due at `now`. */
export const dueSubscription = (now: Date): Subscription => ({ time: dueTime(now), timeZone: ZONE, topics: [], size: 3, createdAt: LONG_AGO, updatedAt: LONG_AGO });

/** Subscribes one chat (created when new) with a digest due at `now`. */
export function subscribeDue(chats: ChatStore, chatId: number, now: Date, chat: Pick<ChatRecord, 'type' | 'title'> = { type: 'private' }): Promise<ChatRecord | undefined> {
  const subscription = dueSubscription(now);
  return chats.update(chatId, (r) => Object.assign(r, { subscription, lastDigestAt: LONG_AGO }), chat);
}

/** The private chats of `count` new readers from `firstUserId` on, each subscribed and due at `now`. */
export async function subscribeDueChats(chats: ChatStore, emulator: TelegramEmulator, count: number, firstUserId: number, now: Date): Promise<TgChat[]> {
  const list: TgChat[] = [];
  for (let i = 0; i < count; i++) {
    const chat = emulator.privateChat(emulator.user(firstUserId + i));
    list.push(chat);
    await subscribeDue(chats, chat.id, now);
  }
  return list;
}
