// Reads one article's details from its body bucket on disk: the bucket's table (remembered) says
// where they lie, and only those bytes are read, so a read costs the same whatever the bucket's
// size. Buckets written before the table existed are read whole and sliced.
import type { ArticleDetails } from '../domain.ts';
import { type BodyTable, detailsIn, extentToRead, readBodyTable } from './body-layout.ts';
import { sliceDetails } from './body-slice.ts';
import { type FileIoSource, readFully } from './file-io.ts';

/** Bytes read first for a bucket's table: enough for about a hundred articles' extents. */
export const BODY_TABLE_READ = 4_096;
/** Buckets whose tables are remembered: a table is a few dozen bytes an article. */
const TABLES_KEPT = 8_192;

/** A bucket laid out before the table: read whole. */
const UNTABLED = 'untabled';

export class BodyReader {
  readonly #pathOf: (key: string) => string;
  readonly #version: number;
  readonly #files: FileIoSource;
  /** Oldest first (a Map keeps insertion order). */
  readonly #tables = new Map<string, BodyTable | typeof UNTABLED>();
  /** Bumped when a bucket is forgotten, so that a table being read meanwhile is not remembered. */
  #generation = 0;

  /** `files` is asked for the way of each step, so a slow step sends the rest of the read to the thread pool. */
  constructor(pathOf: (key: string) => string, version: number, files: FileIoSource) {
    this.#pathOf = pathOf;
    this.#version = version;
    this.#files = files;
  }

  /** This bucket is about to change on disk: its table is read afresh next time. */
  forget(key: string): void {
    this.#tables.delete(key);
    this.#generation++;
  }

  /**
   * The details stored for `id` in bucket `key`; null when the bucket does not hold it (or has
   * no file yet); undefined when the file must be opened whole (damaged, hand-edited or
   * rewritten since its table was read): the caller reads it as a store file and reports what
   * is wrong.
   */
  async read(key: string, id: string): Promise<ArticleDetails | null | undefined> {
    let fd: number;
    try {
      fd = await this.#files.io.open(this.#pathOf(key));
    } catch (error) {
      // No file yet is an empty bucket; any other failure is reported by the whole-file read.
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
    }
    try {
      const details = await this.#readOpen(fd, key, id);
      // Neither layout as expected (damaged, or rewritten since): look at the file afresh next time.
      if (details === undefined) this.forget(key);
      return details;
    } catch {
      return undefined;
    } finally {
      try {
        await this.#files.io.close(fd);
      } catch {
        // Nothing was written through it: a failed close loses nothing.
      }
    }
  }

  async #readOpen(fd: number, key: string, id: string): Promise<ArticleDetails | null | undefined> {
    const table = await this.#table(key, fd);
    if (table === UNTABLED) return sliceDetails(await readFully(this.#files, fd, await this.#files.io.size(fd), 0), id);
    const extent = extentToRead(table, id);
    return extent && detailsIn(await readFully(this.#files, fd, extent.length, extent.position), extent.key);
  }

  /** A bucket's first bytes, read anyway (start-up checks every bucket): its table, if they hold it whole. */
  learn(key: string, start: Buffer): void {
    const table = readBodyTable(start, this.#version);
    if (table !== 'more') this.#remember(key, table ?? UNTABLED);
  }

  #remember(key: string, table: BodyTable | typeof UNTABLED): void {
    this.#tables.set(key, table);
    if (this.#tables.size > TABLES_KEPT) this.#tables.delete(this.#tables.keys().next().value as string);
  }

  async #table(key: string, fd: number): Promise<BodyTable | typeof UNTABLED> {
    const known = this.#tables.get(key);
    if (known) {
      this.#tables.delete(key);
      this.#tables.set(key, known);
      return known;
    }
    const generation = this.#generation;
    let table: BodyTable | 'more' | undefined = 'more';
    for (let size = BODY_TABLE_READ; table === 'more'; size *= 4) {
      const bytes = await readFully(this.#files, fd, size, 0);
      table = readBodyTable(bytes, this.#version);
      // The whole file read and still no end of the table: not a table.
      if (table === 'more' && bytes.length < size) table = undefined;
    }
    const found = table ?? UNTABLED;
    if (generation === this.#generation) this.#remember(key, found);
    return found;
  }
}
