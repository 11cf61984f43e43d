// Full-text search over articles and headlines: BM25 (MiniSearch's form and query semantics) over
// compact postings, with our Arabic analysis. Compact, because at 100,000 articles MiniSearch's
// own index (a Map per term and field) took 45 s to restore and 1.3 GB of heap.
import type { Article, ArticleMeta } from '../domain.ts';
import { type Bm25Params, idf } from './bm25.ts';
import { FIELD, FIELD_BOOST, FIELD_COUNT, toIndexedDoc, WORD_FIELD_COUNT } from './indexed-doc.ts';
import { type FieldRole, Postings, type PostingsSnapshot } from './postings.ts';
import { hasLongPostings, type QueryTerm, queryTerms } from './query-terms.ts';
import { ScoreBoard, UNCOUNTED_BIT } from './score-board.ts';


/**
 * Weights of inexact matches relative to an exact one (MiniSearch's weighting by distance). A word
 * the index does not hold is most likely misspelt: its near spellings are what the reader meant,
 * so they count as the word itself, less the distance discount, not as a guess beside it.
 */
const MATCH_WEIGHTS = { prefix: 0.5, fuzzy: 0.2, unknownFuzzy: 1 };
/** Edits a typo match may make: one (two match too many other words). */
const MAX_TYPO_EDITS = 1;
/**
 * BM25 (MiniSearch's BM25+ form) with full length normalisation, b = 1 (Lucene's default is 0.75).
 * Only a body's lead is indexed (MAX_BODY_TERMS), and a lead keeps to one subject, so a longer one
 * is wordier rather than broader: Robertson's "verbosity" case, for which b = 1 is the model.
 * Short passages that hold the query words then beat long ones that mention them in passing.
 * ARCD dev, on both halves of the set each time: b 0.7 → 0.9 → 1 raised MRR@10 (+0.014, +0.002).
 */
const BM25: Bm25Params = { k: 1.2, b: 1, d: 0.5 };
/** Results: fewer exact matches than this and the query is tried again with typo tolerance. */
const FUZZY_FALLBACK_BELOW = 3;
/**
 * Postings: recent additions (JS arrays, 16 bytes a posting) are folded into the compact arrays
 * once they pass half the compacted ones, so a build from scratch compacts a logarithmic number of
 * times; but never fewer than the first bound nor more than the second (about 64 MB of lists).
 */
const COMPACT_AFTER_POSTINGS = { min: 1_000_000, max: 4_000_000 };
/** Index format; bump when analysis or layout changes so persisted indexes are rebuilt, never misread. */
export const INDEX_FORMAT = 6;

export interface IndexSnapshot {
  format: number;
  postings: PostingsSnapshot;
}

export interface SearchHit {
  id: string;
  score: number;
  /** The query words the item matched (by any of their forms). */
  terms: string[];
  queryTerms: QueryTerm[];
}

export interface SearchOptions {
  limit?: number;
  /** Headline-only items are found by related-article lookups, not by readers' searches. */
  includeHeadlines?: boolean;
  exclude?: ReadonlySet<string>;
  /** The reader is still typing (inline mode): the last word may be half-typed. */
  asYouType?: boolean;
}

/** Fields a term is looked up in, in scoring order: "about" fields before the body they cap. */
type FieldBoosts = readonly (readonly [field: number, boost: number, role: FieldRole])[];
const ABOUT_FIELDS: FieldBoosts = [
  [FIELD.title, FIELD_BOOST.title, 'about'],
  [FIELD.keywords, FIELD_BOOST.keywords, 'about'],
];
/** Where very frequent words and prefixes are looked up: what says what an article is about. */
const TITLE_FIELDS: FieldBoosts = [...ABOUT_FIELDS, [FIELD.lead, FIELD_BOOST.lead, 'other']];
const WORD_FIELDS: FieldBoosts = [...ABOUT_FIELDS, [FIELD.body, FIELD_BOOST.body, 'mentions'], [FIELD.lead, FIELD_BOOST.lead, 'mentions']];
/** A very frequent word beside rarer ones: everywhere, but in bodies only of articles they matched. */
const NARROWING_FIELDS: FieldBoosts = [...TITLE_FIELDS, [FIELD.body, FIELD_BOOST.body, 'narrows']];
const ROOT_FIELDS: FieldBoosts = [[FIELD.roots, FIELD_BOOST.roots, 'other']];
/** Bits of a document's match mask: one per query word (more share the last), then UNCOUNTED_BIT. */
const WORD_BITS = 31;

