// A parsed page → stored articles: ids, dates, related links and summaries. Pure.
import type { Article, ParsedPage } from '../domain.ts';
import { readDateIn } from '../time.ts';
import { storedSummaries } from '../text/summary-stamp.ts';
import { contentHash, idForPageLead, idForTitle, titleKey } from './ids.ts';

export interface PageContext {
  /** The page's file, relative to the seeds folder (its base name when outside it). */
  origin: string;
  /** ISO 8601 time of this ingestion: publishedAt when the page has no date. */
  now: string;
  /** IANA zone a header date without an offset is read in (DEFAULT_TIMEZONE). */
  timeZone: string;
  /** Finds an already known item by normalised title, so a headline links to the real article. */
  findIdByTitleKey: (key: string) => string | undefined;
}

/** A page whose header cannot be used: the page is rejected with this message as the reason. */
export class PageHeaderError extends Error {}

/** Four-digit years only: the store files articles under YYYY-MM-DD, and nothing older is news. */
const STORABLE_DATE = /^\d{4}-\d{2}-\d{2}T/;

function publishedAt(date: string | undefined, ctx: PageContext): string {
  if (!date) return ctx.now;
  const parsed = readDateIn(date, ctx.timeZone);
  if (!parsed) throw new PageHeaderError(`header "date: ${date}" is not an ISO 8601 date`);
  const iso = parsed.toISOString();
  if (!STORABLE_DATE.test(iso)) throw new PageHeaderError(`header "date: ${date}" is outside the years 0000–9999`);
  return iso;
}

/** Articles first (page order), then headline-only items; each page article relates to the rest. */
export function buildArticles(page: ParsedPage, ctx: PageContext): Article[] {
  const published = publishedAt(page.header.date, ctx);
  const pageKey = page.header.url ?? ctx.origin;
  const byKey = new Map<string, string>();
  const full: Article[] = page.articles.map((parsed, order) => {
    const id = parsed.derivedTitle ? idForPageLead(pageKey) : idForTitle(parsed.title);
    byKey.set(titleKey(parsed.title), id);
    const article: Article = {
      id,
      kind: 'article',
      title: parsed.title,
      keywords: parsed.keywords,
      related: [],
      publishedAt: published,
      ingestedAt: ctx.now,
      updatedAt: ctx.now,
      origin: ctx.origin,
      pageOrder: order,
      ...storedSummaries(parsed.paragraphs),
      paragraphs: parsed.paragraphs,
      contentHash: '',
    };
    if (parsed.derivedTitle) article.derivedTitle = true;
    if (parsed.source) article.source = parsed.source;
    if (page.header.url && order === 0) article.url = page.header.url;
    return article;
  });

  const headlines: Article[] = [];
  const headlineIds: string[] = [];
  for (const [i, title] of page.headlines.entries()) {
    const key = titleKey(title);
    const onThisPage = byKey.get(key);
    if (onThisPage) {
      headlineIds.push(onThisPage);
      continue;
    }
    // A headline already stored (as a headline or a full article) keeps that id; the merge decides.
    const id = ctx.findIdByTitleKey(key) ?? idForTitle(title);
    byKey.set(key, id);
    headlineIds.push(id);
    headlines.push({
      id,
      kind: 'headline',
      title,
      keywords: [],
      related: [],
      publishedAt: published,
      ingestedAt: ctx.now,
      updatedAt: ctx.now,
      origin: ctx.origin,
      pageOrder: full.length + i,
      summary: '',
      digestLine: '',
      paragraphs: [],
      contentHash: '',
    });
  }

  const pageArticleIds = full.map((a) => a.id);
  const dedupe = (ids: string[], self: string) => [...new Set(ids)].filter((id) => id !== self);
  for (const a of full) a.related = dedupe([...pageArticleIds, ...headlineIds], a.id);
  for (const h of headlines) h.related = dedupe(pageArticleIds, h.id);
  // The summaries are part of what a reader sees: when the summariser changes, re-reading a page
  // replaces the ones stored before.
  for (const a of [...full, ...headlines]) {
    a.contentHash = contentHash([a.kind, a.title, a.source, a.url, a.keywords, a.paragraphs, a.summary, a.digestLine]);
  }
  return [...full, ...headlines];
}
