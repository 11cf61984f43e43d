// What the index holds of an article: its analysed terms, field by field. Pure.
import type { Article, ArticleMeta } from '../domain.ts';
import { analyze, analyzeWithRoots } from '../text/analyze.ts';
import { splitSentences } from '../text/sentences.ts';

/**
 * Field numbers in the index. Title, keywords and body hold index terms; roots derived forms; lead
 * the lead sentence again, for an article without a headline of its own.
 */
export const FIELD = { title: 0, keywords: 1, body: 2, roots: 3, lead: 4 } as const;
export const FIELD_COUNT = 5;
/** Fields whose terms count toward a term's document frequency (roots repeat title and body). */
export const WORD_FIELD_COUNT = 3;

/**
 * Title words say what an article is about; keywords were chosen by its editor. A lead word (of an
 * article without a headline) counts half again as much as a later mention.
 */
export const FIELD_BOOST = { title: 2, keywords: 2, body: 1, roots: 0.4, lead: 0.5 } as const;
/** Terms: a lead sentence longer than this is a run-on paragraph; its opening is the lead. */
export const MAX_LEAD_TERMS = 60;

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
  fields: [title: string[], keywords: string[], body: string[], roots: string[], lead: string[]];
}

export function toIndexedDoc(article: Article | (ArticleMeta & { paragraphs?: string[] })): IndexedDoc {
  const paragraphs = article.paragraphs ?? [];
  // A title derived from the lead is not a headline: it repeats the lead's opening clause, and as a
  // title it would outweigh the rest of the article (and cap its body's counts). Such an article,
  // like one without any title, is known by its lead sentence instead: news is written lead-first.
  const headlineTitle = article.derivedTitle ? '' : article.title;
  const title = analyzeWithRoots(headlineTitle);
  const body = analyzeWithRoots(paragraphs.join('\n'), MAX_BODY_TERMS);
  const lead = headlineTitle || paragraphs.length === 0 ? [] : analyze(splitSentences(paragraphs[0] ?? '')[0] ?? '').slice(0, MAX_LEAD_TERMS);
  return {
    id: article.id,
    headline: article.kind === 'headline',
    // Roots: title and body again as coarse root-like terms, to find other forms of the same word.
    fields: [title.terms, analyze(article.keywords.join(' ')), body.terms, [...title.roots, ...body.roots], lead],
  };
}
