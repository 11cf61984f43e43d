// The page lists keywords separated by spaces, but a keyword may be several words
// ("الولايات المتحدة"). Recover the phrases from evidence in the page's own text.
import { tokenize } from '../text/tokenize.ts';

/** Words: the longest keyword phrase we try to rebuild. */
const MAX_PHRASE_WORDS = 4;
// Clitics a word may carry in running text while still being the keyword ("والولايات").
const CLITIC_PREFIX = /^(?:و|ف|ب|ل|ك|وب|ول|فب|فل|وك)(?=ال)/u;

const bare = (word: string) => word.replace(CLITIC_PREFIX, '');

function countPhrase(words: string[], phrase: string[]): number {
  let count = 0;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((w, k) => words[i + k] === w)) count++;
  }
  return count;
}

/**
 * Groups the space-separated keyword words into phrases. A run of words becomes one phrase when
 * it occurs in the text as a run and at least one of its words never occurs outside that run:
 * "المتحدة" only ever follows "الولايات", so they belong together, while "اليابان" and "ترامب"
 * stand alone elsewhere and stay apart even if they once meet.
 */
export function recoverKeywordPhrases(keywordLine: string, pageText: string): string[] {
  const displayWords = keywordLine.split(/[\s,،]+/u).filter(Boolean);
  const keyWords = displayWords.map((w) => bare(tokenize(w).join('')));
  const textWords = tokenize(pageText).map(bare);
  const phrases: string[] = [];
  let i = 0;
  while (i < displayWords.length) {
    let taken = 1;
    for (let n = Math.min(MAX_PHRASE_WORDS, displayWords.length - i); n >= 2; n--) {
      const run = keyWords.slice(i, i + n);
      const together = countPhrase(textWords, run);
      if (together === 0) continue;
      const someWordOnlyHere = run.some((w) => countPhrase(textWords, [w]) === together);
      if (someWordOnlyHere) {
        taken = n;
        break;
      }
    }
    phrases.push(displayWords.slice(i, i + taken).join(' '));
    i += taken;
  }
  return [...new Set(phrases)];
}
