// A page of articles (latest or search results) as one numbered message. Pure.
import type { ArticleMeta } from '../../domain.ts';
import type { SnippetPart } from '../../search/snippet.ts';
import { byline } from './card.ts';
import { arabicDigits, escapeHtml, rtl, shortTitle } from '../../render-html.ts';

export interface ListItem {
  article: ArticleMeta;
  /** Search results show where the words matched. */
  snippet?: SnippetPart[];
}

export function renderSnippet(parts: SnippetPart[]): string {
  return parts.map((p) => (p.match ? `<b>${escapeHtml(p.text)}</b>` : escapeHtml(p.text))).join('');
}

export function renderList(header: string, items: ListItem[], offset: number, timeZone?: string): string {
  // One join of all the lines: a join per item and per page would copy the page's text again each time.
  const lines = [header];
  items.forEach((item, i) => {
    lines.push('', rtl(`${arabicDigits(offset + i + 1)}. <b>${escapeHtml(shortTitle(item.article.title))}</b>`), rtl(`    ${byline(item.article, timeZone)}`));
    if (item.snippet?.length) lines.push(rtl(`    ${renderSnippet(item.snippet)}`));
  });
  if (items.length === 0) lines.push('', '');
  return lines.join('\n');
}
