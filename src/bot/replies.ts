// Sending and editing the bot's standard messages: cards, lists, full text, related items.
import type { InlineKeyboard } from 'grammy';
import type { Article } from '../domain.ts';
import { type SnippetSource, snippet } from '../search/snippet.ts';
import { cleanDisplayText } from '../text/normalize.ts';
import type { Action } from '../callback-data.ts';
import type { BotContext, BotDeps } from './context.ts';
import { articleKeyboard } from './keyboards/article.ts';
import { listKeyboard, noResultsKeyboard, relatedKeyboard } from './keyboards/list.ts';
import { messages } from './messages.ts';
import { renderCard } from './render/card.ts';
import { renderFullText } from './render/full-text.ts';
import { escapeHtml, shortTitle } from '../render-html.ts';
import { type ListItem, renderList } from './render/list.ts';
import type { SearchMemory } from './search-memory.ts';
import type { RecentArticles } from './recent-articles.ts';
import { SnippetSources } from './snippet-sources.ts';
import { readOrSkip } from '../store/read-or-skip.ts';

/** Items per list page: five numbered buttons fit one row on a phone. */
export const PAGE_SIZE = 5;
/** Search results kept for paging: more than a reader will page through. */
const MAX_RESULTS = 50;
const HTML = { parse_mode: 'HTML' } as const;

/**
 * The page a paging button may still show: a button from a longer list (articles since removed
 * by retention, a forged offset) shows the last page rather than claim there is nothing.
 */
const pageWithin = (offset: number, total: number) => Math.min(offset, Math.max(0, Math.ceil(total / PAGE_SIZE) - 1) * PAGE_SIZE);

/** Replies, or edits the pressed message in place when the update is a button press. */
async function show(ctx: BotContext, text: string, reply_markup: InlineKeyboard, edit: boolean) {
  if (edit && ctx.callbackQuery?.message) {
    await ctx.editMessageText(text, { ...HTML, reply_markup }).catch((error: { description?: string }) => {
      // Pressing "next" twice quickly asks for the same page: nothing to change is fine.
      if (!String(error.description ?? '').includes('message is not modified')) throw error;
    });
    return;
  }
  await ctx.reply(text, { ...HTML, reply_markup, link_preview_options: { is_disabled: true } });
}

export function createReplies(deps: BotDeps, memory: SearchMemory, recent: RecentArticles) {
  const { library, timeZone } = deps;
  // A body that cannot be read (a body file damaged inside) costs its result the snippet, not the
  // whole page: the snippet comes from the title, and the damage is logged.
  const snippetSources = new SnippetSources((id) => readOrSkip(recent.get(id), id, deps.logger, 'snippet taken from its title'));

  async function latestPage(ctx: BotContext, asked: number, edit: boolean) {
    const total = library.articles.articleCount;
    const offset = pageWithin(asked, total);
    const items = library.articles.latest(PAGE_SIZE, offset);
    if (items.length === 0) return ctx.reply(messages.noArticles);
    const text = renderList(messages.latestTitle, items.map((article) => ({ article })), offset, timeZone);
    return show(ctx, text, listKeyboard(items, offset, total, PAGE_SIZE, (o): Action => ({ type: 'latest', offset: o })), edit);
  }

  async function searchPage(ctx: BotContext, typed: string, asked: number, edit: boolean) {
    // Echoed back to the reader: a right-to-left override typed into a query must not reorder the
    // reply, and a query of invisible characters alone is no query.
    const query = cleanDisplayText(typed);
    if (!query) return latestPage(ctx, 0, edit);
    const results = await library.search(query, MAX_RESULTS);
    if (results.length === 0) {
      return show(ctx, messages.noResults(escapeHtml(query)), noResultsKeyboard(), edit);
    }
    const offset = pageWithin(asked, results.length);
    const page = results.slice(offset, offset + PAGE_SIZE);
    const sources = await Promise.all(page.map(({ article }) => snippetSources.get(article)));
    const items: ListItem[] = page.map(({ article, hit }, i) => ({
      article,
      snippet: snippet(sources[i] as SnippetSource, hit.queryTerms),
    }));
    const key = memory.remember(query);
    const text = renderList(messages.searchTitle(escapeHtml(query)), items, offset, timeZone);
    const keyboard = listKeyboard(page.map((r) => r.article), offset, results.length, PAGE_SIZE, (o): Action => ({ type: 'search', key, offset: o }));
    return show(ctx, text, keyboard, edit);
  }

  async function card(ctx: BotContext, article: Article) {
    return ctx.reply(renderCard(article, timeZone), { ...HTML, reply_markup: articleKeyboard(article), link_preview_options: { is_disabled: true } });
  }

  async function fullText(ctx: BotContext, article: Article) {
    const parts = renderFullText(article);
    // A headline has no text (a replayed or forged button): its card says so and offers a search.
    if (parts.length === 0) return card(ctx, article);
    for (const part of parts) await ctx.reply(part, HTML);
  }

  async function related(ctx: BotContext, article: Article) {
    const items = await library.related(article);
    if (items.length === 0) return ctx.reply(messages.noRelated);
    return ctx.reply(messages.relatedTitle(escapeHtml(shortTitle(article.title))), { ...HTML, reply_markup: relatedKeyboard(items, article.id) });
  }

  return { latestPage, searchPage, card, fullText, related };
}

export type Replies = ReturnType<typeof createReplies>;
