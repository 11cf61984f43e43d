// Operator commands (ADMIN_IDS) answer only in a private chat with a listed user. For everyone
// else the command does not exist: the update passes on to the ordinary unknown-command reply.
import type { Composer, Context } from 'grammy';
import type { BotContext } from './context.ts';

export function isOperator(ctx: BotContext, adminIds: readonly number[]): boolean {
  return ctx.chat?.type === 'private' && ctx.from !== undefined && adminIds.includes(ctx.from.id);
}

/** The part of `composer` that only operators reach; register operator commands on it. */
export function forOperators(composer: Composer<BotContext>, adminIds: readonly number[]): Composer<BotContext> {
  return composer.filter((ctx) => isOperator(ctx, adminIds));
}

/**
 * A message an anonymous admin sends in a group: it comes "from" the group itself (only its
 * administrators may post as the group), and Telegram hides who they are.
 */
export function isAnonymousAdmin(ctx: Context): boolean {
  const chat = ctx.chat;
  return (chat?.type === 'group' || chat?.type === 'supergroup') && ctx.message?.sender_chat?.id === chat.id;
}
