// A local Telegram Bot API: the subset Khulasa uses, faithful where bots break (button data,
// message length, HTML, blocked chats, flood limits, group migration). Tests, benchmarks and the
// playground drive the users' side through the control methods below and read it back through
// read-back.ts; the Bot API methods live in bot-api.ts, the update queue in update-queue.ts,
// Telegram's checks in validate.ts.
import { BotApi } from './bot-api.ts';
import type { FloodLimits } from './flood.ts';
import { EmulatorReadBack } from './read-back.ts';
import { type ChatState, EmulatorState, now } from './state.ts';
import type { Webhooks } from './webhooks.ts';
import type { StoredMessage, TgChat, TgMessage, TgUser } from './types.ts';
import { type Params, replyMarkup, userEntities, visibleText } from './validate.ts';

/** The user id Telegram gives GroupAnonymousBot, the sender of every anonymous admin message. */
const ANONYMOUS_ADMIN_ID = 1_087_968_824;

export { MAX_CALLBACK_DATA_BYTES, MAX_MESSAGE_LENGTH } from './validate.ts';
export type { EmulatorStats } from './state.ts';
export type { ChatSummary } from './read-back.ts';

export interface EmulatorOptions {
  botUsername?: string;
  flood?: FloodLimits;
  /** Milliseconds added to every Bot API call: a network and server round trip. */
  latencyMs?: number;
}

/** The emulator: Telegram's Bot API for the bot, and the readers' side for tests (read-back.ts). */
export class TelegramEmulator extends EmulatorReadBack {
  readonly #api: BotApi;
  #nextQueryId = 1;
  #nextGroupId = 1000;

  constructor(options: EmulatorOptions = {}) {
    super(new EmulatorState(options.botUsername ?? 'khulasa_test_bot', options.latencyMs ?? 0));
    this.#api = new BotApi(this.state);
    this.setFloodLimits(options.flood);
  }

  /** Webhook delivery (webhooks.ts): instance addresses behind the URL, deliveries per address. */
  get webhooks(): Webhooks { return this.#api.webhooks; }

  setFloodLimits(limits: FloodLimits | undefined): void {
    this.state.setFloodLimits(limits);
  }

  setLatency(ms: number): void {
    this.state.latencyMs = ms;
  }

  /** Runs one Bot API method; throws ApiError shaped like Telegram's error answers. */
  call(token: string, method: string, params: Params): Promise<unknown> {
    return this.#api.call(token, method, params);
  }

  /** Ends a pending long poll without answering it (its client went away). */
  dropPollers(): void {
    this.state.queue.dropPollers();
  }

  // ─────────────────────── control: the users' side ───────────────────────

  #chat(chat: TgChat): ChatState {
    const state = this.state.chats.get(chat.id);
    if (!state) throw new Error(`no chat ${chat.id}`);
    return state;
  }

