// /latest and its paging buttons.
import { Composer } from 'grammy';
import type { Actions } from '../actions.ts';
import type { BotContext } from '../context.ts';
import type { Replies } from '../replies.ts';

export function latestFeature(replies: Replies, actions: Actions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('latest', (ctx) => replies.latestPage(ctx, 0, false));
  // A button edits its own message in place: a no-results notice becomes the list of latest news.
  actions.on('latest', (ctx, action) => replies.latestPage(ctx, action.offset, true));
  return composer;
}
