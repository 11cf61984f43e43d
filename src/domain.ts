// Plain data types shared by every part. No behaviour lives here.

/** A full article (title, body, source) or a headline-only item from a "similar articles" list. */
export type ArticleKind = 'article' | 'headline';

/** Everything about an article except its body: what lists, cards, digests and search need. */
export interface ArticleMeta {
  /** Stable, URL-safe, at most 12 characters; the same on every run for the same article. */
  id: string;
  kind: ArticleKind;
  title: string;
  /** True when the page gave no title and `title` is its lead's opening clause (see deriveTitle). */
  derivedTitle?: boolean;
  /** Name of the outlet, e.g. `البوابة نيوز`; absent for headline-only items. */
  source?: string;
  /** Link to the original when the page header named one. */
  url?: string;
  keywords: string[];
  /** Ids of related items, the page's own links first, in page order. */
  related: string[];
  /** ISO 8601; the page header's date, else the first time the article was seen. */
  publishedAt: string;
  /** ISO 8601; the first time this store saw the article. */
  ingestedAt: string;
  /** ISO 8601; the last time an ingestion changed it. */
  updatedAt: string;
  /** Seed file the article came from (base name). */
  origin: string;
  /** Position on its page, so that articles published together keep the page's order. */
  pageOrder: number;
  /** Hash of the content fields, to tell "updated" from "unchanged" cheaply. */
  contentHash: string;
  /** A feed item that carried only a teaser: the card says so and links to the source. */
  teaserOnly?: true;
  /**
   * Which summariser made the stored summary and digest line (text/summary-stamp.ts): another
   * stamp, or none (older stores), and a start-up makes them again from the body. Full articles only.
   */
  summaryStamp?: string;
}

/**
 * What only a card, the full text or a digest needs. Stored apart from the metadata, which is
 * loaded whole at start, so that start-up reads a third as much.
 */
export interface ArticleDetails {
  paragraphs: string[];
  /** Card summary: 2–3 sentences. Empty for headlines. */
  summary: string;
  /** Digest line: one sentence. Empty for headlines. */
  digestLine: string;
  /**
   * Index terms of the body's opening words for search snippets, worked out when the article was
   * stored, stamped with the analysis that made them (text/opening-terms.ts). Absent in older stores.
   */
  openingTerms?: { analysis: string; terms: string };
}

/** A full article with its body. Headline-only items have no paragraphs and empty summaries. */
export interface Article extends ArticleMeta, ArticleDetails {}

/** What the page parser extracts, before ids, dates and summaries are assigned. */
export interface ParsedArticle {
  title: string;
  /** True when the page gave no title and it was derived from the lead sentence. */
  derivedTitle: boolean;
  paragraphs: string[];
  source?: string;
  keywords: string[];
}

export interface PageHeader {
  date?: string;
  url?: string;
  source?: string;
}

export interface ParsedPage {
  header: PageHeader;
  articles: ParsedArticle[];
  /** Titles from the "similar articles" list, in page order. */
  headlines: string[];
}

/** Items per digest a chat may choose. */
export const DIGEST_SIZES = [3, 5, 10] as const;
export type DigestSize = (typeof DIGEST_SIZES)[number];

/** A chat's daily digest: when, in which time zone, about what, how many items. */
export interface Subscription {
  /** Local delivery time, "HH:MM" (24-hour). */
  time: string;
  /** IANA time zone, e.g. Asia/Riyadh. */
  timeZone: string;
  /** Keywords: only matching articles go into the digest; empty means all news. */
  topics: string[];
  size: DigestSize;
  createdAt: string;
  updatedAt: string;
}

/** Why a chat no longer receives digests. */
export type InactiveReason = 'unsubscribed' | 'blocked' | 'kicked' | 'deactivated' | 'chat-not-found';

export interface ChatRecord {
  chatId: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  subscription?: Subscription;
  /** Present while the subscription does not deliver. */
  inactive?: { reason: InactiveReason; at: string };
  /** Local date (in the subscription's zone) of the last digest sent, or decided to skip. */
  lastDigestDate?: string;
  /**
   * What happened that day: sent, nothing new to send, skipped (too late after downtime), or
   * rejected by Telegram (a 400 that cannot succeed; not retried that day).
   */
  lastDigestOutcome?: 'sent' | 'empty' | 'skipped' | 'rejected';
  /** Telegram's reason when that day's digest was rejected. */
  lastDigestError?: string;
  /** Articles that arrived after this instant are new for the next digest. */
  lastDigestAt?: string;
  /** A delivery postponed by a long flood wait: not before this instant. */
  retryAfter?: string;
}
