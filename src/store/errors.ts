/** A data file that cannot be used as it is. The file is never overwritten when this is thrown. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    advice: string,
  ) {
    super(`${file}: ${problem}. ${advice}`);
    this.name = 'StoreError';
  }
}
