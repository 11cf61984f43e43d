// Starting a created bot: identity, command menu (not essential), then long polling.
import { run } from '@grammyjs/runner';
import { type Bot, GrammyError, HttpError } from 'grammy';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import { COMMANDS } from './messages.ts';

export class BotStartError extends Error {}

export interface RunningBot {
  /** Stops fetching updates and waits for the ones being handled to finish. */
  stop(): Promise<void>;
}

/**
 * Long polling with grammY's runner: updates are handled concurrently (a slow search never holds
 * up everyone else), in order within each chat (see create-bot's sequentialize).
 */
export async function startBot(bot: Bot<BotContext>, logger: Logger, options: { pollTimeoutS?: number } = {}): Promise<RunningBot> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new BotStartError('Telegram refused BOT_TOKEN (401 Unauthorized): check the token @BotFather gave you.');
    }
    if (error instanceof HttpError) throw new BotStartError(`cannot reach the Bot API: ${error.message}`);
    throw error;
  }
  // A bot without its command menu still works, so polling never waits for it: during a Telegram
  // outage auto-retry would hold it back for minutes. Stopping the bot abandons the retries.
  const menu = new AbortController();
  bot.api.setMyCommands([...COMMANDS], {}, menu.signal as Parameters<typeof bot.api.setMyCommands>[2]).catch((error: unknown) => {
    if (!menu.signal.aborted) logger.warn({ err: error }, 'setMyCommands failed; the command menu may be out of date');
  });
  await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, 'deleteWebhook failed'));
  const handle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], ...(options.pollTimeoutS ? { timeout: options.pollTimeoutS } : {}) } },
  });
  void handle.task()?.catch((error: unknown) => logger.error({ err: error }, 'polling stopped on an error'));
  logger.info({ bot: bot.botInfo.username }, 'bot is polling for updates');
  return {
    stop: async () => {
      menu.abort();
      if (handle.isRunning()) await handle.stop();
    },
  };
}
