// Buttons that lead from article to article: open a card, full text, related items, and
// "search for this headline" for items with no body.
import type { Actions } from '../actions.ts';
import type { BotContext } from '../context.ts';
import type { RecentArticles } from '../recent-articles.ts';
import { messages } from '../messages.ts';
import { shortTitle } from '../../render-html.ts';
import type { Replies } from '../replies.ts';

export function articleFeature(replies: Replies, recent: RecentArticles, actions: Actions): void {
  const load = async (ctx: BotContext, id: string) => {
    const article = await recent.get(id);
    if (!article) await ctx.answerCallbackQuery({ text: messages.articleMissing });
    return article;
  };

  actions.on('open', async (ctx, { id }) => {
    const article = await load(ctx, id);
    if (article) await replies.card(ctx, article);
  });
  actions.on('full', async (ctx, { id }) => {
    const article = await load(ctx, id);
    if (article) await replies.fullText(ctx, article);
  });
  actions.on('related', async (ctx, { id }) => {
    const article = await load(ctx, id);
    if (article) await replies.related(ctx, article);
  });
  actions.on('findHeadline', async (ctx, { id }) => {
    const article = await load(ctx, id);
    if (article) await replies.searchPage(ctx, shortTitle(article.title), 0, false);
  });
}
