// One article's details out of a body bucket's text, without parsing the bucket's other articles:
// a search page shows five snippets from five buckets, and parsing whole buckets (tens of KB at
// 100,000 articles) for one article each was most of a search reply's time. Pure.
import type { ArticleDetails } from '../domain.ts';
import { ARTICLE_FILES_VERSION } from './article-schema.ts';

/** How this code writes a bucket (JSON.stringify of { version, bodies }): the layout read here. */
const HEAD = `{"version":${ARTICLE_FILES_VERSION},"bodies":{`;
const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([123, 91]); // { [
const CLOSERS = new Set([125, 93]); // } ]

const isDetails = (x: unknown): x is ArticleDetails =>
  typeof x === 'object' && x !== null && Array.isArray((x as ArticleDetails).paragraphs) && typeof (x as ArticleDetails).summary === 'string';

/**
 * The details stored for `id`; null when the bucket does not hold it; undefined when the text is
 * not a bucket as this version writes it (older, damaged or hand-edited): read it whole then.
 */
export function sliceDetails(text: string, id: string): ArticleDetails | null | undefined {
  if (!text.startsWith(HEAD)) return undefined;
  // Inside a JSON string every quote is escaped, so `"id":{` only ever matches a key.
  const key = `${JSON.stringify(id)}:{`;
  const at = text.indexOf(key, HEAD.length);
  if (at < 0) return null;
  const start = at + key.length - 1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c) && --depth === 0) {
      try {
        const details: unknown = JSON.parse(text.slice(start, i + 1));
        return isDetails(details) ? details : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
