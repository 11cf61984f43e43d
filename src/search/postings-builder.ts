// Postings for many documents at once, straight into the compact arrays: a first start on an
// existing store indexes every article, and adding them one by one (a radix-tree lookup per word,
// a Map per field and document, lists folded in again at each compaction) took minutes at 100,000
// articles. Terms and documents are numbered in the order they come, as Postings.add numbers them,
// so the snapshot is the one the incremental path compacts to.
import { MAX_LENGTH, MAX_TF, type FieldPostings, type PostingsSnapshot } from './postings.ts';

/** A typed array at least `size` long, its contents kept (grown by doubling). */
function atLeast<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** One field's postings in arrival order (documents ascending): term and tf per posting. */
interface FieldLog {
  terms: Uint32Array;
  tfs: Uint8Array;
  size: number;
  /** Postings of document d are at [docStart[d], docStart[d + 1]). */
  docStart: Uint32Array;
  lengths: Uint16Array;
}

const INITIAL = 1024;

export class PostingsBuilder {
  readonly #fieldCount: number;
  readonly #countedFields: number;
  readonly #termIds = new Map<string, number>();
  readonly #terms: string[] = [];
  readonly #ids: string[] = [];
  readonly #idSet = new Set<string>();
  #headline = new Uint8Array(INITIAL);
  #documentFrequency = new Uint32Array(INITIAL);
  readonly #fields: FieldLog[];
  // Per term scratch for the document being added: which field of which document last saw it,
  // its count there, and the last document that counted it toward its document frequency.
  #seenIn = new Int32Array(INITIAL);
  #count = new Uint32Array(INITIAL);
  #countedIn = new Int32Array(INITIAL);
  readonly #distinct: number[] = [];

  constructor(fieldCount: number, countedFields: number) {
    this.#fieldCount = fieldCount;
    this.#countedFields = countedFields;
    this.#fields = Array.from({ length: fieldCount }, () => ({
      terms: new Uint32Array(INITIAL),
      tfs: new Uint8Array(INITIAL),
      size: 0,
      docStart: new Uint32Array(INITIAL),
      lengths: new Uint16Array(INITIAL),
    }));
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Adds a document from its terms, field by field. Each id once: a build has nothing to replace. */
  add(id: string, headline: boolean, fieldTerms: readonly (readonly string[])[]): void {
    if (this.#idSet.has(id)) throw new Error(`document "${id}" added twice to one index build`);
    this.#idSet.add(id);
    const doc = this.#ids.push(id) - 1;
    this.#headline = atLeast(this.#headline, doc + 1, (n) => new Uint8Array(n));
    this.#headline[doc] = headline ? 1 : 0;
    for (let field = 0; field < this.#fieldCount; field++) this.#addField(doc, field, fieldTerms[field] ?? []);
  }

  #termId(term: string): number {
    let id = this.#termIds.get(term);
    if (id !== undefined) return id;
    id = this.#terms.push(term) - 1;
    this.#termIds.set(term, id);
    const n = id + 1;
    this.#seenIn = atLeast(this.#seenIn, n, (size) => new Int32Array(size));
    this.#count = atLeast(this.#count, n, (size) => new Uint32Array(size));
    this.#countedIn = atLeast(this.#countedIn, n, (size) => new Int32Array(size));
    this.#documentFrequency = atLeast(this.#documentFrequency, n, (size) => new Uint32Array(size));
    return id;
  }

  #addField(doc: number, field: number, terms: readonly string[]): void {
    const distinct = this.#distinct;
    distinct.length = 0;
    // Marks are 1-based so that the zeroed scratch arrays mean "not seen".
    const mark = doc * this.#fieldCount + field + 1;
    for (const term of terms) {
      const t = this.#termId(term);
      if (this.#seenIn[t] !== mark) {
        this.#seenIn[t] = mark;
        this.#count[t] = 0;
        distinct.push(t);
      }
      this.#count[t] = (this.#count[t] as number) + 1;
    }
    const f = this.#fields[field] as FieldLog;
    f.docStart = atLeast(f.docStart, doc + 2, (n) => new Uint32Array(n));
    f.lengths = atLeast(f.lengths, doc + 1, (n) => new Uint16Array(n));
    f.lengths[doc] = Math.min(distinct.length, MAX_LENGTH);
    f.terms = atLeast(f.terms, f.size + distinct.length, (n) => new Uint32Array(n));
    f.tfs = atLeast(f.tfs, f.size + distinct.length, (n) => new Uint8Array(n));
    for (const t of distinct) {
      f.terms[f.size] = t;
      f.tfs[f.size++] = Math.min(this.#count[t] as number, MAX_TF);
      if (field < this.#countedFields && this.#countedIn[t] !== doc + 1) {
        this.#countedIn[t] = doc + 1;
        this.#documentFrequency[t] = (this.#documentFrequency[t] as number) + 1;
      }
    }
    f.docStart[doc + 1] = f.size;
  }

  /** The compacted index: each field's postings grouped by term (a counting sort), documents ascending. */
  snapshot(): PostingsSnapshot {
    const termCount = this.#terms.length;
    const docCount = this.#ids.length;
    const fields = this.#fields.map((f): FieldPostings => {
      const offsets = new Uint32Array(termCount + 1);
      for (let i = 0; i < f.size; i++) offsets[(f.terms[i] as number) + 1] = (offsets[(f.terms[i] as number) + 1] as number) + 1;
      for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
      const next = offsets.slice(0, termCount);
      const docs = new Uint32Array(f.size);
      const tfs = new Uint8Array(f.size);
      for (let doc = 0; doc < docCount; doc++) {
        for (let i = f.docStart[doc] as number; i < (f.docStart[doc + 1] as number); i++) {
          const at = next[f.terms[i] as number] as number;
          next[f.terms[i] as number] = at + 1;
          docs[at] = doc;
          tfs[at] = f.tfs[i] as number;
        }
      }
      return { offsets, docs, tfs, lengths: f.lengths.slice(0, docCount) };
    });
    return {
      ids: [...this.#ids],
      headline: this.#headline.slice(0, docCount),
      terms: [...this.#terms],
      documentFrequency: this.#documentFrequency.slice(0, termCount),
      fields,
    };
  }
}
