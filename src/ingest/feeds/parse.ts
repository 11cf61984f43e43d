// Feed text (RSS 2.0, Atom, RDF/RSS 1.0, JSON Feed) → the same plain item shape. Pure.
// feedsmith is lenient where real Arabic feeds are sloppy: it keeps a bare "&" and raw HTML in a
// description where rss-parser (xml2js) refuses the whole feed.
import { type AnyFeed, parseFeed } from 'feedsmith';
import { escapeHtml } from '../../render-html.ts';

export interface FeedItem {
  /** The feed's own id for the item (RSS guid, Atom id, JSON Feed id). */
  guid?: string;
  link?: string;
  /** As the feed gives it: may hold entities or markup (Atom type="html"). */
  title?: string;
  /** The full content when the feed carries one (content:encoded, Atom content, content_html). */
  contentHtml?: string;
  /** The description or summary: often only a teaser. */
  summaryHtml?: string;
  /** Publication (or, failing that, update) date as written in the feed. */
  date?: string;
  categories: string[];
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  items: FeedItem[];
}

/** A document that is not a feed, or not one we can read; the message says why. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

type AtomText = { value?: string } | string | undefined;
const textOf = (t: AtomText) => (typeof t === 'string' ? t : t?.value);
const present = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
const strings = (list: (string | undefined)[] | undefined) => (list ?? []).flatMap((s) => present(s) ?? []);

function compact(item: FeedItem): FeedItem {
  const out: FeedItem = { categories: item.categories };
  for (const key of ['guid', 'link', 'title', 'contentHtml', 'summaryHtml', 'date'] as const) {
    const value = present(item[key]);
    if (value) out[key] = value;
  }
  return out;
}

/** Parses feed text (already decoded). Throws FeedParseError when it is not a feed. */
export function parseFeedText(text: string): ParsedFeed {
  const trimmed = text.trim();
  if (!trimmed) throw new FeedParseError('empty document');
  let input: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      input = JSON.parse(trimmed);
    } catch (error) {
      throw new FeedParseError(`not valid JSON (${(error as Error).message})`);
    }
  }
  let parsed: AnyFeed;
  try {
    parsed = parseFeed<string>(input);
  } catch (error) {
    throw new FeedParseError(`not an RSS, Atom, RDF or JSON feed (${(error as Error).message})`);
  }
  switch (parsed.format) {
    case 'rss': {
      const { feed } = parsed;
      return {
        format: 'rss',
        ...(present(feed.title) ? { title: present(feed.title) } : {}),
        items: (feed.items ?? []).map((i) =>
          compact({
            guid: i.guid?.value,
            link: i.link,
            title: i.title,
            contentHtml: i.content?.encoded,
            summaryHtml: i.description,
            date: i.pubDate ?? i.dc?.dates?.[0] ?? i.atom?.updated,
            categories: [...strings(i.categories?.map((c) => c.name)), ...strings(i.dc?.subjects)],
          }),
        ),
      };
    }
    case 'atom': {
      const { feed } = parsed;
      return {
        format: 'atom',
        ...(present(textOf(feed.title)) ? { title: present(textOf(feed.title)) } : {}),
        items: (feed.entries ?? []).map((e) => {
          const links = e.links ?? [];
          const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
          return compact({
            guid: e.id,
            link: link?.href,
            title: textOf(e.title),
            contentHtml: textOf(e.content),
            summaryHtml: textOf(e.summary),
            date: e.published ?? e.updated,
            categories: strings(e.categories?.map((c) => c.label ?? c.term)),
          });
        }),
      };
    }
    case 'rdf': {
      const { feed } = parsed;
      return {
        format: 'rdf',
        ...(present(feed.title) ? { title: present(feed.title) } : {}),
        items: (feed.items ?? []).map((i) =>
          compact({
            guid: i.rdf?.about,
            link: i.link,
            title: i.title,
            contentHtml: i.content?.encoded,
            summaryHtml: i.description,
            date: i.dc?.dates?.[0],
            categories: strings(i.dc?.subjects),
          }),
        ),
      };
    }
    case 'json': {
      const { feed } = parsed;
      return {
        format: 'json',
        ...(present(feed.title) ? { title: present(feed.title) } : {}),
        items: (feed.items ?? []).map((i) =>
          compact({
            guid: i.id,
            link: i.url ?? i.external_url,
            title: i.title,
            contentHtml: i.content_html ?? (i.content_text ? escapeText(i.content_text) : undefined),
            summaryHtml: i.summary ? escapeText(i.summary) : undefined,
            date: i.date_published ?? i.date_modified,
            categories: strings(i.tags),
          }),
        ),
      };
    }
  }
}

/** JSON Feed's plain-text fields, made safe to read as HTML (one paragraph per blank-line block). */
function escapeText(text: string): string {
  return escapeHtml(text)
    .split(/\n\s*\n/)
    .map((p) => `<p>${p}</p>`)
    .join('');
}
