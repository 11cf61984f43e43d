// Starting a created bot in webhook mode: Telegram POSTs each update to WEBHOOK_URL (through the
// operator's TLS proxy) and node's own http server hands it to grammY's webhookCallback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bot, BotError, webhookCallback } from 'grammy';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import { setCommandMenus } from './command-menu.ts';
import { BotStartError, identify, type RunningBot } from './start-bot.ts';

/**
 * Milliseconds an update may take before its request is answered anyway (200) while the
 * handler goes on. grammY's default answers 500 after 10 s, and Telegram then sends the same
 * update again: a slow /feeds add (a feed may take FEED_TIMEOUT_MS) would run twice.
 */
export const WEBHOOK_ANSWER_MS = 5_000;

export interface WebhookOptions {
  /** The public https address Telegram posts to; the server answers at its path. */
  url: string;
  secret: string;
  port: number;
  host: string;
  answerWithinMs?: number;
  /** ADMIN_IDS: their private chats get the operators' command menu. */
  operatorIds?: readonly number[];
}

export interface RunningWebhook extends RunningBot {
  /** Where the server listens (the port is the real one when PORT was 0). */
  address: { host: string; port: number };
}

/** Promises still running, so that stopping waits for every one of them. */
function tracker() {
  const running = new Set<Promise<unknown>>();
  return {
    add<T>(p: Promise<T>): Promise<T> {
      running.add(p);
      void p.then(() => running.delete(p), () => running.delete(p));
      return p;
    },
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new BotStartError(`cannot listen for webhook requests on ${host}:${port} (${error.code ?? error.message}); choose another PORT or WEBHOOK_LISTEN_HOST.`)));
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export async function startWebhook(bot: Bot<BotContext>, logger: Logger, options: WebhookOptions): Promise<RunningWebhook> {
  bot.botInfo = await identify(bot, logger);
  const menu = new AbortController();
  setCommandMenus(bot.api, options.operatorIds ?? [], menu.signal, logger);

  // An update may outlive its request (answered at answerWithinMs): shutdown waits for both.
  const updates = tracker();
  const requests = tracker();
  const handleUpdate = bot.handleUpdate.bind(bot);
  // grammY hands a failing update to bot.catch only under bot.start(): here the request would be
  // answered 400, and Telegram would send the update again and hold its chat's next ones behind it.
  const handled = (update: Parameters<typeof handleUpdate>[0], reply?: Parameters<typeof handleUpdate>[1]) =>
    handleUpdate(update, reply).catch(async (error: unknown) => {
      if (!(error instanceof BotError)) throw error;
      await bot.errorHandler(error);
    });
  bot.handleUpdate = (update, reply) => updates.add(handled(update, reply));
  // webhookCallback checks X-Telegram-Bot-Api-Secret-Token before reading the body: a wrong or
  // missing secret gets 401 and the update is never looked at.
  const callback = webhookCallback(bot, 'http', { secretToken: options.secret, onTimeout: 'return', timeoutMilliseconds: options.answerWithinMs ?? WEBHOOK_ANSWER_MS });
  const path = new URL(options.url).pathname;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (new URL(req.url ?? '/', 'http://bot').pathname !== path) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    try {
      await callback(req, res);
    } catch (error) {
      // Only a body that is not an update gets here: failing updates went to bot.catch above.
      logger.warn({ err: error }, 'webhook request refused');
      if (!res.headersSent) res.writeHead(400).end();
    }
  };
  const server = createServer((req, res) => void requests.add(serve(req, res)));
  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
    await bot.api.setWebhook(options.url, { secret_token: options.secret, allowed_updates: [...ALLOWED_UPDATES] }).catch((error: Error) => {
      throw new BotStartError(`Telegram refused the webhook ${options.url} (${error.message}); check WEBHOOK_URL.`);
    });
  } catch (error) {
    // A failed start leaves nothing running: no server, no command menu retried in the background.
    menu.abort();
    server.close();
    throw error;
  }
  logger.info({ bot: bot.botInfo.username, url: options.url, host: options.host, port: address.port }, 'bot is receiving updates by webhook');

  return {
    address: { host: options.host, port: address.port },
    stop: async () => {
      menu.abort();
      // The webhook stays set: Telegram keeps the updates that arrive meanwhile for the next start.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await requests.idle();
      await updates.idle();
      server.closeAllConnections();
      await closed;
    },
  };
}