  user(id: number, firstName = `قارئ ${id}`, username?: string): TgUser {
    let user = this.state.users.get(id);
    if (!user) {
      user = { id, is_bot: false, first_name: firstName, language_code: 'ar', ...(username ? { username } : {}) };
      this.state.users.set(id, user);
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
    let state = this.state.chats.get(user.id);
    if (!state) {
      state = { chat: { id: user.id, type: 'private', first_name: user.first_name }, messages: [], nextMessageId: 1, admins: new Set(), members: new Set([user.id]) };
      this.state.chats.set(user.id, state);
      this.state.notify({ type: 'chats' });
    }
    return state.chat;
  }

  /** A group with the bot in it; `admins` may change the group's settings. */
  group(title: string, admins: TgUser[] = [], id = -++this.#nextGroupId): TgChat {
    const chat: TgChat = { id, type: id < -1_000_000_000_000 ? 'supergroup' : 'group', title };
    const adminIds = admins.map((a) => a.id);
    this.state.chats.set(id, { chat, messages: [], nextMessageId: 1, admins: new Set(adminIds), members: new Set(adminIds) });
    this.state.notify({ type: 'chats' });
    return chat;
  }

  /** A reader joins a group (members write and read there; admins also change its settings). */
  addMember(chat: TgChat, user: TgUser): void {
    this.#chat(chat).members.add(user.id);
    this.state.notify({ type: 'chats' });
  }

  /** A user types a message in a chat (commands and @mentions get their entities). */
  sendText(user: TgUser, chat: TgChat, text: string, options: { replyTo?: number; senderChat?: TgChat } = {}): TgMessage {
    const state = this.#chat(chat);
    const message: TgMessage = { message_id: state.nextMessageId++, date: now(), chat: state.chat, from: user, text };
    if (options.senderChat) message.sender_chat = options.senderChat;
    const entities = userEntities(text);
    if (entities.length) message.entities = entities;
    if (options.replyTo !== undefined) {
      const original = state.messages.find((m) => m.message.message_id === options.replyTo);
      if (original) message.reply_to_message = original.message;
    }
    const stored: StoredMessage = { message, fromBot: false, edits: [], deleted: false };
    state.messages.push(stored);
    state.members.add(user.id);
    this.state.queue.push('message', message);
    this.state.notify({ type: 'message', chatId: chat.id, message: stored });
    return message;
  }

  /** A user presses an inline button on a message (found by its text, or the exact data given). */
  pressButton(user: TgUser, chat: TgChat, messageId: number, button: { text?: string; data?: string }): string {
    const stored = this.state.chats.get(chat.id)?.messages.find((m) => m.message.message_id === messageId);
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
    this.state.callbacks.set(id, { id, answered: false });
    const inlineId = [...this.state.inlineMessages].find(([, ref]) => ref.chatId === message.chat.id && ref.messageId === message.message_id)?.[0];
    const query = inlineId
      ? { id, from: user, inline_message_id: inlineId, chat_instance: String(message.chat.id), data }
      : { id, from: user, message, chat_instance: String(message.chat.id), data };
    this.state.queue.push('callback_query', query);
    return id;
  }

  /** A user types "@bot words" in a chat (`chat` sets chat_type; without it, the bot's own chat). */
  inlineQuery(user: TgUser, query: string, offset = '', chat?: TgChat): string {
    const id = String(this.#nextQueryId++);
    this.state.inline.set(id, { id, from: user });
    const chatType = !chat || chat.id === user.id ? 'sender' : chat.type;
    this.state.queue.push('inline_query', { id, from: user, query, offset, chat_type: chatType });
    return id;
  }

  /** The user picks an inline result: its message appears in the chat, sent "via" the bot. */
  chooseInlineResult(user: TgUser, chat: TgChat, queryId: string, resultId: string): TgMessage {
    const result = this.state.inline.get(queryId)?.answer?.results.find((r) => r.id === resultId);
    if (!result) throw new Error(`no result ${resultId} for inline query ${queryId}`);
    const state = this.#chat(chat);
    const content = result.input_message_content as { message_text: string; parse_mode?: string };
    const { text, entities } = visibleText(content.message_text, content.parse_mode);
    const message: TgMessage = { message_id: state.nextMessageId++, date: now(), chat: state.chat, from: user, text, via_bot: this.state.botUser('1:x') };
    if (entities.length) message.entities = entities;
    const markup = replyMarkup(result.reply_markup);
    if (markup) message.reply_markup = markup;
    const stored: StoredMessage = { message, fromBot: false, source: content.message_text, edits: [], deleted: false };
    if (content.parse_mode) stored.parseMode = content.parse_mode;
    state.messages.push(stored);
    this.state.inlineMessages.set(`inl${queryId}_${resultId}`, { chatId: chat.id, messageId: message.message_id });
    this.state.notify({ type: 'message', chatId: chat.id, message: stored });
    return message;
  }

  #memberUpdate(chat: TgChat, user: TgUser, oldStatus: string, newStatus: string): void {
    const bot = this.state.botUser('1:x');
    this.state.queue.push('my_chat_member', {
      chat, from: user, date: now(),
      old_chat_member: { status: oldStatus, user: bot },
      new_chat_member: { status: newStatus, user: bot, ...(newStatus === 'kicked' ? { until_date: 0 } : {}) },
    });
  }

  /** The user blocks the bot: sends fail with 403 and the bot hears my_chat_member "kicked". */
  blockBot(user: TgUser): void {
    const chat = this.privateChat(user);
    (this.state.chats.get(chat.id) as ChatState).blocked = 'blocked';
    this.#memberUpdate(chat, user, 'member', 'kicked');
    this.state.notify({ type: 'chats' });
  }

  /** The user deletes their account: sends fail with 403 "user is deactivated", and no update comes. */
  deactivateUser(user: TgUser): void {
    (this.state.chats.get(this.privateChat(user).id) as ChatState).blocked = 'deactivated';
  }

  /** Every send to this chat answers 429 with this retry_after for the next `seconds`. */
  banChat(chat: TgChat, seconds: number): void {
    this.state.bans.set(chat.id, Date.now() + seconds * 1000);
  }

  unblockBot(user: TgUser): void {
    const chat = this.privateChat(user);
    delete (this.state.chats.get(chat.id) as ChatState).blocked;
    this.#memberUpdate(chat, user, 'kicked', 'member');
    this.state.notify({ type: 'chats' });
  }

  /** A group becomes a supergroup: the old id answers 400 with migrate_to_chat_id. */
  migrateGroup(chat: TgChat): TgChat {
    const old = this.#chat(chat);
    const supergroup = this.group(old.chat.title ?? '', [], -1_000_000_000_000 - Math.abs(chat.id));
    Object.assign(this.state.chats.get(supergroup.id) as ChatState, { admins: old.admins, members: old.members });
    old.migratedTo = supergroup.id;
    this.state.queue.push('message', { message_id: old.nextMessageId++, date: now(), chat: old.chat, migrate_to_chat_id: supergroup.id });
    return supergroup;
  }

  /** Forgets every chat, its messages, buttons and inline answers (the bot's own data is its own). */
  reset(): void {
    for (const map of [this.state.chats, this.state.callbacks, this.state.inline, this.state.inlineMessages, this.state.bans]) map.clear();
    this.state.notify({ type: 'chats' });
  }
}
