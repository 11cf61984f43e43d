// Small stored articles for store tests: numbered, each with its own title, body and hash.
import type { Article } from '../../src/domain.ts';

/** Article number `n`, published on `day` at 10:00 UTC. */
export function storedArticle(n: number, day = '2026-03-01'): Article {
  const at = `${day}T10:00:00.000Z`;
  return {
    id: `id${n}`, kind: 'article', title: `عنوان ${n}`, keywords: [], related: [], publishedAt: at, ingestedAt: at,
    updatedAt: at, origin: `page${n}.txt`, pageOrder: 0, summary: `ملخص ${n}`, digestLine: `سطر ${n}`,
    paragraphs: [`فقرة ${n}`], contentHash: `h${n}`,
  };
}
