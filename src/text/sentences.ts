// Sentence splitting that understands Arabic punctuation. Pure.
import { cleanDisplayText } from './normalize.ts';

// A sentence ends at . ! ? ؟ ؛ (and runs of them, and ellipses), with any closing quotes or
// brackets that follow, when whitespace, the end or an Arabic letter comes next: scraped Arabic
// often loses the space after a stop ("نوح.وتعني"). "2.5" and "www.site.com" never split: a digit
// or a Latin letter follows their point.
const SENTENCE_END = /[.!?؟؛…]+["'”’»)\]]*(?=\s|$|[\u0621-\u064A])/gu;
const BULLET = /^\s*[•·●▪◦*\-–]\s+/u;
// A lone letter before a point is an abbreviation (د. for doctor, م. for a year), not an end.
const ABBREVIATION = /(?:^|\s)[\p{L}]\.$/u;

/** Sentences of one paragraph or block of text, in order, trimmed. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.split(/\n+/)) {
    const line = cleanDisplayText(rawLine.replace(BULLET, ''));
    if (!line) continue;
    let start = 0;
    for (const m of line.matchAll(SENTENCE_END)) {
      const end = m.index + m[0].length;
      const candidate = line.slice(start, end);
      if (ABBREVIATION.test(candidate) && end < line.length) continue;
      const sentence = candidate.trim();
      if (sentence) sentences.push(sentence);
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest) sentences.push(rest);
  }
  return sentences.filter((s) => /[\p{L}\p{N}]/u.test(s));
}
