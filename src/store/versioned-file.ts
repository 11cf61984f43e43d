// One lowdb file with a schema version: newer code migrates older files, an unknown future
// version or an unparsable file stops start-up and is left untouched.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { StoreError } from './errors.ts';

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
}

const NO_OVERWRITE = 'The file was left untouched; restore it from a backup or move it aside, then start again';

/** Parses without trusting the content; the caller turns failures into StoreError. */
function compactJsonFile<T>(path: string): DataFile<T> {
  // lowdb's DataFile writes through steno: a temporary file, then an atomic rename.
  return new DataFile<T>(path, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) });
}

export async function openVersionedFile<T extends Versioned>(path: string, schema: FileSchema<T>): Promise<Low<T>> {
  const adapter = compactJsonFile<Record<string, unknown>>(path);
  let raw: Record<string, unknown> | null;
  try {
    raw = await adapter.read();
  } catch (error) {
    throw new StoreError(path, `cannot read the ${schema.what} file (${(error as Error).message})`, NO_OVERWRITE);
  }
  const db = new Low<T>(compactJsonFile<T>(path), schema.empty());
  if (raw === null) {
    // A new file: its folder must exist before the first write (existing files skip this).
    await mkdir(dirname(path), { recursive: true });
    return db;
  }
  if (typeof raw !== 'object' || Array.isArray(raw) || typeof raw.version !== 'number' || !Number.isInteger(raw.version)) {
    throw new StoreError(path, `the ${schema.what} file has no numeric "version" field`, NO_OVERWRITE);
  }
  const found = raw.version;
  if (found > schema.version) {
    throw new StoreError(
      path,
      `the ${schema.what} file has version ${found}, newer than this code understands (${schema.version})`,
      'Upgrade Khulasa to the release that wrote it; the file was left untouched',
    );
  }
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
