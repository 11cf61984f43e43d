// The one analysis pipeline: indexing, querying, related articles and summaries all call this,
// so a word is seen the same way everywhere (MiniSearch's tokenize → processTerm split).
import { isStopWord } from './stopwords.ts';
import { rootStem, stem } from './stem.ts';
import { tokenize } from './tokenize.ts';

/** A normalised word → its index term, or null when it carries no topic. */
export function processTerm(token: string): string | null {
  if (isStopWord(token)) return null;
  // Single letters and lone digits match too much to mean anything.
  if (token.length < 2) return null;
  return stem(token);
}

/** Text → index terms, in reading order (repeats kept: term frequency matters). */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Text → coarse root-like terms (see rootStem), for the low-weight recall field of the index. */
export function analyzeRoots(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    if (isStopWord(token) || token.length < 2) continue;
    terms.push(rootStem(token));
  }
  return terms;
}
