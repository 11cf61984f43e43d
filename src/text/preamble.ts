// The line a page puts above its story: a byline or an editor's note. Pure.
//
// CNN Arabic opens features and opinion pieces with "هذا التقرير بقلم …، ولا يعكس بالضرورة رأي
// الشبكة." or a bare byline ("هديل غبّون") above the dateline. Read as the lead, that line fills
// the whole digest line and states no news; the story begins at the dateline below it.
import { opensWithAgencyDateline } from './dateline.ts';

/** A byline: "بقلم" among a line's first words ("هذا المقال بقلم", "التحليل بقلم", "بقلم الزميل"). */
const BYLINE = /^[\s\p{Cf}]*(?:\p{L}+\s+){0,2}بقلم\s/u;
const HAS_TEXT = /[\p{L}\p{N}]/u;

/** The lines of a story without the byline or note above it: one line at most goes. */
export function withoutPreamble(lines: readonly string[]): string[] {
  const filled = lines.filter((line) => HAS_TEXT.test(line));
  const [first = '', second] = filled;
  if (second !== undefined && (BYLINE.test(first) || opensWithAgencyDateline(second))) return filled.slice(1);
  return filled;
}
