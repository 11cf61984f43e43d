// A local Telegram Bot API: the subset Khulasa uses, faithful where bots break (button data,
// message length, HTML, blocked chats, flood limits, group migration). Tests, benchmarks and the
// playground drive the users' side through the control methods below.
import { EventEmitter } from 'node:events';
import { type FloodLimits, FloodGate } from './flood.ts';
import { EntityParseError, parseTelegramHtml } from './html.ts';
import { ApiError, type InlineButton, type ReplyMarkup, type StoredMessage, type TgChat, type TgEntity, type TgMessage, type TgUpdate, type TgUser } from './types.ts';

/** Characters: Telegram's limit on message text after entity parsing. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Bytes: Telegram's limit on callback_data. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Characters: Telegram's limit on a callback answer's notification text. */
const MAX_CALLBACK_ANSWER = 200;
/** Seconds: the longest long poll Telegram honours. */
const MAX_POLL_TIMEOUT_S = 50;
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);
/** The user id Telegram gives GroupAnonymousBot, the sender of every anonymous admin message. */
const ANONYMOUS_ADMIN_ID = 1_087_968_824;

export interface EmulatorOptions {
  botUsername?: string;
  flood?: FloodLimits;
  /** Milliseconds added to every Bot API call: a network and server round trip. */
  latencyMs?: number;
}

interface ChatState {
  chat: TgChat;
  messages: StoredMessage[];
  nextMessageId: number;
  blocked?: 'blocked' | 'deactivated';
  kicked?: boolean;
  migratedTo?: number;
  admins: Set<number>;
}

interface CallbackState {
  id: string;
  answer?: { text?: string; show_alert?: boolean };
  answered: boolean;
}

interface InlineState {
  id: string;
  from: TgUser;
  answer?: { results: Record<string, unknown>[]; next_offset?: string; cache_time?: number };
}

type Params = Record<string, unknown>;

export interface EmulatorStats {
  calls: Record<string, number>;
  tooManyRequests: number;
  delivered: number;
}

const now = () => Math.floor(Date.now() / 1000);
const textLength = (s: string) => s.length; // UTF-16 code units, as Telegram counts entity offsets.

function asNumber(value: unknown, name: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new ApiError(400, `Bad Request: ${name} is required`);
  return n;
}

function parseJsonParam<T>(value: unknown): T | undefined {
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
function userEntities(text: string): TgEntity[] {
  const entities: TgEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{3,32}/g)) {
    if (m.index === 0 && command) continue;
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return entities;
}

export class TelegramEmulator {
  readonly events = new EventEmitter();
  readonly stats: EmulatorStats = { calls: {}, tooManyRequests: 0, delivered: 0 };
  readonly #chats = new Map<number, ChatState>();
  readonly #users = new Map<number, TgUser>();
  readonly #updates: TgUpdate[] = [];
  #nextUpdateId = 1;
  readonly #pollers = new Set<() => void>();
  readonly #callbacks = new Map<string, CallbackState>();
  readonly #inline = new Map<string, InlineState>();
  readonly #inlineMessages = new Map<string, { chatId: number; messageId: number }>();
  #commands: { command: string; description: string }[] = [];
  /** Methods made to fail with 500, to test what a bot does when Telegram has a bad moment. */
  readonly failing = new Set<string>();
  /** Methods made to fail with 400, as Telegram refuses a call it will never accept. */
  readonly refusing = new Set<string>();
  #nextQueryId = 1;
  #nextGroupId = 1000;
  #flood: FloodGate | undefined;
  /** Chats under a long flood ban (Telegram sometimes answers minutes): chat id → until (ms). */
  readonly #bans = new Map<number, number>();
  #latencyMs: number;
  readonly botUsername: string;

  constructor(options: EmulatorOptions = {}) {
    this.botUsername = options.botUsername ?? 'khulasa_test_bot';
    this.#latencyMs = options.latencyMs ?? 0;
    this.setFloodLimits(options.flood);
    this.events.setMaxListeners(0);
  }

