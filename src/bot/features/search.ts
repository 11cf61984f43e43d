// /search, plain words in a private chat, mentions and replies in groups, and result paging.
import { Composer } from 'grammy';
import type { Actions } from '../actions.ts';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';
import type { Replies } from '../replies.ts';
import type { SearchMemory } from '../search-memory.ts';

/** Characters: longer than any headline; a pasted article is not a search. */
export const MAX_QUERY_CHARS = 200;

function mentionsBot(ctx: BotContext): boolean {
  const text = ctx.message?.text ?? '';
  return (ctx.message?.entities ?? []).some(
    (e) => e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === ctx.me.username.toLowerCase(),
  );
}

const repliesToBot = (ctx: BotContext) => ctx.message?.reply_to_message?.from?.id === ctx.me.id;

/** The words of a message addressed to the bot, without the @mention. */
function wordsOf(ctx: BotContext): string {
  return (ctx.message?.text ?? '').replace(new RegExp(`@${ctx.me.username}\\b`, 'gi'), ' ').replace(/\s+/g, ' ').trim();
}

/** The /search command, the words a reader types (private chat, or addressed to the bot), and paging. */
export function searchFeature(replies: Replies, memory: SearchMemory, actions: Actions): { command: Composer<BotContext>; words: Composer<BotContext> } {
  const command = new Composer<BotContext>();
  const words = new Composer<BotContext>();

  const run = async (ctx: BotContext, query: string) => {
    if (query.length > MAX_QUERY_CHARS) return ctx.reply(messages.queryTooLong(MAX_QUERY_CHARS));
    return replies.searchPage(ctx, query, 0, false);
  };

  command.command('search', (ctx) => {
    const query = ctx.match.trim();
    if (!query) {
      return ctx.reply(messages.askSearchWords, {
        parse_mode: 'HTML',
        reply_markup: { force_reply: true, input_field_placeholder: messages.searchPlaceholder, selective: true },
      });
    }
    return run(ctx, query);
  });

  // Private chat: any words are a search. Groups: only words addressed to the bot.
  words.on('message:text').filter(
    (ctx) => !ctx.message.text.startsWith('/') && (ctx.chat.type === 'private' || mentionsBot(ctx) || repliesToBot(ctx)),
    (ctx) => {
      const query = wordsOf(ctx);
      return query ? run(ctx, query) : replies.latestPage(ctx, 0, false);
    },
  );

  actions.on('search', async (ctx, action) => {
    const query = memory.recall(action.key);
    if (query === undefined) return ctx.answerCallbackQuery({ text: messages.staleButton });
    return replies.searchPage(ctx, query, action.offset, true);
  });
  return { command, words };
}
