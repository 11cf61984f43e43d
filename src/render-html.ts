// Safe HTML for Telegram's parse mode, Arabic numbers and counts, and small right-to-left helpers,
// shared by the bot, the digest and the playground (each renders its own messages). Pure.

import { BoundedCache } from './bounded-cache.ts';

/** Characters: Telegram's limit for a message's text after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/**
 * Characters of a title wherever it is shown: above every title in the 23,370-article news
 * corpus (the longest is 124), far below what would crowd a card, a list page or a digest.
 */
export const MAX_TITLE_CHARS = 150;

/** Escapes text for Telegram HTML: every piece of article or user text goes through this. */
export function escapeHtml(text: string): string {
  // Most article text has none of them: one scan, and the text itself back.
  if (!HTML_META.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
const HTML_META = /[&<>"]/;

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** 12 → ١٢: numbers in Arabic copy read naturally in Arabic-Indic digits. */
export function arabicDigits(n: number | string): string {
  const text = String(n);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    out += digit >= 0 && digit <= 9 ? ARABIC_DIGITS[digit] : text[i];
  }
  return out;
}

/**
 * A counted noun in each of Arabic's number forms: `one` and `two` stand alone (the singular with
 * واحد, the dual), the others follow the digits: `few` (3–10, and 103–110…) the plural, `many`
 * (11–99, 111–199…) the singular in the accusative, `other` (100, 200, 1000…) the singular.
 */
export interface CountForms {
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
}

// CLDR's Arabic plural rules (zero, one, two, few, many, other) are Arabic grammar's number forms.
const arabicPlural = new Intl.PluralRules('ar');

/** "حرف واحد"، "حرفين"، "٣ أحرف"، "١١ حرفاً"، "٢٠٠ حرف": a count as Arabic says it. */
export function arabicCount(n: number, forms: CountForms): string {
  const form = arabicPlural.select(n);
  if (form === 'one' || form === 'two') return forms[form];
  return `${arabicDigits(n)} ${form === 'zero' ? forms.other : forms[form]}`;
}

// Right-to-left mark: a line that opens with a Latin word or a digit would otherwise be laid
// out left to right by Telegram's clients. Arabic-Indic digits decide no direction, so a numbered
// line ("١. iPhone …") takes the direction of the word after its number.
const RLM = '\u200F';
// Tags are skipped where they stand rather than stripped from a copy of the line first.
const OPENS_RTL = /^(?:[\s\p{P}\u0660-\u0669\u06F0-\u06F9]|<[^>]*>)*(?=\p{L})[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;

/** Marks a line (HTML) right-to-left unless its visible text already opens with an Arabic letter. */
export function rtl(line: string): string {
  return OPENS_RTL.test(line) ? line : `${RLM}${line}`;
}

/** Date formats kept: more than the ~600 IANA zones (stored zone names are canonical). */
const MAX_DATE_FORMATS = 1000;
// Building a DateTimeFormat costs far more than using one: one per time zone, reused.
const dateFormats = new BoundedCache<string, Intl.DateTimeFormat>(MAX_DATE_FORMATS);

/** Dates written: the articles of a day's lists and cards come up again and again. */
const MAX_WRITTEN_DATES = 10_000;
const writtenDates = new BoundedCache<string, string>(MAX_WRITTEN_DATES);

/** A date as Arabic readers write it: ٧ يونيو ٢٠٢٦. */
export function arabicDate(iso: string, timeZone = 'Asia/Riyadh'): string {
  return writtenDates.get(`${timeZone} ${iso}`, () => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return dateFormats.get(timeZone, () => new Intl.DateTimeFormat('ar-EG', { day: 'numeric', month: 'long', year: 'numeric', timeZone })).format(date);
  });
}

const dateTimeFormats = new BoundedCache<string, Intl.DateTimeFormat>(MAX_DATE_FORMATS);

/** ٢٧ نوفمبر في ٣:٠٧ م — a day and a time in `timeZone`, for operators' status lines. */
export function arabicDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateTimeFormats.get(timeZone, () => new Intl.DateTimeFormat('ar-EG', { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit', timeZone })).format(date);
}

/** Shortens to at most `max` characters at a word boundary, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A title as every renderer shows it: whole when it is of a sane length, else cut at a word. */
export function shortTitle(title: string): string {
  return truncate(title.trim(), MAX_TITLE_CHARS);
}
