// The slice of Telegram's object model that the emulator keeps and returns.

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
  username?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  switch_inline_query_current_chat?: string;
}

export interface ReplyMarkup {
  inline_keyboard?: InlineButton[][];
  force_reply?: boolean;
  [key: string]: unknown;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  /** Set when a user speaks for a chat: an anonymous group admin speaks as the group itself. */
  sender_chat?: TgChat;
  text?: string;
  entities?: TgEntity[];
  reply_markup?: ReplyMarkup;
  reply_to_message?: TgMessage;
  via_bot?: TgUser;
  edit_date?: number;
  migrate_to_chat_id?: number;
}

/** A message as the emulator remembers it, for transcripts. */
export interface StoredMessage {
  message: TgMessage;
  fromBot: boolean;
  /** The text as the bot sent it (HTML source when parse_mode is HTML). */
  source?: string;
  parseMode?: string;
  edits: { text?: string; source?: string; reply_markup?: ReplyMarkup }[];
  deleted: boolean;
}

export interface TgUpdate {
  update_id: number;
  [kind: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, number>,
  ) {
    super(description);
  }
}

/** What a reader's client would redraw: the stream the playground page listens to. */
export type ChatEvent =
  | { type: 'message'; chatId: number; message: StoredMessage }
  | { type: 'edit'; chatId: number; message: StoredMessage }
  | { type: 'delete'; chatId: number; messageId: number }
  | { type: 'commands' }
  | { type: 'chats' };
