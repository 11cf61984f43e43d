// Conversation state (grammY conversations v2) in its own lowdb file, so that a restart in the
// middle of a conversation resumes it where the reader left off. State nobody came back to is
// pruned, so the file holds only conversations that may still continue.
import type { VersionedState } from '@grammyjs/conversations';
import type { ConversationStore } from './stores.ts';
import type { Low } from 'lowdb';
import { type GroupCommit, openCommittedFile, type WriteOptions } from './durable-write.ts';
import { type FileSchema, isRecord } from './versioned-file.ts';

export const CONVERSATIONS_FILE = 'conversations.json';
const FILE_VERSION = 1;
/**
 * Milliseconds after its last write that a conversation's state is dropped: it timed out long
 * before (the bot's CONVERSATION_TIMEOUT_MS) and no update from its chat came to end it.
 */
export const STALE_STATE_MS = 24 * 3_600_000;

interface ConversationsFile {
  version: number;
  states: Record<string, VersionedState<unknown>>;
  /** When each state was last written (ms since the epoch); absent in files written before pruning. */
  savedAt?: Record<string, number>;
}

const schema: FileSchema<ConversationsFile> = {
  what: 'conversations',
  version: FILE_VERSION,
  empty: () => ({ version: FILE_VERSION, states: {} }),
  check: (doc) => {
    if (!isRecord(doc.states)) return '"states" is not an object';
    // What the conversations plugin reads: a damaged one would fail every update of its chat.
    for (const [key, entry] of Object.entries(doc.states)) {
      const problem = conversationStateProblem(entry);
      if (problem) return `the state of chat "${key}" ${problem}`;
    }
    return undefined;
  },
};

/** What is wrong with one stored conversation state, if anything: for the file and for PostgreSQL rows. */
export function conversationStateProblem(entry: unknown): string | undefined {
  const whole = isRecord(entry) && Array.isArray(entry.version) && isRecord(entry.state) && Object.values(entry.state).every(Array.isArray);
  return whole ? undefined : 'is not a conversation\'s ({"version":[…],"state":{…}})';
}

export interface StorageOptions extends WriteOptions {
  /** Milliseconds since the epoch; Date.now unless a test moves time. */
  clock?: () => number;
  staleMs?: number;
}

export class ConversationStorage<S> implements ConversationStore<S> {
  readonly #db: Low<ConversationsFile>;
  readonly #commit: GroupCommit;
  readonly #clock: () => number;
  readonly #staleMs: number;

  private constructor(db: Low<ConversationsFile>, commit: GroupCommit, options: StorageOptions) {
    this.#db = db;
    this.#commit = commit;
    this.#clock = options.clock ?? Date.now;
    this.#staleMs = options.staleMs ?? STALE_STATE_MS;
  }

  static async open<S>(dataDir: string, options: StorageOptions = {}): Promise<ConversationStorage<S>> {
    const { db, commit } = await openCommittedFile(dataDir, CONVERSATIONS_FILE, schema, options);
    const storage = new ConversationStorage<S>(db, commit, options);
    if (storage.#prune()) await storage.#commit.request();
    return storage;
  }

  /** Drops states written more than staleMs ago; true when the file's content changed. */
  #prune(): boolean {
    const data = this.#db.data;
    const savedAt = (data.savedAt ??= {});
    const now = this.#clock();
    let changed = false;
    for (const key of Object.keys(data.states)) {
      // A state from a file written before pruning existed counts from now: the full grace.
      if (savedAt[key] === undefined) {
        savedAt[key] = now;
        changed = true;
      }
      if (now - savedAt[key] <= this.#staleMs) continue;
      delete data.states[key];
      delete savedAt[key];
      changed = true;
    }
    return changed;
  }

  read(key: string): VersionedState<S> | undefined {
    return this.#db.data.states[key] as VersionedState<S> | undefined;
  }

  entries(): Promise<Array<[key: string, state: VersionedState<S>]>> {
    return Promise.resolve(Object.entries(this.#db.data.states) as Array<[string, VersionedState<S>]>);
  }

  /** Changes apply in memory at once and join the file's next group write. */
  write(key: string, state: VersionedState<S>): Promise<void> {
    this.#db.data.states[key] = state as VersionedState<unknown>;
    (this.#db.data.savedAt ??= {})[key] = this.#clock();
    this.#prune();
    return this.#commit.request();
  }

  async delete(key: string): Promise<void> {
    if (!(key in this.#db.data.states)) return;
    delete this.#db.data.states[key];
    delete this.#db.data.savedAt?.[key];
    await this.#commit.request();
  }

  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
