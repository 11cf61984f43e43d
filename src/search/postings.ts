// Which documents hold each term, field by field, and how often: the inverted index. The bulk is
// kept compact in typed arrays (a few bytes a posting, loaded from a file in milliseconds, outside
// the JS heap); documents added since the last compaction sit in small appendable lists until the
// next one folds them in. Document numbers are internal and change at compaction; ids do not.
import { type Bm25Params, bm25, idf } from './bm25.ts';
import type { ScoreBoard } from './score-board.ts';
import { compacted } from './postings-compaction.ts';
import { TermDictionary } from './term-dictionary.ts';

/**
 * What a field's matches say: "about" (title, keywords: what the document is about), "mentions"
 * (the body: scored after the about fields of the same term), "narrows" (a mention that only adds
 * to documents the query has already matched) or "other" (scored on its own).
 */
export type FieldRole = 'about' | 'mentions' | 'narrows' | 'other';

/** Term frequencies are stored in a byte: BM25 saturates long before a word repeats 255 times. */
export const MAX_TF = 255;
/** Field lengths (distinct terms) are stored in 16 bits. */
export const MAX_LENGTH = 65_535;

/** One field's compacted postings: term t's documents are docs[offsets[t] … offsets[t + 1]). */
export interface FieldPostings {
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint8Array;
  /** Distinct terms of the field, per document. */
  lengths: Uint16Array;
}

/** A compacted index: what is written to disk and read back. */
export interface PostingsSnapshot {
  ids: string[];
  headline: Uint8Array;
  terms: string[];
  /** Documents holding each term in any of the counted fields. */
  documentFrequency: Uint32Array;
  fields: FieldPostings[];
}

const grown = <T extends Uint8Array | Uint16Array | Uint32Array>(array: T, size: number, make: (n: number) => T): T => {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2, 64));
  next.set(array);
  return next;
};

function emptyField(): FieldPostings {
  return { offsets: new Uint32Array(1), docs: new Uint32Array(0), tfs: new Uint8Array(0), lengths: new Uint16Array(0) };
}

export class Postings {
  readonly #fieldCount: number;
  /** Fields whose terms count toward `documentFrequency` (the others hold derived forms). */
  readonly #countedFields: number;
  // The state below is set by #load: from the constructor, and again by each compaction.
  #dictionary!: TermDictionary;
  #ids!: string[];
  #docOf!: Map<string, number>;
  #alive!: Uint8Array;
  #headline!: Uint8Array;
  #aliveCount!: number;
  #fields!: FieldPostings[];
  /** Terms the compacted arrays cover; newer terms have recent postings only. */
  #compactTerms!: number;
  /** Per field: term → [doc, tf, doc, tf, …] for documents added since the last compaction. */
  #recent!: Map<number, number[]>[];
  #recentPostings!: number;
  #totalLength!: number[];
  #documentFrequency!: Uint32Array;

  constructor(fieldCount: number, countedFields: number, snapshot?: PostingsSnapshot) {
    this.#fieldCount = fieldCount;
    this.#countedFields = countedFields;
    this.#load(snapshot ?? { ids: [], headline: new Uint8Array(0), terms: [], documentFrequency: new Uint32Array(0), fields: Array.from({ length: fieldCount }, emptyField) });
  }

  /** Makes a compacted index the whole state: nothing recent, nothing removed. */
  #load(s: PostingsSnapshot): void {
    if (s.fields.length !== this.#fieldCount) throw new Error(`index has ${s.fields.length} fields, expected ${this.#fieldCount}`);
    this.#dictionary = new TermDictionary(s.terms);
    this.#ids = [...s.ids];
    this.#docOf = new Map(this.#ids.map((id, doc) => [id, doc]));
    this.#alive = new Uint8Array(s.ids.length).fill(1);
    this.#aliveCount = s.ids.length;
    this.#headline = s.headline;
    this.#fields = s.fields;
    this.#compactTerms = s.terms.length;
    this.#recent = Array.from({ length: this.#fieldCount }, () => new Map());
    this.#recentPostings = 0;
    this.#totalLength = s.fields.map((f) => f.lengths.reduce((sum, n) => sum + n, 0));
    this.#documentFrequency = s.documentFrequency;
  }

  /** Documents indexed (replaced and removed ones not counted). */
  get size(): number {
    return this.#aliveCount;
  }

  /** Document numbers in use, removed ones included until the next compaction. */
  get capacity(): number {
    return this.#ids.length;
  }

  /** Postings added since the last compaction. */
  get recentPostings(): number {
    return this.#recentPostings;
  }

  /** Postings in the compacted arrays. */
  get compactPostings(): number {
    return this.#fields.reduce((sum, f) => sum + f.docs.length, 0);
  }

  get dictionary(): TermDictionary {
    return this.#dictionary;
  }

  has(id: string): boolean {
    return this.#docOf.has(id);
  }

  id(doc: number): string {
    return this.#ids[doc] ?? '';
  }

  isHeadline(doc: number): boolean {
    return this.#headline[doc] === 1;
  }

