// Reading a subscription answer from a typed message or a pressed button. Pure.
import { DIGEST_SIZES, type DigestSize } from '../../domain.ts';
import { canonicalTimeZone, parseClock } from '../../digest/time.ts';
import { cleanDisplayText, normalize } from '../../text/normalize.ts';
import type { SubscriptionField } from '../../callback-data.ts';
import { MAX_TOPIC_CHARS, MAX_TOPICS, ZONES } from '../messages.ts';

export type Answer = { field: 'time'; value: string } | { field: 'zone'; value: string } | { field: 'topics'; value: string[] } | { field: 'size'; value: DigestSize };

/** A typed or picked answer for `field`, or null when it is not a valid one. */
export function readAnswer(field: SubscriptionField, input: { text?: string; picked?: string }): Answer | null {
  const raw = (input.picked ?? input.text ?? '').trim();
  if (!raw) return null;
  switch (field) {
    case 'time': {
      const value = input.picked ? parseClock(`${raw.slice(0, 2)}:${raw.slice(2)}`) : parseClock(raw);
      return value ? { field, value } : null;
    }
    case 'zone': {
      const byLabel = ZONES.find((z) => normalize(z.label) === normalize(raw));
      const value = canonicalTimeZone(byLabel?.zone ?? raw);
      return value ? { field, value } : null;
    }
    case 'topics': {
      if (input.picked === 'all') return { field, value: [] };
      if (input.picked !== undefined) return null;
      // Cleaned as titles are: a right-to-left override or a zero-width character kept in a topic
      // would be echoed in every settings message and reorder it.
      const topics = [...new Set(raw.split(/[,،؛;\n]+/u).map(cleanDisplayText).filter(Boolean))];
      const valid = topics.length > 0 && topics.length <= MAX_TOPICS && topics.every((t) => t.length <= MAX_TOPIC_CHARS && /\p{L}/u.test(t));
      return valid ? { field, value: topics } : null;
    }
    case 'size': {
      const n = Number(normalize(raw));
      return (DIGEST_SIZES as readonly number[]).includes(n) ? { field, value: n as DigestSize } : null;
    }
  }
}
