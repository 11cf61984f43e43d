// Index terms ↔ dense numbers, with the lookups a reader's query needs: exact, by prefix (a word
// still being typed) and within one typo. MiniSearch's radix tree does the prefix and typo walks.
import SearchableMap from 'minisearch/SearchableMap';

export interface TermMatch {
  term: string;
  id: number;
  /** Letters added (prefix) or edits made (typo) to reach this term from the one looked up. */
  distance: number;
}

export class TermDictionary {
  readonly #ids = new SearchableMap<number>();
  readonly #terms: string[] = [];

  constructor(terms: Iterable<string> = []) {
    for (const term of terms) this.add(term);
  }

  get size(): number {
    return this.#terms.length;
  }

  /** The term's number, assigning the next one to a new term. */
  add(term: string): number {
    const known = this.#ids.get(term);
    if (known !== undefined) return known;
    this.#terms.push(term);
    this.#ids.set(term, this.#terms.length - 1);
    return this.#terms.length - 1;
  }

  id(term: string): number | undefined {
    return this.#ids.get(term);
  }

  term(id: number): string {
    return this.#terms[id] ?? '';
  }

  /** Terms in number order: what a persisted index stores. */
  terms(): readonly string[] {
    return this.#terms;
  }

  /** Longer terms that begin with `prefix` (the term itself excluded). */
  withPrefix(prefix: string): TermMatch[] {
    const matches: TermMatch[] = [];
    for (const [term, id] of this.#ids.atPrefix(prefix)) {
      if (term.length > prefix.length) matches.push({ term, id, distance: term.length - prefix.length });
    }
    return matches;
  }

  /** Other terms within `maxEdits` edits (insertions, deletions, substitutions). */
  withinEdits(term: string, maxEdits: number): TermMatch[] {
    const matches: TermMatch[] = [];
    for (const [other, [id, distance]] of this.#ids.fuzzyGet(term, maxEdits)) {
      if (distance > 0) matches.push({ term: other, id, distance });
    }
    return matches;
  }
}
