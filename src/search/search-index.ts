// Full-text search over articles and headlines: MiniSearch's BM25 with our Arabic analyzer.
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import type { Article, ArticleMeta } from '../domain.ts';
import { analyze, analyzeWithRoots } from '../text/analyze.ts';
import { hasLongPostings, type QueryTerm, queryTerms } from './query-terms.ts';

/** Title words say what an article is about; keywords were chosen by its editor. */
export const FIELD_BOOST = { title: 2, keywords: 2, body: 1, roots: 0.4 } as const;
/** MiniSearch's weights for inexact matches, relative to an exact one. */
const MATCH_WEIGHTS = { prefix: 0.5, fuzzy: 0.2 };
/**
 * BM25 (MiniSearch's BM25+ form). b above Lucene's 0.75 normalises more for length: short passages
 * that hold the query words beat long ones that mention them in passing (ARCD dev: b 0.7 → 0.9
 * raised MRR@10 on both halves of the set).
 */
const BM25 = { k: 1.2, b: 0.9, d: 0.5 };
/** Results: fewer exact matches than this and the query is tried again with typo tolerance. */
const FUZZY_FALLBACK_BELOW = 3;
/** Index format; bump when analysis changes so persisted indexes are rebuilt, never misread. */
export const INDEX_FORMAT = 3;

export interface PersistedIndex {
  format: number;
  mini: AsPlainObject;
  df: Record<string, number>;
  headlines: string[];
}

interface IndexedDoc {
  id: string;
  title: string;
  keywords: string;
  body: string;
  /** Title and body again as coarse root-like terms: finds other forms of the same word. */
  roots: string;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Index terms that matched, for snippets. */
  terms: string[];
  queryTerms: QueryTerm[];
}

export interface SearchOptions {
  limit?: number;
  /** Headline-only items are found by related-article lookups, not by readers' searches. */
  includeHeadlines?: boolean;
  exclude?: ReadonlySet<string>;
}

// Documents arrive already analysed (terms joined by spaces), so indexing and querying share
// exactly one analysis and MiniSearch only splits.
const splitTerms = (text: string) => (text ? text.split(' ') : []);
const identity = (term: string) => term;

function miniSearchOptions() {
  return {
    fields: ['title', 'keywords', 'body', 'roots'],
    tokenize: splitTerms,
    processTerm: identity,
    searchOptions: { tokenize: splitTerms, processTerm: identity },
  };
}

const termsOf = (text: string) => analyze(text).join(' ');

/**
 * Terms of the body that are indexed: news is written lead-first, so the opening carries what an
 * article is about, and the index (its memory, build and restore time) grows with this number.
 * 200 terms is about 300 words: whole for almost every ARCD paragraph, the lead of any article.
 */
export const MAX_BODY_TERMS = 200;

export function toIndexedDoc(article: Article | (ArticleMeta & { paragraphs?: string[] })): IndexedDoc {
  const title = analyzeWithRoots(article.title);
  const body = analyzeWithRoots((article.paragraphs ?? []).join('\n'), MAX_BODY_TERMS);
  return {
    id: article.id,
    title: title.terms.join(' '),
    keywords: termsOf(article.keywords.join(' ')),
    body: body.terms.join(' '),
    roots: [...title.roots, ...body.roots].join(' '),
  };
}

export class SearchIndex {
  #mini: MiniSearch<IndexedDoc>;
  /**
   * Documents holding each term (any field): lets long queries drop terms that say little. Exact
   * after a build; a replaced document's old terms are not subtracted (keeping every document's
   * term list would cost more memory than the drift is worth: it only orders query terms).
   */
  #df: Map<string, number>;
  /** Headline-only items: a set costs far less than MiniSearch's stored fields per document. */
  #headlines: Set<string>;

