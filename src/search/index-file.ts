// The persisted search index as one binary file: a JSON header, then the typed arrays as they lie
// in memory, so reading it back is a file read and a few views rather than a parse of every
// posting. Decoding checks every length and document number: a damaged file is refused, never used.
import type { FieldPostings } from './postings.ts';
import type { IndexSnapshot } from './search-index.ts';

const MAGIC = 'KHSI';
/** File layout version (the index format inside is versioned separately by the index). */
const INDEX_FILE_VERSION = 2;
/** Sections start at multiples of 8 bytes, so every typed array can be a view on the file. */
const ALIGN = 8;

type Kind = 'json' | 'u8' | 'u16' | 'u32';
interface Section {
  name: string;
  kind: Kind;
  bytes: number;
}
interface Header {
  version: number;
  format: number;
  sections: Section[];
}

export interface IndexFileContents {
  snapshot: IndexSnapshot;
  /** Per document, in snapshot order: the updatedAt of the item when it was indexed. */
  versions: string[];
}

const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

export function encodeIndexFile({ snapshot, versions }: IndexFileContents): Buffer {
  const { postings } = snapshot;
  const parts: [string, Kind, Uint8Array | Uint16Array | Uint32Array][] = [
    ['ids', 'json', Buffer.from(JSON.stringify(postings.ids))],
    ['versions', 'json', Buffer.from(JSON.stringify(versions))],
    ['terms', 'json', Buffer.from(JSON.stringify(postings.terms))],
    ['headline', 'u8', postings.headline],
    ['documentFrequency', 'u32', postings.documentFrequency],
  ];
  postings.fields.forEach((f, i) => {
    parts.push([`${i}.offsets`, 'u32', f.offsets], [`${i}.docs`, 'u32', f.docs], [`${i}.tfs`, 'u8', f.tfs], [`${i}.lengths`, 'u16', f.lengths]);
  });
  const asBytes = (a: Uint8Array | Uint16Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const header: Header = { version: INDEX_FILE_VERSION, format: snapshot.format, sections: parts.map(([name, kind, data]) => ({ name, kind, bytes: data.byteLength })) };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const start = padded(8 + headerBytes.length);
  const out = Buffer.alloc(start + parts.reduce((sum, [, , data]) => sum + padded(data.byteLength), 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  let at = start;
  for (const [, , data] of parts) {
    out.set(asBytes(data), at);
    at += padded(data.byteLength);
  }
  return out;
}

export class IndexFileError extends Error {}

/** Bytes: a header larger than this is not one this code wrote (it lists a few dozen sections). */
export const MAX_HEADER_BYTES = 1 << 20;

export type IndexFileCheck = { ok: true } | { ok: false; problem: string; newer?: boolean };

/**
 * Judges a file by its header alone (what start-up can afford): the kind of file, the versions,
 * and whether it is as long as its header says. `head` holds at least its first 8 + header bytes.
 * An older layout or format passes: the index is rebuilt from the store.
 */
export function checkIndexHeader(head: Buffer, size: number, format: number): IndexFileCheck {
  if (size === 0) return { ok: false, problem: 'the file is empty' };
  if (size < 8 || head.toString('latin1', 0, 4) !== MAGIC) return { ok: false, problem: 'it is not a search index file' };
  const headerLength = head.readUInt32LE(4);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > size || 8 + headerLength > head.length) return { ok: false, problem: 'the file is cut short (its header is incomplete)' };
  let header: Partial<Header>;
  try {
    header = JSON.parse(head.toString('utf8', 8, 8 + headerLength)) as Partial<Header>;
  } catch {
    return { ok: false, problem: 'its header is unreadable' };
  }
  if (typeof header.version !== 'number' || typeof header.format !== 'number') return { ok: false, problem: 'its header has no version' };
  if (header.version > INDEX_FILE_VERSION || header.format > format) {
    return { ok: false, newer: true, problem: `it was written by a newer version of Khulasa (layout ${header.version}, format ${header.format}; this code knows ${INDEX_FILE_VERSION} and ${format})` };
  }
  if (header.version < INDEX_FILE_VERSION || header.format < format) return { ok: true };
  if (!Array.isArray(header.sections)) return { ok: false, problem: 'its header lists no sections' };
  const expected = padded(8 + headerLength) + header.sections.reduce((sum, section) => sum + padded(Number(section?.bytes) || 0), 0);
  if (size < expected) return { ok: false, problem: `the file is cut short (${size} of ${expected} bytes)` };
  return { ok: true };
}

function fail(reason: string): never {
  throw new IndexFileError(`search index file is damaged: ${reason}`);
}

/** Reads an index file; throws IndexFileError when it is not one or does not add up. */
export function decodeIndexFile(file: Buffer): IndexFileContents {
  if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) fail('not an index file');
  const headerLength = file.readUInt32LE(4);
  if (8 + headerLength > file.length) fail('header cut short');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as Header;
  } catch {
    fail('header unreadable');
  }
  if (header.version !== INDEX_FILE_VERSION || !Array.isArray(header.sections)) fail(`layout version ${String(header.version)}`);
  const sections = new Map<string, unknown>();
  let at = padded(8 + headerLength);
  for (const { name, kind, bytes } of header.sections) {
    if (!Number.isInteger(bytes) || bytes < 0 || at + bytes > file.length) fail(`section ${name} cut short`);
    sections.set(name, readSection(file, at, bytes, kind));
    at += padded(bytes);
  }
  return checked(header.format, sections);
}