  setFloodLimits(limits: FloodLimits | undefined): void {
    this.#flood = limits ? new FloodGate(limits) : undefined;
  }

  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  // ───────────────────────── Bot API ─────────────────────────

  /** Runs one Bot API method; throws ApiError shaped like Telegram's error answers. */
  async call(token: string, method: string, params: Params): Promise<unknown> {
    const bot = this.#botUser(token);
    this.stats.calls[method] = (this.stats.calls[method] ?? 0) + 1;
    if (this.failing.has(method)) throw new ApiError(500, 'Internal Server Error: emulated outage');
    if (this.refusing.has(method)) throw new ApiError(400, 'Bad Request: emulated refusal');
    if (method !== 'getUpdates' && this.#latencyMs > 0) await new Promise((r) => setTimeout(r, this.#latencyMs));
    switch (method) {
      case 'getMe':
        return { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };
      case 'getUpdates':
        return this.#getUpdates(params);
      case 'deleteWebhook':
      case 'setWebhook':
        return true;
      case 'setMyCommands':
        return this.#setMyCommands(params);
      case 'getMyCommands':
        return this.#commands;
      case 'sendChatAction':
        this.#chatFor(params, false);
        if (!CHAT_ACTIONS.has(String(params.action))) throw new ApiError(400, 'Bad Request: wrong parameter action in request');
        return true;
      case 'sendMessage':
        return this.#sendMessage(bot, params);
      case 'editMessageText':
        return this.#editMessage(params, true);
      case 'editMessageReplyMarkup':
        return this.#editMessage(params, false);
      case 'deleteMessage':
        return this.#deleteMessage(params);
      case 'answerCallbackQuery':
        return this.#answerCallback(params);
      case 'answerInlineQuery':
        return this.#answerInline(params);
      case 'getChatMember':
        return this.#getChatMember(params);
      case 'getChat':
        return this.#chatFor(params, false).chat;
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  #botUser(token: string): TgUser {
    const m = /^(\d+):[A-Za-z0-9_-]+$/.exec(token);
    if (!m) throw new ApiError(401, 'Unauthorized');
    return { id: Number(m[1]), is_bot: true, first_name: 'خلاصة', username: this.botUsername };
  }

  #getUpdates(params: Params): Promise<TgUpdate[]> | TgUpdate[] {
    const offset = params.offset === undefined ? 0 : asNumber(params.offset, 'offset');
    const limit = Math.min(100, Math.max(1, params.limit === undefined ? 100 : asNumber(params.limit, 'limit')));
    const timeout = Math.min(MAX_POLL_TIMEOUT_S, Math.max(0, params.timeout === undefined ? 0 : asNumber(params.timeout, 'timeout')));
    // Confirming an offset forgets every earlier update, as Telegram does.
    if (offset > 0) while (this.#updates.length > 0 && (this.#updates[0] as TgUpdate).update_id < offset) this.#updates.shift();
    const ready = () => this.#updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const now = ready();
    if (now.length > 0 || timeout === 0) return now;
    // A newer poll ends an older one with 409, as Telegram does.
    for (const end of this.#pollers) end();
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (conflict: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#pollers.delete(wake);
        this.events.off('update', onUpdate);
        if (conflict) reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
        else resolve(ready());
      };
      const wake = () => finish(true);
      const onUpdate = () => finish(false);
      const timer = setTimeout(() => finish(false), timeout * 1000);
      this.#pollers.add(wake);
      this.events.on('update', onUpdate);
    });
  }

  /** Ends a pending long poll without answering it (its client went away). */
  dropPollers(): void {
    for (const end of this.#pollers) end();
  }

  #setMyCommands(params: Params): true {
    const commands = parseJsonParam<{ command: string; description: string }[]>(params.commands) ?? [];
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
      if (!c.description || c.description.length > 256) throw new ApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
    }
    this.#commands = commands;
    this.events.emit('change');
    return true;
  }

