// Operator commands (ADMIN_IDS) answer only in a private chat with a listed user. For everyone
// else the command does not exist: the update passes on to the ordinary unknown-command reply.
import type { Composer } from 'grammy';
import type { BotContext } from './context.ts';

export function isOperator(ctx: BotContext, adminIds: readonly number[]): boolean {
  return ctx.chat?.type === 'private' && ctx.from !== undefined && adminIds.includes(ctx.from.id);
}

/** The part of `composer` that only operators reach; register operator commands on it. */
export function forOperators(composer: Composer<BotContext>, adminIds: readonly number[]): Composer<BotContext> {
  return composer.filter((ctx) => isOperator(ctx, adminIds));
}
