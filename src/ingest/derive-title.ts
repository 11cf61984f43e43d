// A natural headline for an article whose page gives none: the lead sentence's opening clause.
import { stripDateline } from '../text/dateline.ts';
import { cleanDisplayText } from '../text/normalize.ts';

/** Characters: Telegram list rows and inline results stay on one or two lines below this. */
export const MAX_TITLE_CHARS = 100;
/** Characters: a cut that leaves less than this reads as a fragment, so a longer cut wins. */
const MIN_TITLE_CHARS = 35;

// Words that open a new phrase (prepositions, conjunctions, relative pronouns): cutting just
// before one leaves a headline that ends on a complete phrase instead of a dangling modifier.
const PHRASE_OPENERS = new Set([
  'في', 'بين', 'من', 'إلى', 'الى', 'مع', 'بعد', 'قبل', 'خلال', 'عبر', 'حتى', 'منذ', 'لدى', 'عن',
  'عند', 'ضمن', 'نحو', 'وسط', 'إثر', 'اثر', 'بسبب', 'رغم', 'بينما', 'حيث', 'التي', 'الذي',
  'الذين', 'اللذين', 'والتي', 'والذي', 'لكن', 'ولكن', 'كما', 'وذلك', 'بما', 'فيما', 'إذ', 'إذا',
]);

const SENTENCE_END = /[.!?؟؛]+(?=\s|$)/u;
const CLAUSE_END = /[،,:;–—]\s|\s[-–—]\s/gu;

function firstSentence(paragraph: string): string {
  const text = cleanDisplayText(paragraph);
  const end = text.search(SENTENCE_END);
  return end < 0 ? text : text.slice(0, end);
}

const stripEdgePunctuation = (s: string) => s.replace(/^[\s\-–—،,:؛;.]+|[\s\-–—،,:؛;.]+$/gu, '');

/** Headline from a lead paragraph: the whole first sentence when short, else its longest clean cut. */
export function deriveTitle(leadParagraph: string, maxChars = MAX_TITLE_CHARS): string {
  // A dateline ("دبي، الإمارات العربية المتحدة (CNN) –") says where the story was filed, not what happened.
  const sentence = stripEdgePunctuation(firstSentence(stripDateline(leadParagraph)));
  if (sentence.length <= maxChars) return sentence;

  // Candidate cut points, each the end of a prefix that reads as a unit.
  const cuts: number[] = [];
  for (const m of sentence.matchAll(CLAUSE_END)) cuts.push(m.index);
  for (const m of sentence.matchAll(/\s+(\S+)/gu)) {
    if (PHRASE_OPENERS.has(m[1] ?? '')) cuts.push(m.index);
  }
  const fitting = cuts.filter((c) => c <= maxChars && c >= MIN_TITLE_CHARS).sort((a, b) => b - a);
  const best = fitting[0];
  if (best !== undefined) return stripEdgePunctuation(sentence.slice(0, best));

  // No phrase boundary fits: cut at the last whole word, never mid-word.
  const room = sentence.slice(0, maxChars + 1);
  const lastSpace = room.lastIndexOf(' ');
  return stripEdgePunctuation(lastSpace > 0 ? room.slice(0, lastSpace) : sentence.slice(0, maxChars));
}
