// Conversation state (grammY conversations v2) in its own lowdb file, so that a restart in the
// middle of a conversation resumes it where the reader left off.
import { join } from 'node:path';
import type { VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import type { Low } from 'lowdb';
import { SerialQueue } from './serial.ts';
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
  readonly #writes = new SerialQueue();

  private constructor(db: Low<ConversationsFile>) {
    this.#db = db;
  }

  static async open<S>(dataDir: string): Promise<ConversationStorage<S>> {
    return new ConversationStorage<S>(await openVersionedFile(join(dataDir, CONVERSATIONS_FILE), schema));
  }

  read(key: string): VersionedState<S> | undefined {
    return this.#db.data.states[key] as VersionedState<S> | undefined;
  }

  write(key: string, state: VersionedState<S>): Promise<void> {
    return this.#writes.run(async () => {
      this.#db.data.states[key] = state as VersionedState<unknown>;
      await this.#db.write();
    });
  }

  delete(key: string): Promise<void> {
    return this.#writes.run(async () => {
      if (!(key in this.#db.data.states)) return;
      delete this.#db.data.states[key];
      await this.#db.write();
    });
  }

  flush(): Promise<void> {
    return this.#writes.idle();
  }
}