  /** Documents holding the term in a counted field. Removed documents count until compaction. */
  documentFrequency(term: string): number {
    const id = this.#dictionary.id(term);
    return id === undefined ? 0 : (this.#documentFrequency[id] ?? 0);
  }

  /** Adds a document (replacing one with the same id) from its terms, field by field. */
  add(id: string, headline: boolean, fieldTerms: readonly (readonly string[])[]): void {
    this.remove(id);
    const doc = this.#ids.length;
    this.#ids.push(id);
    this.#docOf.set(id, doc);
    this.#alive = grown(this.#alive, doc + 1, (n) => new Uint8Array(n));
    this.#alive[doc] = 1;
    this.#headline = grown(this.#headline, doc + 1, (n) => new Uint8Array(n));
    this.#headline[doc] = headline ? 1 : 0;
    this.#aliveCount++;
    const counted = new Set<number>();
    for (let field = 0; field < this.#fieldCount; field++) {
      const tf = new Map<number, number>();
      for (const term of fieldTerms[field] ?? []) {
        const termId = this.#dictionary.add(term);
        tf.set(termId, (tf.get(termId) ?? 0) + 1);
      }
      const f = this.#fields[field] as FieldPostings;
      f.lengths = grown(f.lengths, doc + 1, (n) => new Uint16Array(n));
      // The stored length is what removal subtracts and a reload sums, so the total adds it too.
      const length = Math.min(tf.size, MAX_LENGTH);
      f.lengths[doc] = length;
      this.#totalLength[field] = (this.#totalLength[field] ?? 0) + length;
      const recent = this.#recent[field] as Map<number, number[]>;
      for (const [termId, count] of tf) {
        let list = recent.get(termId);
        if (!list) recent.set(termId, (list = []));
        list.push(doc, Math.min(count, MAX_TF));
        if (field < this.#countedFields) counted.add(termId);
      }
      this.#recentPostings += tf.size;
    }
    this.#documentFrequency = grown(this.#documentFrequency, this.#dictionary.size, (n) => new Uint32Array(n));
    for (const termId of counted) this.#documentFrequency[termId] = (this.#documentFrequency[termId] ?? 0) + 1;
  }

  /** Forgets a document. Its postings stay, skipped, until the next compaction. */
  remove(id: string): void {
    const doc = this.#docOf.get(id);
    if (doc === undefined) return;
    this.#docOf.delete(id);
    this.#alive[doc] = 0;
    this.#aliveCount--;
    this.#fields.forEach((f, field) => {
      this.#totalLength[field] = (this.#totalLength[field] ?? 0) - (f.lengths[doc] ?? 0);
    });
  }

  /**
   * Adds `weight` × BM25 of every document holding the term in the field to the board. Document
   * frequencies count removed documents until compaction, as MiniSearch's do until it vacuums.
   * An "about" field (title, keywords) marks its documents on the board; in a "mentions" field
   * (the body) the term then counts once, however often it repeats: an article is already known
   * to be about the word, and an article that repeats its own subject says no more about it.
   */
  score(field: number, termId: number, weight: number, params: Bm25Params, board: ScoreBoard, bit: number, role: FieldRole = 'other'): void {
    const f = this.#fields[field] as FieldPostings;
    const recent = this.#recent[field]?.get(termId);
    const start = termId < this.#compactTerms ? (f.offsets[termId] as number) : 0;
    const end = termId < this.#compactTerms ? (f.offsets[termId + 1] as number) : 0;
    const df = end - start + (recent ? recent.length / 2 : 0);
    if (df === 0 || this.#aliveCount === 0) return;
    const termIdf = idf(df, this.#aliveCount);
    const avgLength = Math.max((this.#totalLength[field] ?? 0) / this.#aliveCount, 1e-9);
    const { docs, tfs, lengths } = f;
    const alive = this.#alive;
    const add = (doc: number, tf: number) => {
      if (alive[doc] !== 1) return;
      if (role === 'narrows' && !board.hasMatched(doc)) return;
      if (role === 'about') board.markAbout(doc);
      else if (role !== 'other' && board.isAbout(doc)) tf = 1;
      board.add(doc, weight * bm25(tf, lengths[doc] as number, avgLength, termIdf, params), bit);
    };
    for (let i = start; i < end; i++) add(docs[i] as number, tfs[i] as number);
    if (!recent) return;
    for (let i = 0; i < recent.length; i += 2) add(recent[i] as number, recent[i + 1] as number);
  }

  /**
   * Folds recent postings into the compacted arrays and drops removed documents and terms no
   * document holds any more. Renumbers documents and terms; a snapshot is taken after one.
   */
  compact(): void {
    this.#load(
      compacted({
        ids: this.#ids,
        alive: this.#alive,
        headline: this.#headline,
        dictionary: this.#dictionary,
        fields: this.#fields,
        recent: this.#recent,
        compactTerms: this.#compactTerms,
        countedFields: this.#countedFields,
      }),
    );
  }

  /** A compacted copy of the index's arrays, to persist. */
  snapshot(): PostingsSnapshot {
    if (this.#recentPostings > 0 || this.#aliveCount < this.#ids.length) this.compact();
    const fields = this.#fields.map((f) => ({ ...f, lengths: f.lengths.subarray(0, this.#ids.length) }));
    return { ids: this.#ids, headline: this.#headline.subarray(0, this.#ids.length), terms: [...this.#dictionary.terms()], documentFrequency: this.#documentFrequency.subarray(0, this.#dictionary.size), fields };
  }
}
