// Sending one message to many chats the way grammY's broadcast guide describes: a paced queue
// with low concurrency on top of auto-retry, a bounded flood wait, and every failure classified.
import { GrammyError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { Pacer, type SendPace } from './pacer.ts';

export interface Outbound {
  chatId: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export type DeliveryOutcome =
  | { kind: 'sent' }
  | { kind: 'gone'; reason: 'blocked' | 'kicked' | 'deactivated' | 'chat-not-found'; description: string }
  | { kind: 'migrated'; toChatId: number }
  | { kind: 'postponed'; retryAfterS: number }
  /** Telegram refused this message (400): sending it again cannot succeed. */
  | { kind: 'rejected'; description: string }
  /** Might succeed later (network, 5xx): tried again on the next run. */
  | { kind: 'failed'; description: string };

export interface SendMessage {
  (chatId: number, text: string, options: { parse_mode: 'HTML'; reply_markup?: InlineKeyboardMarkup; link_preview_options: { is_disabled: true } }): Promise<unknown>;
}

export interface SenderOptions {
  /** Messages per second overall: just under Telegram's ~30 for bulk sends. */
  ratePerSecond: number;
  /** Sends in flight: enough to hide network latency, few enough to stay polite. */
  concurrency: number;
  /** The rate to take turns from; absent: a pacer of this run's own at `ratePerSecond`. */
  pace?: SendPace;
  /**
   * Seconds: a 429 asking to wait this long or less holds the pace (every sender sharing it
   * waits) and the message is sent again; a longer one postpones the chat. Absent: every 429
   * that reaches here postpones (the bot's auto-retry has already waited out the short ones).
   */
  floodWaitS?: number;
}

/** Sends of one message after 429s before its chat is postponed instead. */
export const MAX_FLOOD_RETRIES = 5;

/** Telegram allows about 30 messages a second to different chats; stay a little under. */
export const DEFAULT_SENDER: SenderOptions = { ratePerSecond: 28, concurrency: 4 };

/** What a failed send means for the chat. */
export function classify(error: unknown): DeliveryOutcome {
  if (!(error instanceof GrammyError)) return { kind: 'failed', description: (error as Error)?.message ?? String(error) };
  const description = error.description;
  const migrateTo = error.parameters?.migrate_to_chat_id;
  if (migrateTo !== undefined) return { kind: 'migrated', toChatId: migrateTo };
  if (error.error_code === 429) return { kind: 'postponed', retryAfterS: error.parameters?.retry_after ?? 60 };
  if (error.error_code === 403) {
    const reason = /blocked/i.test(description) ? 'blocked' : /deactivated/i.test(description) ? 'deactivated' : 'kicked';
    return { kind: 'gone', reason, description };
  }
  if (error.error_code === 400 && /chat not found/i.test(description)) return { kind: 'gone', reason: 'chat-not-found', description };
  // "message is too long", "can't parse entities", a bad button: the same request fails again.
  if (error.error_code === 400) return { kind: 'rejected', description };
  return { kind: 'failed', description };
}

/**
 * Sends every message, calling `onResult` after each one (awaited, so a marker is on disk before
 * the next send begins on that worker). Stops taking new work when `signal` aborts.
 */
export async function deliverAll(
  messages: Outbound[],
  send: SendMessage,
  onResult: (message: Outbound, outcome: DeliveryOutcome) => Promise<void>,
  options: SenderOptions = DEFAULT_SENDER,
  signal?: AbortSignal,
): Promise<void> {
  const pace = options.pace ?? new Pacer(options.ratePerSecond);
  const queue = [...messages];
  const sendOnce = async (next: Outbound): Promise<DeliveryOutcome> => {
    try {
      await send(next.chatId, next.text, { parse_mode: 'HTML', ...(next.reply_markup ? { reply_markup: next.reply_markup } : {}), link_preview_options: { is_disabled: true } });
      return { kind: 'sent' };
    } catch (error) {
      return classify(error);
    }
  };
  // The first worker to fail stops the others, and the call settles only once every send under way
  // has been recorded: the caller's chat locks must outlive every send and marker of this batch.
  const failing = new AbortController();
  const stop = signal ? AbortSignal.any([signal, failing.signal]) : failing.signal;
  const worker = async () => {
    for (let next = queue.shift(); next && !stop.aborted; next = queue.shift()) {
      let outcome: DeliveryOutcome | undefined;
      for (let attempt = 0; attempt <= MAX_FLOOD_RETRIES && !stop.aborted; attempt++) {
        await pace.take(stop);
        if (stop.aborted) return;
        outcome = await sendOnce(next);
        const waitS = outcome.kind === 'postponed' ? outcome.retryAfterS : undefined;
        if (waitS === undefined || options.floodWaitS === undefined || waitS > options.floodWaitS || attempt === MAX_FLOOD_RETRIES) break;
        await pace.holdFor(waitS);
      }
      if (outcome) await onResult(next, outcome);
    }
  };
  const workers = Array.from({ length: Math.max(1, options.concurrency) }, () =>
    worker().catch((error: unknown) => {
      failing.abort();
      throw error;
    }),
  );
  const failure = (await Promise.allSettled(workers)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
