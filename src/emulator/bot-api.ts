// The bot's side: the Bot API methods Khulasa calls, with Telegram's answers and errors.
import { commandListKeyOf } from './command-scopes.ts';
import type { ChatState, EmulatorState } from './state.ts';
import { now } from './state.ts';
import { ApiError, type StoredMessage, type TgMessage, type TgUser } from './types.ts';
import { Webhooks } from './webhooks.ts';
import { CHAT_ACTIONS, MAX_CALLBACK_ANSWER, type Params, asNumber, parseJsonParam, replyMarkup, visibleText } from './validate.ts';

export class BotApi {
  readonly #s: EmulatorState;
  readonly webhooks: Webhooks;

  constructor(state: EmulatorState) {
    this.#s = state;
    this.webhooks = new Webhooks(state.queue);
    state.events.on('update', () => this.webhooks.onUpdate());
  }

  /** Runs one Bot API method; throws ApiError shaped like Telegram's error answers. */
  async call(token: string, method: string, params: Params): Promise<unknown> {
    const s = this.#s;
    const bot = s.botUser(token);
    s.stats.calls[method] = (s.stats.calls[method] ?? 0) + 1;
    if (s.failing.has(method)) throw new ApiError(500, 'Internal Server Error: emulated outage');
    if (s.refusing.has(method)) throw new ApiError(400, 'Bad Request: emulated refusal');
    if (method !== 'getUpdates' && s.latencyMs > 0) await new Promise((r) => setTimeout(r, s.latencyMs));
    switch (method) {
      case 'getMe':
        return { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };
      case 'getUpdates':
        if (this.webhooks.active) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        return s.queue.getUpdates(params);
      case 'setWebhook':
        return this.webhooks.setWebhook(params);
      case 'deleteWebhook':
        return this.webhooks.deleteWebhook(params);
      case 'getWebhookInfo':
        return this.webhooks.getWebhookInfo();
      case 'setMyCommands':
        return this.#setMyCommands(params);
      case 'getMyCommands':
        return s.commandLists.get(commandListKeyOf(params, (id) => s.chats.has(id))) ?? [];
      case 'sendChatAction':
        this.chatFor(params, false);
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
        return this.chatFor(params, false).chat;
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  #setMyCommands(params: Params): true {
    const commands = parseJsonParam<{ command: string; description: string }[]>(params.commands) ?? [];
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
      if (!c.description || c.description.length > 256) throw new ApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
    }
    this.#s.commandLists.set(commandListKeyOf(params, (id) => this.#s.chats.has(id)), commands);
    this.#s.notify({ type: 'commands' });
    return true;
  }

