import type { ConversationData, ConversationFlavor } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { FeedManager } from '../ingest/feeds/manager.ts';
import type { Library } from '../library.ts';
import type { Logger } from '../logger.ts';
import type { OpsDeps } from '../ops/stats.ts';
import type { ChatLock, ChatStore, ConversationStore } from '../store/stores.ts';

export type BotContext = ConversationFlavor<Context>;

/** What the bot's features need, passed in (no module-level singletons). */
export interface BotDeps {
  library: Library;
  chats: ChatStore;
  /** Where conversation state lives, so a restart resumes an unfinished /subscribe. */
  conversationStorage: ConversationStore<ConversationData>;
  /** Several instances (PostgreSQL): one chat's updates handled by one instance at a time. */
  chatLock?: ChatLock;
  logger: Logger;
  /** Time zone for dates on cards and the first choice for subscriptions (DEFAULT_TIMEZONE). */
  timeZone: string;
  /** Telegram user ids of operators (ADMIN_IDS): only they reach the operator commands. */
  adminIds?: readonly number[];
  /** Milliseconds since the epoch; Date.now unless a test moves time itself. */
  clock?: () => number;
  /** How long a subscription question waits for its answer; defaults to CONVERSATION_TIMEOUT_MS. */
  conversationTimeoutMs?: number;
  /** Feed sources, for the operators' /feeds commands (absent: the commands do not exist). */
  feeds?: FeedManager;
  /** Per-user flood protection; defaults to USER_BURST per USER_WINDOW_MS. */
  userRate?: { burst: number; windowMs: number };
  /** Telemetry and operator actions (/stats, /reload, /metrics); without it /stats shows what the store knows. */
  ops?: OpsDeps;
}
