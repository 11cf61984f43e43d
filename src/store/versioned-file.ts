// One lowdb file with a schema version: newer code migrates older files, an unknown future
// version or an unparsable file stops start-up and is left untouched.
import { access, copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { StoreError } from './errors.ts';
import { type FileIoSource, poolOnly, readFully } from './file-io.ts';

export interface Versioned {
  version: number;
}

export interface FileSchema<T extends Versioned> {
  /** What the file holds, for error messages ("articles shard", "chats"). */
  what: string;
  /** The version this code writes. */
  version: number;
  empty: () => T;
  /** `migrations[n]` turns a version-n document into a version-(n+1) one. */
  migrations?: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>;
  /** Throws (a message) when a document of the current version has the wrong shape. */
  check?: (doc: Record<string, unknown>) => string | undefined;
  /** How the file is written, when not as plain compact JSON (it must still be the same JSON object). */
  serialize?: (data: T) => string;
}

/** A JSON object (not null, not an array): what a schema's `check` expects of its maps. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export const NO_OVERWRITE = 'The file was left untouched; restore it from a backup or move it aside, then start again';

/** Why a file could not be read, in the operator's terms first and the system's words after. */
function unreadable(what: string, error: unknown): string {
  const message = (error as Error).message;
  if (error instanceof SyntaxError) return `the ${what} file is not valid JSON, perhaps cut short or empty (${message})`;
  if ((error as NodeJS.ErrnoException).code === 'EISDIR') return `the ${what} file is a folder, not a file`;
  return `cannot read the ${what} file (${message})`;
}

function newerThanCode(path: string, schema: Pick<FileSchema<Versioned>, 'what' | 'version'>, found: number): StoreError {
  return new StoreError(
    path,
    `the ${schema.what} file has version ${found}, newer than this code understands (${schema.version})`,
    'Upgrade Khulasa to the release that wrote it; the file was left untouched',
  );
}

/** Parses without trusting the content; the caller turns failures into StoreError. */
function compactJsonFile<T>(path: string, serialize: (data: T) => string = (data) => JSON.stringify(data)): DataFile<T> {
  // lowdb's DataFile writes through steno: a temporary file, then an atomic rename.
  return new DataFile<T>(path, { parse: JSON.parse, stringify: serialize });
}

export async function openVersionedFile<T extends Versioned>(path: string, schema: FileSchema<T>): Promise<Low<T>> {
  const adapter = compactJsonFile<Record<string, unknown>>(path);
  let raw: Record<string, unknown> | null;
  try {
    raw = await adapter.read();
  } catch (error) {
    throw new StoreError(path, unreadable(schema.what, error), NO_OVERWRITE);
  }
  const db = new Low<T>(compactJsonFile<T>(path, schema.serialize), schema.empty());
  // lowdb reads a missing file as null, and a file that holds `null` too: only the first is new.
  if (raw === null && (await access(path).then(() => true, () => false))) {
    throw new StoreError(path, `the ${schema.what} file has no numeric "version" field`, NO_OVERWRITE);
  }
  if (raw === null) {
    // A new file: its folder must exist before the first write (existing files skip this).
    await mkdir(dirname(path), { recursive: true });
    return db;
  }
  if (typeof raw !== 'object' || Array.isArray(raw) || typeof raw.version !== 'number' || !Number.isInteger(raw.version)) {
    throw new StoreError(path, `the ${schema.what} file has no numeric "version" field`, NO_OVERWRITE);
  }
  const found = raw.version;
  if (found > schema.version) throw newerThanCode(path, schema, found);
  let doc = raw;
  for (let v = found; v < schema.version; v++) {
    const migrate = schema.migrations?.[v];
    if (!migrate) throw new StoreError(path, `no migration from version ${v} of the ${schema.what} file`, NO_OVERWRITE);
    doc = { ...migrate(doc), version: v + 1 };
  }
  const problem = schema.check?.(doc);
  if (problem) throw new StoreError(path, `the ${schema.what} file is malformed: ${problem}`, NO_OVERWRITE);
  db.data = doc as unknown as T;
  if (found < schema.version) {
    // Keep the pre-migration file beside the new one, then write the migrated document.
    await copyFile(path, `${path}.v${found}.bak`);
    await db.write();
  }
  return db;
}

/** Bytes read from each end of a file by `checkVersionedFileEnds`: enough for `{"version":N,`. */
const END_BYTES = 64;
/** How every file this code writes begins (JSON.stringify keeps `version` first). */
const VERSION_FIRST = /^\s*\{\s*"version"\s*:\s*(\d+)\s*[,}]/;

/**
 * Checks a file start-up does not read whole (article bodies, read when a reader opens one) by its
 * two ends: it is a non-empty file, its version is known, and it ends where a JSON object ends.
 * A file that does not begin the way this code writes is opened in full instead. Throws StoreError.
 * Returns the file's first `startBytes` bytes, for a caller that also wants what it begins with.
 * Reads answered short (a network file system may) are asked again, so a file is never taken
 * for cut short because of how the disk answered.
 */
export async function checkVersionedFileEnds<T extends Versioned>(path: string, schema: FileSchema<T>, startBytes = END_BYTES, files: FileIoSource = poolOnly): Promise<Buffer> {
  let start: Buffer;
  let head: string;
  let tail: string;
  try {
    const fd = await files.io.open(path);
    try {
      const size = await files.io.size(fd);
      start = await readFully(files, fd, Math.min(startBytes, size), 0);
      const end = await readFully(files, fd, Math.min(END_BYTES, size), Math.max(0, size - END_BYTES));
      [head, tail] = [start.toString('utf8', 0, END_BYTES), end.toString('utf8')];
    } finally {
      await files.io.close(fd);
    }
  } catch (error) {
    throw new StoreError(path, unreadable(schema.what, error), NO_OVERWRITE);
  }
  if (head.trim() === '') throw new StoreError(path, `the ${schema.what} file is empty`, NO_OVERWRITE);
  const version = VERSION_FIRST.exec(head)?.[1];
  if (version === undefined) {
    await openVersionedFile(path, schema);
    return start;
  }
  if (Number(version) > schema.version) throw newerThanCode(path, schema, Number(version));
  if (!tail.trimEnd().endsWith('}')) throw new StoreError(path, `the ${schema.what} file is cut short (it does not end a JSON object)`, NO_OVERWRITE);
  return start;
}
