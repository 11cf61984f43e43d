// A reader's query → the index terms worth looking up, with how to match each. Pure.
import { analyze, processTerm } from '../text/analyze.ts';
import { rootStem, stripPrefix } from '../text/stem.ts';
import { tokenize } from '../text/tokenize.ts';

/** Letters: a shorter last word is not expanded as a prefix (three letters match a large share of Arabic stems). */
export const MIN_PREFIX_LETTERS = 4;
/** Letters: words at least this long tolerate one typo; shorter ones have too many neighbours. */
export const MIN_FUZZY_LETTERS = 6;
/**
 * Letters: the same for a word the index does not hold. Read as typed it matches nothing, so a
 * typo reading displaces nothing and only its noise counts against it: five letters are enough,
 * four-letter words have too many neighbours even then.
 */
export const MIN_FUZZY_LETTERS_UNKNOWN = 5;
/** Terms: a headline-length query keeps its most specific terms, enough to identify an article. */
export const MAX_QUERY_TERMS = 8;
/**
 * Terms: besides those, a query keeps its words with long postings (LONG_POSTINGS), up to this
 * many terms in all: a long headline's length, so a pasted paragraph still costs a bounded time.
 */
export const MAX_QUERY_TERMS_WITH_FREQUENT = 16;
/**
 * Documents: a word in more of them than this is matched in titles and keywords only. There it
 * says what an article is about; in thousands of bodies it says little (its idf is near zero) and
 * only costs time, since a query scores every posting of every word it looks up. A bound on
 * cost and noise, so it does not depend on the corpus size; in a small corpus it never applies.
 */
export const LONG_POSTINGS = 1_500;

/** True when a word's body postings are too long to score within a query's time budget. */
export function hasLongPostings(df: number): boolean {
  return df > LONG_POSTINGS;
}

export interface QueryTerm {
  term: string;
  /** The index term of the query word this stands for: a word's forms count as one word matched. */
  word: string;
  /** The coarse root-like form, looked up in the low-weight roots field. */
  root: string;
  prefix: boolean;
  fuzzy: boolean;
}

/**
 * Analyses the query like any text and keeps its rarest terms, then its frequent ones, up to the
 * bounds above. `asYouType`: the reader is still typing (inline mode), so the last word is also
 * matched as a prefix unless the query ends with a space; a sent search is made of whole words
 * (Lucene's way: no prefix).
 */
export function queryTerms(query: string, documentFrequency: (term: string) => number, asYouType = false): QueryTerm[] {
  const tokens = tokenize(query);
  const lastToken = tokens.at(-1);
  // Still typing only when the query ends inside a word: a space or a "?" means the word is done.
  const typingLastWord = asYouType && lastToken !== undefined && /[\p{L}\p{M}\p{N}]$/u.test(query);
  const lastTerm = typingLastWord ? processTerm(lastToken) : null;
  // Common words stay beside rare ones (idf weighs them): at scale most of a headline's words are in
  // thousands of articles, and they are what tells its story from others sharing its rare words
  // ("يوم ثان", "رئيس أتلتيكو"). Past the rarest eight only those with long postings stay, since
  // they cost a scan rather than a score per posting (search-index.ts). Rarest first, so the order
  // scores are summed in never depends on how the query is worded.
  const byRarity = [...new Set(analyze(query))].sort((a, b) => documentFrequency(a) - documentFrequency(b));
  const kept = byRarity.filter((t, i) => i < MAX_QUERY_TERMS || hasLongPostings(documentFrequency(t))).slice(0, MAX_QUERY_TERMS_WITH_FREQUENT);
  const rootOf = new Map(tokens.map((token) => [processTerm(token), rootStem(token)]));
  const terms: QueryTerm[] = kept.map((term) => ({
    term,
    word: term,
    root: rootOf.get(term) ?? term,
    prefix: false,
    fuzzy: term.length >= (documentFrequency(term) === 0 ? MIN_FUZZY_LETTERS_UNKNOWN : MIN_FUZZY_LETTERS) && /[\u0621-\u064A]/u.test(term),
  }));
  terms.push(...cliticReadings(tokens, kept, documentFrequency));
  // The last word may be half-typed: besides its exact form it is matched as a prefix, spelled as
  // typed (clitics aside), since stemming a fragment can cut a false "ending" ("ناكات" → "ناك").
  const typed = typingLastWord && lastTerm !== null && kept.includes(lastTerm) ? stripPrefix(lastToken) : '';
  if (lastTerm !== null && typed.length >= MIN_PREFIX_LETTERS) {
    terms.push({ term: typed, word: lastTerm, root: rootOf.get(lastTerm) ?? typed, prefix: true, fuzzy: false });
  }
  return terms;
}

/** A one-letter preposition or conjunction the stemmer leaves on (it may be the word's own letter). */
const BARE_CLITIC = /^[لبكف]/u;
/** Letters left after the clitic: shorter remainders are too often other words. */
const MIN_CLITIC_REST = 4;

/**
 * "لمشروع" is ل + "مشروع", but "لبنان" is not ل + "بنان": the stemmer cannot tell, the index can.
 * A query word that begins with ل, ب, ك or ف is also read without it when the index holds that
 * reading in more documents than the word as written: the same word, one bit of the match count.
 */
function cliticReadings(tokens: string[], kept: string[], documentFrequency: (term: string) => number): QueryTerm[] {
  const readings: QueryTerm[] = [];
  for (const token of tokens) {
    const word = processTerm(token);
    if (word === null || !kept.includes(word) || !BARE_CLITIC.test(token) || token.length - 1 < MIN_CLITIC_REST) continue;
    const rest = token.slice(1);
    const term = processTerm(rest);
    if (term === null || term === word || readings.some((r) => r.term === term) || documentFrequency(term) <= documentFrequency(word)) continue;
    readings.push({ term, word, root: rootStem(rest), prefix: false, fuzzy: false });
  }
  return readings;
}
