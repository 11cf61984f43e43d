// The scores of one query, per document: flat arrays reused from query to query, so scoring a
// posting is an addition into a Float64Array instead of a Map lookup and an object per document.

export interface ScoredDoc {
  doc: number;
  score: number;
  /** Bit i set: the document matched the query's i-th term. */
  mask: number;
}

/** Set bits of a 32-bit mask: how many of the query's terms a document matched. */
export function bitCount(mask: number): number {
  let x = mask - ((mask >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The mask bit of matches that add to a document's score but not to the number of query words it
 * matched: longer words that merely begin like the word being typed.
 */
export const UNCOUNTED_BIT = 2 ** 31;

/**
 * How a document's score grows with the number of query words it matched: as its square root.
 * MiniSearch multiplies by the number itself, which lets two everyday words outweigh the one rare
 * word a reader searched for ("ساركوزي رهن الاحتجاز"); a plain sum (Lucene) makes a document
 * that repeats one word rank above one that holds the whole query. The root sits between.
 */
const coordination = (matchedWords: number) => Math.sqrt(matchedWords);
const beats = (score: number, doc: number, b: ScoredDoc) => score > b.score || (score === b.score && doc < b.doc);
const before = (a: ScoredDoc, b: ScoredDoc) => beats(a.score, a.doc, b);

export class ScoreBoard {
  #scores = new Float64Array(1024);
  #masks = new Uint32Array(1024);
  /** Documents scored since the last reset, in the order first scored: a frequent word touches
   * tens of thousands, so the list is a reused typed array rather than a new array per query. */
  #touched = new Uint32Array(1024);
  #touchedCount = 0;
  /** Per document: the number of the last index term found in its title or keywords. */
  #aboutTerm = new Uint32Array(1024);
  /** Numbers the index terms a query looks up, so marks from earlier terms never need clearing. */
  #term = 0;

  /** Clears the last query's scores and makes room for documents numbered below `capacity`. */
  reset(capacity: number): void {
    for (let i = 0; i < this.#touchedCount; i++) {
      const doc = this.#touched[i] as number;
      this.#scores[doc] = 0;
      this.#masks[doc] = 0;
    }
    this.#touchedCount = 0;
    if (capacity > this.#scores.length) {
      const size = Math.max(capacity, this.#scores.length * 2);
      this.#scores = new Float64Array(size);
      this.#masks = new Uint32Array(size);
      this.#aboutTerm = new Uint32Array(size);
      this.#term = 0;
    }
  }

  /** Starts scoring another index term: no document is marked as about it yet. */
  nextTerm(): void {
    if (this.#term === 0xffffffff) {
      this.#aboutTerm.fill(0);
      this.#term = 0;
    }
    this.#term++;
  }

  /** Marks a document whose title or keywords hold the current term. */
  markAbout(doc: number): void {
    this.#aboutTerm[doc] = this.#term;
  }

  /** True when the document has matched any of the query's terms so far. */
  hasMatched(doc: number): boolean {
    return this.#masks[doc] !== 0;
  }

  /** True when the document's title or keywords hold the current term. */
  isAbout(doc: number): boolean {
    return this.#aboutTerm[doc] === this.#term;
  }

  add(doc: number, score: number, bit: number): void {
    if (this.#masks[doc] === 0) {
      if (this.#touchedCount === this.#touched.length) {
        const grown = new Uint32Array(this.#touched.length * 2);
        grown.set(this.#touched);
        this.#touched = grown;
      }
      this.#touched[this.#touchedCount++] = doc;
    }
    this.#scores[doc] = (this.#scores[doc] ?? 0) + score;
    this.#masks[doc] = (this.#masks[doc] ?? 0) | bit;
  }

  /**
   * The best `limit` documents that `keep` accepts, best first. A document's score grows with the
   * number of query words it matched (see coordination): matching more of the query outweighs
   * matching one word many times, but not a rarer word. A bounded heap: a common word touches thousands.
   */
  top(limit: number, keep: (doc: number) => boolean): ScoredDoc[] {
    const heap: ScoredDoc[] = []; // the worst kept result at heap[0]
    for (let i = 0; i < this.#touchedCount; i++) {
      const doc = this.#touched[i] as number;
      const mask = this.#masks[doc] ?? 0;
      const score = (this.#scores[doc] ?? 0) * coordination(Math.max(1, bitCount(mask & ~UNCOUNTED_BIT)));
      // Compared before a candidate is made: a common word touches thousands that never make it.
      if (heap.length === limit && (limit === 0 || !beats(score, doc, heap[0] as ScoredDoc))) continue;
      if (!keep(doc)) continue;
      const candidate = { doc, score, mask };
      if (heap.length < limit) siftUp(heap, candidate);
      else siftDown(heap, candidate);
    }
    return heap.sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

function siftUp(heap: ScoredDoc[], item: ScoredDoc): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[parent] as ScoredDoc, item)) break;
    heap[i] = heap[parent] as ScoredDoc;
    i = parent;
  }
  heap[i] = item;
}

/** Replaces the worst kept result with `item` and restores the heap. */
function siftDown(heap: ScoredDoc[], item: ScoredDoc): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const worse = right < heap.length && before(heap[left] as ScoredDoc, heap[right] as ScoredDoc) ? right : left;
    if (!before(item, heap[worse] as ScoredDoc)) break;
    heap[i] = heap[worse] as ScoredDoc;
    i = worse;
  }
  heap[i] = item;
}
