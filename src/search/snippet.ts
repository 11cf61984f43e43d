// A short passage around the best match, with the matched words marked. Pure.
import { type OpeningTerms, openingWords, termOfWord, trustedTerms } from '../text/opening-terms.ts';

/** Words shown around the match: about two lines on a phone. */
export const SNIPPET_WORDS = 24;
export { SNIPPET_SCAN_WORDS } from '../text/opening-terms.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Where the window of `size` words holding the most distinct matches starts (earliest on ties).
 * `matchAt` is asked in reading order and only as far as needed: a window holding `most` distinct
 * matches (every query term) cannot be beaten by a later one, so the scan stops there.
 */
function bestWindow(matchAt: (i: number) => string | null, length: number, size: number, most: number): number {
  const inWindow = new Map<string, number>();
  const enter = (m: string | null) => {
    if (m !== null) inWindow.set(m, (inWindow.get(m) ?? 0) + 1);
  };
  const leave = (m: string | null) => {
    if (m === null) return;
    const left = (inWindow.get(m) ?? 0) - 1;
    if (left > 0) inWindow.set(m, left);
    else inWindow.delete(m);
  };
  for (let i = 0; i < Math.min(size, length); i++) enter(matchAt(i));
  let best = 0;
  let bestScore = inWindow.size;
  for (let start = 1; start < length - size + 1 && bestScore < most; start++) {
    leave(matchAt(start - 1));
    enter(matchAt(start + size - 1));
    if (inWindow.size > bestScore) [bestScore, best] = [inWindow.size, start];
  }
  return best;
}

/**
 * The words a snippet is cut from, with their index terms: the same for every query. Terms come
 * stored with the article, or are worked out on demand (`terms` holds those of the first words so
 * far), since most snippets find their window in the opening words.
 */
export interface SnippetSource {
  readonly words: readonly string[];
  /** Index term of each word analysed so far; null or '' for a word without one. */
  readonly terms: (string | null)[];
}

/** The source for `text`, with the terms stored for it when they can be trusted. */
export function snippetSource(text: string, stored?: OpeningTerms): SnippetSource {
  const words = openingWords(text);
  return { words, terms: trustedTerms(stored, words.length) ?? [] };
}

/** The index term of the source's word `i`, analysing the words before it first if not yet done. */
export function sourceTerm(source: SnippetSource, i: number): string | null {
  const { words: all, terms } = source;
  while (terms.length <= i) terms.push(termOfWord(all[terms.length] as string));
  return terms[i] || null;
}

/**
 * The window of `size` words holding the most distinct query terms (earliest on ties), as parts
 * to render: matched words flagged, the rest plain, "…" where the text was cut.
 */
export function snippet(text: string | SnippetSource, terms: readonly { term: string; prefix: boolean }[], size = SNIPPET_WORDS): SnippetPart[] {
  const source = typeof text === 'string' ? snippetSource(text) : text;
  const all = source.words;
  const matches: (string | null)[] = [];
  const matchAt = (i: number): string | null => {
    while (matches.length <= i) {
      const t = sourceTerm(source, matches.length);
      const hit = t === null ? undefined : terms.find((q) => q.term === t || (q.prefix && t.startsWith(q.term)));
      matches.push(hit ? hit.term : null);
    }
    return matches[i] as string | null;
  };
  const bestStart = bestWindow(matchAt, all.length, size, new Set(terms.map((q) => q.term)).size);
  const end = Math.min(all.length, bestStart + size);
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  if (bestStart > 0) push('… ', false);
  for (let i = bestStart; i < end; i++) {
    push(all[i] as string, matchAt(i) !== null);
    if (i < end - 1) push(' ', false);
  }
  if (end < all.length) push(' …', false);
  return parts;
}
