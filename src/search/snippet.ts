// A short passage around the best match, with the matched words marked. Pure.
import { processTerm } from '../text/analyze.ts';
import { normalize } from '../text/normalize.ts';

/** Words shown around the match: about two lines on a phone. */
export const SNIPPET_WORDS = 24;
/** Words of the text searched for the best window: the search index reads no further either. */
export const SNIPPET_SCAN_WORDS = 300;

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits the text into words and gaps, keeping punctuation with its word for display. */
function words(text: string): string[] {
  return text.split(/\s+/u).filter(Boolean);
}

/** Display words remembered with their terms: a news vocabulary with its punctuation fits. */
const WORD_CACHE_SIZE = 200_000;
// Every search result runs each of its first 300 words through normalisation; the same words
// recur from article to article, so their terms are remembered (analysis is pure).
const termCache = new Map<string, string | null>();

function termOf(word: string): string | null {
  let term = termCache.get(word);
  if (term !== undefined) return term;
  const core = normalize(word).replace(/[^\p{L}\p{N}]+/gu, '');
  term = core ? processTerm(core) : null;
  if (termCache.size >= WORD_CACHE_SIZE) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** Where the window of `size` words holding the most distinct matches starts (earliest on ties). */
function bestWindow(matches: readonly (string | null)[], size: number): number {
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
  for (let i = 0; i < Math.min(size, matches.length); i++) enter(matches[i] ?? null);
  let best = 0;
  let bestScore = inWindow.size;
  for (let start = 1; start < matches.length - size + 1; start++) {
    leave(matches[start - 1] ?? null);
    enter(matches[start + size - 1] ?? null);
    if (inWindow.size > bestScore) [bestScore, best] = [inWindow.size, start];
  }
  return best;
}

/** The words a snippet is cut from, with their index terms: the same for every query. */
export interface SnippetSource {
  words: readonly string[];
  terms: readonly (string | null)[];
}

export function snippetSource(text: string): SnippetSource {
  const scanned = words(text).slice(0, SNIPPET_SCAN_WORDS);
  return { words: scanned, terms: scanned.map(termOf) };
}

/**
 * The window of `size` words holding the most distinct query terms (earliest on ties), as parts
 * to render: matched words flagged, the rest plain, "…" where the text was cut.
 */
export function snippet(text: string | SnippetSource, terms: readonly { term: string; prefix: boolean }[], size = SNIPPET_WORDS): SnippetPart[] {
  const source = typeof text === 'string' ? snippetSource(text) : text;
  const all = source.words;
  const matches = source.terms.map((t) => {
    if (t === null) return null;
    const hit = terms.find((q) => q.term === t || (q.prefix && t.startsWith(q.term)));
    return hit ? hit.term : null;
  });
  const bestStart = bestWindow(matches, size);
  const end = Math.min(all.length, bestStart + size);
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  if (bestStart > 0) push('… ', false);
  for (let i = bestStart; i < end; i++) {
    push(all[i] as string, matches[i] !== null);
    if (i < end - 1) push(' ', false);
  }
  if (end < all.length) push(' …', false);
  return parts;
}
