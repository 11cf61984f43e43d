// Routing inline-button presses by their typed action: the press is unpacked once and its handler
// looked up by type, instead of a filter per action that each press passes through in turn.
import type { MiddlewareFn } from 'grammy';
import { type Action, unpack } from '../callback-data.ts';
import type { BotContext } from './context.ts';

type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;
type Handler = (ctx: BotContext, action: Action) => Promise<unknown>;

export class Actions {
  readonly #handlers = new Map<Action['type'], Handler>();

  /** Handles presses of buttons carrying `type`; the press is always answered afterwards. */
  on<T extends Action['type']>(type: T, handler: (ctx: BotContext, action: ActionOf<T>) => Promise<unknown>): void {
    if (this.#handlers.has(type)) throw new Error(`two handlers for the button action "${type}"`);
    this.#handlers.set(type, handler as Handler);
  }

  /** Presses with a handler end here; the others (stale, forged, a conversation's) pass on. */
  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const action = unpack(ctx.callbackQuery?.data);
    const handler = action && this.#handlers.get(action.type);
    if (!handler) return next();
    await handler(ctx, action);
    // The handler may have answered with a notice already; a second answer is refused.
    await ctx.answerCallbackQuery().catch(() => undefined);
  };
}
