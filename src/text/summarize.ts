// Extractive summaries: rank sentences, take the best within a budget, keep reading order. Pure.
//
// The ranker is structural: a text's opening sentence, then each paragraph's opening (topic)
// sentence, then the rest, with sentences that repeat a chosen one skipped. On the EASC dev set
// this beat every content-centrality blend we measured (term-frequency, density and centroid
// cosine, even as a 1% tie-breaker): see README "Summaries" for the figures.
import { analyze } from './analyze.ts';
import { splitSentences } from './sentences.ts';
import { countWords } from './tokenize.ts';
import { unwrapLines } from './unwrap.ts';

/** Card summary: 2–3 sentences, at most about 60 words, so a card fits a phone screen. */
export const CARD_SUMMARY: SummaryBudget = { maxSentences: 3, maxWords: 60 };
/** Digest line: one sentence per item, cut at 40 words. */
export const DIGEST_LINE: SummaryBudget = { maxSentences: 1, maxWords: 40 };

export interface SummaryBudget {
  maxWords?: number;
  maxSentences?: number;
}

export interface SummaryWeights {
  /** How fast the position prior decays with the paragraph's index: news is written lead-first. */
  paragraphDecay: number;
  /** Prior of a paragraph's later sentences relative to its opening (topic) sentence. */
  laterSentence: number;
  /** Cosine similarity of index terms above which a sentence repeats a chosen one. */
  redundancy: number;
  /** Words: a shorter sentence (a dateline, "وأضاف:") is demoted in proportion. */
  minWords: number;
}

export const DEFAULT_WEIGHTS: SummaryWeights = { paragraphDecay: 1, laterSentence: 0.5, redundancy: 0.6, minWords: 4 };

/** A sentence with its place in the text's structure. */
export interface PlacedSentence {
  text: string;
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  inParagraph: number;
}

export interface RankedSentence extends PlacedSentence {
  index: number;
  /** The sentence split where it may be cut; each piece holds `counts[i]` words. */
  pieces: string[];
  counts: number[];
  /** Words as the budget counts them (tokens, as readers see words): "عمان - الرأي" is two. */
  wordCount: number;
  score: number;
}

const ELLIPSIS = '…';
// "الصين – " or "القاهرة - " opening a story: a dateline, not part of the first sentence's sense.
const DATELINE = /^(?:[\p{L}]+\s){0,2}[\p{L}]+\s+[-–—]\s+/u;
const ENDS_SENTENCE = /[.!?؟؛…]["'”’»)\]]*$/u;

/** A sentence as it stands in a summary: no dateline, and a full stop where the paragraph had none. */
function asSummarySentence(text: string, first: boolean): string {
  const body = first ? text.replace(DATELINE, '') : text;
  return ENDS_SENTENCE.test(body) ? body : `${body}.`;
}

/** Sentences of a text whose paragraphs are separate strings or lines (hard-wrapped ones joined). */
export function placeSentences(paragraphs: readonly string[]): PlacedSentence[] {
  return unwrapLines(paragraphs.flatMap((p) => p.split(/\n+/))).flatMap((p, paragraph) =>
    splitSentences(p).map((text, inParagraph) => ({ text, paragraph, inParagraph })),
  );
}

/** Whitespace pieces of a sentence and the words (tokens) each holds: a lone dash holds none. */
function measure(text: string): { pieces: string[]; counts: number[]; wordCount: number } {
  const pieces = text.split(/\s+/).filter(Boolean);
  const counts = pieces.map(countWords);
  return { pieces, counts, wordCount: counts.reduce((a, b) => a + b, 0) };
}

/** Scores every sentence; higher is more worth keeping. */
export function rankSentences(placed: PlacedSentence[], weights: SummaryWeights = DEFAULT_WEIGHTS): RankedSentence[] {
  return placed.map((p, index) => {
    const opening = index === 0 || p.inParagraph === 0 ? 1 : weights.laterSentence;
    let score = opening / (1 + p.paragraph) ** weights.paragraphDecay;
    const measured = measure(p.text);
    if (measured.wordCount < weights.minWords) score *= measured.wordCount / weights.minWords;
    return { ...p, index, ...measured, score };
  });
}

function termVector(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of analyze(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    dot += x * (b.get(t) ?? 0);
  }
  for (const x of b.values()) nb += x * x;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** A sentence cut to at most `words` words at a space and marked "…"; null when no word fits. */
function cutToWords(sentence: RankedSentence, words: number): string | null {
  if (words >= sentence.wordCount) return sentence.text;
  let end = 0;
  for (let used = 0; end < sentence.pieces.length && used + (sentence.counts[end] ?? 0) <= words; end++) used += sentence.counts[end] ?? 0;
  while (end > 0 && sentence.counts[end - 1] === 0) end--; // no dash or comma left hanging before "…"
  return end === 0 ? null : `${sentence.pieces.slice(0, end).join(' ')}${ELLIPSIS}`;
}

/**
 * Characters of a text a summary draws from. News puts its substance first and a sentence this far
 * in never outranks the lead, while a hostile page of megabytes would otherwise cost seconds of
 * sentence comparisons with the bot waiting (every real article so far is shorter).
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
 * The summary of a text (or its paragraphs): whole sentences in reading order. It never exceeds
 * the word budget: when room is left that no whole sentence fits, the best sentence after the last
 * one chosen fills it, cut at a word boundary with an ellipsis.
 */
export function summarize(
  text: string | readonly string[],
  budget: SummaryBudget = CARD_SUMMARY,
  weights: SummaryWeights = DEFAULT_WEIGHTS,
): string {
  const ranked = rankSentences(placeSentences(withinScope(typeof text === 'string' ? [text] : text)), weights).sort(
    (a, b) => b.score - a.score || a.index - b.index,
  );
  const maxWords = budget.maxWords ?? Number.POSITIVE_INFINITY;
  const maxSentences = budget.maxSentences ?? Number.POSITIVE_INFINITY;
  const chosen: { sentence: RankedSentence; terms: Map<string, number>; text: string }[] = [];
  let words = 0;
  const repeats = (terms: Map<string, number>) => chosen.some((c) => cosine(c.terms, terms) > weights.redundancy);

  for (const sentence of ranked) {
    if (chosen.length >= maxSentences || words >= maxWords) break;
    if (words + sentence.wordCount > maxWords) continue;
    const terms = termVector(sentence.text);
    if (repeats(terms)) continue;
    chosen.push({ sentence, terms, text: sentence.text });
    words += sentence.wordCount;
  }
  const room = maxWords - words;
  if (chosen.length < maxSentences && room > 0) {
    const last = Math.max(-1, ...chosen.map((c) => c.sentence.index));
    for (const sentence of ranked) {
      if (sentence.index <= last) continue;
      const terms = termVector(sentence.text);
      const cut = cutToWords(sentence, room);
      if (cut === null || repeats(terms)) continue;
      chosen.push({ sentence, terms, text: cut });
      break;
    }
  }
  return chosen
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map((c) => asSummarySentence(c.text, c.sentence.index === 0))
    .join(' ');
}
