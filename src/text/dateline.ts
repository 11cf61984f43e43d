// Datelines and agency credits opening a story ("دبي، الإمارات العربية المتحدة (CNN)-- قال…",
// "واشنطن - أ ف ب: …", "القاهرة/ الأناضول", "الصين – أعلنت…"). Pure.
//
// They name where and who filed the story, not the news: a summary that keeps them spends its
// budget on them, and one that drops the whole first sentence for them loses the lead. Only the
// opening is read: an agency named inside a sentence ("ذكرت وكالة الأنباء السورية (سانا)") is content.

const PLACE = String.raw`[\p{L}]+(?:\s+[\p{L}]+){0,3}`;
/** One to three place names separated by commas: "أتلانتا، الولايات المتحدة الأمريكية". */
const PLACES = String.raw`${PLACE}(?:\s*[،,]\s*${PLACE}){0,2}`;
const DASH = String.raw`[-–—ـ]+`;
/** Agencies and outlets that sign datelines without brackets. */
const AGENCY = String.raw`(?:أ\s?ف\s?ب|ا\s?ف\s?ب|أ\.ف\.ب|فرانس\s+برس|رويترز|الأناضول|د\s?ب\s?أ|أ\s?ش\s?أ|أ\s?ب|واس|وام|سانا|كونا|قنا|بترا|العمانية|بي\s+بي\s+سي|CNN|AFP|Reuters)`;
/** A bracketed credit of at most four words: "(CNN)", "(رويترز)", "(بي بي سي)". */
const CREDIT = String.raw`\(\s*[^()\n]{1,30}?\s*\)`;
const NOT_A_WORD = String.raw`(?![\p{L}\p{N}])`;

const DATELINES: readonly RegExp[] = [
  // "لندن (رويترز) -", "(CNN)--", "أتلانتا، الولايات المتحدة الأمريكية (CNN) –"
  new RegExp(String.raw`^(?:${PLACES}\s*)?${CREDIT}\s*(?:${DASH}|:)\s*`, 'u'),
  // "واشنطن - أ ف ب -", "القاهرة/ الأناضول", "باريس - (أ ف ب):"
  new RegExp(String.raw`^${PLACES}\s*(?:${DASH}|/)\s*(?:${AGENCY}|\(\s*${AGENCY}\s*\))${NOT_A_WORD}\s*(?:${DASH}|:)?\s*`, 'u'),
  // "عمان - الرأي - قال": a place and a paper's name, of one or two words each, after spaced dashes.
  new RegExp(String.raw`^(?:[\p{L}]+\s)?[\p{L}]+\s+${DASH}\s+[\p{L}]+(?:\s+[\p{L}]+)?\s+${DASH}\s+`, 'u'),
  // A bare credit line or opening: "(بي بي سي)", "رويترز -"
  new RegExp(String.raw`^(?:\(\s*${AGENCY}\s*\)|${AGENCY})${NOT_A_WORD}\s*(?:${DASH}|:|$)\s*`, 'u'),
  // "الصين – أعلنت…", "رام الله - قال…": one or two words and a spaced dash before a word. Three
  // words are as often a phrase with a dash inside ("تشهد العلاقات الإماراتية – الصينية").
  new RegExp(String.raw`^(?:[\p{L}]+\s)?[\p{L}]+\s+[-–—]+\s+(?=\p{L})`, 'u'),
];

/** The text without the dateline or credit that opens it; unchanged when there is none. */
export function stripDateline(text: string): string {
  const trimmed = text.trim();
  for (const dateline of DATELINES) {
    const match = dateline.exec(trimmed);
    if (match) return trimmed.slice(match[0].length);
  }
  return trimmed;
}
