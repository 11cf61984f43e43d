// What the rest of the program may ask of storage: one interface per repository, implemented by
// the lowdb files under DATA_DIR (the embedded default) and by PostgreSQL (DATABASE_URL). Callers
// depend on these, never on a backend, so both behave the same (tests/store/contract/).
import type { VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import type { Article, ArticleMeta, ChatRecord, InactiveReason, Subscription } from '../domain.ts';
import type { FeedSource } from './feed-list.ts';
import type { FeedState } from './feed-state.ts';

export type Change = 'created' | 'updated' | 'unchanged';

/** Decides what to store for an incoming article, given what is stored (pure). */
export type MergeFn = (existing: ArticleMeta | undefined, incoming: Article) => { article: Article; change: Change };

export interface UpsertReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Articles another instance stored (created or updated) or removed. */
export interface ArticleChange {
  upserted: string[];
  removed: string[];
}

/** Makes an article's summaries again from its body: what `refreshSummaries` is given. */
export interface SummaryMaker {
  /** The stamp of the summariser `make` uses: articles already carrying it are left alone. */
  stamp: string;
  make(paragraphs: readonly string[]): { summary: string; digestLine: string };
}

/**
 * Articles a store summarises between two turns of the event loop while refreshing: summarising
 * a long story is not free, and readers' updates go in between.
 */
export const SUMMARIES_BETWEEN_TURNS = 4;

export interface SummaryRefreshReport {
  /** Articles whose summaries were made again. */
  refreshed: string[];
  /** Articles left as they were, with why (no body stored, or its file unreadable). */
  skipped: { id: string; reason: string }[];
}

/**
 * Runs a task on one instance of several (PostgreSQL: an advisory lock), or reports that another
 * instance holds the right to: the feed poll and the summary refresh.
 */
export type Exclusive = <T>(task: () => Promise<T>) => Promise<ExclusiveOutcome<T>>;
export type ExclusiveOutcome<T> = { ran: true; value: T } | { ran: false };

/** Articles: metadata answered from memory, bodies read when a reader opens one. */
export interface ArticleStore {
  readonly size: number;
  byId(id: string): ArticleMeta | undefined;
  all(): IterableIterator<ArticleMeta>;
  /** Full articles (not headlines), newest first, page order kept among equals. */
  latest(limit: number, offset?: number): ArticleMeta[];
  /** How many full articles there are (what /latest pages through). */
  readonly articleCount: number;
  /** The stored article with its paragraphs and summaries (empty for headlines). */
  get(id: string): Promise<Article | undefined>;
  /** Every article with its body (for rebuilding the search index and for export). */
  articlesWithBodies(): AsyncIterable<Article>;
  /** Stores a batch; concurrent batches never interleave and lose nothing. */
  upsertMany(incoming: Article[], merge: MergeFn): Promise<UpsertReport>;
  /**
   * Makes the summary and digest line of these full articles again from their stored bodies, where
   * their summary stamp is not the maker's. Nothing else changes: not updatedAt, not the content
   * hash, so the search index has nothing to re-index. Another instance serves the new summaries
   * once it hears of the change, which it does not report to `onChange` listeners.
   */
  refreshSummaries(ids: readonly string[], maker: SummaryMaker): Promise<SummaryRefreshReport>;
  /** Removes every article published before `day` (YYYY-MM-DD, UTC); returns the removed ids. */
  removePublishedBefore(day: string): Promise<string[]>;
  /** Resolves once every write queued so far is durable. */
  flush(): Promise<void>;
  /**
   * Hears about other instances' changes once this copy has them (a shared backend only; this
   * instance's own writes are not reported). Returns a function that stops listening.
   */
  onChange?(listener: (change: ArticleChange) => void): () => void;
}

/** Chats and their digest subscriptions and delivery markers. */
export interface ChatStore {
  /** From this instance's copy: current within moments of a change made by another instance. */
  get(chatId: number): ChatRecord | undefined;
  /** From the source of truth: for decisions another instance's change must not escape (digest markers). */
  fresh(chatId: number): Promise<ChatRecord | undefined>;
  all(): ChatRecord[];
  /** Chats with a subscription that delivers. */
  subscribed(): ChatRecord[];
  /** Applies a change to one chat (creating it when new) and resolves once it is durable. */
  update(chatId: number, change: (record: ChatRecord) => void, create?: Pick<ChatRecord, 'type' | 'title'>): Promise<ChatRecord | undefined>;
  subscribe(chatId: number, subscription: Subscription, chat: Pick<ChatRecord, 'type' | 'title'>, now: string): Promise<ChatRecord | undefined>;
  deactivate(chatId: number, reason: InactiveReason, now: string): Promise<ChatRecord | undefined>;
  /** Moves a chat to its new id (a group upgraded to a supergroup keeps its subscription). */
  migrate(fromId: number, toId: number): Promise<ChatRecord | undefined>;
  flush(): Promise<void>;
}

/** Conversation state (grammY conversations v2), kept across restarts. */
export interface ConversationStore<S> extends VersionedStateStorage<string, S> {
  /** Every stored conversation state by key (for export and import between backends). */
  entries(): Promise<Array<[key: string, state: VersionedState<S>]>>;
  flush(): Promise<void>;
}

/** The operator's feed list. */
export interface FeedListStore {
  all(): readonly FeedSource[];
  /** Adds a feed (false when the address is already listed) and resolves once it is durable. */
  add(feed: FeedSource): Promise<boolean>;
  /** Removes a feed by address; false when it was not listed. */
  remove(url: string): Promise<boolean>;
  flush(): Promise<void>;
}

/** The feeds' two stores, as the feed service takes them. */
export interface FeedStores {
  list: FeedListStore;
  state: FeedStateStore;
}

/** What the poller knows about each feed. */
export interface FeedStateStore {
  get(url: string): FeedState;
  /** Replaces a feed's state and resolves once it is durable. */
  set(url: string, state: FeedState): Promise<void>;
  /** Every item link the feeds carried at their last fetch, with its article id. */
  links(): Iterable<[link: string, id: string]>;
  /** Every feed's state by address (for export and import between backends). */
  entries(): Iterable<[url: string, state: FeedState]>;
  delete(url: string): Promise<void>;
  flush(): Promise<void>;
}

/**
 * One chat's updates handled by one instance at a time (PostgreSQL mode: several instances behind
 * a load balancer). Without it, each instance keeps its own chats in order (grammY's sequentialize).
 */
export interface ChatLock {
  run<T>(chatId: number, work: () => Promise<T>): Promise<T>;
}
