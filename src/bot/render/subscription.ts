// A subscription described in Arabic. Pure.
import type { Subscription } from '../../domain.ts';
import { messages, ZONES } from '../messages.ts';
import { arabicDigits, escapeHtml } from '../../render-html.ts';

export function zoneLabel(zone: string): string {
  const known = ZONES.find((z) => z.zone === zone);
  return known ? `${known.label} (${zone})` : zone;
}

export function describeSubscription(sub: Pick<Subscription, 'time' | 'timeZone' | 'topics' | 'size'>): string {
  const topics = sub.topics.length > 0 ? escapeHtml(sub.topics.join('، ')) : messages.subscription.allTopics;
  return messages.subscription.summary(arabicDigits(sub.time), escapeHtml(zoneLabel(sub.timeZone)), topics, arabicDigits(sub.size));
}
