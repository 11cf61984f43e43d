// An article's full text as Telegram messages: each at most 4096 visible characters, split on
// paragraph boundaries (then sentences, then words for a paragraph that alone is too long). Pure.
import type { Article } from '../../domain.ts';
import { splitSentences } from '../../text/sentences.ts';
import { messages } from '../messages.ts';
import { escapeHtml, rtl, shortTitle, TELEGRAM_TEXT_LIMIT } from '../../render-html.ts';

export { TELEGRAM_TEXT_LIMIT };

/** Room kept for the title (at most 150 characters) and the "(الجزء ٢ من ٣)" part marker. */
const HEADER_ROOM = 180;

/** Pieces of at most `max` characters: whole sentences, or whole words for a giant sentence. */
function splitLong(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const pieces: string[] = [];
  let current = '';
  const units = splitSentences(paragraph).flatMap((s) => (s.length <= max ? [s] : s.split(/\s+/)));
  for (const unit of units) {
    const next = current ? `${current} ${unit}` : unit;
    if (next.length <= max) current = next;
    else {
      if (current) pieces.push(current);
      current = unit.slice(0, max);
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Plain-text chunks (unescaped), each within the limit once its header is added. */
export function chunkParagraphs(paragraphs: string[], max = TELEGRAM_TEXT_LIMIT - HEADER_ROOM): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const piece of paragraphs.flatMap((p) => splitLong(p, max))) {
    const added = (current.length ? 2 : 0) + piece.length;
    if (length + added > max && current.length) {
      chunks.push(current.join('\n\n'));
      current = [];
      length = 0;
    }
    current.push(piece);
    length += (current.length > 1 ? 2 : 0) + piece.length;
  }
  if (current.length) chunks.push(current.join('\n\n'));
  return chunks;
}

/** HTML messages for the full text; the first carries the title, each its part number when split. */
export function renderFullText(article: Article): string[] {
  const chunks = chunkParagraphs(article.paragraphs);
  return chunks.map((chunk, i) => {
    const marker = chunks.length > 1 ? ` ${messages.fullTextPart(i + 1, chunks.length)}` : '';
    const body = chunk.split('\n\n').map((p) => rtl(escapeHtml(p))).join('\n\n');
    return `${rtl(`<b>${escapeHtml(shortTitle(article.title))}</b>`)}${marker}\n\n${body}`;
  });
}
