// Routing inline-button presses by their typed action.
import { Composer } from 'grammy';
import { type Action, unpack } from '../callback-data.ts';
import type { BotContext } from './context.ts';

type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;

/** Handles presses of buttons carrying `type`; the press is always answered afterwards. */
export function onAction<T extends Action['type']>(
  composer: Composer<BotContext>,
  type: T,
  handler: (ctx: BotContext, action: ActionOf<T>) => Promise<unknown>,
): void {
  composer.on('callback_query:data').filter(
    (ctx) => unpack(ctx.callbackQuery.data)?.type === type,
    async (ctx) => {
      await handler(ctx, unpack(ctx.callbackQuery.data) as ActionOf<T>);
      // The handler may have answered with a notice already; a second answer is refused.
      await ctx.answerCallbackQuery().catch(() => undefined);
    },
  );
}
