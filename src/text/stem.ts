// A light Arabic stemmer, written here: strips clitic prefixes and inflectional suffixes so that
// the forms readers type meet the forms reporters write, without reducing words to roots.
// Input is a normalised token (see normalize.ts): ه stands for ة, ي for ى, ا for hamza seats.

/** Letters: no stem is cut shorter than this. */
const MIN_STEM = 3;
/**
 * Letters: ان, ون, ين are also word endings (يابان, تعاون, فلسطين), and the relative ending ي (with
 * its plurals) cut from a three-letter word leaves another word (رسمي → رسم, دولي → دول, أولية →
 * أول): these are cut only when this much remains.
 */
const MIN_STEM_BEFORE_ENDING = 4;
const WORD_LIKE_ENDINGS = new Set(['ان', 'ون', 'ين', 'ي', 'يون', 'يين', 'يات']);
// Attached pronouns. Before one, ة is written ت ("وظيفتها" is وظيفة + ها), so it is restored.
const PRONOUNS = new Set(['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا']);
/** Passes over the suffix list: a pronoun then a plural ("اتفاقياتها" → "اتفاقي"). */
const SUFFIX_PASSES = 2;

// The definite article with the prepositions and conjunctions that fuse with it, longest first.
const ARTICLE_PREFIXES = ['وبال', 'وكال', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
// Longest first; ه covers both ة (normalised) and the pronoun.
const SUFFIXES = ['هما', 'كما', 'يون', 'يين', 'يات', 'ها', 'هم', 'هن', 'كم', 'نا', 'ات', 'ون', 'ين', 'ان', 'ه', 'ي'];
// Common words whose first radical is و: a leading و there is not the conjunction "and"
// (the Snowball port's famous وزير → زير). Matched as word beginnings.
const ROOT_WAW = [
  'وزير', 'وزرا', 'وزار', 'وقت', 'وطن', 'وضع', 'وصل', 'وصول', 'ولاي', 'واشنطن', 'وفد', 'وفا', 'وفق',
  'وسط', 'وسائل', 'وسيل', 'وكال', 'وكيل', 'وثيق', 'وثائق', 'وجه', 'وجود', 'وحد', 'واحد', 'واقع', 'وقع',
  'وقف', 'وعد', 'ورق', 'وزن', 'ولد', 'ولاد', 'وادي', 'وراء', 'وظيف', 'وصف', 'ولي', 'وقود', 'وبا', 'واجب',
];
// Letters that Arabic words never use: their presence marks a transliterated name.
const FOREIGN_LETTERS = /[پچژڤگ]/u;
/** Alefs inside a word (not first, not last): three or more is the shape of a transliteration (ناكاتاني). */
const FOREIGN_ALEFS = 3;

/** Transliterated names are left whole: their endings are not Arabic suffixes. */
export function looksForeign(word: string): boolean {
  if (FOREIGN_LETTERS.test(word)) return true;
  const core = word.endsWith('ات') ? word.slice(0, -2) : word;
  let alefs = 0;
  for (let i = 1; i < core.length - 1; i++) if (core[i] === 'ا') alefs++;
  return alefs >= FOREIGN_ALEFS;
}

/**
 * After the article, what looks like an article again (or a preposition with one) is the word's
 * own first letters: those clitics come before the article, never after it. Normalising folds
 * إلغاء and ألمانيا to that shape, التزام and كالسيوم are written so, and their bare forms lose
 * those letters, which cannot be told from clitics there; their forms with the article ("الإلغاء",
 * "بالألمانية", "الكالسيوم") lose them too, so that every form of the word meets.
 */
function ownLettersStripped(rest: string): string {
  const again = ARTICLE_PREFIXES.find((prefix) => rest.startsWith(prefix) && rest.length - prefix.length >= MIN_STEM);
  return again ? rest.slice(again.length) : rest;
}

/** A normalised token without its conjunction and article prefixes, its ending untouched. */
export function stripPrefix(word: string): string {
  for (const prefix of ARTICLE_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_STEM - 1 + (prefix === 'لل' ? 0 : 1)) {
      return ownLettersStripped(word.slice(prefix.length));
    }
  }
  // A bare conjunction و, unless the و is the word's own first letter.
  if (word.startsWith('و') && word.length - 1 >= MIN_STEM && !ROOT_WAW.some((w) => word.startsWith(w))) {
    const rest = word.slice(1);
    return rest.startsWith('ال') && rest.length - 2 >= MIN_STEM ? rest.slice(2) : rest;
  }
  return word;
}

function stripSuffixes(word: string): string {
  let stem = word;
  for (let pass = 0; pass < SUFFIX_PASSES; pass++) {
    const suffix = SUFFIXES.find((s) => {
      const left = stem.length - s.length;
      return stem.endsWith(s) && left >= (WORD_LIKE_ENDINGS.has(s) ? MIN_STEM_BEFORE_ENDING : MIN_STEM);
    });
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
    if (PRONOUNS.has(suffix) && stem.endsWith('ت') && stem.length > MIN_STEM) stem = `${stem.slice(0, -1)}ه`;
  }
  return stem;
}

/** Light stem of one normalised token. Digits and Latin words pass through unchanged. */
export function stem(token: string): string {
  if (!/[\u0621-\u064A]/u.test(token) || token.length <= MIN_STEM) return token;
  const withoutPrefix = stripPrefix(token);
  return looksForeign(withoutPrefix) ? withoutPrefix : stripSuffixes(withoutPrefix);
}

/**
 * A bare "ل" (to, for) that the light stem leaves on is mostly the preposition in news ("لمشروع",
 * "لقوات"), so the coarse stem reads the word without it; ب is so only about half the time, ك and ف
 * rarely, and they stay. Four letters must remain; "لبنان" read as "بنان" is the cost.
 */
function withoutLam(token: string): string {
  return token.startsWith('ل') && token.length - 1 >= MIN_STEM + 1 && stripPrefix(token) === token ? token.slice(1) : token;
}

// Imperfect-verb prefixes (يفعل تفعل نفعل افعل) and the future سـ; stripped only by rootStem.
const VERB_PREFIX = /^(?:سي|ست|سن|ي|ت|ن|ا)(?=[\u0621-\u064A]{3,})/u;
// One weak final letter, or "يا" whole, so that a country named in -يا meets its people's
// adjective in -ي (روسيا and الروسي, ألمانيا and الألمانية), as its reader expects.
const WEAK_ENDING = /(?<=^[\u0621-\u064A]{3,})يا$|[يواته]$/u;

/**
 * A coarser stem that reaches nearer the root: the light stem, then an imperfect-verb prefix and
 * one weak final letter (or "يا"), keeping three letters. Joins "يحدها" and "الحدود" or "تقع" and "يقع",
 * and also joins words that are unrelated, so search gives it a small weight beside the light stem.
 */
export function rootStem(token: string): string {
  let s = stem(withoutLam(token));
  if (s.length <= MIN_STEM || looksForeign(s) || !/^[\u0621-\u064A]+$/u.test(s)) return s;
  if (s.length > MIN_STEM) s = s.replace(VERB_PREFIX, '');
  if (s.length > MIN_STEM) s = s.replace(WEAK_ENDING, '');
  // Broken plurals and verbal nouns with a long vowel after the second letter: حدود → حد, قانون → قنن.
  if (s.length === 4 && /^[^\u0627\u0648\u064A][\u0627\u0648\u064A]/u.test(s) === false && /^..[\u0627\u0648\u064A].$/u.test(s)) {
    s = s.slice(0, 2) + s.slice(3);
  }
  return s;
}
