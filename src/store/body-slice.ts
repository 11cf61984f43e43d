// One article's details out of a body bucket's text, without parsing the bucket's other articles:
// a search page shows five snippets from five buckets, and parsing whole buckets (tens of KB at
// 100,000 articles) for one article each was most of a search reply's time. Pure.
import type { ArticleDetails } from '../domain.ts';
import { ARTICLE_FILES_VERSION } from './article-schema.ts';
import { entryKey, isDetails } from './body-layout.ts';

/** How this code writes a bucket (JSON.stringify of { version, bodies }): the layout read here. */
const HEAD = Buffer.from(`{"version":${ARTICLE_FILES_VERSION},"bodies":{`);
// JSON's structural characters are ASCII, and no byte of a multi-byte UTF-8 character is: the
// bucket is scanned as bytes, and only the one article is decoded.
const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([123, 91]); // { [
const CLOSERS = new Set([125, 93]); // } ]

/** Where the JSON string opening at `open` ends: the next quote not escaped by a backslash; -1 if none. */
function closingQuote(file: Buffer, open: number): number {
  for (let q = file.indexOf(QUOTE, open + 1); q >= 0; q = file.indexOf(QUOTE, q + 1)) {
    let backslashes = 0;
    while (file[q - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}

/**
 * The details stored for `id` in a bucket file's bytes; null when the bucket does not hold it;
 * undefined when the file is not a bucket as this version writes it (older, damaged or
 * hand-edited): read it whole then.
 */
export function sliceDetails(file: Buffer, id: string): ArticleDetails | null | undefined {
  if (file.length < HEAD.length || !HEAD.equals(file.subarray(0, HEAD.length))) return undefined;
  // Inside a JSON string every quote is escaped, so `"id":{` only ever matches a key.
  const key = Buffer.from(`${entryKey(id)}{`);
  const at = file.indexOf(key, HEAD.length);
  if (at < 0) return null;
  const start = at + key.length - 1;
  let depth = 0;
  for (let i = start; i < file.length; i++) {
    const c = file[i] as number;
    if (c === QUOTE) {
      // Strings are most of an article's bytes: jump to the closing quote (native search).
      i = closingQuote(file, i);
      if (i < 0) return undefined;
    } else if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c) && --depth === 0) {
      try {
        const details: unknown = JSON.parse(file.toString('utf8', start, i + 1));
        return isDetails(details) ? details : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
