// The bot: features wired in order, per-user flood protection, and one error boundary.
import { autoRetry } from '@grammyjs/auto-retry';
import { conversations } from '@grammyjs/conversations';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotConfig, Composer, Context, type FilterQuery, type Middleware, type MiddlewareFn } from 'grammy';
import { Actions } from './actions.ts';
import type { BotContext, BotDeps } from './context.ts';
import { articleFeature } from './features/article.ts';
import { feedsFeature } from './features/feeds.ts';
import { helpFeature } from './features/help.ts';
import { inlineFeature } from './features/inline.ts';
import { latestFeature } from './features/latest.ts';
import { membershipFeature } from './features/membership.ts';
import { operatorFeature } from './features/operator.ts';
import { searchFeature } from './features/search.ts';
import { startFeature } from './features/start.ts';
import { subscribeConversation, subscriptionFeature } from './features/subscription.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { messages } from './messages.ts';
import { observeApi, observeUpdates } from './observe.ts';
import { RecentArticles } from './recent-articles.ts';
import { createReplies } from './replies.ts';
import { SearchMemory } from './search-memory.ts';

/** Per user: this many messages or button presses… (a reader paging quickly stays well below) */
export const USER_BURST = 10;
/** …per this many milliseconds; beyond it updates are dropped until the window passes. */
export const USER_WINDOW_MS = 3_000;

/** Seconds: a flood wait up to this long is waited out; a longer one fails the call, and the
 * digest sender postpones that chat instead of stalling everyone. */
export const MAX_FLOOD_WAIT_S = 60;
/** Retries of one request after 429s and network errors before it counts as failed. */
const MAX_RETRIES = 5;

/** Methods whose failures start-bot handles itself (see createBot). */
const OWN_RETRIES = new Set(['getMe', 'getUpdates']);

export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query', 'my_chat_member'] as const;

/**
 * `middleware` for the updates matching `filter`, the rest passed on: grammY's `on`, without the
 * composer it builds for every update on its way through.
 */
function onlyFor(filter: FilterQuery | FilterQuery[], ...middleware: Middleware<BotContext>[]): MiddlewareFn<BotContext> {
  const matches = Context.has.filterQuery(filter);
  const composer = new Composer<BotContext>(...middleware);
  return (ctx, next) => (matches(ctx) ? composer.middleware()(ctx, next) : next());
}

export function createBot(token: string, deps: BotDeps, config: BotConfig<BotContext> = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, config);
  // auto-retry retries a network error silently and for ever. Start-up (getMe) fails fast with a
  // clear line instead, and polling has the runner's retries, which log and give up in the end.
  const retry = autoRetry({ maxRetryAttempts: MAX_RETRIES, maxDelaySeconds: MAX_FLOOD_WAIT_S });
  bot.api.config.use((prev, method, payload, signal) => (OWN_RETRIES.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal)));
  const telemetry = deps.ops?.telemetry;
  if (telemetry) {
    bot.api.config.use(observeApi(telemetry));
    bot.use(observeUpdates(telemetry));
  }
  // Updates run concurrently, but one chat's updates in order: a conversation's answers, a page
  // turned twice, a search and the button pressed on its result.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));

  // Inline queries arrive on every keystroke; only messages and presses count against a reader.
  const flood = limit<BotContext, never>({
    timeFrame: deps.userRate?.windowMs ?? USER_WINDOW_MS,
    limit: deps.userRate?.burst ?? USER_BURST,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      deps.logger.warn({ userId: ctx.from?.id }, 'user over the message rate; updates dropped');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: messages.slowDown });
      else if (ctx.chat?.type === 'private') await ctx.reply(messages.slowDown);
    },
  });
  bot.use(onlyFor(['message', 'callback_query'], flood));

  // Several instances: a conversation step and a button press of one chat never run at once on
  // two of them (the lock is taken before the conversation reads its state). Inline queries have
  // no chat and touch no conversation.
  const lock = deps.chatLock;
  if (lock) bot.use((ctx, next) => (ctx.chat ? lock.run(ctx.chat.id, next) : next()));

  const memory = new SearchMemory();
  const recent = new RecentArticles(deps.library.articles);
  const replies = createReplies(deps, memory, recent);
  const actions = new Actions();
  bot.use(onlyFor(['my_chat_member', 'message:migrate_to_chat_id'], membershipFeature(deps)));
  bot.use(conversations({ storage: { type: 'key', version: 1, adapter: deps.conversationStorage } }));
  // The conversation sees updates first while it waits for an answer; it passes on the rest.
  bot.use(subscribeConversation(deps));
  // Button presses go straight to their action, and commands to the features made of commands
  // alone: other updates skip them with one check (the first one each command's filter makes).
  bot.use(actions.middleware);
  const search = searchFeature(replies, memory, actions);
  bot.use(
    onlyFor(':entities:bot_command', subscriptionFeature(deps, actions), startFeature(deps, replies, recent), helpFeature(), latestFeature(replies, actions), search.command, operatorFeature(deps), feedsFeature(deps)),
  );
  articleFeature(replies, recent, actions);
  bot.use(search.words);
  bot.use(inlineFeature(deps, recent));
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
