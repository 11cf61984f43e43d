// How a body read reaches the disk. A few KB from the page cache (or a fast SSD) take microseconds
// read synchronously, much less than handing each step to libuv's thread pool and back; but a
// step that waits on a slow disk would hold every reader meanwhile. So steps run synchronously
// until they turn slow, then through the thread pool for a while, then synchronously again.
import { close, closeSync, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Config } from '../config.ts';

/** The steps of a read; each answers at once (synchronous) or later (thread pool). */
export interface FileIo {
  open(path: string): number | Promise<number>;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  readAt(fd: number, length: number, position: number): Buffer | Promise<Buffer>;
  size(fd: number): number | Promise<number>;
  close(fd: number): void | Promise<void>;
}

/** Where a reader gets the steps for its next read. */
export interface FileIoSource {
  readonly io: FileIo;
}

// The callback forms: fs/promises' FileHandle costs more CPU per small read.
const openFile = promisify(open);
const closeFile = promisify(close);
const readInto = promisify(read);
const statOf = promisify(fstat);

/** Every step through libuv's thread pool. */
export const poolIo: FileIo = {
  open: (path) => openFile(path, 'r'),
  readAt: async (fd, length, position) => {
    const bytes = Buffer.allocUnsafe(length);
    const { bytesRead } = await readInto(fd, bytes, 0, length, position);
    return bytes.subarray(0, bytesRead);
  },
  size: async (fd) => (await statOf(fd)).size,
  close: (fd) => closeFile(fd),
};

/**
 * `length` bytes from `position`, fewer only at the end of the file. A local file answers a read
 * whole, but a network file system may answer it short; each further step asks `files` its way.
 */
export async function readFully(files: FileIoSource, fd: number, length: number, position: number): Promise<Buffer> {
  if (length === 0) return Buffer.alloc(0);
  const first = await files.io.readAt(fd, length, position);
  if (first.length === length || first.length === 0) return first;
  const parts = [first];
  let read = first.length;
  while (read < length) {
    const more = await files.io.readAt(fd, length - read, position + read);
    if (more.length === 0) break;
    parts.push(more);
    read += more.length;
  }
  return Buffer.concat(parts, read);
}

/** Always the thread pool: for storage that may hang (a network file system). */
export const poolOnly: FileIoSource = { io: poolIo };

/** A step slower than this held the bot long enough to matter, whatever answered it. */
export const SLOW_STEP_MS = 1;
/**
 * Two slow steps this close together mean a slow disk. One alone is as likely the machine busy
 * elsewhere, which a busy bot meets a few times a second; the thread pool would then cost more.
 */
export const SLOW_AGAIN_WITHIN_STEPS = 50;
/**
 * After that, steps go through the thread pool this long before trying again: a slow disk then
 * holds the bot for two steps a second.
 */
export const POOL_AFTER_SLOW_MS = 1_000;

export interface AdaptiveIoOptions {
  now?: () => number;
  slowStepMs?: number;
  poolAfterSlowMs?: number;
}

/** Synchronous steps while they are quick; the thread pool for a while after slow ones. */
export class AdaptiveIo implements FileIoSource {
  readonly #now: () => number;
  readonly #slowStepMs: number;
  readonly #poolAfterSlowMs: number;
  readonly #sync: FileIo;
  #poolUntil = Number.NEGATIVE_INFINITY;
  /** Synchronous steps taken so far, and the count at the last slow one. */
  #steps = 0;
  #lastSlowStep = Number.NEGATIVE_INFINITY;

  constructor({ now = () => performance.now(), slowStepMs = SLOW_STEP_MS, poolAfterSlowMs = POOL_AFTER_SLOW_MS }: AdaptiveIoOptions = {}) {
    this.#now = now;
    this.#slowStepMs = slowStepMs;
    this.#poolAfterSlowMs = poolAfterSlowMs;
    // Only the system calls are timed: a garbage collection while a buffer is made is not the disk.
    const timed = <A extends unknown[], T>(step: (...args: A) => T) => (...args: A): T => {
      const started = this.#now();
      try {
        return step(...args);
      } finally {
        const ended = this.#now();
        this.#steps++;
        if (ended - started > this.#slowStepMs) {
          if (this.#steps - this.#lastSlowStep <= SLOW_AGAIN_WITHIN_STEPS) this.#poolUntil = ended + this.#poolAfterSlowMs;
          this.#lastSlowStep = this.#steps;
        }
      }
    };
    const readSyncInto = timed((fd: number, bytes: Buffer, position: number) => readSync(fd, bytes, 0, bytes.length, position));
    this.#sync = {
      open: timed((path: string) => openSync(path, 'r')),
      readAt: (fd, length, position) => {
        const bytes = Buffer.allocUnsafe(length);
        return bytes.subarray(0, readSyncInto(fd, bytes, position));
      },
      size: timed((fd: number) => fstatSync(fd).size),
      close: timed((fd: number) => closeSync(fd)),
    };
  }

  /** True while steps run synchronously. */
  get synchronous(): boolean {
    return this.#now() >= this.#poolUntil;
  }

  get io(): FileIo {
    return this.synchronous ? this.#sync : poolIo;
  }
}

/** The way `BODY_READS` names, for the bot and the command-line tools alike. */
export const bodyFilesFor = (reads: Config['BODY_READS']): FileIoSource => (reads === 'thread-pool' ? poolOnly : new AdaptiveIo());
