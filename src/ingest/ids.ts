// Stable short ids: the same article gets the same id on every run and every machine.
import { createHash } from 'node:crypto';
import { tokenize } from '../text/tokenize.ts';

/** Characters of base64url: 60 bits, so 100,000 articles collide with odds below one in 10^7. */
const ID_LENGTH = 10;

export function shortId(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, ID_LENGTH);
}

/** A title in comparable form: normalised words joined by single spaces. */
export function titleKey(title: string): string {
  return tokenize(title).join(' ');
}

/** Id of an item known by its title (a "read also" article or a similar-articles headline). */
export const idForTitleKey = (key: string) => shortId(`title:${key}`);
export const idForTitle = (title: string) => idForTitleKey(titleKey(title));

/** Id of a page's main article, which has no title of its own: the page's address or file. */
export const idForPageLead = (pageKey: string) => shortId(`page:${pageKey}`);

/** Hash of what a reader sees, to tell an updated article from an unchanged one. */
export function contentHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}
