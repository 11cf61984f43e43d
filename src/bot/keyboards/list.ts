// Buttons under a list page: one per item to open it, then previous / page / next. Pure.
import { InlineKeyboard } from 'grammy';
import type { ArticleMeta } from '../../domain.ts';
import { type Action, pack } from '../../callback-data.ts';
import { messages } from '../messages.ts';
import { arabicDigits, truncate } from '../../render-html.ts';

/** Characters of a title on a button: Telegram shows about this much on a phone. */
const BUTTON_TITLE_CHARS = 40;

export function listKeyboard(items: ArticleMeta[], offset: number, total: number, pageSize: number, pageAction: (offset: number) => Action): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  items.forEach((a, i) => keyboard.text(arabicDigits(offset + i + 1), pack({ type: 'open', id: a.id })));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages > 1) {
    keyboard.row();
    // Arabic reads right to left: "next" sits on the left, "previous" on the right.
    if (offset + pageSize < total) keyboard.text(messages.buttons.next, pack(pageAction(offset + pageSize)));
    keyboard.text(arabicDigits(messages.page(Math.floor(offset / pageSize) + 1, pages)), pack({ type: 'noop' }));
    if (offset > 0) keyboard.text(messages.buttons.previous, pack(pageAction(Math.max(0, offset - pageSize))));
  }
  return keyboard;
}

/** One button per related item, leading to its card. */
export function relatedKeyboard(items: ArticleMeta[], backTo: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const item of items) {
    const mark = item.kind === 'headline' ? '📰' : '📄';
    keyboard.text(`${mark} ${truncate(item.title, BUTTON_TITLE_CHARS)}`, pack({ type: 'open', id: item.id })).row();
  }
  keyboard.text(messages.buttons.back, pack({ type: 'open', id: backTo }));
  return keyboard;
}

export function noResultsKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(messages.buttons.latest, pack({ type: 'latest', offset: 0 }));
}
