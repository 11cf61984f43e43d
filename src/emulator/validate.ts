// What Telegram checks before it accepts a call: parameters, message text and its HTML, inline
// keyboards. Pure: each check returns the accepted value or throws an ApiError shaped like Telegram's.
import { EntityParseError, parseTelegramHtml } from './html.ts';
import { ApiError, type InlineButton, type ReplyMarkup, type TgEntity } from './types.ts';

/** Characters: Telegram's limit on message text after entity parsing. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Bytes: Telegram's limit on callback_data. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Characters: Telegram's limit on a callback answer's notification text. */
export const MAX_CALLBACK_ANSWER = 200;
export const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);

export type Params = Record<string, unknown>;

const textLength = (s: string) => s.length; // UTF-16 code units, as Telegram counts entity offsets.

export function asNumber(value: unknown, name: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new ApiError(400, `Bad Request: ${name} is required`);
  return n;
}

export function parseJsonParam<T>(value: unknown): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      throw new ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object");
    }
  }
  return value as T;
}

/** Entities Telegram's clients attach to what a user types: commands and mentions. */
export function userEntities(text: string): TgEntity[] {
  const entities: TgEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{3,32}/g)) {
    if (m.index === 0 && command) continue;
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return entities;
}

/** Validates text as Telegram would and returns what a reader sees, with its formatting. */
export function visibleText(text: unknown, parseMode: unknown): { text: string; entities: TgEntity[] } {
  if (typeof text !== 'string' || text.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
  let visible = text;
  let entities: TgEntity[] = [];
  if (parseMode === 'HTML') {
    try {
      ({ text: visible, entities } = parseTelegramHtml(text));
    } catch (error) {
      if (error instanceof EntityParseError) throw new ApiError(400, error.message);
      throw error;
    }
  } else if (parseMode !== undefined && parseMode !== 'MarkdownV2' && parseMode !== 'Markdown') {
    throw new ApiError(400, `Bad Request: unsupported parse_mode "${String(parseMode)}"`);
  }
  if (visible.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
  if (textLength(visible) > MAX_MESSAGE_LENGTH) throw new ApiError(400, 'Bad Request: message is too long');
  return { text: visible, entities };
}

export function replyMarkup(value: unknown): ReplyMarkup | undefined {
  const markup = parseJsonParam<ReplyMarkup>(value);
  if (!markup?.inline_keyboard) return markup;
  for (const row of markup.inline_keyboard) {
    for (const button of row as InlineButton[]) {
      if (!button.text) throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      const actions = ['callback_data', 'url', 'switch_inline_query_current_chat', 'switch_inline_query'].filter((k) => k in button);
      if (actions.length !== 1) throw new ApiError(400, 'Bad Request: can\'t parse inline keyboard button: exactly one of the optional fields must be used');
      if (button.callback_data !== undefined) {
        const bytes = Buffer.byteLength(button.callback_data, 'utf8');
        if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
      if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/.test(button.url)) {
        throw new ApiError(400, `Bad Request: inline keyboard button URL '${button.url}' is invalid: Wrong HTTP URL`);
      }
    }
  }
  return markup;
}
