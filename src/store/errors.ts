/** A data file that cannot be used as it is. The file is never overwritten when this is thrown. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    advice: string,
  ) {
    // One line: a parser's message may quote the file, newlines and all.
    super(`${file}: ${problem.replace(/\s+/g, ' ')}. ${advice}`);
    this.name = 'StoreError';
  }
}
