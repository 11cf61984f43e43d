// Writing data files when the disk may refuse (full, read-only, a bad moment). A failed write is
// logged and tried again; if it still fails its callers learn it (nothing unwritten is ever
// acknowledged), and the next write starts afresh instead of inheriting the failure.
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { Logger } from '../logger.ts';
import { type FileSchema, openVersionedFile, type Versioned } from './versioned-file.ts';

/** Milliseconds before each retry: a passing hiccup clears within these; a full disk does not. */
export const WRITE_RETRY_DELAYS_MS: readonly number[] = [100, 1_000, 3_000];

export interface WriteOptions {
  logger?: Logger;
  retryDelaysMs?: readonly number[];
}

export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`could not write ${file}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'StoreWriteError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `write`, retrying after each delay; throws StoreWriteError once the retries are spent. */
export async function writeRetrying(write: () => Promise<void>, file: string, options: WriteOptions = {}): Promise<void> {
  const delays = options.retryDelaysMs ?? WRITE_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      if (attempt > 0) options.logger?.info({ file, attempts: attempt + 1 }, 'data file written after retrying');
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined) {
        options.logger?.error({ err: error, file, attempts: attempt + 1 }, 'could not write a data file; the change is kept in memory and goes out with the next write');
        throw new StoreWriteError(file, error);
      }
      options.logger?.warn({ err: error, file, attempt: attempt + 1, retryInMs: delay }, 'data file write failed; retrying');
      await sleep(delay);
    }
  }
}

/**
 * Group commit over one file: every change made while a write is on disk joins the next write,
 * and each caller resolves once a write that began after its change succeeded. A failed write
 * rejects only its own callers; the file stays marked unwritten, so `flush` tries it again.
 */
export class GroupCommit {
  readonly #write: () => Promise<void>;
  /** The write in progress, settled either way: what the next write waits for. */
  #writing: Promise<void> = Promise.resolve();
  #next: Promise<void> | null = null;
  #unwritten = false;

  constructor(write: () => Promise<void>, file: string, options: WriteOptions = {}) {
    this.#write = () => writeRetrying(write, file, options);
  }

  /** Call after changing the data in memory. */
  request(): Promise<void> {
    this.#unwritten = true;
    this.#next ??= this.#writing.then(() => {
      this.#next = null;
      this.#unwritten = false;
      const write = this.#write();
      this.#writing = write.catch(() => {
        this.#unwritten = true;
      });
      return write;
    });
    return this.#next;
  }

  /** Resolves once every change made so far is on disk (writing again after a failed write). */
  async flush(): Promise<void> {
    if (this.#next) return this.#next;
    await this.#writing;
    if (this.#unwritten) await this.request();
  }
}

/** A versioned file in the data folder, opened and checked, with the group commit that writes it. */
export async function openCommittedFile<T extends Versioned>(dataDir: string, name: string, schema: FileSchema<T>, options: WriteOptions = {}): Promise<{ db: Low<T>; commit: GroupCommit }> {
  const path = join(dataDir, name);
  const db = await openVersionedFile(path, schema);
  return { db, commit: new GroupCommit(() => db.write(), path, options) };
}
