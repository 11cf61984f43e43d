// Last in line: buttons nobody recognised (stale or forged) get a short notice, never an error;
// other private messages get a hint.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';

export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: messages.staleButton }));
  composer.chatType('private').on('message', (ctx) => ctx.reply(messages.help(ctx.me.username), { parse_mode: 'HTML' }));
  return composer;
}
