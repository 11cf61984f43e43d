// Buttons under an article card. Pure.
import { InlineKeyboard } from 'grammy';
import type { ArticleMeta } from '../../domain.ts';
import { pack } from '../../callback-data.ts';
import { messages } from '../messages.ts';

/** Only links a client can open: a malformed source URL would make Telegram refuse the message. */
const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\/[^\s]+$/.test(url);

export function articleKeyboard(article: ArticleMeta): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (article.kind === 'headline') {
    keyboard.text(messages.buttons.searchHeadline, pack({ type: 'findHeadline', id: article.id }));
  } else {
    keyboard.text(messages.buttons.fullText, pack({ type: 'full', id: article.id }));
  }
  keyboard.text(messages.buttons.related, pack({ type: 'related', id: article.id }));
  if (isWebUrl(article.url)) keyboard.row().url(messages.buttons.source, article.url);
  return keyboard;
}

/** Cards shared through inline mode live in other chats: their buttons open the bot by deep link. */
export function inlineArticleKeyboard(article: ArticleMeta, botUsername: string): InlineKeyboard {
  const keyboard = new InlineKeyboard().url(messages.inlineOpen, `https://t.me/${botUsername}?start=a_${article.id}`);
  if (isWebUrl(article.url)) keyboard.url(messages.buttons.source, article.url);
  return keyboard;
}
