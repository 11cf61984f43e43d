// Arabic orthographic normalisation: one canonical spelling for the variants readers type.
// Pure; used by tokenize (and so by search, related articles and summaries) and by the parser.

const TASHKEEL_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const ALEF_VARIANTS = /[\u0622\u0623\u0625\u0671\u0672\u0673\u0675]/g; // آ أ إ ٱ and rarer seats → ا
const ALEF_MAQSURA = /\u0649/g; // ى → ي
const TA_MARBUTA = /\u0629/g; // ة → ه
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g;
// Zero-width and bidi controls: ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, embeddings, isolates, BOM, soft hyphen.
const INVISIBLES = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;
const PERSIAN_LETTERS: Record<string, string> = { '\u06A9': '\u0643', '\u06CC': '\u064A', '\u06C0': '\u0647' }; // ک ی ۀ

/** Canonical form for matching: never shown to users. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLES, '')
    .replace(TASHKEEL_AND_TATWEEL, '')
    .replace(ALEF_VARIANTS, '\u0627')
    .replace(ALEF_MAQSURA, '\u064A')
    .replace(TA_MARBUTA, '\u0647')
    .replace(/[\u06A9\u06CC\u06C0]/g, (ch) => PERSIAN_LETTERS[ch] ?? ch)
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

/**
 * Display-safe clean-up: keeps the letters as written, folds odd spaces, drops invisible controls.
 * Bidi embeddings, overrides and isolates go too: one left unclosed in a title reorders the rest
 * of every message that shows it (the marks LRM, RLM and ALM, which reorder nothing, stay).
 */
export function cleanDisplayText(text: string): string {
  return text
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\u2028\u2029\t]/g, ' ')
    .replace(/\u200B|\u200C|\u200D|\uFEFF/g, '')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/(?!\n)\p{Cc}/gu, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** True when the text holds at least one Arabic letter. */
export function hasArabic(text: string): boolean {
  return /[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text);
}
