// A parsed feed item → an article (title, text, canonical link, date, keywords, summaries). Pure:
// the id is decided elsewhere (it depends on what is already stored).
import type { Article } from '../../domain.ts';
import { storedSummaries } from '../../text/summary-stamp.ts';
import { countWords } from '../../text/tokenize.ts';
import { deriveTitle } from '../derive-title.ts';
import { contentHash } from '../ids.ts';
import { htmlToLine, htmlToParagraphs } from './html-text.ts';
import type { FeedItem } from './parse.ts';

/**
 * Words: a description-only item shorter than this is a teaser (feeds that carry whole articles
 * in the description run to hundreds of words; teasers are a sentence or two).
 */
export const TEASER_MAX_WORDS = 150;

/** Query parameters that only track the click, never select the page. */
const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|_ga|igshid|ref_src|at_medium|at_campaign|xtor)$/i;

/** The item's link made absolute, without tracking parameters or fragment; undefined if unusable. */
export function canonicalLink(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  url.hash = '';
  return url.href;
}

/** RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed); missing or unreadable: now; in the future: now. */
export function itemDate(raw: string | undefined, now: string): string {
  if (!raw) return now;
  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed)) return now;
  return parsed > Date.parse(now) ? now : new Date(parsed).toISOString();
}

export interface ItemContext {
  id: string;
  /** The feed's address: the origin that owns the article, and the base of relative links. */
  feedUrl: string;
  /** Where the feed was finally fetched from (after redirects): relative links resolve against it. */
  baseUrl?: string;
  /** The configured name, else the feed's own title. */
  source?: string;
  /** A configured category: every item of the feed gets it as a keyword (topics then match). */
  category?: string;
  order: number;
  now: string;
  /** The article's text fetched from its page (FEED_FULL_TEXT), when that worked. */
  fullText?: string[];
}

export type MappedItem = { ok: true; article: Article } | { ok: false; reason: string };

const unique = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

/** The text of an item: full content, else its description; the title when that is all. */
export function itemParagraphs(item: FeedItem): { paragraphs: string[]; full: boolean } {
  const content = item.contentHtml ? htmlToParagraphs(item.contentHtml) : [];
  if (content.length > 0) return { paragraphs: content, full: true };
  const summary = item.summaryHtml ? htmlToParagraphs(item.summaryHtml) : [];
  return { paragraphs: summary, full: countWords(summary.join(' ')) >= TEASER_MAX_WORDS };
}

export function itemTitle(item: FeedItem): string | undefined {
  const title = item.title ? htmlToLine(item.title) : '';
  if (title) return title;
  const [lead] = itemParagraphs(item).paragraphs;
  return lead ? deriveTitle(lead) : undefined;
}

export function mapItem(item: FeedItem, ctx: ItemContext): MappedItem {
  const title = itemTitle(item);
  if (!title) return { ok: false, reason: 'no title and no text' };
  const given = itemParagraphs(item);
  const paragraphs = ctx.fullText && ctx.fullText.length > 0 ? ctx.fullText : given.paragraphs;
  const teaser = !given.full && paragraphs === given.paragraphs;
  const url = canonicalLink(item.link, ctx.baseUrl ?? ctx.feedUrl);
  const article: Article = {
    id: ctx.id,
    kind: 'article',
    title,
    keywords: unique([...(ctx.category ? [ctx.category] : []), ...item.categories]),
    related: [],
    publishedAt: itemDate(item.date, ctx.now),
    ingestedAt: ctx.now,
    updatedAt: ctx.now,
    origin: ctx.feedUrl,
    pageOrder: ctx.order,
    paragraphs,
    ...storedSummaries(paragraphs),
    contentHash: '',
  };
  if (ctx.source) article.source = ctx.source;
  if (url) article.url = url;
  if (teaser) article.teaserOnly = true;
  article.contentHash = contentHash([article.kind, title, article.source, url, article.keywords, paragraphs, teaser]);
  return { ok: true, article };
}
