// The bot: features wired in order, per-user flood protection, and one error boundary.
import { limit } from '@grammyjs/ratelimiter';
import { Bot, type BotConfig } from 'grammy';
import type { BotContext, BotDeps } from './context.ts';
import { articleFeature } from './features/article.ts';
import { helpFeature } from './features/help.ts';
import { inlineFeature } from './features/inline.ts';
import { latestFeature } from './features/latest.ts';
import { searchFeature } from './features/search.ts';
import { startFeature } from './features/start.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { messages } from './messages.ts';
import { createReplies } from './replies.ts';
import { SearchMemory } from './search-memory.ts';

/** Per user: this many messages or button presses… (a reader paging quickly stays well below) */
export const USER_BURST = 10;
/** …per this many milliseconds; beyond it updates are dropped until the window passes. */
export const USER_WINDOW_MS = 3_000;

export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query', 'my_chat_member'] as const;

export function createBot(token: string, deps: BotDeps, config: BotConfig<BotContext> = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, config);

  // Inline queries arrive on every keystroke; only messages and presses count against a reader.
  bot.on(['message', 'callback_query']).use(
    limit<BotContext, never>({
      timeFrame: deps.userRate?.windowMs ?? USER_WINDOW_MS,
      limit: deps.userRate?.burst ?? USER_BURST,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        deps.logger.warn({ userId: ctx.from?.id }, 'user over the message rate; updates dropped');
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: messages.slowDown });
        else if (ctx.chat?.type === 'private') await ctx.reply(messages.slowDown);
      },
    }),
  );

  const memory = new SearchMemory();
  const replies = createReplies(deps, memory);
  bot.use(startFeature(deps, replies));
  bot.use(helpFeature());
  bot.use(latestFeature(replies));
  bot.use(searchFeature(replies, memory));
  bot.use(articleFeature(deps, replies));
  bot.use(inlineFeature(deps));
  bot.use(unhandledFeature());

  bot.catch(async ({ ctx, error }) => {
    deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: messages.apology });
      else if (ctx.chat && ctx.message) await ctx.reply(messages.apology);
    } catch (replyError) {
      deps.logger.warn({ err: replyError, updateId: ctx.update.update_id }, 'could not send the apology');
    }
  });
  return bot;
}
