// /stats and /reload for operators (ADMIN_IDS, private chat). For anyone else the commands do not
// exist and the update passes on to the ordinary replies, except for an anonymous group admin:
// Telegram hides who they are, so they are told why the command cannot work there.
import { Composer } from 'grammy';
import { gatherStats } from '../../ops/stats.ts';
import type { IngestCounts } from '../../ops/telemetry.ts';
import type { BotContext, BotDeps } from '../context.ts';
import { messages } from '../messages.ts';
import { escapeHtml } from '../../render-html.ts';
import { renderReload, renderStats } from '../render/stats.ts';
import { forOperators, isAnonymousAdmin } from '../operators.ts';

const OPERATOR_COMMANDS = ['stats', 'reload'];

export function operatorFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const operators = forOperators(composer, deps.adminIds ?? []);

  operators.command('stats', async (ctx) => {
    const articles = deps.library.articles;
    const stats = await gatherStats(
      {
        store: { items: articles.size, articles: articles.articleCount },
        chats: deps.chats.all(),
        ...(deps.library.indexedDocuments !== undefined ? { indexedDocuments: deps.library.indexedDocuments } : {}),
      },
      deps.ops,
    );
    return ctx.reply(renderStats(stats, deps.timeZone), { parse_mode: 'HTML' });
  });

  // Two /reload at once share one rescan: ingestion is idempotent, and one pass is enough.
  let reloading: Promise<IngestCounts> | undefined;
  operators.command('reload', async (ctx) => {
    const reload = deps.ops?.reloadSeeds;
    if (!reload) return ctx.reply(messages.operator.reloadUnavailable);
    reloading ??= reload().finally(() => (reloading = undefined));
    let counts: IngestCounts;
    try {
      counts = await reloading;
    } catch (error) {
      deps.logger.error({ err: error }, 'seed rescan failed');
      return ctx.reply(messages.operator.reloadFailed(escapeHtml((error as Error).message)), { parse_mode: 'HTML' });
    }
    return ctx.reply(renderReload(counts), { parse_mode: 'HTML' });
  });

  composer.filter(isAnonymousAdmin).command(OPERATOR_COMMANDS, (ctx) => ctx.reply(messages.operator.anonymousAdmin));
  return composer;
}