  chatFor(params: Params, forSending: boolean): ChatState {
    const id = asNumber(params.chat_id, 'chat_id');
    const state = this.#s.chats.get(id);
    if (!state) throw new ApiError(400, 'Bad Request: chat not found');
    if (state.migratedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: state.migratedTo });
    }
    if (forSending && state.blocked === 'blocked') throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (forSending && state.blocked === 'deactivated') throw new ApiError(403, 'Forbidden: user is deactivated');
    if (forSending && state.kicked) throw new ApiError(403, `Forbidden: bot was kicked from the ${state.chat.type} chat`);
    return state;
  }

  #floodCheck(state: ChatState): void {
    const banned = this.#s.bans.get(state.chat.id);
    const banWait = banned !== undefined && banned > Date.now() ? Math.ceil((banned - Date.now()) / 1000) : 0;
    const wait = banWait || (this.#s.flood?.check(state.chat.id, state.chat.type !== 'private') ?? 0);
    if (wait > 0) {
      this.#s.stats.tooManyRequests++;
      throw new ApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
  }

  #sendMessage(bot: TgUser, params: Params): TgMessage {
    const state = this.chatFor(params, true);
    const { text, entities } = visibleText(params.text, params.parse_mode);
    const markup = replyMarkup(params.reply_markup);
    this.#floodCheck(state);
    const message: TgMessage = { message_id: state.nextMessageId++, date: now(), chat: state.chat, from: bot, text };
    if (entities.length) message.entities = entities;
    if (markup) message.reply_markup = markup;
    const replyTo = params.reply_parameters ? parseJsonParam<{ message_id: number }>(params.reply_parameters)?.message_id : (params.reply_to_message_id as number | undefined);
    if (replyTo !== undefined) {
      const original = state.messages.find((m) => m.message.message_id === Number(replyTo));
      if (original) message.reply_to_message = original.message;
    }
    const stored: StoredMessage = { message, fromBot: true, source: String(params.text), edits: [], deleted: false };
    if (typeof params.parse_mode === 'string') stored.parseMode = params.parse_mode;
    state.messages.push(stored);
    this.#s.stats.delivered++;
    this.#s.events.emit('message', stored);
    this.#s.notify({ type: 'message', chatId: state.chat.id, message: stored });
    return message;
  }

  #findForEdit(params: Params): StoredMessage {
    if (params.inline_message_id !== undefined) {
      const ref = this.#s.inlineMessages.get(String(params.inline_message_id));
      const found = ref && this.#s.chats.get(ref.chatId)?.messages.find((m) => m.message.message_id === ref.messageId);
      if (!found) throw new ApiError(400, 'Bad Request: MESSAGE_ID_INVALID');
      return found;
    }
    const state = this.chatFor(params, true);
    const id = asNumber(params.message_id, 'message_id');
    const found = state.messages.find((m) => m.message.message_id === id && !m.deleted);
    if (!found) throw new ApiError(400, 'Bad Request: message to edit not found');
    return found;
  }

  #editMessage(params: Params, withText: boolean): TgMessage | true {
    const stored = this.#findForEdit(params);
    const markup = replyMarkup(params.reply_markup);
    const visible = withText ? visibleText(params.text, params.parse_mode) : undefined;
    const text = visible ? visible.text : stored.message.text;
    const sameText = text === stored.message.text;
    const sameMarkup = JSON.stringify(markup ?? null) === JSON.stringify(stored.message.reply_markup ?? null);
    if (sameText && sameMarkup) {
      throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    stored.edits.push({ text: stored.message.text, source: stored.source, reply_markup: stored.message.reply_markup });
    stored.message.text = text;
    if (visible) {
      if (visible.entities.length) stored.message.entities = visible.entities;
      else delete stored.message.entities;
      stored.source = String(params.text);
      if (typeof params.parse_mode === 'string') stored.parseMode = params.parse_mode;
      else delete stored.parseMode;
    }
    if (markup) stored.message.reply_markup = markup;
    else delete stored.message.reply_markup;
    stored.message.edit_date = now();
    this.#s.events.emit('edit', stored);
    this.#s.notify({ type: 'edit', chatId: stored.message.chat.id, message: stored });
    return params.inline_message_id !== undefined ? true : stored.message;
  }

  #deleteMessage(params: Params): true {
    const state = this.chatFor(params, false);
    const id = asNumber(params.message_id, 'message_id');
    const found = state.messages.find((m) => m.message.message_id === id && !m.deleted);
    if (!found) throw new ApiError(400, 'Bad Request: message to delete not found');
    found.deleted = true;
    this.#s.notify({ type: 'delete', chatId: state.chat.id, messageId: id });
    return true;
  }

  #answerCallback(params: Params): true {
    const state = this.#s.callbacks.get(String(params.callback_query_id));
    if (!state || state.answered) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    const text = params.text === undefined ? undefined : String(params.text);
    if (text !== undefined && text.length > MAX_CALLBACK_ANSWER) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
    state.answered = true;
    state.answer = { ...(text !== undefined ? { text } : {}), ...(params.show_alert ? { show_alert: true } : {}) };
    this.#s.events.emit('callbackAnswer', state);
    this.#s.events.emit('change');
    return true;
  }

  #answerInline(params: Params): true {
    const state = this.#s.inline.get(String(params.inline_query_id));
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
      visibleText(content?.message_text, content?.parse_mode);
      replyMarkup(r.reply_markup);
    }
    state.answer = { results, ...(params.next_offset ? { next_offset: String(params.next_offset) } : {}) };
    this.#s.events.emit('inlineAnswer', state);
    this.#s.events.emit('change');
    return true;
  }

  #getChatMember(params: Params): Record<string, unknown> {
    const state = this.chatFor(params, false);
    const userId = asNumber(params.user_id, 'user_id');
    const user = this.#s.users.get(userId);
    if (!user) throw new ApiError(400, 'Bad Request: user not found');
    const status = state.chat.type === 'private' ? 'member' : state.admins.has(userId) ? 'administrator' : 'member';
    return { status, user };
  }
}
