// /subscribe, /settings, /unsubscribe, /digest and /cancel. In groups only administrators may
// change the group's subscription.
import { createConversation } from '@grammyjs/conversations';
import { Composer, type MiddlewareFn } from 'grammy';
import { candidatesSince, composeDigest, loaderFor, windowStart } from '../../digest/compose.ts';
import { zonedParts } from '../../digest/time.ts';
import type { ChatRecord } from '../../domain.ts';
import { Cooldown } from '../cooldown.ts';
import type { Actions } from '../actions.ts';
import type { BotContext, BotDeps } from '../context.ts';
import type { SubscriptionField } from '../../callback-data.ts';
import { createSubscribeConversation, SUBSCRIBE_CONVERSATION } from '../conversations/subscribe.ts';
import { settingsKeyboard } from '../keyboards/subscription.ts';
import { arabicMinutes, messages } from '../messages.ts';
import { isAnonymousAdmin } from '../operators.ts';
import { describeSubscription } from '../render/subscription.ts';

const m = messages.subscription;
/** Hours of news in /digest for a chat that has no subscription (and so no "last digest"). */
const UNSUBSCRIBED_DIGEST_HOURS = 24;
const UNSUBSCRIBED_DIGEST_SIZE = 5;
/** /digest at most once per chat in this many milliseconds: each one scans the week's news. */
export const DIGEST_COMMAND_INTERVAL_MS = 5 * 60_000;

async function canManage(ctx: BotContext): Promise<boolean> {
  if (ctx.chat?.type === 'private') return true;
  // Telegram's stand-in sender is no member: getChatMember would call the admin a reader.
  if (isAnonymousAdmin(ctx)) return true;
  if (!ctx.from) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === 'creator' || member.status === 'administrator';
}

/** A notice in answer to an update: on the pressed button, or as a message. */
function notice(ctx: BotContext, text: string): Promise<unknown> {
  return ctx.callbackQuery ? ctx.answerCallbackQuery({ text, show_alert: true }) : ctx.reply(text);
}

/** Runs `action` for those allowed to change the chat's subscription; tells the others why not. */
async function managing(ctx: BotContext, action: () => Promise<unknown>): Promise<unknown> {
  if (await canManage(ctx)) return action();
  return notice(ctx, m.onlyAdmins);
}

/** Starts the conversation, unless one already holds the chat (it answers such updates itself). */
async function enterSubscribe(ctx: BotContext, field?: SubscriptionField): Promise<unknown> {
  if (Object.keys(ctx.conversation.active()).length > 0) return notice(ctx, m.stillAsking);
  return field ? ctx.conversation.enter(SUBSCRIBE_CONVERSATION, field) : ctx.conversation.enter(SUBSCRIBE_CONVERSATION);
}

/**
 * The /subscribe conversation. Installed before every other handler: while it waits for an
 * answer it sees every update of its chat first, /cancel included (it knows who started it, and
 * so who may cancel it), and passes on the rest.
 */
export function subscribeConversation(deps: BotDeps): MiddlewareFn<BotContext> {
  const subscribe = createSubscribeConversation({
    chats: deps.chats,
    defaultTimeZone: deps.timeZone,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.conversationTimeoutMs ? { timeoutMs: deps.conversationTimeoutMs } : {}),
  });
  return createConversation(subscribe, SUBSCRIBE_CONVERSATION);
}

export function subscriptionFeature(deps: BotDeps, actions: Actions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { chats } = deps;
  const clock = deps.clock ?? Date.now;

  composer.command('cancel', (ctx) => ctx.reply(m.nothingToCancel));

  composer.command('subscribe', (ctx) => managing(ctx, () => enterSubscribe(ctx)));

  composer.command('settings', (ctx) => {
    const record = chats.get(ctx.chat.id);
    if (!record?.subscription) return ctx.reply(m.none);
    if (record.inactive) return ctx.reply(m.inactive(m.reasons[record.inactive.reason]));
    return ctx.reply(m.settings(describeSubscription(record.subscription)), { parse_mode: 'HTML', reply_markup: settingsKeyboard() });
  });

  actions.on('settings', (ctx, { field }) => managing(ctx, () => enterSubscribe(ctx, field)));

  composer.command('unsubscribe', (ctx) =>
    managing(ctx, async () => {
      const record = chats.get(ctx.chat.id);
      if (!record?.subscription || record.inactive) return ctx.reply(m.notSubscribed);
      await chats.deactivate(ctx.chat.id, 'unsubscribed', new Date().toISOString());
      return ctx.reply(m.unsubscribed);
    }),
  );

  // The digest now, without touching the schedule or what counts as new for the next one.
  const digestCooldown = new Cooldown(DIGEST_COMMAND_INTERVAL_MS);
  composer.command('digest', async (ctx) => {
    const now = new Date(clock());
    const wait = digestCooldown.take(ctx.chat.id, now.getTime());
    if (wait > 0) return ctx.reply(m.digestTooSoon(arabicMinutes(Math.ceil(wait / 60_000))));
    const record = chats.get(ctx.chat.id);
    const chat: ChatRecord = record?.subscription
      ? record
      : {
          chatId: ctx.chat.id,
          type: ctx.chat.type,
          subscription: { time: '00:00', timeZone: deps.timeZone, topics: [], size: UNSUBSCRIBED_DIGEST_SIZE, createdAt: '', updatedAt: '' },
          lastDigestAt: new Date(now.getTime() - UNSUBSCRIBED_DIGEST_HOURS * 3_600_000).toISOString(),
        };
    const zone = chat.subscription?.timeZone ?? deps.timeZone;
    const since = windowStart(chat.lastDigestAt, now);
    const digest = await composeDigest(chat, candidatesSince(deps.library.articles, since), zonedParts(now, zone).date, since, loaderFor(deps.library.articles, deps.logger));
    if (!digest) return ctx.reply(m.nothingNew);
    return ctx.reply(digest.text, { parse_mode: 'HTML', ...(digest.reply_markup ? { reply_markup: digest.reply_markup } : {}) });
  });
  return composer;
}
