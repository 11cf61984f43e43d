// Hard-wrapped text → its real lines. Pure; used by the page parser and by summaries.
//
// Newspaper pages copied from columns or PDFs break every line at a fixed width, so a "line" is
// a piece of a sentence. Read line by line, the lead sentence would be a fragment and every
// fragment would look like a paragraph opening. A text counts as wrapped when most of its lines
// of some length stop without a sentence end; there, a line without one continues on the next.
// Ordinary text (every paragraph ends with a stop, a short heading now and then) is left alone.

/** A line ends a sentence (or introduces a list) when it closes with one of these. */
const LINE_END = /[.!?؟؛…:：]["'”’»)\]]*\s*$/u;
/** Lines shorter than this are headings or list items as often as fragments: they do not vote. */
const MIN_VOTING_WORDS = 6;
/** A text needs this many open lines before it is read as wrapped. */
const MIN_OPEN_LINES = 3;

const wordCount = (line: string) => line.split(/\s+/).filter(Boolean).length;
const endsSentence = (line: string) => LINE_END.test(line);

/** True when most lines of some length stop mid-sentence. */
export function isHardWrapped(lines: readonly string[]): boolean {
  const voting = lines.filter((line) => wordCount(line) >= MIN_VOTING_WORDS);
  const open = voting.filter((line) => !endsSentence(line)).length;
  return open >= MIN_OPEN_LINES && open * 2 >= voting.length;
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
