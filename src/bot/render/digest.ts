// A digest as one message: a dated header, numbered titles with one-sentence summaries. Pure.
import type { Article } from '../../domain.ts';
import { messages } from '../messages.ts';
import { TELEGRAM_TEXT_LIMIT } from './full-text.ts';
import { arabicDigits, escapeHtml, rtl, truncate } from './html.ts';

/** Characters of a digest line when ten items must share one message. */
const MIN_LINE_CHARS = 80;

export function digestHeader(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  // Noon UTC of the local date names the same calendar day in every zone.
  const day = new Intl.DateTimeFormat('ar-EG', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
  return messages.digestTitle(day);
}

/** The digest text, shortening summaries until it fits one Telegram message. */
export function renderDigest(items: Article[], localDate: string): string {
  for (let lineChars = 400; ; lineChars = Math.floor(lineChars * 0.8)) {
    const rows = items.map((a, i) => {
      const line = a.digestLine ? `\n${rtl(escapeHtml(truncate(a.digestLine, lineChars)))}` : '';
      return `${rtl(`${arabicDigits(i + 1)}. <b>${escapeHtml(a.title)}</b>`)}${line}`;
    });
    const text = [digestHeader(localDate), '', rows.join('\n\n')].join('\n');
    const visible = text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|amp|quot);/g, 'x');
    if (visible.length <= TELEGRAM_TEXT_LIMIT || lineChars < MIN_LINE_CHARS) return text;
  }
}
