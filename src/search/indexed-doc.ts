// What the index holds of an article: its analysed terms, field by field. Pure.
import type { Article, ArticleMeta } from '../domain.ts';
import { analyze, analyzeWithRoots } from '../text/analyze.ts';

/** Field numbers in the index. Title, keywords and body hold index terms; roots derived forms. */
export const FIELD = { title: 0, keywords: 1, body: 2, roots: 3 } as const;
export const FIELD_COUNT = 4;
/** Fields whose terms count toward a term's document frequency (roots repeat title and body). */
export const WORD_FIELD_COUNT = 3;

/** Title words say what an article is about; keywords were chosen by its editor. */
export const FIELD_BOOST = { title: 2, keywords: 2, body: 1, roots: 0.4 } as const;

/**
 * Terms of the body that are indexed: news is written lead-first, so the opening carries what an
 * article is about, and the index (its memory, build and load time) grows with this number.
 * 200 terms is about 300 words: whole for almost every ARCD paragraph, the lead of any article.
 */
export const MAX_BODY_TERMS = 200;

export interface IndexedDoc {
  id: string;
  headline: boolean;
  /** Terms per field, in FIELD order, repeats kept (term frequency matters). */
  fields: [title: string[], keywords: string[], body: string[], roots: string[]];
}

export function toIndexedDoc(article: Article | (ArticleMeta & { paragraphs?: string[] })): IndexedDoc {
  const title = analyzeWithRoots(article.title);
  const body = analyzeWithRoots((article.paragraphs ?? []).join('\n'), MAX_BODY_TERMS);
  return {
    id: article.id,
    headline: article.kind === 'headline',
    // Roots: title and body again as coarse root-like terms, to find other forms of the same word.
    fields: [title.terms, analyze(article.keywords.join(' ')), body.terms, [...title.roots, ...body.roots]],
  };
}
