export const SET_SIZE: number;
export const SET_COUNT: number;
export interface Article {
  id: string;
  title?: string;
  text: string;
}
export interface EvalQuery {
  qid: string;
  query: string;
  relevant: string[];
}
export interface CheckSet {
  name: string;
  corpus: { id: string; text: string }[];
  queries: EvalQuery[];
}
export function deriveCheckSets(articles: Article[], devCorpus: Article[], devQueries: EvalQuery[], size?: number): CheckSet[];
export function writeCheckSets(sharedDir: string, dir: string): { name: string; corpus: string; queries: string }[];
