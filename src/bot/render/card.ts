// Article → card message (HTML). Pure.
import type { Article, ArticleMeta } from '../../domain.ts';
import { feedMessages, messages } from '../messages.ts';
import { arabicDate, escapeHtml, rtl, shortTitle } from '../../render-html.ts';

/** Keywords as hashtags: tappable in Telegram, and a quick "what is this about". */
function hashtags(keywords: string[]): string {
  return keywords.map((k) => `#${k.trim().replace(/[\s\p{P}]+/gu, '_')}`).join(' ');
}

export function byline(article: ArticleMeta, timeZone?: string): string {
  const parts = [article.source ? `📰 ${escapeHtml(article.source)}` : '', `🗓 ${arabicDate(article.publishedAt, timeZone)}`].filter(Boolean);
  return parts.join(' · ');
}

export function renderCard(article: Article, timeZone?: string): string {
  const lines = [rtl(`<b>${escapeHtml(shortTitle(article.title))}</b>`), rtl(byline(article, timeZone))];
  if (article.kind === 'headline') {
    lines.push('', messages.headlineOnly);
  } else {
    lines.push('', rtl(escapeHtml(article.summary)));
    if (article.teaserOnly) lines.push('', feedMessages.teaserOnly(article.url && /^https?:\/\//.test(article.url) ? escapeHtml(article.url) : undefined));
    if (article.keywords.length > 0) lines.push('', rtl(escapeHtml(hashtags(article.keywords))));
  }
  return lines.join('\n');
}
