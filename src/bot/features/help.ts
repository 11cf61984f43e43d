// /help: every command with an example.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => ctx.reply(messages.help(ctx.me.username), { parse_mode: 'HTML' }));
  return composer;
}
