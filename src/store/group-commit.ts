// Group commit for one lowdb file: changes apply in memory at once, and each caller resolves when
// a write that began after its change is on disk, so a burst of changes costs a few writes.
import type { Low } from 'lowdb';

export class GroupCommit {
  readonly #db: Pick<Low<unknown>, 'write'>;
  #writing: Promise<void> = Promise.resolve();
  #next: Promise<void> | null = null;

  constructor(db: Pick<Low<unknown>, 'write'>) {
    this.#db = db;
  }

  /** Resolves once the document, as it is now, is on disk. */
  persist(): Promise<void> {
    this.#next ??= this.#writing.then(async () => {
      this.#next = null;
      this.#writing = this.#db.write();
      await this.#writing;
    });
    return this.#next;
  }

  async flush(): Promise<void> {
    await (this.#next ?? this.#writing);
  }
}
