// /feeds, /feeds add URL, /feeds remove N: operators manage the feed sources. For everyone else
// the command does not exist (forOperators passes the update on to the unknown-command reply).
import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.ts';
import { feedMessages } from '../messages.ts';
import { forOperators } from '../operators.ts';
import { arabicDigits, escapeHtml } from '../../render-html.ts';
import { renderFeedList } from '../render/feeds.ts';

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

export function feedsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feeds = deps.feeds;
  if (!feeds) return composer;
  forOperators(composer, deps.adminIds ?? []).command('feeds', async (ctx) => {
    const [verb, ...rest] = ctx.match.trim().split(/\s+/);
    const argument = rest.join(' ');
    if (!verb) {
      for (const text of renderFeedList(feeds.list(), deps.timeZone)) await ctx.reply(text, HTML);
      return;
    }
    if (verb === 'add' && argument) {
      const result = await feeds.add(argument, () => ctx.reply(feedMessages.checking(escapeHtml(argument)), HTML));
      if (result.ok) {
        const { report } = result;
        await ctx.reply(feedMessages.added(escapeHtml(report.title ?? feedMessages.addedUntitled), arabicDigits(report.items), arabicDigits(report.new)), HTML);
      } else if (result.reason === 'invalid') {
        await ctx.reply(feedMessages.invalidUrl(escapeHtml(result.detail)), HTML);
      } else if (result.reason === 'exists') {
        await ctx.reply(feedMessages.exists, HTML);
      } else {
        await ctx.reply(feedMessages.unreadable(escapeHtml(result.detail)), HTML);
      }
      return;
    }
    if (verb === 'remove' && /^[0-9٠-٩]+$/.test(argument)) {
      const n = Number(argument.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)));
      const result = await feeds.remove(n);
      if (result.ok) await ctx.reply(feedMessages.removed(escapeHtml(result.source.url)), HTML);
      else if (result.reason === 'from-env') await ctx.reply(feedMessages.cannotRemoveEnv, HTML);
      else {
        const count = feeds.list().length;
        await ctx.reply(count > 0 ? feedMessages.noSuchFeed(arabicDigits(count)) : feedMessages.none, HTML);
      }
      return;
    }
    await ctx.reply(feedMessages.usage, HTML);
  });
  return composer;
}
