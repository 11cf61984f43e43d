// Which article a feed item is: the same story from another feed, a seed page or an earlier fetch
// keeps one id. Matched by the feed's guid, then by canonical link, then by normalised title.
import type { ArticleMeta } from '../../domain.ts';
import { idForPageLead, idForTitleKey, shortId, titleKey } from '../ids.ts';
import { canonicalLink } from './map-item.ts';

export interface StoredArticles {
  byId(id: string): ArticleMeta | undefined;
  all(): Iterable<ArticleMeta>;
}

/** Words: a shorter title ("عاجل", "بالفيديو", "موجز الأخبار الصباحي") names many stories, so it never matches by itself. */
export const MIN_MATCHING_TITLE_WORDS = 4;

export interface ItemKeys {
  /** Canonical link (tracking parameters dropped). */
  link?: string;
  title: string;
  /** Names the item when neither link nor title can: its feed and guid. */
  fallback: string;
}

export class DuplicateFinder {
  readonly #articles: StoredArticles;
  readonly #feedLinks: () => Iterable<[link: string, id: string]>;
  /** Canonical link → id, built once per poll (articles' own links, then the links feeds carried). */
  #links: Map<string, string> | null = null;
  readonly #titles = new Map<string, string>();

  /**
   * `feedLinks` are the links of items stored before: an article owned by a seed page or another
   * feed keeps its own link (or none), so a third feed's link is only known from there.
   */
  constructor(articles: StoredArticles, feedLinks: () => Iterable<[link: string, id: string]> = () => []) {
    this.#articles = articles;
    this.#feedLinks = feedLinks;
  }

  /** Forgets what it learnt, so that the next poll sees articles added or removed meanwhile. */
  reset(): void {
    this.#links = null;
    this.#titles.clear();
  }

  #linkMap(): Map<string, string> {
    if (!this.#links) {
      this.#links = new Map();
      for (const a of this.#articles.all()) {
        const link = a.url && canonicalLink(a.url, a.url);
        if (link && !this.#links.has(link)) this.#links.set(link, a.id);
      }
      for (const [link, id] of this.#feedLinks()) {
        if (!this.#links.has(link) && this.#articles.byId(id)) this.#links.set(link, id);
      }
    }
    return this.#links;
  }

  /**
   * The id for an item. `knownId` is what this feed's guid for it became at the last fetch. A new
   * story gets its title's id, which is also what a seed page gives an article of that title; a
   * story with a generic title gets its link's id (a seed page's lead with that url has it too).
   */
  resolve(keys: ItemKeys, knownId?: string): string {
    const links = this.#linkMap();
    const key = titleKey(keys.title);
    const distinctive = key.split(' ').length >= MIN_MATCHING_TITLE_WORDS;
    const stored = (id: string | undefined) => (id !== undefined && this.#articles.byId(id) ? id : undefined);
    const byLink = keys.link === undefined ? undefined : (links.get(keys.link) ?? stored(idForPageLead(keys.link)));
    const byTitle = distinctive ? (this.#titles.get(key) ?? idForTitleKey(key)) : undefined;
    const id = stored(knownId) ?? byLink ?? byTitle ?? (keys.link ? idForPageLead(keys.link) : shortId(`feed:${keys.fallback}`));
    if (keys.link !== undefined && !links.has(keys.link)) links.set(keys.link, id);
    if (distinctive && !this.#titles.has(key)) this.#titles.set(key, id);
    return id;
  }
}
