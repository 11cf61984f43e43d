// The people on the page: two readers, each with a private chat with the bot, and a group where
// both are members (the first one its administrator), as a new user would set up to try a bot.
import type { TelegramEmulator } from '../emulator/emulator.ts';
import type { TgChat, TgUser } from '../emulator/types.ts';

/** Telegram ids of the page's readers: arbitrary, but stable so the bot's stores recognise them. */
export const READERS = [
  { id: 700_001, name: 'سارة' },
  { id: 700_002, name: 'عمر' },
] as const;
export const GROUP_TITLE = 'مجموعة الأخبار';
/** The group's id, stable across resets so its subscription in the bot's store still applies. */
export const GROUP_ID = -700_100;

export interface Cast {
  readers: TgUser[];
  group: TgChat;
}

/** Creates (or recreates after a reset) the readers, their private chats and the group. */
export function setUpCast(emulator: TelegramEmulator): Cast {
  const readers = READERS.map((r) => emulator.user(r.id, r.name));
  for (const reader of readers) emulator.privateChat(reader);
  const group = emulator.group(GROUP_TITLE, readers.slice(0, 1), GROUP_ID);
  for (const reader of readers) emulator.addMember(group, reader);
  return { readers, group };
}
