// A sentence shortened to a word budget at a clause boundary, marked "…". Pure.
//
// A lead sentence longer than the budget is still the story's news: shortened where a clause
// ends (after "،" or "؛", before "التي" or "حيث", before a parenthetical dash…) it reads as a
// whole statement, which a cut in mid-phrase does not.
import { normalize } from './normalize.ts';
import { countWords } from './tokenize.ts';

const ELLIPSIS = '…';
/**
 * A clause boundary is used when it keeps this share of the budget; below it a cut at a space
 * keeps more of the news (ROUGE falls with every word dropped: see README "Summaries").
 */
export const CLAUSE_SHARE = 0.75;
/** A piece that closes a clause: a comma, semicolon or colon ends it. */
const CLOSES_CLAUSE = /[،,؛;:]["'”’»)\]]*$/u;
const DASH = /^[-–—]+$/u;
/** Words that open a subordinate or following clause. */
const CLAUSE_WORDS = new Set([
  'التي', 'الذي', 'الذين', 'اللذين', 'اللتين', 'اللذان', 'اللتان', 'اللواتي', 'اللاتي',
  'حيث', 'بعدما', 'فيما', 'بينما', 'إذ', 'مما', 'لكن', 'ولكن', 'وذلك', 'عندما', 'حين', 'حينما', 'وسط',
]);
/** Two-word openers: "بعد أن", "إلا أن", "غير أن". */
const CLAUSE_PAIRS = new Set(['بعد أن', 'إلا أن', 'غير أن', 'قبل أن', 'في حين', 'ما أدى']);
/** "و" joined to a reporting or main verb starts a new clause: "وأضاف", "وأشارت", "وقالوا". */
const AND_VERB = /^و(?:قال|أضاف|أكد|أشار|أعلن|أوضح|ذكر|تابع|شدد|لفت|اعتبر|رأى|كشف|دعا|طالب|كان|أصبح|بات|يأتي|تأتي|جاء)(?:ت|وا|ا|تا)?$/u;

/**
 * Words that open a phrase and so never end a shortened one ("…في ملهى ليلي في…"): prepositions,
 * particles that need a complement, relatives, demonstratives. Stored normalised, also with و or ف.
 */
const OPENERS = new Set(
  `في من الي علي عن مع عند لدي منذ حتي خلال بعد قبل حول ضد دون بين امام وراء فوق تحت نحو عبر ضمن وفق وفقا بحسب تجاه
  ان انه انها لان كي لكي قد لقد لم لن لا ما او ام ثم بل لكن اذا اذ كل بعض غير اي مثل حيث بينما عندما فيما مما
  الذي التي الذين اللذين اللتين اللاتي اللواتي كان كانت يكون تكون هذا هذه ذلك تلك سوف ليس`
    .split(/\s+/)
    .flatMap((w) => [w, `و${w}`, `ف${w}`]),
);
const opensPhrase = (piece: string) => OPENERS.has(normalize(piece).replace(/[^\p{L}]/gu, ''));

/** An opening bracket, or a dash that opens an aside (an even number of dashes before it). */
function opensAside(pieces: readonly string[], i: number): boolean {
  const piece = pieces[i] ?? '';
  if (piece.startsWith('(')) return true;
  return DASH.test(piece) && pieces.slice(0, i).filter((p) => DASH.test(p)).length % 2 === 0;
}

function opensClause(pieces: readonly string[], i: number): boolean {
  const piece = pieces[i] ?? '';
  return opensAside(pieces, i) || CLAUSE_WORDS.has(piece) || AND_VERB.test(piece) || CLAUSE_PAIRS.has(`${piece} ${pieces[i + 1] ?? ''}`);
}

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '«': '»', '“': '”' };
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The marks that close the quotations and brackets left open in a text, innermost first: a cut
 * inside a quotation (وأضاف: "إنها الآن تسعى…) reads as an unfinished one otherwise. A straight
 * quote closes an open one (they do not nest, and pages misplace them: "لوموند "الفرنسية), else
 * opens when a word follows it and none precedes it; one closing a quotation that an earlier
 * sentence opened closes nothing here.
 */
export function closingMarks(text: string): string {
  const open: string[] = [];
  const chars = [...text];
  chars.forEach((ch, i) => {
    const closer = CLOSING[ch];
    const opensQuote = ch === '"' && WORD_CHAR.test(chars[i + 1] ?? '') && !WORD_CHAR.test(chars[i - 1] ?? '');
    if (closer) open.push(closer);
    else if (open.includes(ch)) open.length = open.lastIndexOf(ch);
    else if (opensQuote) open.push('"');
  });
  return open.reverse().join('');
}

/** The first `end` pieces with trailing commas, dashes and opening brackets removed, then "…". */
function cutAfter(pieces: readonly string[], end: number): string {
  const kept = pieces.slice(0, end).join(' ').replace(/[\s،,؛;:\-–—(«“]+$/u, '');
  return `${kept}${ELLIPSIS}${closingMarks(kept)}`;
}

/**
 * The sentence unchanged when it holds at most `maxWords` words; otherwise its longest opening
 * that ends at a clause boundary and keeps at least `minShare` of the budget, or failing that its
 * longest opening that fits, cut at a space. Null when not one word fits.
 */
export function shortenToWords(sentence: string, maxWords: number, minShare = CLAUSE_SHARE): string | null {
  const pieces = sentence.split(/\s+/).filter(Boolean);
  const counts = pieces.map(countWords);
  if (counts.reduce((a, b) => a + b, 0) <= maxWords) return sentence;
  let fits = 0;
  let clause = 0;
  for (let end = 1, used = 0; end <= pieces.length; end++) {
    used += counts[end - 1] ?? 0;
    if (used > maxWords) break;
    if ((counts[end - 1] ?? 0) > 0) fits = end;
    const boundary = CLOSES_CLAUSE.test(pieces[end - 1] ?? '') || opensClause(pieces, end);
    if (boundary && used >= minShare * maxWords && used > 0) clause = end;
  }
  let end = clause || fits;
  while (end > 1 && opensPhrase(pieces[end - 1] ?? '')) end--;
  return end === 0 ? null : cutAfter(pieces, end);
}