export class SearchIndex {
  readonly #postings: Postings;
  readonly #board = new ScoreBoard();

  private constructor(postings: Postings) {
    this.#postings = postings;
  }

  static empty(): SearchIndex {
    return new SearchIndex(new Postings(FIELD_COUNT, WORD_FIELD_COUNT));
  }

  /** Restores a persisted index; null when it was written by another index format. */
  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex | null {
    if (snapshot.format !== INDEX_FORMAT) return null;
    return new SearchIndex(new Postings(FIELD_COUNT, WORD_FIELD_COUNT, snapshot.postings));
  }

  get size(): number {
    return this.#postings.size;
  }

  has(id: string): boolean {
    return this.#postings.has(id);
  }

  /** Adds or replaces an article. */
  upsert(article: Article): void {
    const doc = toIndexedDoc(article);
    this.#postings.add(doc.id, doc.headline, doc.fields);
    const p = this.#postings;
    const { min, max } = COMPACT_AFTER_POSTINGS;
    if (p.recentPostings > Math.min(max, Math.max(min, p.compactPostings / 2))) p.compact();
  }

  remove(id: string): void {
    this.#postings.remove(id);
  }

  documentFrequency = (term: string): number => this.#postings.documentFrequency(term);

  /** Ranked matches for a reader's words. Empty when nothing matches: never noise. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.searchTerms(queryTerms(query, this.documentFrequency, options.asYouType), options);
  }

  /**
   * Ranked matches for already analysed terms (related articles use this). A word the index does
   * not hold is most likely misspelt, so it is always matched with a typo's tolerance. For known
   * words typo matching is a fallback: it walks much of the term tree, so it runs only when exact
   * matching finds too little.
   */
  searchTerms(terms: QueryTerm[], options: SearchOptions = {}): SearchHit[] {
    if (terms.length === 0) return [];
    const exact = this.#run(terms.map((t) => ({ ...t, fuzzy: t.fuzzy && this.#isUnknown(t.term) })), options);
    if (exact.length >= FUZZY_FALLBACK_BELOW || !terms.some((t) => t.fuzzy)) return exact;
    return this.#run(terms, options);
  }

