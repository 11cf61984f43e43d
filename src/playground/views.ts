// Emulator records → what the page draws: plain JSON, the text with its entities (never HTML), so
// the page builds DOM nodes and nothing the bot sends is ever parsed as markup. Pure.
import type { ChatSummary } from '../emulator/emulator.ts';
import type { InlineButton, StoredMessage, TgEntity, TgUser } from '../emulator/types.ts';

/** Characters of a replied-to message shown above a reply. */
const REPLY_QUOTE_LENGTH = 80;

export type ButtonView =
  | { text: string; kind: 'callback'; data: string }
  | { text: string; kind: 'url'; url: string }
  | { text: string; kind: 'inline'; query: string; here: boolean };

export interface MessageView {
  id: number;
  chatId: number;
  date: number;
  from: { id: number; name: string; isBot: boolean };
  text: string;
  entities: TgEntity[];
  buttons: ButtonView[][];
  forceReply: boolean;
  replyTo?: { id: number; name: string; text: string };
  viaBot?: string;
  edited: boolean;
}

export interface ChatView {
  id: number;
  type: string;
  title: string;
  members: { id: number; name: string }[];
  blocked: boolean;
}

function buttonView(b: InlineButton & { switch_inline_query?: string }): ButtonView[] {
  if (b.callback_data !== undefined) return [{ text: b.text, kind: 'callback', data: b.callback_data }];
  if (b.url !== undefined) return [{ text: b.text, kind: 'url', url: b.url }];
  if (b.switch_inline_query_current_chat !== undefined) return [{ text: b.text, kind: 'inline', query: b.switch_inline_query_current_chat, here: true }];
  if (b.switch_inline_query !== undefined) return [{ text: b.text, kind: 'inline', query: b.switch_inline_query, here: false }];
  return [];
}

const nameOf = (u: TgUser | undefined) => u?.first_name ?? '';

export function messageView(stored: StoredMessage): MessageView {
  const m = stored.message;
  const view: MessageView = {
    id: m.message_id,
    chatId: m.chat.id,
    date: m.date,
    from: { id: m.from?.id ?? 0, name: nameOf(m.from), isBot: m.from?.is_bot ?? false },
    text: m.text ?? '',
    entities: m.entities?.filter((e) => e.type !== 'bot_command' && e.type !== 'mention') ?? [],
    buttons: (m.reply_markup?.inline_keyboard ?? []).map((row) => row.flatMap(buttonView)).filter((row) => row.length > 0),
    forceReply: m.reply_markup?.force_reply === true,
    edited: stored.edits.length > 0,
  };
  const r = m.reply_to_message;
  if (r) view.replyTo = { id: r.message_id, name: nameOf(r.from), text: (r.text ?? '').slice(0, REPLY_QUOTE_LENGTH) };
  if (m.via_bot?.username) view.viaBot = m.via_bot.username;
  return view;
}

export function chatView(summary: ChatSummary): ChatView {
  const { chat, members, blocked } = summary;
  return {
    id: chat.id,
    type: chat.type,
    title: chat.title ?? chat.first_name ?? '',
    members: members.map((u) => ({ id: u.id, name: u.first_name })),
    blocked,
  };
}
