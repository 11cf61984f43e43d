// Datelines and agency credits opening a story ("دبي، الإمارات العربية المتحدة (CNN)-- قال…",
// "واشنطن - أ ف ب: …", "القاهرة/ الأناضول", "الصين – أعلنت…"). Pure.
//
// They name where and who filed the story, not the news: a summary that keeps them spends its
// budget on them, and one that drops the whole first sentence for them loses the lead. Only the
// opening is read: an agency named inside a sentence ("ذكرت وكالة الأنباء السورية (سانا)") is content.

/** A word as written: letters and their marks ("عمّان"). */
const WORD = String.raw`[\p{L}\p{M}]+`;
const PLACE = String.raw`${WORD}(?:\s+${WORD}){0,3}`;
/**
 * A city of one or two words, then up to two longer names after commas: "أتلانتا، الولايات المتحدة
 * الأمريكية". Four words before a bracket are a subject as often ("أعلنت منظمة الصحة العالمية (WHO) -").
 */
const PLACES = String.raw`(?:${WORD}\s+)?${WORD}(?:\s*[،,]\s*${PLACE}){0,2}`;
/** Before an agency's bracketed name and a dash, places with or without commas ("دبين الإمارات…"). */
const ANY_PLACES = String.raw`${PLACE}(?:\s*[،,]?\s*${PLACE}){0,2}`;
const DASH = String.raw`[-–—ـ]+`;
/** Agencies and outlets that sign datelines. */
const AGENCY = String.raw`(?:أ\s?ف\s?ب|ا\s?ف\s?ب|أ\.ف\.ب|فرانس\s+برس|رويترز|الأناضول|د\s?ب\s?أ|أ\s?ش\s?أ|أ\s?ب|واس|وام|سانا|كونا|قنا|بترا|العمانية|بي\s+بي\s+سي|CNN|AFP|Reuters)`;
/** A bracketed credit of at most four words: "(CNN)", "(رويترز)", "(بي بي سي)". */
const CREDIT = String.raw`\(\s*[^()\n]{1,30}?\s*\)`;
const NOT_A_WORD = String.raw`(?![\p{L}\p{N}])`;

const DATELINES: readonly RegExp[] = [
  // "أتلانتا، الولايات المتحدة الأمريكية (CNN) –", "(CNN)--", "… (CNN).- –": an agency's name in
  // brackets and a dash.
  new RegExp(String.raw`^(?:${ANY_PLACES}\s*)?\(\s*${AGENCY}\s*\)\s*[.:]?\s*${DASH}(?:[\s.:]*${DASH})*\s*`, 'u'),
  // "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى…": without the dash, only after "city، country",
  // since "ذكرت وكالة الأنباء السعودية (واس) أن…" is an attribution.
  new RegExp(String.raw`^(?:${WORD}\s+)?${WORD}\s*[،,]\s*${PLACE}\s*\(\s*${AGENCY}\s*\)\s+`, 'u'),
  // "لندن (X) -": another bracketed credit, when a dash or a colon closes it.
  new RegExp(String.raw`^(?:${PLACES}\s*)?${CREDIT}\s*(?:${DASH}|:)\s*`, 'u'),
  // "واشنطن - أ ف ب -", "القاهرة/ الأناضول", "باريس - (أ ف ب):"
  new RegExp(String.raw`^${PLACES}\s*(?:${DASH}|/)\s*(?:${AGENCY}|\(\s*${AGENCY}\s*\))${NOT_A_WORD}\s*(?:${DASH}|:)?\s*`, 'u'),
  // "عمان - الرأي - قال": a place and a paper's name, of one or two words each, after spaced dashes.
  new RegExp(String.raw`^(?:${WORD}\s)?${WORD}\s+${DASH}\s+${WORD}(?:\s+${WORD})?\s+${DASH}\s+`, 'u'),
  // A bare credit line or opening: "(بي بي سي)", "رويترز -"
  new RegExp(String.raw`^(?:\(\s*${AGENCY}\s*\)|${AGENCY})${NOT_A_WORD}\s*(?:${DASH}|:|$)\s*`, 'u'),
  // "الصين – أعلنت…", "رام الله - قال…": one or two words and a spaced dash before a word. Three
  // words are as often a phrase with a dash inside ("تشهد العلاقات الإماراتية – الصينية").
  new RegExp(String.raw`^(?:${WORD}\s)?${WORD}\s+[-–—]+\s+(?=\p{L})`, 'u'),
];

/** The text without the dateline or credit that opens it; unchanged when there is none. */
export function stripDateline(text: string): string {
  // Pasted pages may open with invisible direction marks (U+202B) before the dateline.
  const trimmed = text.replace(/^[\s\p{Cf}]+/u, '').trim();
  for (const dateline of DATELINES) {
    const match = dateline.exec(trimmed);
    if (match) return trimmed.slice(match[0].length);
  }
  return trimmed;
}
