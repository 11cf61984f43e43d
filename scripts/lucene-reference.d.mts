export interface Doc {
  id: string;
  title?: string;
  text: string;
}
export interface Query {
  qid: string;
  query: string;
}
export interface Index {
  ids: string[];
  postings: Map<string, { docs: number[]; freqs: number[] }>;
  lengths: Float64Array;
  docCount: number;
  avgdl: number;
}
export function decodedLength(length: number): number;
export function buildIndex(docs: Doc[]): Index;
export function idf(docCount: number, df: number): number;
export function search(index: Index, query: string, k: number): string[];
export function rankAll(docs: Doc[], queries: Query[], k: number): Map<string, string[]>;