function readSection(file: Buffer, at: number, bytes: number, kind: Kind): unknown {
  if (kind === 'json') {
    try {
      return JSON.parse(file.toString('utf8', at, at + bytes)) as unknown;
    } catch {
      fail('a list is unreadable');
    }
  }
  const size = kind === 'u8' ? 1 : kind === 'u16' ? 2 : 4;
  if (bytes % size !== 0) fail('an array has a partial element');
  // A view needs its start aligned to the element size; a pooled small Buffer may not be.
  const source = (file.byteOffset + at) % size === 0 ? file : Buffer.from(file.subarray(at, at + bytes));
  const offset = source === file ? file.byteOffset + at : source.byteOffset;
  const View = kind === 'u8' ? Uint8Array : kind === 'u16' ? Uint16Array : Uint32Array;
  return new View(source.buffer as ArrayBuffer, offset, bytes / size);
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Assembles the snapshot, refusing one whose arrays do not fit together. */
function checked(format: number, sections: Map<string, unknown>): IndexFileContents {
  const ids = sections.get('ids');
  const versions = sections.get('versions');
  const terms = sections.get('terms');
  const headline = sections.get('headline');
  const documentFrequency = sections.get('documentFrequency');
  if (!isStrings(ids) || !isStrings(versions) || !isStrings(terms)) fail('ids, versions or terms missing');
  if (versions.length !== ids.length || !(headline instanceof Uint8Array) || headline.length !== ids.length) fail('document tables disagree');
  if (!(documentFrequency instanceof Uint32Array) || documentFrequency.length !== terms.length) fail('term tables disagree');
  const fields: FieldPostings[] = [];
  for (let i = 0; sections.has(`${i}.offsets`); i++) {
    const f = { offsets: sections.get(`${i}.offsets`), docs: sections.get(`${i}.docs`), tfs: sections.get(`${i}.tfs`), lengths: sections.get(`${i}.lengths`) };
    if (!(f.offsets instanceof Uint32Array) || !(f.docs instanceof Uint32Array) || !(f.tfs instanceof Uint8Array) || !(f.lengths instanceof Uint16Array)) fail(`field ${i} incomplete`);
    if (f.offsets.length !== terms.length + 1 || f.offsets[0] !== 0 || f.offsets[terms.length] !== f.docs.length || f.tfs.length !== f.docs.length || f.lengths.length !== ids.length) fail(`field ${i} sizes disagree`);
    for (let t = 0; t < terms.length; t++) if ((f.offsets[t] as number) > (f.offsets[t + 1] as number)) fail(`field ${i} offsets out of order`);
    // An indexed loop and one comparison at the end: tens of millions of postings at 100,000 articles.
    let maxDoc = 0;
    for (let p = 0; p < f.docs.length; p++) maxDoc = Math.max(maxDoc, f.docs[p] as number);
    if (f.docs.length > 0 && maxDoc >= ids.length) fail(`field ${i} names a document that does not exist`);
    fields.push({ offsets: f.offsets, docs: f.docs, tfs: f.tfs, lengths: f.lengths });
  }
  return { snapshot: { format, postings: { ids, headline, terms, documentFrequency, fields } }, versions };
}
