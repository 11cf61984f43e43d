// Asides a summary can drop from a sentence longer than the words left for it. Pure.
//
// An English acronym in brackets after the Arabic name it abbreviates ("مكتب التحقيقات الفيدرالي
// (FBI)", "منظمة الصحة العالمية (WHO)") repeats that name for readers of English: dropped, the
// sentence says the same in fewer words, and a summary card loses a left-to-right run inside
// right-to-left text. Other brackets stay: Arabic ones hold names, ages and explanations
// ("(فيفا)", "(16 عاما)"), Latin ones with digits are names themselves ("الرقم (MH370)"), and a
// dash after the bracket makes it an agency's credit ("(CNN) –"), which dateline.ts reads.
// Measured (README "Summaries"): removing other brackets or dash asides cost ROUGE on a half of a
// set, or misread dashes between scores ("2 - 2") and names ("الروسي - الإسرائيلي").

/** Capital letters, with dots, hyphens or an ampersand: "FBI", "U.N.", "RF-EMF", "AT&T". */
const ACRONYM = String.raw`[A-Z][A-Z.&\-]{1,7}`;
/**
 * The bracketed acronym with the spaces before it, right after an Arabic letter or a closing
 * quote, and followed by a space, punctuation or the end, but not by a dash.
 */
const GLOSS = new RegExp(
  String.raw`(?<=[\p{Script=Arabic}"»”])\s*\(\s*${ACRONYM}\s*\)(?=[\s،,.؛;:!?؟"»”]|$)(?!\s*[-–—])`,
  'gu',
);

/** The sentence without the English acronyms that gloss an Arabic name in brackets. */
export function dropAcronymGlosses(sentence: string): string {
  return sentence.replace(GLOSS, '');
}
