// /subscribe (and /settings, one field at a time) as a conversation: time, zone, topics, size,
// then a confirmation. Its state is stored, so a restart mid-way resumes where the reader was.
import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { DigestSize, Subscription } from '../../domain.ts';
import type { ChatRepository } from '../../store/chat-repository.ts';
import { SUBSCRIPTION_FIELDS, type SubscriptionField, unpack } from '../callback-data.ts';
import type { BotContext } from '../context.ts';
import { sizeKeyboard, timeKeyboard, topicsKeyboard, zoneKeyboard } from '../keyboards/subscription.ts';
import { messages } from '../messages.ts';
import { describeSubscription, zoneLabel } from '../render/subscription.ts';
import { escapeHtml } from '../render/html.ts';
import { readAnswer } from './answers.ts';

export const SUBSCRIBE_CONVERSATION = 'subscribe';
/** What a new subscription starts from before the reader chooses. */
const DEFAULT_TIME = '08:00';
const DEFAULT_SIZE: DigestSize = 5;

interface Draft {
  time: string;
  timeZone: string;
  topics: string[];
  size: DigestSize;
}

const m = messages.subscription;

function prompt(field: SubscriptionField, draft: Draft, defaultZone: string) {
  switch (field) {
    case 'time':
      return { text: m.askTime, keyboard: timeKeyboard() };
    case 'zone':
      return { text: m.askZone(escapeHtml(zoneLabel(draft.timeZone))), keyboard: zoneKeyboard(defaultZone) };
    case 'topics':
      return { text: m.askTopics, keyboard: topicsKeyboard() };
    case 'size':
      return { text: m.askSize, keyboard: sizeKeyboard() };
  }
}

const invalid: Record<SubscriptionField, string> = {
  time: m.badTime,
  zone: m.badZone,
  topics: m.badTopics(10, 40),
  size: m.badSize,
};

export function createSubscribeConversation(deps: { chats: ChatRepository; defaultTimeZone: string }) {
  return async function subscribe(conversation: Conversation<BotContext, Context>, ctx: Context, only?: SubscriptionField): Promise<void> {
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    const stored = await conversation.external(() => deps.chats.get(chat.id)?.subscription ?? null);
    const draft: Draft = {
      time: stored?.time ?? DEFAULT_TIME,
      timeZone: stored?.timeZone ?? deps.defaultTimeZone,
      topics: stored?.topics ?? [],
      size: stored?.size ?? DEFAULT_SIZE,
    };

    for (const field of only ? [only] : SUBSCRIPTION_FIELDS) {
      const { text, keyboard } = prompt(field, draft, deps.defaultTimeZone);
      await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
      for (;;) {
        // Only the person who started: in a group, others talk on undisturbed.
        const answer = await conversation.waitFrom(from);
        const typed = answer.message?.text;
        // Another command (/latest, /help) is served as usual while this question waits.
        if (typed?.startsWith('/')) await conversation.skip({ next: true });
        const action = unpack(answer.callbackQuery?.data);
        if (answer.callbackQuery && (action?.type !== 'pick' || action.field !== field)) {
          await answer.answerCallbackQuery({ text: messages.staleButton });
          continue;
        }
        const parsed = readAnswer(field, action?.type === 'pick' ? { picked: action.value } : typed !== undefined ? { text: typed } : {});
        if (answer.callbackQuery) await answer.answerCallbackQuery();
        if (!parsed) {
          await answer.reply(invalid[field], { parse_mode: 'HTML' });
          continue;
        }
        if (parsed.field === 'time') draft.time = parsed.value;
        else if (parsed.field === 'zone') draft.timeZone = parsed.value;
        else if (parsed.field === 'topics') draft.topics = parsed.value;
        else draft.size = parsed.value;
        break;
      }
    }

    const now = new Date(await conversation.now()).toISOString();
    const subscription: Subscription = { ...draft, createdAt: stored?.createdAt ?? now, updatedAt: now };
    const title = 'title' in chat ? chat.title : undefined;
    await conversation.external(() => deps.chats.subscribe(chat.id, subscription, { type: chat.type, ...(title ? { title } : {}) }, now));
    await ctx.reply(m.confirmed(describeSubscription(subscription)), { parse_mode: 'HTML' });
  };
}
