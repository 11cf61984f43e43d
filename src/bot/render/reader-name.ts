// A reader's name as the bot's sentences quote it. Telegram names are free text: a bidi override
// in one would reorder the rest of the bot's sentence, so such controls are dropped. Pure.
import { cleanDisplayText } from '../../text/normalize.ts';

/** The reader's first name, cleaned for display; `fallback` when nothing visible is left. */
export function readerName(user: { first_name: string } | undefined, fallback: string): string {
  return cleanDisplayText(user?.first_name ?? '') || fallback;
}
