// The operators' feed list: one block per feed with its status, split into messages. Pure.
import type { FeedStatus } from '../../ingest/feeds/manager.ts';
import { feedMessages } from '../messages.ts';
import { arabicDateTime, arabicDigits, escapeHtml, rtl, truncate } from '../../render-html.ts';

/** Characters per message: under Telegram's 4096, with room for the markup. */
const MESSAGE_BUDGET = 3_500;
/** Characters of an error reason shown: enough to act on, short enough for a list. */
const MAX_REASON_CHARS = 160;

export function renderFeedStatus(feed: FeedStatus, timeZone: string): string {
  const { state } = feed;
  const name = feed.source.name ?? state.title;
  const lines = [
    rtl(`${arabicDigits(feed.n)}. <b>${escapeHtml(name ?? feed.source.url)}</b> — ${feed.from === 'env' ? feedMessages.fromEnv : feedMessages.fromBot}`),
    ...(name ? [escapeHtml(feed.source.url)] : []),
    state.lastSuccessAt ? feedMessages.lastSuccess(arabicDateTime(state.lastSuccessAt, timeZone), arabicDigits(state.items)) : feedMessages.never,
  ];
  if (state.lastError && state.failures > 0) {
    lines.push(feedMessages.lastError(arabicDateTime(state.lastError.at, timeZone), escapeHtml(truncate(state.lastError.reason, MAX_REASON_CHARS)), arabicDigits(state.failures)));
  }
  if (feed.nextFetchAt) lines.push(feedMessages.nextFetch(arabicDateTime(feed.nextFetchAt, timeZone)));
  return lines.join('\n');
}

/** The whole list as one message or a few, never splitting a feed's block. */
export function renderFeedList(feeds: FeedStatus[], timeZone: string): string[] {
  if (feeds.length === 0) return [feedMessages.none];
  const messages: string[] = [];
  let current = feedMessages.listTitle(arabicDigits(feeds.length));
  for (const block of feeds.map((f) => renderFeedStatus(f, timeZone))) {
    if (current.length + block.length + 2 > MESSAGE_BUDGET) {
      messages.push(current);
      current = block;
    } else {
      current = `${current}\n\n${block}`;
    }
  }
  messages.push(current);
  return messages;
}
