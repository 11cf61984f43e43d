// Chats in PostgreSQL. The sync getters answer from this instance's copy, loaded at open and kept
// current by notifications on khulasa_chats; every change runs on the row read FOR UPDATE in a
// transaction (never on the copy, which another instance may have outdated) and resolves once
// committed. Rows carry a version from one sequence, so the copy never goes back to an older read.
import type pg from 'pg';
import type { ChatRecord, InactiveReason, Subscription } from '../../domain.ts';
import type { Logger } from '../../logger.ts';
import { deactivating, migrated, newChat, subscribing } from '../chat-changes.ts';
import { chatProblem } from '../chat-repository.ts';
import type { StoreError } from '../errors.ts';
import { checked, REPAIR_AND_RESTART, REPAIR_WHILE_RUNNING } from './damaged-row.ts';
import type { ChatStore } from '../stores.ts';
import { listen, type Listener } from './listen.ts';
import { PendingWrites } from './pending.ts';
import { inTransaction } from './transaction.ts';

export const CHATS_CHANNEL = 'khulasa_chats';
/** The payload's version for a chat that no longer exists (moved to its supergroup id). */
const GONE = 'gone';

interface Copy {
  record: ChatRecord;
  version: bigint;
}

interface Row {
  record: ChatRecord;
  version: string;
}

/** A row as read, its record checked as the chats file checks each chat: a damaged one is a StoreError naming it. */
function checkedRow(chatId: number, row: { record: unknown; version: string }, advice = REPAIR_WHILE_RUNNING): Row {
  const record = checked<ChatRecord>(row.record, (r) => chatProblem(String(chatId), r), { table: 'chats', row: String(chatId), column: 'record', advice });
  return { record, version: row.version };
}

const forUpdate = async (client: pg.PoolClient, chatId: number): Promise<Row | undefined> => {
  const row = (await client.query<{ record: unknown; version: string }>('SELECT record, version FROM chats WHERE chat_id = $1 FOR UPDATE', [chatId])).rows[0];
  return row && checkedRow(chatId, row);
};

const notify = (client: pg.PoolClient, chatId: number, version: string) => client.query('SELECT pg_notify($1, $2)', [CHATS_CHANNEL, `${chatId}:${version}`]);

export class PgChatStore implements ChatStore {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #copy = new Map<number, Copy>();
  readonly #writes = new PendingWrites();
  #listener: Listener | undefined;

  private constructor(pool: pg.Pool, logger: Logger) {
    this.#pool = pool;
    this.#logger = logger;
  }

  /** Listens first, then loads: a change committed in between is heard, never missed. */
  static async open(pool: pg.Pool, logger: Logger): Promise<PgChatStore> {
    const store = new PgChatStore(pool, logger);
    let loaded = false;
    const catchUp = () => store.#reload().catch((error: unknown) => logger.warn({ err: error }, 'could not reload the chats after reconnecting'));
    store.#listener = listen(pool, CHATS_CHANNEL, (payload) => store.#heard(payload), logger, { onConnect: () => void (loaded && catchUp()) });
    try {
      await store.#listener.ready;
      await store.#reload(REPAIR_AND_RESTART);
    } catch (error) {
      await store.#listener.close();
      throw error;
    }
    loaded = true;
    return store;
  }

  get(chatId: number): ChatRecord | undefined {
    return this.#copy.get(chatId)?.record;
  }

  async fresh(chatId: number): Promise<ChatRecord | undefined> {
    return this.#refresh(chatId);
  }

