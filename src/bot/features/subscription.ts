// /subscribe, /settings, /unsubscribe, /digest and /cancel. In groups only administrators may
// change the group's subscription.
import { createConversation } from '@grammyjs/conversations';
import { Composer } from 'grammy';
import { candidatesSince, composeDigest } from '../../digest/run.ts';
import { zonedParts } from '../../digest/time.ts';
import type { ChatRecord } from '../../domain.ts';
import { onAction } from '../actions.ts';
import type { BotContext, BotDeps } from '../context.ts';
import { createSubscribeConversation, SUBSCRIBE_CONVERSATION } from '../conversations/subscribe.ts';
import { settingsKeyboard } from '../keyboards/subscription.ts';
import { messages } from '../messages.ts';
import { describeSubscription } from '../render/subscription.ts';

const m = messages.subscription;
/** Hours of news in /digest for a chat that has no subscription (and so no "last digest"). */
const UNSUBSCRIBED_DIGEST_HOURS = 24;
const UNSUBSCRIBED_DIGEST_SIZE = 5;

async function canManage(ctx: BotContext): Promise<boolean> {
  if (ctx.chat?.type === 'private') return true;
  if (!ctx.from) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === 'creator' || member.status === 'administrator';
}

/** Runs `action` for those allowed to change the chat's subscription; tells the others why not. */
async function managing(ctx: BotContext, action: () => Promise<unknown>): Promise<unknown> {
  if (await canManage(ctx)) return action();
  if (ctx.callbackQuery) return ctx.answerCallbackQuery({ text: m.onlyAdmins, show_alert: true });
  return ctx.reply(m.onlyAdmins);
}

export function subscriptionFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { chats } = deps;

  composer.command('cancel', async (ctx) => {
    if (Object.keys(ctx.conversation.active()).length === 0) return ctx.reply(m.nothingToCancel);
    await ctx.conversation.exitAll();
    return ctx.reply(m.cancelled);
  });

  composer.use(createConversation(createSubscribeConversation({ chats, defaultTimeZone: deps.timeZone }), SUBSCRIBE_CONVERSATION));

  composer.command('subscribe', (ctx) => managing(ctx, () => ctx.conversation.enter(SUBSCRIBE_CONVERSATION)));

  composer.command('settings', (ctx) => {
    const record = chats.get(ctx.chat.id);
    if (!record?.subscription) return ctx.reply(m.none);
    if (record.inactive) return ctx.reply(m.inactive(m.reasons[record.inactive.reason]));
    return ctx.reply(m.settings(describeSubscription(record.subscription)), { parse_mode: 'HTML', reply_markup: settingsKeyboard() });
  });

  onAction(composer, 'settings', (ctx, { field }) => managing(ctx, () => ctx.conversation.enter(SUBSCRIBE_CONVERSATION, field)));

  composer.command('unsubscribe', (ctx) =>
    managing(ctx, async () => {
      const record = chats.get(ctx.chat.id);
      if (!record?.subscription || record.inactive) return ctx.reply(m.notSubscribed);
      await chats.deactivate(ctx.chat.id, 'unsubscribed', new Date().toISOString());
      return ctx.reply(m.unsubscribed);
    }),
  );

  // The digest now, without touching the schedule or what counts as new for the next one.
  composer.command('digest', async (ctx) => {
    const record = chats.get(ctx.chat.id);
    const now = new Date();
    const chat: ChatRecord = record?.subscription
      ? record
      : {
          chatId: ctx.chat.id,
          type: ctx.chat.type,
          subscription: { time: '00:00', timeZone: deps.timeZone, topics: [], size: UNSUBSCRIBED_DIGEST_SIZE, createdAt: '', updatedAt: '' },
          lastDigestAt: new Date(now.getTime() - UNSUBSCRIBED_DIGEST_HOURS * 3_600_000).toISOString(),
        };
    const zone = chat.subscription?.timeZone ?? deps.timeZone;
    const digest = composeDigest(chat, await candidatesSince(deps.library.articles, chat.lastDigestAt), zonedParts(now, zone).date);
    if (!digest) return ctx.reply(m.nothingNew);
    return ctx.reply(digest.text, { parse_mode: 'HTML', ...(digest.reply_markup ? { reply_markup: digest.reply_markup } : {}) });
  });
  return composer;
}
