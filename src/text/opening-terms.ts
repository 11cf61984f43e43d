// The opening words of an article's body as search snippets cut them, and their index terms.
// Worked out once when the article is stored, so that a search page does not analyse the opening
// words of its five results on every reply. Pure (a word → term memo aside).
import { processTerm } from './analyze.ts';
import { fingerprint } from './fingerprint.ts';
import { normalize } from './normalize.ts';

/** Words of the text searched for a snippet's window: the search index reads no further either. */
export const SNIPPET_SCAN_WORDS = 300;

/** The display words (punctuation kept) a snippet is cut from, in reading order: the first `limit`. */
export function openingWords(text: string, limit = SNIPPET_SCAN_WORDS): string[] {
  const count = Math.min(limit, SNIPPET_SCAN_WORDS);
  // One more piece than needed: a leading space gives an empty first piece, dropped here.
  return text.split(/\s+/u, count + 1).filter(Boolean).slice(0, count);
}

/** Display words remembered with their terms: a news vocabulary with its punctuation fits. */
const WORD_CACHE_SIZE = 200_000;
// The same words recur from article to article, so their terms are remembered (analysis is pure).
const termCache = new Map<string, string | null>();

/** A display word's index term (punctuation and marks dropped), or null when it carries none. */
export function termOfWord(word: string): string | null {
  let term = termCache.get(word);
  if (term !== undefined) return term;
  const core = normalize(word).replace(/[^\p{L}\p{N}]+/gu, '');
  term = core ? processTerm(core) : null;
  if (termCache.size >= WORD_CACHE_SIZE) termCache.clear();
  termCache.set(word, term);
  return term;
}

// Words with the clitics, hamzas, endings, marks and digits the analysis treats specially: when
// the analysis changes how any of them is read, the stamp changes and stored terms are not trusted.
const PROBE = [
  'والصين', 'بالمفاوضات', 'للولايات', 'المتحدة', 'وكالة', 'أعلنت', 'إسرائيل', 'آلاف', 'مؤتمر', 'مسؤولون',
  'الرئيس', 'رئيسها', 'فلسطينيون', 'الفلسطينيين', 'مستشفى', 'سيارات', 'كتبهم', 'وزارتي', 'الاقتصادية', 'استثمار',
  'يستطيعون', 'فسيعلنون', 'كالعادة', 'مُحَمَّد', 'العـــام', 'ترامب،', '«الأهرام»', '2018', '٢٠١٨', 'CNN',
  'في', 'على', 'إلى', 'قال', 'أن', 'ب', 'الى', 'هذه', 'مصر', 'ولكن',
];

/** Bump when terms are worked out differently in a way the probe words would not show. */
const OPENING_TERMS_VERSION = 1;

/** Which analysis stored terms were made with: terms with another stamp are worked out afresh. */
export const ANALYSIS_STAMP = `${OPENING_TERMS_VERSION}.${fingerprint(PROBE.map((w) => termOfWord(w) ?? '∅').join('|'))}`;

/** The terms of the opening words as stored with an article: one per word, space-separated ('' for none). */
export interface OpeningTerms {
  analysis: string;
  terms: string;
}

/**
 * Terms of a body's opening words, for storing with the article: none for a body without words
 * ('' is one word without a term) or if a term held a space (the separator).
 */
export function openingTerms(paragraphs: readonly string[]): OpeningTerms | undefined {
  const terms = openingWords(paragraphs.join(' ')).map((w) => termOfWord(w) ?? '');
  if (terms.length === 0 || terms.some((t) => t.includes(' '))) return undefined;
  return { analysis: ANALYSIS_STAMP, terms: terms.join(' ') };
}

/** The stored terms (space-separated, '' for a word without one) when made by this analysis. */
export function trustedTerms(stored: OpeningTerms | undefined): string | undefined {
  return stored?.analysis === ANALYSIS_STAMP && typeof stored.terms === 'string' ? stored.terms : undefined;
}
