// A digest as one message: a dated header, numbered titles with one-sentence summaries, and a
// button per item opening its card. The digest renders its own message (it never imports the
// bot); it shares only the lower layers' HTML helpers and button format. Pure.
import { InlineKeyboard } from 'grammy';
import { pack } from '../callback-data.ts';
import type { Article, ArticleMeta } from '../domain.ts';
import { arabicDigits, escapeHtml, rtl, shortTitle, TELEGRAM_TEXT_LIMIT, truncate } from '../render-html.ts';

/** Characters of a digest line when ten items must share one message. */
const MIN_LINE_CHARS = 80;
/** Characters of a digest line when there is room: a sentence or two. */
const MAX_LINE_CHARS = 400;
/** Buttons on one row of the digest's keyboard: five fit a phone's width. */
const BUTTONS_PER_ROW = 5;

/** The digest's own copy (Arabic, HTML-safe: the day name is generated, not user text). */
export const digestCopy = {
  title: (day: string) => `📬 <b>خلاصة اليوم</b> — ${day}`,
};

export function digestHeader(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  // Noon UTC of the local date names the same calendar day in every zone.
  const day = new Intl.DateTimeFormat('ar-EG', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
  return digestCopy.title(day);
}

/** The digest text, shortening summaries until it fits one Telegram message. */
export function renderDigest(items: Article[], localDate: string): string {
  for (let lineChars = MAX_LINE_CHARS; ; lineChars = Math.floor(lineChars * 0.8)) {
    const rows = items.map((a, i) => {
      const line = a.digestLine ? `\n${rtl(escapeHtml(truncate(a.digestLine, lineChars)))}` : '';
      return `${rtl(`${arabicDigits(i + 1)}. <b>${escapeHtml(shortTitle(a.title))}</b>`)}${line}`;
    });
    const text = [digestHeader(localDate), '', rows.join('\n\n')].join('\n');
    const visible = text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|amp|quot);/g, 'x');
    if (visible.length <= TELEGRAM_TEXT_LIMIT || lineChars < MIN_LINE_CHARS) return text;
  }
}

/** A digest's buttons: one per item, opening its card. */
export function digestKeyboard(items: ArticleMeta[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  items.forEach((a, i) => {
    if (i > 0 && i % BUTTONS_PER_ROW === 0) keyboard.row();
    keyboard.text(arabicDigits(i + 1), pack({ type: 'open', id: a.id }));
  });
  return keyboard;
}
