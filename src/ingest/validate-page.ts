// Raw bytes → page text, or a reason the page cannot be used. Pure.
import { hasArabic } from '../text/normalize.ts';

/** Bytes: no real news page comes near this; a larger file is a mistake or an attack. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** Why a page of `bytes` bytes is refused: checked on the file's size before reading, and again on what was read. */
export const tooLarge = (bytes: number) => `larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB (${bytes} bytes)`;

export type PageText = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodePage(bytes: Uint8Array): PageText {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty file' };
  if (bytes.byteLength > MAX_PAGE_BYTES) return { ok: false, reason: tooLarge(bytes.byteLength) };
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8 text' };
  }
  if (!text.trim()) return { ok: false, reason: 'empty file (only whitespace)' };
  if (!hasArabic(text)) return { ok: false, reason: 'no Arabic text' };
  return { ok: true, text };
}
