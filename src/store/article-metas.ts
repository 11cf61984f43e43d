// The metadata every article store keeps in memory, and the synchronous answers it gives from it:
// the same for lowdb and PostgreSQL, so both list, count and page alike.
import type { ArticleMeta } from '../domain.ts';
import { NewestFirstList } from './newest-first.ts';

export abstract class ArticleMetas {
  readonly #byId = new Map<string, ArticleMeta>();
  /** Built on first use, then kept in order as articles come and go. */
  #newest: NewestFirstList | null = null;

  get size(): number {
    return this.#byId.size;
  }

  byId(id: string): ArticleMeta | undefined {
    return this.#byId.get(id);
  }

  all(): IterableIterator<ArticleMeta> {
    return this.#byId.values();
  }

  /** Full articles (not headlines), newest first, page order kept among equals. */
  latest(limit: number, offset = 0): ArticleMeta[] {
    return this.#list().slice(offset, offset + limit);
  }

  /** How many full articles there are (what /latest pages through). */
  get articleCount(): number {
    return this.#list().length;
  }

  #list(): NewestFirstList {
    this.#newest ??= new NewestFirstList(this.#byId.values());
    return this.#newest;
  }

  protected putMeta(meta: ArticleMeta): void {
    const old = this.#byId.get(meta.id);
    if (old) this.#newest?.delete(old);
    this.#byId.set(meta.id, meta);
    this.#newest?.add(meta);
  }

  /** Forgets an article; false when it was not there. */
  protected deleteMeta(id: string): boolean {
    const old = this.#byId.get(id);
    if (!old) return false;
    this.#newest?.delete(old);
    this.#byId.delete(id);
    return true;
  }
}
