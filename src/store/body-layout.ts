// How a body bucket is written so that one article can be read without the rest: the file opens
// with a table of where each article's details lie, then the details as usual. A search page
// reads five articles from five buckets of tens of KB each; with the table it reads a few KB.
// The file stays one JSON object, so a whole read (lowdb, an operator's tools) sees the bodies as
// before, plus the table. Pure.
import type { ArticleDetails } from '../domain.ts';
import type { BodyShard } from './article-schema.ts';

/** Where one article's details lie: byte offset from the start of the bodies, and byte length. */
export type Extent = readonly [start: number, length: number];

/** A bucket's table, read from the head of its file. */
export interface BodyTable {
  /** Byte offset in the file at which the bodies (and the extents' offsets) start. */
  bodiesAt: number;
  extents: Map<string, Extent>;
}

const BODIES_KEY = '},"bodies":{';

/** How a bucket names an article before its details, in either layout: `"id":`. */
export const entryKey = (id: string) => `${JSON.stringify(id)}:`;
const headStart = (version: number) => `{"version":${version},"at":{`;

/** One article's details as a bucket holds them (the rest is checked where it is read). */
export const isDetails = (x: unknown): x is ArticleDetails =>
  typeof x === 'object' && x !== null && Array.isArray((x as ArticleDetails).paragraphs) && typeof (x as ArticleDetails).summary === 'string';

/** The bucket as written to disk: `{"version":V,"at":{id:[start,length],…},"bodies":{id:{…},…}}`. */
export function serializeBodyShard(shard: BodyShard): string {
  const table: Record<string, Extent> = {};
  const parts: string[] = [];
  let offset = 0;
  for (const [id, details] of Object.entries(shard.bodies)) {
    const key = `${parts.length > 0 ? ',' : ''}${entryKey(id)}`;
    const value = JSON.stringify(details);
    offset += Buffer.byteLength(key);
    const length = Buffer.byteLength(value);
    table[id] = [offset, length];
    offset += length;
    parts.push(key, value);
  }
  return `{"version":${shard.version},"at":${JSON.stringify(table)},"bodies":{${parts.join('')}}}`;
}

const isExtent = (x: unknown): x is Extent =>
  Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && (n as number) >= 0);

/**
 * The table at the head of a bucket's first bytes. 'more' when the bytes end inside the table
 * (read further); undefined when the file is not laid out this way (older stores, a hand-edited
 * or damaged file): read it whole then.
 */
export function readBodyTable(bytes: Buffer, version: number): BodyTable | 'more' | undefined {
  const start = headStart(version);
  if (bytes.length < start.length) return bytes.length === 0 ? undefined : start.startsWith(bytes.toString('latin1')) ? 'more' : undefined;
  if (bytes.toString('latin1', 0, start.length) !== start) return undefined;
  // Inside a JSON string every quote is escaped, so this key's quotes only ever end the table.
  const end = bytes.indexOf(BODIES_KEY, start.length - 1);
  if (end < 0) return 'more';
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8', start.length - 1, end + 1));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const extents = new Map<string, Extent>();
  for (const [id, extent] of Object.entries(parsed)) {
    if (!isExtent(extent)) return undefined;
    extents.set(id, extent);
  }
  return { bodiesAt: end + BODIES_KEY.length, extents };
}

/** The bytes to read for `id`: its key and its details, so that what was read can be checked. */
export function extentToRead(table: BodyTable, id: string): { position: number; length: number; key: string } | null {
  const extent = table.extents.get(id);
  if (!extent) return null;
  const key = entryKey(id);
  const keyBytes = Buffer.byteLength(key);
  return { position: table.bodiesAt + extent[0] - keyBytes, length: keyBytes + extent[1], key };
}

/**
 * The details in bytes read at an extent, or undefined when they are not what the table promised
 * (a file rewritten since the table was read): the caller reads the file afresh.
 */
export function detailsIn(bytes: Buffer, key: string): ArticleDetails | undefined {
  const keyBytes = Buffer.byteLength(key);
  if (bytes.toString('utf8', 0, keyBytes) !== key) return undefined;
  try {
    const details: unknown = JSON.parse(bytes.toString('utf8', keyBytes));
    return isDetails(details) ? details : undefined;
  } catch {
    return undefined;
  }
}
