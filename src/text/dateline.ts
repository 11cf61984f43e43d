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
/**
 * Before an agency's bracketed name and a dash, places with or without commas ("دبين الإمارات…").
 * Something always separates two places: with nothing required, every split of a long word was tried.
 */
const ANY_PLACES = String.raw`${PLACE}(?:(?:\s*[،,]\s*|\s+)${PLACE}){0,2}`;
/** A dash, or a tatweel standing for one ("عمان ـ"); a tatweel after a letter stretches it ("لـCNN"). */
const DASH = String.raw`(?:[-–—]|(?<!\p{L})ـ)[-–—ـ]*`;
/** Agencies and outlets that sign datelines. */
const AGENCY = String.raw`(?:أ\s?ف\s?ب|ا\s?ف\s?ب|أ\.ف\.ب|فرانس\s+برس|رويترز|الأناضول|د\s?ب\s?أ|أ\s?ش\s?أ|أ\s?ب|واس|وام|سانا|كونا|قنا|بترا|العمانية|بي\s+بي\s+سي|CNN|AFP|Reuters)`;
/** A bracketed credit of at most four words: "(CNN)", "(رويترز)", "(بي بي سي)". */
const CREDIT = String.raw`\(\s*[^()\n]{1,30}?\s*\)`;
const NOT_A_WORD = String.raw`(?![\p{L}\p{N}])`;

/**
 * Each shape, and whether only a story's opening has it: an agency's name with a dash or a slash.
 * A bracket after a subject ("وأدى ذلك، بحسب وكالة (وام) الرسمية", "وقال الوزير (73 عاما):") or a
 * place and a dash may also be a sentence's own words.
 */
const DATELINES: readonly { opensStory: boolean; pattern: RegExp }[] = [
  // "أتلانتا، الولايات المتحدة الأمريكية (CNN) –", "(CNN)--", "… (CNN).- –", "لندن، المملكة
  // المتحدة، (CNN)--": an agency's name in brackets and a dash.
  { opensStory: true, pattern: new RegExp(String.raw`^(?:${ANY_PLACES}\s*[،,]?\s*)?\(\s*${AGENCY}\s*\)\s*[.:]?\s*${DASH}(?:[\s.:]*${DASH})*\s*`, 'u') },
  // "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى…": without the dash, only after "city، country",
  // since "ذكرت وكالة الأنباء السعودية (واس) أن…" is an attribution.
  { opensStory: false, pattern: new RegExp(String.raw`^(?:${WORD}\s+)?${WORD}\s*[،,]\s*${PLACE}\s*\(\s*${AGENCY}\s*\)\s+`, 'u') },
  // "لندن (X) -": another bracketed credit, when a dash or a colon closes it.
  { opensStory: false, pattern: new RegExp(String.raw`^(?:${PLACES}\s*)?${CREDIT}\s*(?:${DASH}|:)\s*`, 'u') },
  // "واشنطن - أ ف ب -", "القاهرة/ الأناضول", "باريس - (أ ف ب):"
  { opensStory: true, pattern: new RegExp(String.raw`^${PLACES}\s*(?:${DASH}|/)\s*(?:${AGENCY}|\(\s*${AGENCY}\s*\))${NOT_A_WORD}\s*(?:${DASH}|:)?\s*`, 'u') },
  // "عمان - الرأي - قال": a place and a paper's name, of one or two words each, after spaced dashes.
  { opensStory: false, pattern: new RegExp(String.raw`^(?:${WORD}\s)?${WORD}\s+${DASH}\s+${WORD}(?:\s+${WORD})?\s+${DASH}\s+`, 'u') },
  // A bare credit line or opening: "(بي بي سي)", "رويترز -"
  { opensStory: true, pattern: new RegExp(String.raw`^(?:\(\s*${AGENCY}\s*\)|${AGENCY})${NOT_A_WORD}\s*(?:${DASH}|:|$)\s*`, 'u') },
  // "الصين – أعلنت…", "رام الله - قال…": one or two words and a spaced dash before a word. Three
  // words are as often a phrase with a dash inside ("تشهد العلاقات الإماراتية – الصينية").
  { opensStory: false, pattern: new RegExp(String.raw`^(?:${WORD}\s)?${WORD}\s+[-–—]+\s+(?=\p{L})`, 'u') },
];

/** Pasted pages may open with invisible direction marks (U+202B) before the dateline. */
const opening = (text: string) => text.replace(/^[\s\p{Cf}]+/u, '').trim();

/** Whether the text opens with an agency's dateline ("دبي، الإمارات (CNN) –", "واشنطن - أ ف ب -"). */
export function opensWithAgencyDateline(text: string): boolean {
  const trimmed = opening(text);
  return DATELINES.some(({ opensStory, pattern }) => opensStory && pattern.test(trimmed));
}

/** The text without the dateline or credit that opens it; unchanged when there is none. */
export function stripDateline(text: string): string {
  const trimmed = opening(text);
  for (const { pattern } of DATELINES) {
    const match = pattern.exec(trimmed);
    if (match) return trimmed.slice(match[0].length);
  }
  return trimmed;
}
