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

function termOf(word: string): string | null {
  const core = normalize(word).replace(/[^\p{L}\p{N}]+/gu, '');
  return core ? processTerm(core) : null;
}

/**
 * The window of `size` words holding the most distinct query terms (earliest on ties), as parts
 * to render: matched words flagged, the rest plain, "…" where the text was cut.
 */
export function snippet(text: string, terms: readonly { term: string; prefix: boolean }[], size = SNIPPET_WORDS): SnippetPart[] {
  const all = words(text).slice(0, SNIPPET_SCAN_WORDS);
  const matches = all.map((w) => {
    const t = termOf(w);
    if (t === null) return null;
    const hit = terms.find((q) => q.term === t || (q.prefix && t.startsWith(q.term)));
    return hit ? hit.term : null;
  });
  let bestStart = 0;
  let bestScore = -1;
  for (let start = 0; start < Math.max(1, all.length - size + 1); start++) {
    const score = new Set(matches.slice(start, start + size).filter(Boolean)).size;
    if (score > bestScore) [bestScore, bestStart] = [score, start];
  }
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
