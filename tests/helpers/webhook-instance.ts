// A real bot process in webhook mode (PORT=0: it logs the port it got), for tests and benchmarks
// that put one or several instances behind the emulator, which plays the load balancer.
import { type BotProcess, spawnBot } from './bot-process.ts';

export const WEBHOOK_SECRET = 'khulasa_webhook-secret_0123456789';
/** Public address, never contacted: the emulator forwards to the instances' ports. */
export const WEBHOOK_HOOK = 'https://khulasa.example.test/telegram/hook';

export interface WebhookInstance {
  bot: BotProcess;
  /** http://127.0.0.1:port, what the emulator delivers to. */
  origin: string;
}

/** Starts the bot with WEBHOOK_URL, WEBHOOK_SECRET and PORT=0 on top of `env`; resolves once it serves. */
export async function startWebhookInstance(env: Record<string, string>, timeoutMs = 60_000): Promise<WebhookInstance> {
  const bot = spawnBot({ WEBHOOK_URL: WEBHOOK_HOOK, WEBHOOK_SECRET, PORT: '0', ...env });
  await bot.waitFor('bot is receiving updates by webhook', 'the webhook server to start', timeoutMs);
  const port = /"port":(\d+)[^\n]*bot is receiving updates by webhook/.exec(bot.output())?.[1];
  if (!port) throw new Error(`no port in the bot's output:\n${bot.output().slice(-2000)}`);
  return { bot, origin: `http://127.0.0.1:${port}` };
}
