// One page's bytes → its articles, or the reason it cannot be used: the boundary every page
// crosses. Pure. Only a bug escapes as an exception (the property tests hunt for those).
import type { Article } from '../domain.ts';
import { buildArticles, PageHeaderError, type PageContext } from './build-articles.ts';
import { PageParseError, parsePage } from './parse-page.ts';
import { decodePage } from './validate-page.ts';

export type PageArticles = { ok: true; articles: Article[] } | { ok: false; reason: string };

export function pageArticles(bytes: Uint8Array, ctx: PageContext): PageArticles {
  const page = decodePage(bytes);
  if (!page.ok) return page;
  try {
    return { ok: true, articles: buildArticles(parsePage(page.text), ctx) };
  } catch (error) {
    if (error instanceof PageParseError || error instanceof PageHeaderError) return { ok: false, reason: error.message };
    throw error;
  }
}
