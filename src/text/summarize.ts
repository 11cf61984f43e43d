// Extractive summaries, lead first: a news story states its news in its opening sentences, so a
// summary is those sentences in reading order, as many as the budget holds. Pure.
//
// The story's own lead is never skipped: its dateline and agency credit are dropped, and when it
// is longer than the budget it is shortened at a clause boundary. A structural ranker that picked
// paragraph openings scored above lead on the EASC dev set and below it on held-out sets, and it
// skipped long leads for short later sentences: see README "Summaries".
import { dropAcronymGlosses } from './asides.ts';
import { shortenToWords } from './clauses.ts';
import { stripDateline } from './dateline.ts';
import { withoutPreamble } from './preamble.ts';
import { splitSentences } from './sentences.ts';
import { countWords } from './tokenize.ts';
import { unwrapLines } from './unwrap.ts';

/** Card summary: 2–3 sentences, at most about 60 words, so a card fits a phone screen. */
export const CARD_SUMMARY: SummaryBudget = { maxSentences: 3, maxWords: 60 };
/** Digest line: the story's lead sentence, shortened to 40 words. */
export const DIGEST_LINE: SummaryBudget = { maxSentences: 1, maxWords: 40 };

export interface SummaryBudget {
  maxWords?: number;
  maxSentences?: number;
}

const ENDS_SENTENCE = /[.!?؟؛…]["'”’»)\]]*$/u;

/** A sentence as it stands in a summary: a full stop where the paragraph had none. */
function withStop(sentence: string): string {
  return ENDS_SENTENCE.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Sentences of a text whose paragraphs are separate strings or lines (hard-wrapped ones joined),
 * from the story's first line: a byline or editor's note above it is not the story.
 */
export function storySentences(paragraphs: readonly string[]): string[] {
  const lines = withoutPreamble(unwrapLines(paragraphs.flatMap((p) => p.split(/\n+/))));
  const sentences = lines.flatMap(splitSentences);
  // A dateline may stand alone ("القاهرة/ الأناضول") or open the lead; either way it goes.
  for (const [i, sentence] of sentences.entries()) {
    const lead = stripDateline(sentence);
    if (countWords(lead) > 0) return [lead, ...sentences.slice(i + 1)];
  }
  return [];
}

/**
 * Characters of a text a summary draws from. News puts its substance first and a sentence this far
 * in is never part of a lead-first summary, while a hostile page of megabytes would otherwise cost
 * seconds of sentence splitting with the bot waiting (every real article so far is shorter).
 */
export const SUMMARY_SCOPE_CHARS = 30_000;

/** The paragraphs within the scope; one that crosses it is cut at a space before the limit. */
function withinScope(paragraphs: readonly string[]): readonly string[] {
  const kept: string[] = [];
  let used = 0;
  for (const paragraph of paragraphs) {
    const room = SUMMARY_SCOPE_CHARS - used;
    if (paragraph.length <= room) {
      kept.push(paragraph);
      used += paragraph.length;
      continue;
    }
    const space = paragraph.lastIndexOf(' ', room);
    if (space > 0) kept.push(paragraph.slice(0, space));
    else if (kept.length === 0) kept.push([...paragraph.slice(0, room)].join('').replace(/[\uD800-\uDBFF]$/, ''));
    break;
  }
  return kept;
}

/**
 * The summary of a text (or its paragraphs): its opening sentences in reading order, never more
 * than the word budget. The sentence that does not fit whole is shortened at a clause boundary
 * (or a space) with an ellipsis, so a lead longer than the budget is still the summary.
 */
export function summarize(text: string | readonly string[], budget: SummaryBudget = CARD_SUMMARY): string {
  return summaryOf(sentencesOf(text), budget);
}

/** Several summaries of one text (a card and a digest line): its sentences are found once. */
export function summarizeEach(text: string | readonly string[], budgets: readonly SummaryBudget[]): string[] {
  const sentences = sentencesOf(text);
  return budgets.map((budget) => summaryOf(sentences, budget));
}

const sentencesOf = (text: string | readonly string[]) => storySentences(withinScope(typeof text === 'string' ? [text] : text));

function summaryOf(sentences: readonly string[], budget: SummaryBudget): string {
  const maxWords = budget.maxWords ?? Number.POSITIVE_INFINITY;
  const maxSentences = budget.maxSentences ?? Number.POSITIVE_INFINITY;
  const chosen: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    if (chosen.length >= maxSentences || words >= maxWords) break;
    // A sentence too long for the room left first loses what repeats it (an acronym gloss).
    const whole = words + countWords(sentence) <= maxWords ? sentence : dropAcronymGlosses(sentence);
    const count = countWords(whole);
    if (words + count <= maxWords) {
      chosen.push(whole);
      words += count;
      continue;
    }
    const short = shortenToWords(whole, maxWords - words);
    if (short !== null) chosen.push(short);
    break;
  }
  return chosen.map(withStop).join(' ');
}
