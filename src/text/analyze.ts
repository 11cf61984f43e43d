// The one analysis pipeline: indexing, querying, related articles and summaries all call this,
// so a word is seen the same way everywhere (MiniSearch's tokenize → processTerm split).
import { isStopWord } from './stopwords.ts';
import { rootStem, stem } from './stem.ts';
import { tokenize } from './tokenize.ts';

/** Distinct words remembered: a news vocabulary fits; past it the memory starts afresh. */
const TERM_CACHE_SIZE = 300_000;
// A word's analysis never changes, and a corpus repeats its words endlessly: remember it.
const termCache = new Map<string, { term: string | null; root: string | null }>();

function analyzeToken(token: string): { term: string | null; root: string | null } {
  let cached = termCache.get(token);
  if (cached) return cached;
  // Stop words say nothing; single letters and lone digits match too much to mean anything.
  const kept = !isStopWord(token) && token.length >= 2;
  cached = { term: kept ? stem(token) : null, root: kept ? rootStem(token) : null };
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
  termCache.set(token, cached);
  return cached;
}

/** A normalised word → its index term, or null when it carries no topic. */
export function processTerm(token: string): string | null {
  return analyzeToken(token).term;
}

/** Index terms and their coarse root-like forms (see rootStem), from one pass over the text. */
export function analyzeWithRoots(text: string, maxTerms = Number.POSITIVE_INFINITY): { terms: string[]; roots: string[] } {
  const terms: string[] = [];
  const roots: string[] = [];
  for (const token of tokenize(text)) {
    if (terms.length >= maxTerms) break;
    const { term, root } = analyzeToken(token);
    if (term === null || root === null) continue;
    terms.push(term);
    roots.push(root);
  }
  return { terms, roots };
}

/** Text → index terms, in reading order (repeats kept: term frequency matters). */
export function analyze(text: string): string[] {
  return analyzeWithRoots(text).terms;
}