  #chatFor(params: Params, forSending: boolean): ChatState {
    const id = asNumber(params.chat_id, 'chat_id');
    const state = this.#chats.get(id);
    if (!state) throw new ApiError(400, 'Bad Request: chat not found');
    if (state.migratedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: state.migratedTo });
    }
    if (forSending && state.blocked === 'blocked') throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (forSending && state.blocked === 'deactivated') throw new ApiError(403, 'Forbidden: user is deactivated');
    if (forSending && state.kicked) throw new ApiError(403, `Forbidden: bot was kicked from the ${state.chat.type} chat`);
    return state;
  }

  /** Validates text as Telegram would and returns what a reader sees. */
  #visibleText(text: unknown, parseMode: unknown): string {
    if (typeof text !== 'string' || text.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
    let visible = text;
    if (parseMode === 'HTML') {
      try {
        visible = parseTelegramHtml(text).text;
      } catch (error) {
        if (error instanceof EntityParseError) throw new ApiError(400, error.message);
        throw error;
      }
    } else if (parseMode !== undefined && parseMode !== 'MarkdownV2' && parseMode !== 'Markdown') {
      throw new ApiError(400, `Bad Request: unsupported parse_mode "${String(parseMode)}"`);
    }
    if (visible.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
    if (textLength(visible) > MAX_MESSAGE_LENGTH) throw new ApiError(400, 'Bad Request: message is too long');
    return visible;
  }

  #markup(value: unknown): ReplyMarkup | undefined {
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

  #floodCheck(state: ChatState): void {
    const banned = this.#bans.get(state.chat.id);
    const banWait = banned !== undefined && banned > Date.now() ? Math.ceil((banned - Date.now()) / 1000) : 0;
    const wait = banWait || (this.#flood?.check(state.chat.id, state.chat.type !== 'private') ?? 0);
    if (wait > 0) {
      this.stats.tooManyRequests++;
      throw new ApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
  }

  #sendMessage(bot: TgUser, params: Params): TgMessage {
    const state = this.#chatFor(params, true);
    const visible = this.#visibleText(params.text, params.parse_mode);
    const markup = this.#markup(params.reply_markup);
    this.#floodCheck(state);
    const message: TgMessage = { message_id: state.nextMessageId++, date: now(), chat: state.chat, from: bot, text: visible };
    if (markup) message.reply_markup = markup;
    const replyTo = params.reply_parameters ? parseJsonParam<{ message_id: number }>(params.reply_parameters)?.message_id : (params.reply_to_message_id as number | undefined);
    if (replyTo !== undefined) {
      const original = state.messages.find((m) => m.message.message_id === Number(replyTo));
      if (original) message.reply_to_message = original.message;
    }
    const stored: StoredMessage = { message, fromBot: true, source: String(params.text), edits: [], deleted: false };
    if (typeof params.parse_mode === 'string') stored.parseMode = params.parse_mode;
    state.messages.push(stored);
    this.stats.delivered++;
    this.events.emit('message', stored);
    this.events.emit('change');
    return message;
  }

  #findForEdit(params: Params): StoredMessage {
    if (params.inline_message_id !== undefined) {
      const ref = this.#inlineMessages.get(String(params.inline_message_id));
      const found = ref && this.#chats.get(ref.chatId)?.messages.find((m) => m.message.message_id === ref.messageId);
      if (!found) throw new ApiError(400, 'Bad Request: MESSAGE_ID_INVALID');
      return found;
    }
    const state = this.#chatFor(params, true);
    const id = asNumber(params.message_id, 'message_id');
    const found = state.messages.find((m) => m.message.message_id === id && !m.deleted);
    if (!found) throw new ApiError(400, 'Bad Request: message to edit not found');
    return found;
  }

  #editMessage(params: Params, withText: boolean): TgMessage | true {
    const stored = this.#findForEdit(params);
    const markup = this.#markup(params.reply_markup);
    const text = withText ? this.#visibleText(params.text, params.parse_mode) : stored.message.text;
    const sameText = text === stored.message.text;
    const sameMarkup = JSON.stringify(markup ?? null) === JSON.stringify(stored.message.reply_markup ?? null);
    if (sameText && sameMarkup) {
      throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    stored.edits.push({ text: stored.message.text, source: stored.source, reply_markup: stored.message.reply_markup });
    stored.message.text = text;
    if (withText) {
      stored.source = String(params.text);
      if (typeof params.parse_mode === 'string') stored.parseMode = params.parse_mode;
      else delete stored.parseMode;
    }
    if (markup) stored.message.reply_markup = markup;
    else delete stored.message.reply_markup;
    this.events.emit('edit', stored);
    this.events.emit('change');
    return params.inline_message_id !== undefined ? true : stored.message;
  }

  #deleteMessage(params: Params): true {
    const state = this.#chatFor(params, false);
    const id = asNumber(params.message_id, 'message_id');
    const found = state.messages.find((m) => m.message.message_id === id && !m.deleted);
    if (!found) throw new ApiError(400, 'Bad Request: message to delete not found');
    found.deleted = true;
    this.events.emit('change');
    return true;
  }

  #answerCallback(params: Params): true {
    const state = this.#callbacks.get(String(params.callback_query_id));
    if (!state || state.answered) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    const text = params.text === undefined ? undefined : String(params.text);
    if (text !== undefined && text.length > MAX_CALLBACK_ANSWER) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
    state.answered = true;
    state.answer = { ...(text !== undefined ? { text } : {}), ...(params.show_alert ? { show_alert: true } : {}) };
    this.events.emit('callbackAnswer', state);
    this.events.emit('change');
    return true;
  }

  #answerInline(params: Params): true {
    const state = this.#inline.get(String(params.inline_query_id));
    if (!state || state.answer) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    const results = parseJsonParam<Record<string, unknown>[]>(params.results) ?? [];
    if (results.length > 50) throw new ApiError(400, 'Bad Request: RESULTS_TOO_MUCH');
    const ids = new Set<string>();
    for (const r of results) {
      const id = String(r.id ?? '');
      if (!id || Buffer.byteLength(id) > 64 || ids.has(id)) throw new ApiError(400, 'Bad Request: RESULT_ID_INVALID');
      ids.add(id);
      if (!r.title) throw new ApiError(400, 'Bad Request: RESULT_TITLE_EMPTY');
      const content = r.input_message_content as { message_text?: string; parse_mode?: string } | undefined;
      this.#visibleText(content?.message_text, content?.parse_mode);
      this.#markup(r.reply_markup);
    }
    state.answer = { results, ...(params.next_offset ? { next_offset: String(params.next_offset) } : {}) };
    this.events.emit('inlineAnswer', state);
    this.events.emit('change');
    return true;
  }

  #getChatMember(params: Params): Record<string, unknown> {
    const state = this.#chatFor(params, false);
    const userId = asNumber(params.user_id, 'user_id');
    const user = this.#users.get(userId);
    if (!user) throw new ApiError(400, 'Bad Request: user not found');
    const status = state.chat.type === 'private' ? 'member' : state.admins.has(userId) ? 'administrator' : 'member';
    return { status, user };
  }

  // ─────────────────────── control: the users' side ───────────────────────

  #push(kind: string, payload: unknown): TgUpdate {
    const update: TgUpdate = { update_id: this.#nextUpdateId++, [kind]: payload };
    this.#updates.push(update);
    this.events.emit('update', update);
    return update;
  }

  user(id: number, firstName = `قارئ ${id}`, username?: string): TgUser {
    let user = this.#users.get(id);
    if (!user) {
      user = { id, is_bot: false, first_name: firstName, language_code: 'ar', ...(username ? { username } : {}) };
      this.#users.set(id, user);
    }
    return user;
  }

  /** Telegram's stand-in sender for an anonymous group admin (pass the group as `senderChat`). */
  anonymousAdmin(): TgUser {
    const user = this.user(ANONYMOUS_ADMIN_ID, 'Group', 'GroupAnonymousBot');
    user.is_bot = true;
    return user;
  }

  /** The private chat between a user and the bot (its id is the user's id, as on Telegram). */
  privateChat(user: TgUser): TgChat {
    let state = this.#chats.get(user.id);
    if (!state) {
      state = { chat: { id: user.id, type: 'private', first_name: user.first_name }, messages: [], nextMessageId: 1, admins: new Set() };
      this.#chats.set(user.id, state);
    }
    return state.chat;
  }

  /** A group with the bot in it; `admins` may change the group's settings. */
  group(title: string, admins: TgUser[] = [], id = -++this.#nextGroupId): TgChat {
    const chat: TgChat = { id, type: id < -1_000_000_000_000 ? 'supergroup' : 'group', title };
    this.#chats.set(id, { chat, messages: [], nextMessageId: 1, admins: new Set(admins.map((a) => a.id)) });
    return chat;
  }

  /** A user types a message in a chat (commands and @mentions get their entities). */
  sendText(user: TgUser, chat: TgChat, text: string, options: { replyTo?: number; senderChat?: TgChat } = {}): TgMessage {
    const state = this.#chats.get(chat.id);
    if (!state) throw new Error(`no chat ${chat.id}`);
    const message: TgMessage = { message_id: state.nextMessageId++, date: now(), chat: state.chat, from: user, text };
    if (options.senderChat) message.sender_chat = options.senderChat;
    const entities = userEntities(text);
    if (entities.length) message.entities = entities;
    if (options.replyTo !== undefined) {
      const original = state.messages.find((m) => m.message.message_id === options.replyTo);
      if (original) message.reply_to_message = original.message;
    }
    state.messages.push({ message, fromBot: false, edits: [], deleted: false });
    this.#push('message', message);
    return message;
  }

  /** A user presses an inline button on a message (found by its text, or the exact data given). */
  pressButton(user: TgUser, chat: TgChat, messageId: number, button: { text?: string; data?: string }): string {
    const stored = this.#chats.get(chat.id)?.messages.find((m) => m.message.message_id === messageId);
    if (!stored) throw new Error(`no message ${messageId} in chat ${chat.id}`);
    let data = button.data;
    if (button.text !== undefined) {
      const found = stored.message.reply_markup?.inline_keyboard?.flat().find((b) => b.text.includes(button.text as string));
      if (!found?.callback_data) throw new Error(`no callback button "${button.text}" on message ${messageId}`);
      data = found.callback_data;
    }
    return this.sendCallback(user, stored.message, data ?? '');
  }

  /** A callback query with any data at all: what a forged or stale button sends. */
  sendCallback(user: TgUser, message: TgMessage, data: string): string {
    const id = String(this.#nextQueryId++);
    this.#callbacks.set(id, { id, answered: false });
    const inlineId = [...this.#inlineMessages].find(([, ref]) => ref.chatId === message.chat.id && ref.messageId === message.message_id)?.[0];
    const query = inlineId
      ? { id, from: user, inline_message_id: inlineId, chat_instance: String(message.chat.id), data }
      : { id, from: user, message, chat_instance: String(message.chat.id), data };
    this.#push('callback_query', query);
    return id;
  }

  /** A user types "@bot words" in any chat. */
  inlineQuery(user: TgUser, query: string, offset = ''): string {
    const id = String(this.#nextQueryId++);
    this.#inline.set(id, { id, from: user });
    this.#push('inline_query', { id, from: user, query, offset, chat_type: 'sender' });
    return id;
  }

  inlineAnswer(queryId: string): InlineState['answer'] {
    return this.#inline.get(queryId)?.answer;
  }

  /** The user picks an inline result: its message appears in the chat, sent "via" the bot. */
  chooseInlineResult(user: TgUser, chat: TgChat, queryId: string, resultId: string): TgMessage {
    const result = this.#inline.get(queryId)?.answer?.results.find((r) => r.id === resultId);
    if (!result) throw new Error(`no result ${resultId} for inline query ${queryId}`);
    const state = this.#chats.get(chat.id);
    if (!state) throw new Error(`no chat ${chat.id}`);
    const content = result.input_message_content as { message_text: string; parse_mode?: string };
    const message: TgMessage = {
      message_id: state.nextMessageId++, date: now(), chat: state.chat, from: user,
      text: this.#visibleText(content.message_text, content.parse_mode), via_bot: this.#botUser('1:x'),
    };
    const markup = this.#markup(result.reply_markup);
    if (markup) message.reply_markup = markup;
    const stored: StoredMessage = { message, fromBot: false, source: content.message_text, edits: [], deleted: false };
    if (content.parse_mode) stored.parseMode = content.parse_mode;
    state.messages.push(stored);
    this.#inlineMessages.set(`inl${queryId}_${resultId}`, { chatId: chat.id, messageId: message.message_id });
    this.events.emit('change');
    return message;
  }

  #memberUpdate(chat: TgChat, user: TgUser, oldStatus: string, newStatus: string): void {
    const bot = this.#botUser('1:x');
    this.#push('my_chat_member', {
      chat, from: user, date: now(),
      old_chat_member: { status: oldStatus, user: bot },
      new_chat_member: { status: newStatus, user: bot, ...(newStatus === 'kicked' ? { until_date: 0 } : {}) },
    });
  }

  /** The user blocks the bot: sends fail with 403 and the bot hears my_chat_member "kicked". */
  blockBot(user: TgUser): void {
    const chat = this.privateChat(user);
    (this.#chats.get(chat.id) as ChatState).blocked = 'blocked';
    this.#memberUpdate(chat, user, 'member', 'kicked');
  }

  /** The user deletes their account: sends fail with 403 "user is deactivated", and no update comes. */
  deactivateUser(user: TgUser): void {
    (this.#chats.get(this.privateChat(user).id) as ChatState).blocked = 'deactivated';
  }

  /** Every send to this chat answers 429 with this retry_after for the next `seconds`. */
  banChat(chat: TgChat, seconds: number): void {
    this.#bans.set(chat.id, Date.now() + seconds * 1000);
  }

  unblockBot(user: TgUser): void {
    const chat = this.privateChat(user);
    delete (this.#chats.get(chat.id) as ChatState).blocked;
    this.#memberUpdate(chat, user, 'kicked', 'member');
  }

  /** A group becomes a supergroup: the old id answers 400 with migrate_to_chat_id. */
  migrateGroup(chat: TgChat): TgChat {
    const old = this.#chats.get(chat.id);
    if (!old) throw new Error(`no chat ${chat.id}`);
    const supergroup = this.group(old.chat.title ?? '', [], -1_000_000_000_000 - Math.abs(chat.id));
    (this.#chats.get(supergroup.id) as ChatState).admins = old.admins;
    old.migratedTo = supergroup.id;
    this.#push('message', { message_id: old.nextMessageId++, date: now(), chat: old.chat, migrate_to_chat_id: supergroup.id });
    return supergroup;
  }

  // ─────────────────────── control: reading back ───────────────────────

  transcript(chatId: number): StoredMessage[] {
    return this.#chats.get(chatId)?.messages ?? [];
  }

  botMessages(chatId: number): StoredMessage[] {
    return this.transcript(chatId).filter((m) => m.fromBot && !m.deleted);
  }

  callbackAnswer(queryId: string): CallbackState['answer'] | undefined {
    const state = this.#callbacks.get(queryId);
    return state?.answered ? state.answer : undefined;
  }

  commands(): { command: string; description: string }[] {
    return this.#commands;
  }

  /** Pending updates the bot has not confirmed yet. */
  get pendingUpdates(): number {
    return this.#updates.length;
  }

  /** Resolves with the predicate's value once it is truthy, checking after every change. */
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('change', check);
      };
      this.events.on('change', check);
      check();
    });
  }
}
