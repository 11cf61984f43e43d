import { normalize } from './normalize.ts';

// Split on Unicode classes, never on letter ranges: a word is a run of letters, combining marks
// and digits (marks are already stripped by normalize for Arabic, but kept here so that other
// scripts' accents never cut a word). A decimal such as 2.5 stays one token.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[.,][\p{N}]+)*/gu;

/** Normalised words in reading order. */
export function tokenize(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

/** Words of already-normalised text (skips the second normalisation on hot paths). */
export function tokenizeNormalized(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/**
 * A run normalize erases whole: tatweel and diacritics alone, such as the "ـ" that opens an
 * interview's answer. Counting it would spend a word of a summary's budget on nothing.
 */
const ERASED = /^[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]+$/u;

/**
 * How many words tokenize would find, counted on the text as written: cheap enough to run on
 * every piece of every sentence. Normalising never moves a word boundary, except that it drops
 * invisible joiners; a joiner inside a word makes this count one more, never fewer.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const word of text.match(WORD) ?? []) if (!ERASED.test(word)) count++;
  return count;
}
