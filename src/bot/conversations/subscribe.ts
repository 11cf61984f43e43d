// /subscribe (and /settings, one field at a time) as a conversation: time, zone, topics, size,
// then a confirmation. Its state is stored, so a restart mid-way resumes where the reader was.
// A question left unanswered for CONVERSATION_TIMEOUT_MS ends it; in a group, others are told
// who is changing the settings, and only that person or an administrator may /cancel.
import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { DigestSize, Subscription } from '../../domain.ts';
import { type Action, SUBSCRIPTION_FIELDS, type SubscriptionField, unpack } from '../../callback-data.ts';
import type { BotContext } from '../context.ts';
import { sizeKeyboard, timeKeyboard, topicsKeyboard, zoneKeyboard } from '../keyboards/subscription.ts';
import { MAX_TOPIC_CHARS, MAX_TOPICS, messages } from '../messages.ts';
import { isAnonymousAdmin } from '../operators.ts';
import { readerName } from '../render/reader-name.ts';
import { describeSubscription, zoneLabel } from '../render/subscription.ts';
import { escapeHtml } from '../../render-html.ts';
import { readAnswer } from './answers.ts';
import type { ChatStore } from '../../store/stores.ts';

export const SUBSCRIBE_CONVERSATION = 'subscribe';
/**
 * Milliseconds a question waits for its answer: ample to look up a time zone, short enough
 * that a forgotten /subscribe does not hold a group's settings.
 */
export const CONVERSATION_TIMEOUT_MS = 10 * 60_000;
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
  topics: m.badTopics(MAX_TOPICS, MAX_TOPIC_CHARS),
  size: m.badSize,
};

/** The command a message starts with ("/cancel@khulasa_bot now" → "cancel"), lower-cased. */
function commandOf(text: string | undefined): string | undefined {
  return /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/.exec(text ?? '')?.[1]?.toLowerCase();
}

/** Starting over or changing a field while this conversation holds the chat's settings (a reply to its question is handled apart). */
const wantsToChange = (command: string | undefined, action: Action | null) =>
  command === 'subscribe' || action?.type === 'settings' || action?.type === 'pick';

async function isAdmin(ctx: Context, userId: number): Promise<boolean> {
  const member = await ctx.getChatMember(userId);
  return member.status === 'creator' || member.status === 'administrator';
}

/** A notice in answer to an update: on the pressed button, or as a message. */
async function notice(ctx: Context, text: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}

export interface SubscribeDeps {
  chats: ChatStore;
  defaultTimeZone: string;
  /** Milliseconds since the epoch (Date.now unless a test moves time). */
  clock?: () => number;
  timeoutMs?: number;
}

export function createSubscribeConversation(deps: SubscribeDeps) {
  const clock = deps.clock ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? CONVERSATION_TIMEOUT_MS;
  return async function subscribe(conversation: Conversation<BotContext, Context>, ctx: Context, only?: SubscriptionField): Promise<void> {
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    const anonymous = isAnonymousAdmin(ctx);
    const starter = anonymous ? m.anonymousAdmin : readerName(from, m.someone);
    // Read through `external`, so that every replay of the conversation sees the same instant.
    const now = () => conversation.external(() => clock());
    const stored = await conversation.external(() => deps.chats.get(chat.id)?.subscription ?? null);
    const draft: Draft = {
      time: stored?.time ?? DEFAULT_TIME,
      timeZone: stored?.timeZone ?? deps.defaultTimeZone,
      topics: stored?.topics ?? [],
      size: stored?.size ?? DEFAULT_SIZE,
    };

    for (const field of only ? [only] : SUBSCRIPTION_FIELDS) {
      const { text, keyboard } = prompt(field, draft, deps.defaultTimeZone);
      let askedAt = await now();
      const question = await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
      for (;;) {
        const answer = await conversation.wait();
        if ((await now()) - askedAt >= timeoutMs) {
          await answer.reply(m.timedOut);
          // The late update is then served as if no conversation had been waiting.
          await conversation.halt({ next: true });
        }
        const typed = answer.message?.text;
        const command = commandOf(typed);
        const action = unpack(answer.callbackQuery?.data);

        // An anonymous starter's button presses come under their own id (Telegram hides it on
        // messages only): an administrator's press answers for them.
        const forStarter = answer.from?.id === from.id || (anonymous && answer.callbackQuery !== undefined && answer.from !== undefined && (await isAdmin(answer, answer.from.id)));
        if (!forStarter) {
          if (command === 'cancel') {
            if (answer.from && (await isAdmin(answer, answer.from.id))) {
              await answer.reply(m.cancelled);
              return;
            }
            await answer.reply(m.onlyStarterCancels(starter));
          } else if (wantsToChange(command, action) || answer.message?.reply_to_message?.message_id === question.message_id) {
            await notice(answer, m.busy(starter));
          } else {
            // Others talk on undisturbed: their words, commands and buttons are served as usual.
            await conversation.skip({ next: true });
          }
          continue;
        }
        if (command === 'cancel') {
          await answer.reply(m.cancelled);
          return;
        }
        if (command === 'subscribe' || action?.type === 'settings') {
          await notice(answer, m.stillAsking);
          continue;
        }
        // Another command (/latest, /help) or button is served as usual while this question waits.
        if (command !== undefined || (answer.callbackQuery && action?.type !== 'pick')) await conversation.skip({ next: true });
        if (action?.type === 'pick' && action.field !== field) {
          await answer.answerCallbackQuery({ text: messages.staleButton });
          continue;
        }
        const parsed = readAnswer(field, action?.type === 'pick' ? { picked: action.value } : typed !== undefined ? { text: typed } : {});
        if (answer.callbackQuery) await answer.answerCallbackQuery();
        if (!parsed) {
          askedAt = await now();
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

    const savedAt = new Date(await now()).toISOString();
    const subscription: Subscription = { ...draft, createdAt: stored?.createdAt ?? savedAt, updatedAt: savedAt };
    const title = 'title' in chat ? chat.title : undefined;
    await conversation.external(() => deps.chats.subscribe(chat.id, subscription, { type: chat.type, ...(title ? { title } : {}) }, savedAt));
    await ctx.reply(m.confirmed(describeSubscription(subscription)), { parse_mode: 'HTML' });
  };
}
