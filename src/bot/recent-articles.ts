// Articles' bodies read lately, kept a while: a reader opens a result of the list they were just
// shown, whose snippets read those very bodies from disk a moment before.
import type { Article, ArticleDetails, ArticleMeta } from '../domain.ts';

/** Articles remembered: the results of the last few hundred search pages, a few KB each. */
const CAPACITY = 1_000;

export interface ArticleSource {
  byId(id: string): ArticleMeta | undefined;
  get(id: string): Promise<Article | undefined>;
}

/** What the stored details depend on: a summary refresh changes the stamp, not the content hash. */
const versionOf = (meta: ArticleMeta) => `${meta.contentHash} ${meta.summaryStamp ?? ''}`;

export class RecentArticles {
  readonly #articles: ArticleSource;
  readonly #capacity: number;
  /**
   * Oldest first (a Map keeps insertion order). Only the details are kept: the store rewrites
   * them only when the content hash or the summaries' stamp changes, while the metadata (always
   * in memory) is read afresh.
   */
  readonly #details = new Map<string, { version: string; details: ArticleDetails }>();

  constructor(articles: ArticleSource, capacity = CAPACITY) {
    this.#articles = articles;
    this.#capacity = capacity;
  }

  async get(id: string): Promise<Article | undefined> {
    const meta = this.#articles.byId(id);
    const known = this.#details.get(id);
    this.#details.delete(id);
    if (meta && known?.version === versionOf(meta)) {
      this.#details.set(id, known);
      return { ...meta, ...known.details };
    }
    const article = await this.#articles.get(id);
    if (!article) return undefined;
    const { paragraphs, summary, digestLine, openingTerms } = article;
    this.#details.set(id, { version: versionOf(article), details: { paragraphs, summary, digestLine, ...(openingTerms ? { openingTerms } : {}) } });
    if (this.#details.size > this.#capacity) this.#details.delete(this.#details.keys().next().value as string);
    return article;
  }
}
