// Articles' bodies read lately, kept a while: a reader opens a result of the list they were just
// shown, whose snippets read those very bodies from disk a moment before.
import type { Article, ArticleDetails, ArticleMeta } from '../domain.ts';

/** Articles remembered: the results of the last few hundred search pages, a few KB each. */
const CAPACITY = 1_000;

export interface ArticleSource {
  byId(id: string): ArticleMeta | undefined;
  get(id: string): Promise<Article | undefined>;
}

export class RecentArticles {
  readonly #articles: ArticleSource;
  readonly #capacity: number;
  /**
   * Oldest first (a Map keeps insertion order). Only the details are kept: the store rewrites
   * them only when the content hash changes, while the metadata (always in memory) is read afresh.
   */
  readonly #details = new Map<string, { contentHash: string; details: ArticleDetails }>();

  constructor(articles: ArticleSource, capacity = CAPACITY) {
    this.#articles = articles;
    this.#capacity = capacity;
  }

  async get(id: string): Promise<Article | undefined> {
    const meta = this.#articles.byId(id);
    const known = this.#details.get(id);
    this.#details.delete(id);
    if (meta && known?.contentHash === meta.contentHash) {
      this.#details.set(id, known);
      return { ...meta, ...known.details };
    }
    const article = await this.#articles.get(id);
    if (!article) return undefined;
    const { paragraphs, summary, digestLine, openingTerms } = article;
    this.#details.set(id, { contentHash: article.contentHash, details: { paragraphs, summary, digestLine, ...(openingTerms ? { openingTerms } : {}) } });
    if (this.#details.size > this.#capacity) this.#details.delete(this.#details.keys().next().value as string);
    return article;
  }
}
