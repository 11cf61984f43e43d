// The words a snippet is cut from and their index terms, the same for every query. With the terms
// stored with the article, matching reads them in place and the text is split only as far as the
// snippet shows; without (articles stored before the terms were kept), each word is analysed as
// far as a snippet reads, and the words are split up front. Pure but for memos.
import { type OpeningTerms, openingWords, termOfWord, trustedTerms } from '../text/opening-terms.ts';

export interface QueryWord {
  term: string;
  /** Being typed: matches any word whose term begins with it. */
  prefix: boolean;
}

const SEPARATOR = ' ';

/** The query term a word's index term matches: the first equal to it, or being typed and beginning it. */
export function matchOf(term: string | null, query: readonly QueryWord[]): string | null {
  return term === null ? null : (query.find((q) => q.term === term || (q.prefix && term.startsWith(q.term)))?.term ?? null);
}

/** How many terms a stored string holds (one more than its separators). */
function countTerms(stored: string): number {
  let count = 1;
  for (let at = stored.indexOf(SEPARATOR); at >= 0; at = stored.indexOf(SEPARATOR, at + 1)) count++;
  return count;
}

export class SnippetSource {
  readonly text: string;
  /** Opening words (at most SNIPPET_SCAN_WORDS). */
  readonly length: number;
  /** Terms of the first words analysed so far, when no stored terms could be used. */
  readonly analysed: (string | null)[] = [];
  readonly #stored: string | undefined;
  #words: string[];

  constructor(text: string, stored?: OpeningTerms) {
    this.text = text;
    this.#stored = trustedTerms(stored);
    this.#words = this.#stored === undefined ? openingWords(text) : [];
    this.length = this.#stored === undefined ? this.#words.length : countTerms(this.#stored);
  }

  /** True when the terms come stored with the article. */
  get stored(): boolean {
    return this.#stored !== undefined;
  }

  /** The opening words, split at least as far as `end` (fewer if the text has fewer). */
  words(end = this.length): readonly string[] {
    if (this.#words.length < end) this.#words = openingWords(this.text, end);
    return this.#words;
  }

  /** The index term of word `i` analysed (the words before it first), for sources without stored terms. */
  analyse(i: number): string | null {
    while (this.analysed.length <= i && this.analysed.length < this.#words.length) {
      this.analysed.push(termOfWord(this.#words[this.analysed.length] as string));
    }
    return this.analysed[i] ?? null;
  }

  /**
   * For one query: a function giving, word after word in reading order, the query term the word
   * matches (the first equal to its term, or being typed and beginning it), or null.
   */
  matches(query: readonly QueryWord[]): () => string | null {
    const stored = this.#stored;
    if (stored === undefined) {
      let i = 0;
      return () => matchOf(this.analyse(i++), query);
    }
    // Compared in place: no string per word. A term holds no separator, so a query term that
    // starts at a term's first character and ends at its end (or is a prefix) matches that term.
    let at = 0;
    return () => {
      const next = stored.indexOf(SEPARATOR, at);
      const end = next < 0 ? stored.length : next;
      let hit: string | null = null;
      if (end > at) {
        for (const q of query) {
          if (stored.startsWith(q.term, at) && (q.prefix || at + q.term.length === end)) {
            hit = q.term;
            break;
          }
        }
      }
      at = end + 1;
      return hit;
    };
  }
}
