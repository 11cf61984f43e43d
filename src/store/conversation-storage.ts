// Conversation state (grammY conversations v2) in its own lowdb file, so that a restart in the
// middle of a conversation resumes it where the reader left off.
import { join } from 'node:path';
import type { VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import type { Low } from 'lowdb';
import { GroupCommit, type WriteOptions } from './durable-write.ts';
import { type FileSchema, openVersionedFile } from './versioned-file.ts';

export const CONVERSATIONS_FILE = 'conversations.json';
const FILE_VERSION = 1;

interface ConversationsFile {
  version: number;
  states: Record<string, VersionedState<unknown>>;
}

const schema: FileSchema<ConversationsFile> = {
  what: 'conversations',
  version: FILE_VERSION,
  empty: () => ({ version: FILE_VERSION, states: {} }),
  check: (doc) => (typeof doc.states === 'object' && doc.states !== null && !Array.isArray(doc.states) ? undefined : '"states" is not an object'),
};

export class ConversationStorage<S> implements VersionedStateStorage<string, S> {
  readonly #db: Low<ConversationsFile>;
  readonly #commit: GroupCommit;

  private constructor(db: Low<ConversationsFile>, path: string, options: WriteOptions) {
    this.#db = db;
    this.#commit = new GroupCommit(() => db.write(), path, options);
  }

  static async open<S>(dataDir: string, options: WriteOptions = {}): Promise<ConversationStorage<S>> {
    const path = join(dataDir, CONVERSATIONS_FILE);
    return new ConversationStorage<S>(await openVersionedFile(path, schema), path, options);
  }

  read(key: string): VersionedState<S> | undefined {
    return this.#db.data.states[key] as VersionedState<S> | undefined;
  }

  /** Changes apply in memory at once and join the file's next group write. */
  write(key: string, state: VersionedState<S>): Promise<void> {
    this.#db.data.states[key] = state as VersionedState<unknown>;
    return this.#commit.request();
  }

  async delete(key: string): Promise<void> {
    if (!(key in this.#db.data.states)) return;
    delete this.#db.data.states[key];
    await this.#commit.request();
  }

  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
