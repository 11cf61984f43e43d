import type { Context } from 'grammy';
import type { Library } from '../library.ts';
import type { Logger } from '../logger.ts';

export type BotContext = Context;

/** What the bot's features need, passed in (no module-level singletons). */
export interface BotDeps {
  library: Library;
  logger: Logger;
  /** Time zone for dates on cards (DEFAULT_TIMEZONE). */
  timeZone: string;
  /** Per-user flood protection; defaults to USER_BURST per USER_WINDOW_MS. */
  userRate?: { burst: number; windowMs: number };
}
