// Starting a created bot: identity, command menu (not essential), then long polling.
import { run } from '@grammyjs/runner';
import { type Bot, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import { setCommandMenus } from './command-menu.ts';

export class BotStartError extends Error {}

/**
 * Milliseconds of failing getUpdates calls before polling gives up (the runner's own default is
 * 15 hours). A process that cannot poll serves nobody; exiting lets systemd or docker restart it
 * and makes the outage visible, where a silent retry loop would not.
 */
export const POLL_GIVE_UP_MS = 15 * 60_000;

export interface RunningBot {
  /** Stops fetching updates and waits for the ones being handled to finish. */
  stop(): Promise<void>;
}

export interface PollingStop {
  /** Which case: the operator's first question. */
  reason: 'token-revoked' | 'another-instance' | 'gave-up';
  message: string;
}

/** Why polling ended on its own, and what the operator should do about it. */
export function explainPollingStop(error: unknown): PollingStop {
  if (error instanceof GrammyError && error.error_code === 401) {
    return { reason: 'token-revoked', message: 'Telegram no longer accepts BOT_TOKEN (401 Unauthorized): the token was revoked or changed. Take the current token from @BotFather (/mybots → API Token), set BOT_TOKEN and start again.' };
  }
  if (error instanceof GrammyError && error.error_code === 409) {
    return { reason: 'another-instance', message: 'Another process is receiving updates for this bot (409 Conflict): two instances, or a webhook, use the same token. Stop the other one so that exactly one runs, then start again.' };
  }
  return { reason: 'gave-up', message: 'Polling for updates failed for too long and gave up. Check the network and BOT_API_ROOT; exiting so that the supervisor restarts the bot.' };
}

/**
 * Long polling with grammY's runner: updates are handled concurrently (a slow search never holds
 * up everyone else), in order within each chat (see create-bot's sequentialize).
 */
/** Milliseconds before each retry of getMe at start: a blip passes, an outage ends the start. */
const IDENTIFY_RETRY_DELAYS_MS = [500, 1_000, 2_000];

/**
 * The bot's identity (getMe). grammY's own `bot.init` retries network errors silently and for
 * ever; here each failure is logged and a lasting one ends the start with a clear line.
 */
export async function identify(bot: Bot<BotContext>, logger: Logger): Promise<UserFromGetMe> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await bot.api.getMe();
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) {
        throw new BotStartError('Telegram refused BOT_TOKEN (401 Unauthorized): check the token @BotFather gave you.');
      }
      const delay = IDENTIFY_RETRY_DELAYS_MS[attempt];
      if (!(error instanceof HttpError)) throw error;
      if (delay === undefined) throw new BotStartError(`cannot reach the Bot API at start (${error.message}); check the network and BOT_API_ROOT.`);
      logger.warn({ err: error, retryInMs: delay }, 'cannot reach the Bot API; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function startBot(
  bot: Bot<BotContext>,
  logger: Logger,
  options: { pollTimeoutS?: number; giveUpAfterMs?: number; onPollingStopped?: (stop: PollingStop, error: unknown) => void; operatorIds?: readonly number[] } = {},
): Promise<RunningBot> {
  bot.botInfo = await identify(bot, logger);
  // A bot without its command menu still works, so polling never waits for it: during a Telegram
  // outage auto-retry would hold it back for minutes. Stopping the bot abandons the retries.
  const menu = new AbortController();
  setCommandMenus(bot.api, options.operatorIds ?? [], menu.signal, logger);
  await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, 'deleteWebhook failed'));
  // The runner prints failed fetches with console.error, token-bearing URL included; it is
  // silenced and each failure goes through the redacting logger instead.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      const fatal = error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
      if (method === 'getUpdates' && !signal?.aborted && !fatal) logger.warn({ err: error }, 'fetching updates failed; retrying');
      throw error;
    }
  });
  const handle = run(bot, {
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES], ...(options.pollTimeoutS ? { timeout: options.pollTimeoutS } : {}) },
      silent: true,
      // A pause growing by 0.1 s per failure: an outage of minutes is noticed within seconds of
      // its end (the default doubling would wait as long as the outage lasted).
      retryInterval: 'quadratic',
      maxRetryTime: options.giveUpAfterMs ?? POLL_GIVE_UP_MS,
    },
  });
  let stopping = false;
  void handle.task()?.catch((error: unknown) => {
    if (stopping) return;
    const stop = explainPollingStop(error);
    logger.fatal({ err: error, reason: stop.reason }, stop.message);
    options.onPollingStopped?.(stop, error);
  });
  logger.info({ bot: bot.botInfo.username }, 'bot is polling for updates');
  return {
    stop: async () => {
      stopping = true;
      menu.abort();
      if (handle.isRunning()) await handle.stop();
    },
  };
}
