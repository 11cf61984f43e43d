// Chats and their digest subscriptions, in a lowdb file of their own: a subscription change never
// rewrites the article corpus. Every update is serialised and written before it resolves.
import type { ChatStore } from './stores.ts';
import type { Low } from 'lowdb';
import type { ChatRecord, InactiveReason, Subscription } from '../domain.ts';
import { deactivating, migrated, newChat, subscribing } from './chat-changes.ts';
import { type GroupCommit, openCommittedFile, type WriteOptions } from './durable-write.ts';
import { type FileSchema, isRecord } from './versioned-file.ts';
import { parseClock } from '../time.ts';

export const CHATS_FILE = 'chats.json';
const CHATS_VERSION = 1;

interface ChatsFile {
  version: number;
  chats: Record<string, ChatRecord>;
}

const schema: FileSchema<ChatsFile> = {
  what: 'chats',
  version: CHATS_VERSION,
  empty: () => ({ version: CHATS_VERSION, chats: {} }),
  check: (doc) => {
    const chats = doc.chats;
    if (!isRecord(chats)) return '"chats" is not an object';
    for (const [id, c] of Object.entries(chats)) {
      const problem = chatProblem(id, c);
      if (problem) return `chat "${id}" ${problem}`;
    }
    return undefined;
  },
};

/** What is wrong with the chat record kept under `id`, if anything: for the file and for PostgreSQL rows. */
export function chatProblem(id: string, record: unknown): string | undefined {
  const c = record as Partial<ChatRecord> | null | undefined;
  if (c?.chatId !== Number(id)) return 'does not carry its own id';
  const problem = c.subscription === undefined ? undefined : subscriptionProblem(c.subscription);
  return problem && `has a damaged subscription: ${problem}`;
}

/**
 * What is wrong with a subscription read from the file, if anything: a record damaged by hand (a
 * time that is not HH:MM, topics that are not a list) is refused at start, naming the chat.
 */
function subscriptionProblem(sub: unknown): string | undefined {
  if (typeof sub !== 'object' || sub === null) return 'not an object';
  const { time, timeZone, topics, size } = sub as Partial<Record<keyof Subscription, unknown>>;
  if (typeof time !== 'string' || parseClock(time) !== time) return `"time" ${JSON.stringify(time)} is not HH:MM`;
  // A zone name this runtime's time-zone data lacks is not damage: the schedule logs and skips it.
  if (typeof timeZone !== 'string' || timeZone === '') return `"timeZone" ${JSON.stringify(timeZone)} is not a time zone`;
  if (!Array.isArray(topics) || !topics.every((t) => typeof t === 'string')) return '"topics" is not a list of words';
  if (typeof size !== 'number') return '"size" is not a number';
  return undefined;
}

export class ChatRepository implements ChatStore {
  readonly #db: Low<ChatsFile>;
  readonly #commit: GroupCommit;

  private constructor(db: Low<ChatsFile>, commit: GroupCommit) {
    this.#db = db;
    this.#commit = commit;
  }

  /** `options.logger` hears about failed writes (each is retried; see durable-write). */
  static async open(dataDir: string, options: WriteOptions = {}): Promise<ChatRepository> {
    const { db, commit } = await openCommittedFile(dataDir, CHATS_FILE, schema, options);
    return new ChatRepository(db, commit);
  }

  get(chatId: number): ChatRecord | undefined {
    return this.#db.data.chats[String(chatId)];
  }

  /** This process is the only writer of its DATA_DIR (the data lock), so memory is the truth. */
  fresh(chatId: number): Promise<ChatRecord | undefined> {
    return Promise.resolve(this.get(chatId));
  }

  all(): ChatRecord[] {
    return Object.values(this.#db.data.chats);
  }

  /** Chats with a subscription that delivers. */
  subscribed(): ChatRecord[] {
    return this.all().filter((c) => c.subscription && !c.inactive);
  }

  /**
   * Group commit: changes apply in memory at once (synchronously, so none interleave), and each
   * caller resolves when a write that began after its change is on disk. A burst of digest markers
   * costs a few file writes instead of one each, and none is acknowledged before it is durable.
   */
  #persist(): Promise<void> {
    return this.#commit.request();
  }

  /** Applies a change to one chat (creating it when new) and resolves once it is on disk. */
  async update(chatId: number, change: (record: ChatRecord) => void, create?: Pick<ChatRecord, 'type' | 'title'>): Promise<ChatRecord | undefined> {
    const key = String(chatId);
    let record = this.#db.data.chats[key];
    if (!record) {
      if (!create) return undefined;
      record = newChat(chatId, create);
      this.#db.data.chats[key] = record;
    }
    change(record);
    await this.#persist();
    return record;
  }

  subscribe(chatId: number, subscription: Subscription, chat: Pick<ChatRecord, 'type' | 'title'>, now: string): Promise<ChatRecord | undefined> {
    return this.update(chatId, subscribing(subscription, now), chat);
  }

  deactivate(chatId: number, reason: InactiveReason, now: string): Promise<ChatRecord | undefined> {
    return this.update(chatId, deactivating(reason, now));
  }

  /** Moves a chat to its new id (a group upgraded to a supergroup keeps its subscription). */
  async migrate(fromId: number, toId: number): Promise<ChatRecord | undefined> {
    const record = this.#db.data.chats[String(fromId)];
    if (!record) return undefined;
    delete this.#db.data.chats[String(fromId)];
    const moved = migrated(record, toId);
    this.#db.data.chats[String(toId)] = moved;
    await this.#persist();
    return moved;
  }

  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
