// The feeds an operator manages: those named in FEEDS (fixed) and those in feeds.json (added and
// removed from the bot), with what the poller knows of each.
import type { FeedSource } from '../../store/feed-list.ts';
import type { FeedState } from '../../store/feed-state.ts';
import { FetchError, parseHttpUrl } from './fetch.ts';
import type { FeedReport } from './ingest-feed.ts';
import type { FeedListStore, FeedStateStore } from '../../store/stores.ts';

export interface FeedStatus {
  /** 1-based, as /feeds lists it and /feeds remove N takes it. */
  n: number;
  source: FeedSource;
  /** FEEDS (the environment) or feeds.json (the bot's list). */
  from: 'env' | 'file';
  state: FeedState;
  /** When it will next be fetched: its backoff, else the next poll. */
  nextFetchAt?: string;
}

export type AddResult = { ok: true; report: FeedReport } | { ok: false; reason: 'invalid' | 'exists' | 'unreadable'; detail: string };
export type RemoveResult = { ok: true; source: FeedSource } | { ok: false; reason: 'no-such' | 'from-env' };

export interface FeedManagerDeps {
  envFeeds: readonly string[];
  list: FeedListStore;
  state: FeedStateStore;
  /** Fetches and stores one feed once (the same path as a poll). */
  ingestOne: (source: FeedSource) => Promise<FeedReport>;
  nextPoll: () => Date | undefined;
}

export class FeedManager {
  readonly #deps: FeedManagerDeps;

  constructor(deps: FeedManagerDeps) {
    this.#deps = deps;
  }

  /** Every feed, FEEDS first; an address in both counts once (as FEEDS). */
  sources(): FeedSource[] {
    return this.#entries().map((e) => e.source);
  }

  #entries(): { source: FeedSource; from: 'env' | 'file' }[] {
    const env = [...new Set(this.#deps.envFeeds)].map((url) => ({ source: { url }, from: 'env' as const }));
    const urls = new Set(this.#deps.envFeeds);
    const file = this.#deps.list.all().filter((f) => !urls.has(f.url)).map((source) => ({ source, from: 'file' as const }));
    return [...env, ...file];
  }

  list(): FeedStatus[] {
    const nextPoll = this.#deps.nextPoll()?.toISOString();
    return this.#entries().map(({ source, from }, i) => {
      const state = this.#deps.state.get(source.url);
      const next = state.nextFetchAt ?? nextPoll;
      return { n: i + 1, source, from, state, ...(next ? { nextFetchAt: next } : {}) };
    });
  }

  /**
   * Fetches the feed once; only a feed that was reached and read is added to feeds.json.
   * `beforeFetch` runs once the address is known to be new and valid (to say "checking…").
   */
  async add(rawUrl: string, beforeFetch?: () => Promise<unknown>): Promise<AddResult> {
    let url: string;
    try {
      url = parseHttpUrl(rawUrl.trim()).href;
    } catch (error) {
      return { ok: false, reason: 'invalid', detail: error instanceof FetchError ? error.reason : String(error) };
    }
    if (this.sources().some((s) => s.url === url)) return { ok: false, reason: 'exists', detail: url };
    await beforeFetch?.();
    const report = await this.#deps.ingestOne({ url });
    if (report.status === 'failed' || report.status === 'malformed') {
      await this.#deps.state.delete(url);
      return { ok: false, reason: 'unreadable', detail: report.error ?? report.status };
    }
    await this.#deps.list.add({ url });
    return { ok: true, report };
  }

  async remove(n: number): Promise<RemoveResult> {
    const entry = this.#entries()[n - 1];
    if (!entry || !Number.isInteger(n)) return { ok: false, reason: 'no-such' };
    if (entry.from === 'env') return { ok: false, reason: 'from-env' };
    await this.#deps.list.remove(entry.source.url);
    await this.#deps.state.delete(entry.source.url);
    return { ok: true, source: entry.source };
  }
}
