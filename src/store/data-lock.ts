// One writer per data folder: the bot and `npm run ingest` each keep the store in memory and
// write whole shards, so two at once overwrite each other's work. A lock file names the holder.
import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const LOCK_FILE = '.lock';

export interface LockHolder {
  pid: number;
  role: 'bot' | 'ingest' | 'transfer';
  /** The bot's seeds folder (absolute): where a CLI hands pages to the running bot. */
  seedsDir?: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const who = { bot: 'a running Khulasa bot', ingest: 'a running `npm run ingest`', transfer: 'a running `npm run import` or `npm run export`' }[holder.role] ?? 'another process';
    super(
      `${dataDir} is in use by ${who} (pid ${holder.pid}, since ${holder.since}). ` +
        `Stop it first, or use another DATA_DIR. If no such process exists, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const holder = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' ? (holder as LockHolder) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder's lock, or throws DataDirLockedError naming the live holder. A lock left
 * by a process that no longer exists (killed, crashed, a container restart that reused our own
 * pid) is taken over. The lock goes when the process exits, however it exits short of SIGKILL.
 */
export async function lockDataDir(dataDir: string, holder: Omit<LockHolder, 'pid' | 'since'>): Promise<DataLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, ...holder, ...(holder.seedsDir ? { seedsDir: resolve(holder.seedsDir) } : {}), since: new Date().toISOString() };
  // Written whole beside the lock, then linked into place: a reader never sees a half-written lock.
  const draft = join(dataDir, `.lock.${randomUUID()}`);
  await writeFile(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, path);
        const releaseOnExit = () => {
          try {
            unlinkSync(path);
          } catch {
            // Already released.
          }
        };
        process.once('exit', releaseOnExit);
        return {
          release: async () => {
            process.off('exit', releaseOnExit);
            if ((await readHolder(path))?.pid === process.pid) await rm(path, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readHolder(path);
      if (current && current.pid !== process.pid && isAlive(current.pid)) throw new DataDirLockedError(dataDir, current);
      await rm(path, { force: true });
    }
    throw new Error(`${path}: could not take the lock (another process keeps taking it)`);
  } finally {
    await rm(draft, { force: true });
  }
}