  private constructor(mini: MiniSearch<IndexedDoc>, df: Map<string, number>, headlines: Set<string>) {
    this.#mini = mini;
    this.#df = df;
    this.#headlines = headlines;
  }

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch<IndexedDoc>(miniSearchOptions()), new Map(), new Set());
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  has(id: string): boolean {
    return this.#mini.has(id);
  }

  /** Adds or replaces an article. */
  upsert(article: Article): void {
    this.remove(article.id);
    const doc = toIndexedDoc(article);
    for (const t of new Set([...splitTerms(doc.title), ...splitTerms(doc.keywords), ...splitTerms(doc.body)])) {
      this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
    }
    this.#mini.add(doc);
    if (article.kind === 'headline') this.#headlines.add(article.id);
  }

  remove(id: string): void {
    if (this.#mini.has(id)) this.#mini.discard(id);
    this.#headlines.delete(id);
  }

  documentFrequency = (term: string): number => this.#df.get(term) ?? 0;

  /** Ranked matches for a reader's words. Empty when nothing matches: never noise. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const terms = queryTerms(query, this.documentFrequency, this.size);
    return this.searchTerms(terms, options);
  }

  /**
   * Ranked matches for already analysed terms (related articles use this). Typo matching is a
   * fallback: it walks much of the term tree, so it runs only when exact matching finds too little.
   */
  searchTerms(terms: QueryTerm[], options: SearchOptions = {}): SearchHit[] {
    if (terms.length === 0) return [];
    const exact = this.#run(terms.map((t) => ({ ...t, fuzzy: false })), options);
    if (exact.length >= FUZZY_FALLBACK_BELOW || !terms.some((t) => t.fuzzy)) return exact;
    return this.#run(terms, options);
  }

  #run(terms: QueryTerm[], options: SearchOptions): SearchHit[] {
    const byTerm = new Map(terms.map((t) => [t.term, t]));
    const { roots: rootsBoost, ...wordBoost } = FIELD_BOOST;
    // Whole words with short postings are matched everywhere. Very frequent words, and words still
    // being typed (a prefix expands to every word it begins, long postings included), are matched
    // in titles and keywords: there they say what an article is about, and they stay cheap.
    const titleOnly = (t: QueryTerm) => t.prefix || hasLongPostings(this.documentFrequency(t.term));
    const specific = terms.filter((t) => !titleOnly(t));
    const matchOptions = {
      prefix: (term: string) => byTerm.get(term)?.prefix ?? false,
      fuzzy: (term: string) => (byTerm.get(term)?.fuzzy ? 1 : false),
    };
    const queries: object[] = [];
    if (specific.length > 0) {
      queries.push({ queries: [specific.map((t) => t.term).join(' ')], fields: ['title', 'keywords', 'body'], boost: wordBoost, ...matchOptions });
      queries.push({ queries: [[...new Set(specific.map((t) => t.root))].join(' ')], fields: ['roots'], boost: { roots: rootsBoost } });
    }
    if (specific.length < terms.length) {
      const { title, keywords } = wordBoost;
      queries.push({ queries: [terms.filter(titleOnly).map((t) => t.term).join(' ')], fields: ['title', 'keywords'], boost: { title, keywords }, ...matchOptions });
    }
    const query = { combineWith: 'OR', queries };
    const results: SearchResult[] = this.#mini.search(query as Parameters<MiniSearch['search']>[0], {
      maxFuzzy: 1,
      weights: MATCH_WEIGHTS,
      combineWith: 'OR',
      bm25: BM25,
      filter: (r) => (options.includeHeadlines || !this.#headlines.has(r.id)) && !options.exclude?.has(r.id),
    });
    return results.slice(0, options.limit ?? 50).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms, queryTerms: terms }));
  }

  /** An article's terms that set it apart, rarest first (weighted by use): "more like this". */
  distinctiveTerms(article: Article, count: number): string[] {
    const doc = toIndexedDoc(article);
    const tf = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const t of splitTerms(text)) tf.set(t, (tf.get(t) ?? 0) + weight);
    };
    add(doc.title, FIELD_BOOST.title);
    add(doc.keywords, FIELD_BOOST.keywords);
    add(doc.body, FIELD_BOOST.body);
    const n = Math.max(this.size, 1);
    const weight = (t: string) => (tf.get(t) ?? 0) * Math.log(1 + n / (1 + this.documentFrequency(t)));
    return [...tf.keys()].sort((a, b) => weight(b) - weight(a)).slice(0, count);
  }

  toJSON(): PersistedIndex {
    return { format: INDEX_FORMAT, mini: this.#mini.toJSON(), df: Object.fromEntries(this.#df), headlines: [...this.#headlines] };
  }

  /** Restores a persisted index; null when it was written by another index format. */
  static async fromJSON(data: PersistedIndex): Promise<SearchIndex | null> {
    if (data.format !== INDEX_FORMAT || !data.mini || !data.df || !data.headlines) return null;
    const mini = await MiniSearch.loadJSAsync<IndexedDoc>(data.mini, miniSearchOptions());
    return new SearchIndex(mini, new Map(Object.entries(data.df)), new Set(data.headlines));
  }
}
