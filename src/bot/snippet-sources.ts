// The words search snippets are cut from, remembered for the articles readers keep finding: a
// snippet otherwise reads the article's body bucket from disk (and, in stores written before
// the terms were kept with the body, analyses its opening words) for each of five results.
import type { Article, ArticleMeta } from '../domain.ts';
import { type SnippetSource, snippetSource } from '../search/snippet.ts';

/** Articles remembered: a few thousand popular results, a few KB each. */
const CAPACITY = 2_000;

export class SnippetSources {
  readonly #load: (id: string) => Promise<Article | undefined>;
  readonly #capacity: number;
  /** Oldest first (a Map keeps insertion order); each entry keyed by what the reader would see. */
  readonly #sources = new Map<string, { contentHash: string; source: SnippetSource }>();

  constructor(load: (id: string) => Promise<Article | undefined>, capacity = CAPACITY) {
    this.#load = load;
    this.#capacity = capacity;
  }

  async get(article: ArticleMeta): Promise<SnippetSource> {
    const known = this.#sources.get(article.id);
    this.#sources.delete(article.id);
    if (known && known.contentHash === article.contentHash) {
      this.#sources.set(article.id, known);
      return known.source;
    }
    const body = await this.#load(article.id);
    const text = body?.paragraphs.join(' ');
    const source = text ? snippetSource(text, body?.openingTerms) : snippetSource(article.title);
    this.#sources.set(article.id, { contentHash: article.contentHash, source });
    if (this.#sources.size > this.#capacity) this.#sources.delete(this.#sources.keys().next().value as string);
    return source;
  }
}
