// Inline mode: "@bot words" in any chat offers matching articles; an empty query offers the latest.
import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { ArticleMeta } from '../../domain.ts';
import type { BotContext, BotDeps } from '../context.ts';
import type { RecentArticles } from '../recent-articles.ts';
import { inlineArticleKeyboard } from '../keyboards/article.ts';
import { renderCard } from '../render/card.ts';
import { cleanDisplayText } from '../../text/normalize.ts';
import { shortTitle, truncate } from '../../render-html.ts';
import { MAX_QUERY_CHARS } from './search.ts';
import { readOrSkip } from '../../store/read-or-skip.ts';

/** Results per answer: Telegram shows about this many without scrolling. */
const INLINE_RESULTS = 20;
/** Seconds Telegram may reuse an answer: short, news changes. */
const CACHE_SECONDS = 30;
/** Characters of summary under each result's title. */
const DESCRIPTION_CHARS = 120;

/** Bodies come through `recent`, the bot's one cache of them: the articles shared are those just found. */
export function inlineFeature(deps: BotDeps, recent: RecentArticles): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const cleaned = cleanDisplayText(ctx.inlineQuery.query).slice(0, MAX_QUERY_CHARS);
    // A trailing space is kept: it says the last word is complete, not half-typed.
    const query = /\s$/.test(ctx.inlineQuery.query) ? `${cleaned} ` : cleaned;
    const found: ArticleMeta[] = cleaned
      ? (await deps.library.search(query, INLINE_RESULTS, true)).map((r) => r.article)
      : deps.library.articles.latest(INLINE_RESULTS);
    const results: InlineQueryResultArticle[] = [];
    // An article that cannot be read (a body file damaged inside) is left out, not the answer.
    const articles = await Promise.all(found.map((meta) => readOrSkip(recent.get(meta.id), meta.id, deps.logger, 'left out of the inline results')));
    for (const article of articles) {
      if (!article) continue;
      results.push({
        type: 'article',
        id: article.id,
        title: shortTitle(article.title),
        description: truncate(article.summary || article.source || '', DESCRIPTION_CHARS),
        input_message_content: { message_text: renderCard(article, deps.timeZone), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        reply_markup: inlineArticleKeyboard(article, ctx.me.username),
      });
    }
    await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS });
  });
  return composer;
}