  all(): ChatRecord[] {
    return [...this.#copy.values()].map((c) => c.record);
  }

  subscribed(): ChatRecord[] {
    return this.all().filter((c) => c.subscription && !c.inactive);
  }

  update(chatId: number, change: (record: ChatRecord) => void, create?: Pick<ChatRecord, 'type' | 'title'>): Promise<ChatRecord | undefined> {
    return this.#write(chatId, async (client) => {
      let row = await forUpdate(client, chatId);
      if (!row && create) {
        // Two instances creating one chat at once: the second insert waits for the first and yields.
        await client.query('INSERT INTO chats (chat_id, record) VALUES ($1, $2::jsonb) ON CONFLICT (chat_id) DO NOTHING', [chatId, JSON.stringify(newChat(chatId, create))]);
        row = await forUpdate(client, chatId);
      }
      if (!row) return undefined;
      change(row.record);
      const { rows } = await client.query<{ version: string }>("UPDATE chats SET record = $2::jsonb, version = nextval('chat_versions'), updated_at = now() WHERE chat_id = $1 RETURNING version", [chatId, JSON.stringify(row.record)]);
      const version = (rows[0] as { version: string }).version;
      await notify(client, chatId, version);
      return { chatId, record: row.record, version };
    });
  }

  subscribe(chatId: number, subscription: Subscription, chat: Pick<ChatRecord, 'type' | 'title'>, now: string): Promise<ChatRecord | undefined> {
    return this.update(chatId, subscribing(subscription, now), chat);
  }

  deactivate(chatId: number, reason: InactiveReason, now: string): Promise<ChatRecord | undefined> {
    return this.update(chatId, deactivating(reason, now));
  }

  /** In one transaction: nobody sees the chat under both ids, or under neither. */
  async migrate(fromId: number, toId: number): Promise<ChatRecord | undefined> {
    const moved = await this.#write(toId, async (client) => {
      const row = await forUpdate(client, fromId);
      if (!row) return undefined;
      const record = migrated(row.record, toId);
      await client.query('DELETE FROM chats WHERE chat_id = $1', [fromId]);
      const { rows } = await client.query<{ version: string }>(
        `INSERT INTO chats (chat_id, record) VALUES ($1, $2::jsonb)
         ON CONFLICT (chat_id) DO UPDATE SET record = EXCLUDED.record, version = nextval('chat_versions'), updated_at = now()
         RETURNING version`,
        [toId, JSON.stringify(record)],
      );
      const version = (rows[0] as { version: string }).version;
      await notify(client, fromId, GONE);
      await notify(client, toId, version);
      return { chatId: toId, record, version };
    });
    if (moved) this.#copy.delete(fromId);
    return moved;
  }

  /** Writes resolve once committed; this waits for the ones still running. */
  async flush(): Promise<void> {
    await this.#writes.settled();
  }

  /** Waits for running writes, then stops listening (before the pool closes). */
  async close(): Promise<void> {
    await this.flush();
    await this.#listener?.close();
  }

  #write(chatId: number, work: (client: pg.PoolClient) => Promise<{ chatId: number; record: ChatRecord; version: string } | undefined>): Promise<ChatRecord | undefined> {
    return this.#writes.track(
      inTransaction(this.#pool, work).then((done) => {
        if (!done) return undefined;
        this.#keep(done.chatId, done.record, done.version);
        return done.record;
      }),
    );
  }

  /** Keeps a read unless the copy already holds that version or a newer one. */
  #keep(chatId: number, record: ChatRecord, version: string): void {
    const v = BigInt(version);
    const held = this.#copy.get(chatId);
    if (!held || held.version < v) this.#copy.set(chatId, { record, version: v });
  }

  /** Reads one chat into the copy. A missing row drops the copy's, unless a newer write came meanwhile. */
  async #refresh(chatId: number): Promise<ChatRecord | undefined> {
    const before = this.#copy.get(chatId)?.version;
    const read = (await this.#pool.query<{ record: unknown; version: string }>('SELECT record, version FROM chats WHERE chat_id = $1', [chatId])).rows[0];
    const row = read && checkedRow(chatId, read);
    if (row) {
      this.#keep(chatId, row.record, row.version);
      return row.record;
    }
    if (this.#copy.get(chatId)?.version === before) this.#copy.delete(chatId);
    return undefined;
  }

  /**
   * Every chat, at open and after a reconnection (notifications sent meanwhile are lost). A damaged
   * row is reported once the others are read; the copy keeps what it held of that chat.
   */
  async #reload(advice = REPAIR_WHILE_RUNNING): Promise<void> {
    const before = new Map([...this.#copy].map(([id, c]) => [id, c.version]));
    const { rows } = await this.#pool.query<{ chat_id: string; record: unknown; version: string }>('SELECT chat_id, record, version FROM chats');
    const present = new Set<number>();
    let damaged: StoreError | undefined;
    for (const read of rows) {
      const id = Number(read.chat_id);
      present.add(id);
      try {
        const row = checkedRow(id, read, advice);
        this.#keep(id, row.record, row.version);
      } catch (error) {
        damaged ??= error as StoreError;
      }
    }
    for (const [id, version] of before) if (!present.has(id) && this.#copy.get(id)?.version === version) this.#copy.delete(id);
    if (damaged) throw damaged;
  }

  #heard(payload: string): void {
    const [id, version] = payload.split(':');
    const chatId = Number(id);
    if (!Number.isSafeInteger(chatId)) return;
    const held = this.#copy.get(chatId)?.version;
    // Its own writes (and older ones) are already in the copy.
    if (version !== GONE && held !== undefined && /^\d+$/.test(version ?? '') && held >= BigInt(version as string)) return;
    this.#refresh(chatId).catch((error: unknown) => this.#logger.warn({ err: error, chatId }, 'could not read a chat another instance changed'));
  }
}
