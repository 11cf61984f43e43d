// Hard-wrapped text → its real lines. Pure; used by the page parser and by summaries.
//
// Newspaper pages copied from columns or PDFs break every line at a fixed width, so a "line" is
// a piece of a sentence. Read line by line, the lead sentence would be a fragment and every
// fragment would look like a paragraph opening. A text counts as wrapped when most of its lines
// of some length stop without a sentence end and those lines are of one width, as a column makes
// them; there, a line without one continues on the next. Ordinary text is left alone: paragraphs
// that end with a stop, a short heading now and then, and also a site that leaves out the final
// stop of its paragraphs (their lengths vary far more than a column's lines).
import { countWords } from './tokenize.ts';

/** A line ends a sentence (or introduces a list) when it closes with one of these. */
const LINE_END = /[.!?؟؛…:：]["'”’»)\]]*\s*$/u;
/** Lines shorter than this are headings or list items as often as fragments: they do not vote. */
const MIN_VOTING_WORDS = 6;
/** A text needs this many open lines before it is read as wrapped. */
const MIN_OPEN_LINES = 3;
/** Column lines: the shortest tenth of open lines is at least this share of the longest tenth. */
const MIN_WIDTH_RATIO = 0.7;

const endsSentence = (line: string) => LINE_END.test(line);

/** True when most lines of some length stop mid-sentence, and those lines share one width. */
export function isHardWrapped(lines: readonly string[]): boolean {
  const voting = lines.filter((line) => countWords(line) >= MIN_VOTING_WORDS);
  const widths = voting
    .filter((line) => !endsSentence(line))
    .map((line) => line.length)
    .sort((a, b) => a - b);
  if (widths.length < MIN_OPEN_LINES || widths.length * 2 < voting.length) return false;
  const at = (share: number) => widths[Math.floor(share * (widths.length - 1))] ?? 0;
  return at(0.1) >= MIN_WIDTH_RATIO * at(0.9);
}

/** The lines of a text with wrapped ones joined; blank lines dropped, others unchanged. */
export function unwrapLines(lines: readonly string[]): string[] {
  const kept = lines.map((line) => line.trim()).filter(Boolean);
  if (!isHardWrapped(kept)) return kept;
  const joined: string[] = [];
  let continues = false;
  for (const line of kept) {
    if (continues) joined[joined.length - 1] += ` ${line}`;
    else joined.push(line);
    continues = !endsSentence(line);
  }
  return joined;
}
