// The order /latest pages through, shared by both backends, and a list kept in that order as
// articles come and go, so a change costs a binary search rather than a sort of the corpus.
import type { ArticleMeta } from '../domain.ts';

export const newestFirst = (a: ArticleMeta, b: ArticleMeta) =>
  b.publishedAt.localeCompare(a.publishedAt) || a.origin.localeCompare(b.origin) || a.pageOrder - b.pageOrder;

/** Full articles (not headlines) newest first; among equals, in the order they arrived. */
export class NewestFirstList {
  readonly #items: ArticleMeta[];

  constructor(metas: Iterable<ArticleMeta>) {
    this.#items = [...metas].filter((a) => a.kind === 'article').sort(newestFirst);
  }

  get length(): number {
    return this.#items.length;
  }

  slice(start: number, end: number): ArticleMeta[] {
    return this.#items.slice(start, end);
  }

  /** Adds `meta` after the equals already listed (headlines are never listed). */
  add(meta: ArticleMeta): void {
    if (meta.kind === 'article') this.#items.splice(this.#bound(meta, true), 0, meta);
  }

  /** Removes this very object (the one `add` was given). */
  delete(meta: ArticleMeta): void {
    const end = this.#bound(meta, true);
    for (let i = this.#bound(meta, false); i < end; i++) {
      if (this.#items[i] === meta) {
        this.#items.splice(i, 1);
        return;
      }
    }
  }

  /** The first index whose item sorts after `meta` (upper) or not before it (lower). */
  #bound(meta: ArticleMeta, upper: boolean): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = newestFirst(this.#items[mid] as ArticleMeta, meta);
      if (order < 0 || (upper && order === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
