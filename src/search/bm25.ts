// BM25 in MiniSearch's BM25+ form, as a pure function with named parameters.

export interface Bm25Params {
  /** Term-frequency saturation: how quickly repeating a word stops adding to the score. */
  k: number;
  /** Length normalisation, 0 (none) … 1 (full): long fields that mention a word in passing rank lower. */
  b: number;
  /** BM25+ floor: any occurrence scores at least this share of the term's idf, however long the field. */
  d: number;
}

/** Inverse document frequency: `df` of `documentCount` documents hold the term. */
export function idf(df: number, documentCount: number): number {
  return Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
}

/** The score of one field of one document for one term. */
export function bm25(tf: number, fieldLength: number, avgFieldLength: number, termIdf: number, { k, b, d }: Bm25Params): number {
  return termIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}
