// One run of the digest schedule: find due chats, build each digest, deliver, record.
import type { Article, ChatRecord } from '../domain.ts';
import { digestKeyboard } from '../bot/keyboards/list.ts';
import { renderDigest } from '../bot/render/digest.ts';
import type { Logger } from '../logger.ts';
import type { ArticleRepository } from '../store/article-repository.ts';
import type { ChatRepository } from '../store/chat-repository.ts';
import { pickDigestItems, sortCandidates } from './build.ts';
import { deliverAll, type DeliveryOutcome, type Outbound, type SendMessage, type SenderOptions } from './deliver.ts';
import { dueDigests } from './schedule.ts';

export interface DigestDeps {
  chats: ChatRepository;
  articles: ArticleRepository;
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
  failed: number;
}

/** Articles that arrived after `since`, with summaries, newest first: loaded once per run and shared by chats. */
export async function candidatesSince(articles: ArticleRepository, since: string | undefined): Promise<Article[]> {
  const metas = [...articles.all()].filter((m) => m.kind === 'article' && (since === undefined || m.ingestedAt > since));
  const loaded = await Promise.all(metas.map((m) => articles.get(m.id)));
  return sortCandidates(loaded.filter((a): a is Article => a !== undefined));
}

/** A digest message for one chat, or null when nothing new matches its topics. */
export function composeDigest(chat: ChatRecord, candidates: Article[], localDate: string, since = chat.lastDigestAt): Outbound | null {
  const sub = chat.subscription;
  if (!sub) return null;
  const items = pickDigestItems(candidates, { since, topics: sub.topics, size: sub.size });
  if (items.length === 0) return null;
  return { chatId: chat.chatId, text: renderDigest(items, localDate), reply_markup: digestKeyboard(items) };
}

export async function runDueDigests(now: Date, deps: DigestDeps, signal?: AbortSignal): Promise<RunReport> {
  const report: RunReport = { sent: 0, empty: 0, skipped: 0, gone: 0, migrated: 0, postponed: 0, failed: 0 };
  const due = dueDigests(now, deps.chats.all(), deps.graceHours);
  if (due.length === 0) return report;
  const stamp = now.toISOString();
  const localDateOf = new Map<number, string>();
  // Every record joins the chats file's group writes; the run ends only when all are on disk.
  // Markers join the next write the moment a send succeeds and the worker goes on meanwhile: a
  // crash can repeat only the digests whose marker was in that one write, never lose one.
  const writes: Promise<unknown>[] = [];
  for (const d of due) {
    if (d.action === 'skip') {
      writes.push(deps.chats.update(d.chatId, (r) => Object.assign(r, { lastDigestDate: d.localDate, lastDigestOutcome: 'skipped' })));
      deps.logger.info({ chatId: d.chatId, localDate: d.localDate, scheduledAt: d.scheduledAt }, 'digest skipped: later than the grace period');
      report.skipped++;
    } else {
      localDateOf.set(d.chatId, d.localDate);
    }
  }
  const dueChats = [...localDateOf.keys()].flatMap((id) => deps.chats.get(id) ?? []);
  // The earliest "since" among the due chats; a chat that never had a digest needs everything.
  const since = dueChats.map((c) => c.lastDigestAt);
  const oldest = since.includes(undefined) ? undefined : (since as string[]).sort()[0];
  const candidates = await candidatesSince(deps.articles, oldest);

  const outbound: Outbound[] = [];
  for (const chat of dueChats) {
    const localDate = localDateOf.get(chat.chatId) as string;
    const message = composeDigest(chat, candidates, localDate);
    if (message) {
      outbound.push(message);
    } else {
      writes.push(deps.chats.update(chat.chatId, (r) => Object.assign(r, { lastDigestDate: localDate, lastDigestOutcome: 'empty' })));
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
      case 'failed':
        deps.logger.error({ chatId: message.chatId, error: outcome.description }, 'digest not delivered; retried on the next run');
        report.failed++;
    }
  };
  await deliverAll(outbound, deps.send, record, deps.sender, signal);
  await Promise.all(writes);
  return report;
}
