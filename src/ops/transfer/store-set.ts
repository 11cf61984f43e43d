// Every store the bot keeps, opened together on one backend: what export and import move.
import type { ArticleStore, ChatStore, ConversationStore, FeedListStore, FeedStateStore } from '../../store/stores.ts';

export interface StoreSet {
  /** Where it lives, for messages: a folder or a database address without its password. */
  readonly where: string;
  articles: ArticleStore;
  chats: ChatStore;
  conversations: ConversationStore<unknown>;
  feedList: FeedListStore;
  feedState: FeedStateStore;
  /** Writes what is pending and lets go of the backend (files, lock, connections). */
  close(): Promise<void>;
}

/** Opens a backend's stores; `replace` empties the destination first. */
export interface Backend {
  readonly where: string;
  open(): Promise<StoreSet>;
  /** Removes every stored record (not the schema), for an import or export with --replace. */
  empty(): Promise<void>;
}