  #run(terms: QueryTerm[], options: SearchOptions): SearchHit[] {
    const postings = this.#postings;
    const board = this.#board;
    board.reset(postings.capacity);
    // One bit per query word: its exact form and its root are one word matched, not two, when the
    // number of words an article matches multiplies its score. A longer word that merely begins
    // like the word being typed adds to the score, never to that number: a guess at what the reader
    // means must not outweigh a rare word they typed in full.
    const bits = new Map<string, number>();
    const score = (source: string, term: QueryTerm, fields: FieldBoosts) => {
      if (!bits.has(source)) bits.set(source, 2 ** Math.min(bits.size, WORD_BITS - 1));
      const wordBit = bits.get(source) as number;
      for (const { id, weight, longer } of this.#expand(term)) {
        board.nextTerm();
        const bit = longer ? UNCOUNTED_BIT : wordBit;
        for (const [field, boost, role] of fields) postings.score(field, id, weight * boost, BM25, board, bit, role);
      }
    };
    // Whole words with short postings are matched everywhere. Words still being typed (a prefix
    // expands to every word it begins) are matched where an article says what it is about. So are
    // very frequent words, whose bodies are thousands: there they only add to the articles the
    // rarer words found, which keeps their cost a scan, and a headline's "قال" or "اليوم" still
    // tells its article from siblings that share its rare words.
    const titleOnly = (t: QueryTerm) => t.prefix || hasLongPostings(this.documentFrequency(t.term));
    const specific = terms.filter((t) => !titleOnly(t));
    for (const t of specific) score(t.word, t, WORD_FIELDS);
    const roots = new Map(specific.map((t) => [t.root, t.word]));
    for (const [root, word] of roots) score(word, { term: root, word, root, prefix: false, fuzzy: false }, ROOT_FIELDS);
    const frequentFields = specific.length > 0 ? NARROWING_FIELDS : TITLE_FIELDS;
    for (const t of terms.filter(titleOnly)) score(t.word, t, t.prefix ? TITLE_FIELDS : frequentFields);
    const keep = (doc: number) => (options.includeHeadlines || !postings.isHeadline(doc)) && !options.exclude?.has(postings.id(doc));
    const wordBits = [...bits];
    const matched = (mask: number) => {
      const words: string[] = [];
      for (const [source, bit] of wordBits) if ((mask & bit) !== 0) words.push(source);
      return words;
    };
    return board.top(options.limit ?? 50, keep).map(({ doc, score: value, mask }) => ({ id: postings.id(doc), score: value, terms: matched(mask), queryTerms: terms }));
  }

  /** True when no title, keywords or body holds the term: as typed, it matches nothing. */
  #isUnknown(term: string): boolean {
    return this.documentFrequency(term) === 0;
  }

  /** Index terms a query term stands for, each with its weight: itself, longer forms, near misses. */
  #expand(t: QueryTerm): { id: number; weight: number; longer?: boolean }[] {
    const dictionary = this.#postings.dictionary;
    const expansions: { id: number; weight: number; longer?: boolean }[] = [];
    const exact = dictionary.id(t.term);
    if (exact !== undefined) expansions.push({ id: exact, weight: 1 });
    const longer = t.prefix ? dictionary.withPrefix(t.term) : [];
    // A fragment says no more than all the words it begins: each longer word weighs at most the
    // idf of the fragment as a whole, so a rare completion never outweighs a rare word typed in full.
    const df = (term: string) => this.documentFrequency(term);
    const fragmentIdf = idf(Math.min(this.size, longer.reduce((sum, m) => sum + df(m.term), df(t.term))), this.size);
    for (const m of longer) {
      const bound = Math.min(1, fragmentIdf / idf(df(m.term), this.size));
      expansions.push({ id: m.id, weight: (bound * MATCH_WEIGHTS.prefix * m.term.length) / (m.term.length + 0.3 * m.distance), longer: true });
    }
    if (t.fuzzy) {
      const seen = new Set(longer.map((m) => m.id));
      const typoWeight = this.#isUnknown(t.term) ? MATCH_WEIGHTS.unknownFuzzy : MATCH_WEIGHTS.fuzzy;
      for (const m of dictionary.withinEdits(t.term, MAX_TYPO_EDITS)) {
        if (!seen.has(m.id)) expansions.push({ id: m.id, weight: (typoWeight * m.term.length) / (m.term.length + m.distance) });
      }
    }
    return expansions;
  }

  /** An article's terms that set it apart, rarest first (weighted by use): "more like this". */
  distinctiveTerms(article: Article | (ArticleMeta & { paragraphs?: string[] }), count: number): string[] {
    const [title, keywords, body] = toIndexedDoc(article).fields;
    const tf = new Map<string, number>();
    const add = (terms: string[], weight: number) => {
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + weight);
    };
    add(title, FIELD_BOOST.title);
    add(keywords, FIELD_BOOST.keywords);
    add(body, FIELD_BOOST.body);
    const n = Math.max(this.size, 1);
    const weight = (t: string) => (tf.get(t) ?? 0) * Math.log(1 + n / (1 + this.documentFrequency(t)));
    return [...tf.keys()].sort((a, b) => weight(b) - weight(a)).slice(0, count);
  }

  /** The index compacted, as arrays to persist. */
  snapshot(): IndexSnapshot {
    return { format: INDEX_FORMAT, postings: this.#postings.snapshot() };
  }
}
