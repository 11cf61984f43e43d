// Telegram keeps one command list per scope and language (setMyCommands' `scope` and
// `language_code`); getMyCommands answers exactly the list set for that pair, empty if none.
import { ApiError } from './types.ts';
import { type Params, parseJsonParam } from './validate.ts';

export interface BotCommand {
  command: string;
  description: string;
}

export interface CommandScope {
  type: string;
  chat_id?: number | string;
  user_id?: number;
}

const SCOPE_TYPES = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member']);

/** The key of one list. Scopes naming a chat need a chat the bot knows, as on Telegram. */
export function commandListKey(scope: CommandScope | undefined, languageCode: string, knownChat: (id: number) => boolean): string {
  const type = scope?.type ?? 'default';
  if (!SCOPE_TYPES.has(type)) throw new ApiError(400, 'Bad Request: unsupported bot command scope type');
  const chat = type.startsWith('chat') ? Number(scope?.chat_id) : undefined;
  if (chat !== undefined && !knownChat(chat)) throw new ApiError(400, 'Bad Request: chat not found');
  const user = type === 'chat_member' ? Number(scope?.user_id) : undefined;
  if (user !== undefined && !Number.isInteger(user)) throw new ApiError(400, 'Bad Request: invalid user_id specified');
  return [type, chat ?? '', user ?? '', languageCode].join(':');
}

/** The key for a Bot API call's `scope` and `language_code` parameters. */
export function commandListKeyOf(params: Params, knownChat: (id: number) => boolean): string {
  const language = params.language_code === undefined ? '' : String(params.language_code);
  return commandListKey(parseJsonParam<CommandScope>(params.scope), language, knownChat);
}
