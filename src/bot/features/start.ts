// /start: the welcome, or an article opened by deep link (/start a_<id>).
import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.ts';
import type { RecentArticles } from '../recent-articles.ts';
import { messages } from '../messages.ts';
import { escapeHtml } from '../../render-html.ts';
import { readerName } from '../render/reader-name.ts';
import type { Replies } from '../replies.ts';

const DEEP_LINK = /^a_([A-Za-z0-9_-]{1,12})$/;

/** A deep link's article comes through `recent`, the bot's one cache of bodies (it was shared a moment ago). */
export function startFeature(deps: BotDeps, replies: Replies, recent: RecentArticles): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('start', async (ctx) => {
    const link = DEEP_LINK.exec(ctx.match.trim());
    if (link) {
      const article = await recent.get(link[1] as string);
      if (article) return replies.card(ctx, article);
      return ctx.reply(messages.articleMissing);
    }
    return ctx.reply(messages.welcome(escapeHtml(readerName(ctx.from, ''))), { parse_mode: 'HTML' });
  });
  return composer;
}
