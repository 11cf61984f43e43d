// A short passage around the best match, with the matched words marked. Pure.
import { type OpeningTerms, termOfWord } from '../text/opening-terms.ts';
import { matchOf, type QueryWord, SnippetSource } from './snippet-source.ts';

export { SnippetSource } from './snippet-source.ts';

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

/** The source for `text`, with the terms stored for it when they were made by this analysis. */
export function snippetSource(text: string, stored?: OpeningTerms): SnippetSource {
  return new SnippetSource(text, stored);
}

/**
 * The window of `size` words holding the most distinct query terms (earliest on ties), as parts
 * to render: matched words flagged, the rest plain, "…" where the text was cut.
 */
export function snippet(text: string | SnippetSource, terms: readonly QueryWord[], size = SNIPPET_WORDS): SnippetPart[] {
  const source = typeof text === 'string' ? snippetSource(text) : text;
  const next = source.matches(terms);
  const matches: (string | null)[] = [];
  const matchAt = (i: number): string | null => {
    while (matches.length <= i) matches.push(next());
    return matches[i] as string | null;
  };
  const bestStart = bestWindow(matchAt, source.length, size, new Set(terms.map((q) => q.term)).size);
  const end = Math.min(source.length, bestStart + size);
  const words = source.words(end);
  // Stored terms made from another text (a hand-edited body) must not mark the wrong words: the
  // words shown and marked are checked, and on any disagreement the words themselves decide.
  const disagrees = (i: number) => words[i] === undefined || (matchAt(i) !== null && matchOf(termOfWord(words[i] as string), terms) !== matchAt(i));
  if (source.stored) for (let i = bestStart; i < end; i++) if (disagrees(i)) return snippet(source.text, terms, size);
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  if (bestStart > 0) push('… ', false);
  for (let i = bestStart; i < end; i++) {
    push(words[i] as string, matchAt(i) !== null);
    if (i < end - 1) push(' ', false);
  }
  if (end < source.length) push(' …', false);
  return parts;
}
