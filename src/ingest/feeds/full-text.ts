// FEED_FULL_TEXT=1: the article's text from its own page, for feeds that carry only a teaser.
// Mozilla's Readability (Firefox Reader View) over linkedom, a light DOM; any failure keeps the teaser.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { countWords } from '../../text/tokenize.ts';
import { decodeBytes } from './decode.ts';
import { fetchLimited, type FetchLimits } from './fetch.ts';
import { htmlToParagraphs } from './html-text.ts';

/** Words: an extraction shorter than this is a cookie notice or an error page, not the article. */
const MIN_ARTICLE_WORDS = 40;

/** The main text of an HTML page as paragraphs, or undefined when Readability finds no article. */
export function extractArticle(html: string, url: string): string[] | undefined {
  const { document } = parseHTML(html);
  // Readability resolves relative links against the document's address.
  const base = document.createElement('base');
  base.setAttribute('href', url);
  document.head?.appendChild(base);
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!parsed?.content) return undefined;
  const paragraphs = htmlToParagraphs(parsed.content);
  return countWords(paragraphs.join(' ')) >= MIN_ARTICLE_WORDS ? paragraphs : undefined;
}

export type FullTextFailure = (url: string, reason: string) => void;

/** Fetches pages under the same limits as feeds; resolves undefined (never throws) on failure. */
export function fullTextFetcher(limits: FetchLimits, onFailure: FullTextFailure): (url: string) => Promise<string[] | undefined> {
  return async (url) => {
    try {
      const page = await fetchLimited(url, limits);
      if (page.status !== 'ok') return undefined;
      const paragraphs = extractArticle(decodeBytes(page.bytes, page.contentType), page.url);
      if (!paragraphs) onFailure(url, 'no article text found on the page');
      return paragraphs;
    } catch (error) {
      onFailure(url, (error as Error).message);
      return undefined;
    }
  };
}
