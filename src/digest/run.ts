// One run of the digest schedule: find due chats, build each digest, deliver, record. The part
// after "which chats are due" is shared with the job queue (queue.ts), whose workers get their
// due chats from jobs instead of from the whole chat list.
import type { ChatRecord } from '../domain.ts';
import type { Logger } from '../logger.ts';
import { candidatesSince, composeDigest, loaderFor, windowStart } from './compose.ts';
import { deliverAll, type DeliveryOutcome, type Outbound, type SendMessage, type SenderOptions } from './deliver.ts';
import { type DueDigest, dueDigests } from './schedule.ts';
import type { ArticleStore, ChatStore } from '../store/stores.ts';

export interface DigestDeps {
  chats: ChatStore;
  articles: ArticleStore;
  send: SendMessage;
  logger: Logger;
  graceHours: number;
  sender?: SenderOptions;
}

export interface RunReport {
  sent: number;
  empty: number;
  skipped: number;
  gone: number;
  migrated: number;
  postponed: number;
  /** Refused by Telegram (400): recorded for the day, not retried. */
  rejected: number;
  failed: number;
}

export const emptyReport = (): RunReport => ({ sent: 0, empty: 0, skipped: 0, gone: 0, migrated: 0, postponed: 0, rejected: 0, failed: 0 });

export async function runDueDigests(now: Date, deps: DigestDeps, signal?: AbortSignal): Promise<RunReport> {
  const chats = deps.chats.all();
  return deliverDigests(now, dueDigestsLogged(now, chats, deps), chats, deps, signal);
}

/** The digests due at `now`; a chat whose subscription cannot be scheduled is logged and left out. */
export function dueDigestsLogged(now: Date, chats: ChatRecord[], deps: Pick<DigestDeps, 'graceHours' | 'logger'>): DueDigest[] {
  return dueDigests(now, chats, deps.graceHours, (chat, error) =>
    deps.logger.warn({ chatId: chat.chatId, err: error }, 'digest not scheduled: this chat\'s subscription cannot be read (its time or time zone)'),
  );
}

/**
 * Skips, composes, sends and records the given due digests; `records` holds (at least) their
 * chats as the caller read them. Resolves once every record is durable.
 */
export async function deliverDigests(now: Date, due: DueDigest[], records: ChatRecord[], deps: DigestDeps, signal?: AbortSignal): Promise<RunReport> {
  const report = emptyReport();
  if (due.length === 0) return report;
  const byId = new Map(records.map((c) => [c.chatId, c]));
  const stamp = now.toISOString();
  const localDateOf = new Map<number, string>();
  // Every record joins the chats file's group writes; the run ends only when all are on disk.
  // Markers join the next write the moment a send succeeds and the worker goes on meanwhile: a
  // crash can repeat only the digests whose marker was in that one write, never lose one.
  const writes: Promise<unknown>[] = [];
  for (const d of due) {
    if (d.action === 'skip') {
      // The window moves on as after a sent digest: the next one covers only what is new since.
      writes.push(deps.chats.update(d.chatId, (r) => Object.assign(r, { lastDigestDate: d.localDate, lastDigestOutcome: 'skipped', lastDigestAt: stamp })));
      deps.logger.info({ chatId: d.chatId, localDate: d.localDate, scheduledAt: d.scheduledAt }, 'digest skipped: later than the grace period');
      report.skipped++;
    } else {
      localDateOf.set(d.chatId, d.localDate);
    }
  }
  const dueChats = [...localDateOf.keys()].flatMap((id) => byId.get(id) ?? []);
  const sinceOf = new Map(dueChats.map((c) => [c.chatId, windowStart(c.lastDigestAt, now)]));
  // Candidates from the earliest window among the due chats, analysed once for all of them.
  const oldest = [...sinceOf.values()].sort()[0];
  const candidates = oldest === undefined ? [] : candidatesSince(deps.articles, oldest);
  const load = loaderFor(deps.articles, deps.logger);

  const outbound: Outbound[] = [];
  for (const chat of dueChats) {
    const localDate = localDateOf.get(chat.chatId) as string;
    const message = await composeDigest(chat, candidates, localDate, sinceOf.get(chat.chatId) as string, load);
    if (message) {
      outbound.push(message);
    } else {
      writes.push(deps.chats.update(chat.chatId, (r) => Object.assign(r, { lastDigestDate: localDate, lastDigestOutcome: 'empty', lastDigestAt: stamp })));
      report.empty++;
    }
  }

  const record = async (message: Outbound, outcome: DeliveryOutcome): Promise<void> => {
    const localDate = localDateOf.get(message.chatId) as string;
    switch (outcome.kind) {
      case 'sent':
        writes.push(
          deps.chats.update(message.chatId, (r) => {
            Object.assign(r, { lastDigestDate: localDate, lastDigestOutcome: 'sent', lastDigestAt: stamp });
            delete r.retryAfter;
            delete r.lastDigestError;
          }),
        );
        report.sent++;
        return;
      case 'gone':
        await deps.chats.deactivate(message.chatId, outcome.reason, stamp);
        deps.logger.info({ chatId: message.chatId, reason: outcome.reason }, 'subscription deactivated');
        report.gone++;
        return;
      case 'migrated': {
        await deps.chats.migrate(message.chatId, outcome.toChatId);
        localDateOf.set(outcome.toChatId, localDate);
        deps.logger.info({ from: message.chatId, to: outcome.toChatId }, 'group upgraded: subscription moved');
        report.migrated++;
        await deliverAll([{ ...message, chatId: outcome.toChatId }], deps.send, record, deps.sender, signal);
        return;
      }
      case 'postponed':
        await deps.chats.update(message.chatId, (r) => {
          r.retryAfter = new Date(now.getTime() + outcome.retryAfterS * 1000).toISOString();
        });
        deps.logger.warn({ chatId: message.chatId, retryAfterS: outcome.retryAfterS }, 'digest postponed by a long flood wait');
        report.postponed++;
        return;
      case 'rejected':
        // Sending the same message again cannot succeed: record the day, log it once.
        writes.push(deps.chats.update(message.chatId, (r) => Object.assign(r, { lastDigestDate: localDate, lastDigestOutcome: 'rejected', lastDigestError: outcome.description })));
        deps.logger.error({ chatId: message.chatId, localDate, error: outcome.description }, 'digest refused by Telegram; not retried today');
        report.rejected++;
        return;
      case 'failed':
        deps.logger.error({ chatId: message.chatId, error: outcome.description }, 'digest not delivered; retried on the next run');
        report.failed++;
    }
  };
  // Even when delivery fails, every marker already under way is waited for before the error goes
  // up: the caller releases the chats' locks then, and another worker must find those markers.
  const delivery = await deliverAll(outbound, deps.send, record, deps.sender, signal).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  const written = await Promise.allSettled(writes);
  if (delivery) throw delivery.error;
  const failure = written.find((w) => w.status === 'rejected');
  if (failure) throw failure.reason;
  return report;
}
