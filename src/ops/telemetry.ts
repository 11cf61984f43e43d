// What the running bot has done, recorded by the parts that do it: Prometheus metrics for
// /metrics, and the few figures /stats and /healthz read back. One instance per process.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { RecentCounter } from './recent-counter.ts';

/** Milliseconds: /stats reports errors over the last day. */
export const ERROR_WINDOW_MS = 24 * 3_600_000;
/** Seconds: reply latency buckets, from an instant answer to one held up by flood waits. */
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How a Bot API call ended, as a metric label: few values, so the series stay few. */
export type CallOutcome = 'ok' | 'bad_request' | 'forbidden' | 'flood' | 'api_error' | 'network' | 'aborted';

export interface DigestRunRecord {
  at: string;
  /** Chats per outcome (sent, empty, skipped, gone, …) as the digest run reported them. */
  counts: Record<string, number>;
}

export interface IngestCounts {
  pages: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export class Telemetry {
  readonly registry = new Registry();
  readonly startedAt: number;
  readonly #updates: Counter<'type'>;
  readonly #latency: Histogram<'type'>;
  readonly #sends: Counter<'method' | 'outcome'>;
  readonly #polls: Counter<'outcome'>;
  readonly #digestRuns: Counter;
  readonly #digestChats: Counter<'outcome'>;
  readonly #ingestPages: Counter<'result'>;
  readonly #ingestArticles: Counter<'change'>;
  readonly #errors: Counter;
  readonly #recentErrors = new RecentCounter(ERROR_WINDOW_MS);
  #lastPollOkAt: number | undefined;
  #pollSince: number | undefined;
  #lastDigestRun: DigestRunRecord | undefined;
  #digestRunCount = 0;

  constructor(now: number = Date.now()) {
    this.startedAt = now;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'khulasa_' });
    this.#updates = new Counter({ name: 'khulasa_updates_handled_total', help: 'Telegram updates handled, by type', labelNames: ['type'], registers });
    this.#latency = new Histogram({
      name: 'khulasa_reply_latency_seconds',
      help: 'Time from an update reaching the bot to the end of its handling (replies included), by type',
      labelNames: ['type'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.#sends = new Counter({ name: 'khulasa_sends_total', help: 'Bot API calls that send or change messages, by method and outcome (after retries)', labelNames: ['method', 'outcome'], registers });
    this.#polls = new Counter({ name: 'khulasa_polls_total', help: 'getUpdates calls, by outcome', labelNames: ['outcome'], registers });
    this.#digestRuns = new Counter({ name: 'khulasa_digest_runs_total', help: 'Digest runs that found chats due', registers });
    this.#digestChats = new Counter({ name: 'khulasa_digest_chats_total', help: 'Chats handled by digest runs, by outcome', labelNames: ['outcome'], registers });
    this.#ingestPages = new Counter({ name: 'khulasa_ingested_pages_total', help: 'Pages read by ingestion, by result', labelNames: ['result'], registers });
    this.#ingestArticles = new Counter({ name: 'khulasa_ingested_articles_total', help: 'Articles and headlines ingested, by change', labelNames: ['change'], registers });
    this.#errors = new Counter({ name: 'khulasa_errors_total', help: 'Errors logged', registers });
  }

  updateHandled(type: string, seconds: number): void {
    this.#updates.inc({ type });
    this.#latency.observe({ type }, seconds);
  }

  /** A call is about to be made: a long poll waiting for updates is a sign of life too. */
  apiCallStarted(method: string, at: number = Date.now()): void {
    if (method === 'getUpdates') this.#pollSince = at;
  }

  apiCall(method: string, outcome: CallOutcome, at: number = Date.now()): void {
    if (method === 'getUpdates') {
      this.#polls.inc({ outcome });
      this.#pollSince = undefined;
      if (outcome === 'ok') this.#lastPollOkAt = at;
    } else if (/^(send|edit|answer|copy|forward)/.test(method)) {
      this.#sends.inc({ method, outcome });
    }
  }

  /** A digest run's report; runs that found nobody due (most minutes) are not recorded. */
  digestRun(counts: Record<string, number>, at: Date = new Date()): void {
    if (!Object.values(counts).some((n) => n > 0)) return;
    this.#digestRuns.inc();
    this.#digestRunCount++;
    for (const [outcome, n] of Object.entries(counts)) if (n > 0) this.#digestChats.inc({ outcome }, n);
    this.#lastDigestRun = { at: at.toISOString(), counts: { ...counts } };
  }

  ingested(counts: IngestCounts): void {
    this.#ingestPages.inc({ result: 'accepted' }, counts.pages - counts.rejected);
    this.#ingestPages.inc({ result: 'rejected' }, counts.rejected);
    this.#ingestArticles.inc({ change: 'new' }, counts.new);
    this.#ingestArticles.inc({ change: 'updated' }, counts.updated);
    this.#ingestArticles.inc({ change: 'unchanged' }, counts.unchanged);
  }

  error(at: number = Date.now()): void {
    this.#errors.inc();
    this.#recentErrors.add(at);
  }

  errorsInWindow(now: number = Date.now()): number {
    return this.#recentErrors.total(now);
  }

  /** When getUpdates last succeeded (ms since epoch), if ever. */
  get lastPollOkAt(): number | undefined {
    return this.#lastPollOkAt;
  }

  /** When the getUpdates call now waiting for updates began, if one is. */
  get pollingSince(): number | undefined {
    return this.#pollSince;
  }

  get lastDigestRun(): DigestRunRecord | undefined {
    return this.#lastDigestRun;
  }

  get digestRunCount(): number {
    return this.#digestRunCount;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
