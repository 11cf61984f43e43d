// The figures /stats shows an operator, gathered from the parts that know them. `summarise` is
// pure; `gatherStats` only reads the process and the index file's size around it.
import { stat } from 'node:fs/promises';
import type { ChatRecord, InactiveReason } from '../domain.ts';
import type { DigestRunRecord, IngestCounts, Telemetry } from './telemetry.ts';

/** What a feed source reports about itself, when feeds are configured. */
export interface FeedFigures {
  total: number;
  /** Feeds whose last fetch failed. */
  failing?: number;
}

/** What the operator commands need beyond the bot's ordinary dependencies; every part optional. */
export interface OpsDeps {
  telemetry?: Telemetry;
  /** Rescans the seeds folder now and ingests what changed (/reload). */
  reloadSeeds?: () => Promise<IngestCounts>;
  feeds?: () => FeedFigures | Promise<FeedFigures>;
  /** Path of the search index file, for its size on disk. */
  indexFile?: string;
}

export interface OperatorStats {
  articles: number;
  headlines: number;
  feeds?: FeedFigures;
  subscribers: {
    active: number;
    inactive: number;
    byReason: Partial<Record<InactiveReason, number>>;
    /** What the last digest of each delivering chat was, from its marker: known across restarts. */
    lastOutcomes: Partial<Record<NonNullable<ChatRecord['lastDigestOutcome']>, number>>;
    /** Telegram's reasons for digests it refused for good (not retried that day), most chats first. */
    rejections: { reason: string; chats: number }[];
  };
  /** The last digest run that found chats due, since this process started. */
  lastDigest?: DigestRunRecord;
  digestRuns?: number;
  errors24h?: number;
  uptimeS: number;
  memory: { rssBytes: number; heapUsedBytes: number };
  index: { documents?: number; bytes?: number };
}

export interface StatsInputs {
  store: { items: number; articles: number };
  chats: readonly ChatRecord[];
  telemetry?: Pick<Telemetry, 'errorsInWindow' | 'lastDigestRun' | 'digestRunCount' | 'startedAt'>;
  feeds?: FeedFigures;
  index: { documents?: number; bytes?: number };
  memory: { rss: number; heapUsed: number };
  /** Process uptime in seconds, used when there is no telemetry to say when it started. */
  uptimeS: number;
  now: number;
}

/** Chats with a subscription: delivering, or stopped (and why). */
export function summariseSubscribers(chats: readonly ChatRecord[]): OperatorStats['subscribers'] {
  const byReason: Partial<Record<InactiveReason, number>> = {};
  const lastOutcomes: OperatorStats['subscribers']['lastOutcomes'] = {};
  const rejections = new Map<string, number>();
  let active = 0;
  let inactive = 0;
  for (const chat of chats) {
    if (!chat.subscription) continue;
    if (!chat.inactive) {
      active++;
      if (chat.lastDigestOutcome) lastOutcomes[chat.lastDigestOutcome] = (lastOutcomes[chat.lastDigestOutcome] ?? 0) + 1;
      if (chat.lastDigestOutcome === 'rejected') {
        const reason = chat.lastDigestError ?? '';
        rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
      }
      continue;
    }
    inactive++;
    byReason[chat.inactive.reason] = (byReason[chat.inactive.reason] ?? 0) + 1;
  }
  const byCount = [...rejections].map(([reason, count]) => ({ reason, chats: count })).sort((a, b) => b.chats - a.chats);
  return { active, inactive, byReason, lastOutcomes, rejections: byCount };
}

export function summarise(inputs: StatsInputs): OperatorStats {
  const { telemetry } = inputs;
  return {
    articles: inputs.store.articles,
    headlines: inputs.store.items - inputs.store.articles,
    ...(inputs.feeds ? { feeds: inputs.feeds } : {}),
    subscribers: summariseSubscribers(inputs.chats),
    ...(telemetry?.lastDigestRun ? { lastDigest: telemetry.lastDigestRun } : {}),
    ...(telemetry ? { digestRuns: telemetry.digestRunCount, errors24h: telemetry.errorsInWindow(inputs.now) } : {}),
    uptimeS: telemetry ? Math.max(0, Math.round((inputs.now - telemetry.startedAt) / 1000)) : Math.round(inputs.uptimeS),
    memory: { rssBytes: inputs.memory.rss, heapUsedBytes: inputs.memory.heapUsed },
    index: inputs.index,
  };
}

/** Size of a file in bytes, or undefined when it does not exist (yet). */
async function fileBytes(path: string | undefined): Promise<number | undefined> {
  if (!path) return undefined;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info.size : undefined;
}

export async function gatherStats(
  parts: { store: StatsInputs['store']; chats: readonly ChatRecord[]; indexedDocuments?: number },
  ops: OpsDeps = {},
  now: number = Date.now(),
): Promise<OperatorStats> {
  const [feeds, bytes] = await Promise.all([ops.feeds?.(), fileBytes(ops.indexFile)]);
  const memory = process.memoryUsage();
  return summarise({
    store: parts.store,
    chats: parts.chats,
    ...(ops.telemetry ? { telemetry: ops.telemetry } : {}),
    ...(feeds ? { feeds } : {}),
    index: { ...(parts.indexedDocuments !== undefined ? { documents: parts.indexedDocuments } : {}), ...(bytes !== undefined ? { bytes } : {}) },
    memory: { rss: memory.rss, heapUsed: memory.heapUsed },
    uptimeS: process.uptime(),
    now,
  });
}
