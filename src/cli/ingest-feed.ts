// npm run ingest -- --feed URL [--json]: one feed, fetched once (unconditionally), stored, reported.
import type { Config } from '../config.ts';
import { DuplicateFinder } from '../ingest/feeds/dedupe.ts';
import { fullTextFetcher } from '../ingest/feeds/full-text.ts';
import { ingestFeed } from '../ingest/feeds/ingest-feed.ts';
import { mergeArticle } from '../ingest/merge.ts';
import { ArticleRepository } from '../store/article-repository.ts';
import { bodyFilesFor } from '../store/file-io.ts';
import { FeedListRepository } from '../store/feed-list.ts';
import { FeedStateRepository } from '../store/feed-state.ts';

/** Exit code 0 when the feed was reached (even if malformed, which is reported), else 1. */
export async function ingestOneFeed(url: string, json: boolean, config: Config): Promise<number> {
  const [repo, state, list] = await Promise.all([
    ArticleRepository.open(config.DATA_DIR, { bodyFiles: bodyFilesFor(config.BODY_READS) }),
    FeedStateRepository.open(config.DATA_DIR),
    FeedListRepository.open(config.DATA_DIR),
  ]);
  // Asked for explicitly, so fetched in full: a 304 would report nothing.
  const { etag: _etag, lastModified: _modified, ...rest } = state.get(url);
  await state.set(url, rest);
  const limits = { timeoutMs: config.FEED_TIMEOUT_MS };
  const source = list.all().find((f) => f.url === url) ?? { url };
  const { changedIds: _ids, ...report } = await ingestFeed(source, {
    state,
    articles: repo,
    finder: new DuplicateFinder(repo, () => state.links()),
    store: (articles) => repo.upsertMany(articles, mergeArticle),
    limits,
    now: () => new Date(),
    ...(config.FEED_FULL_TEXT ? { fullText: fullTextFetcher(limits, (page, reason) => console.error(`full text unavailable for ${page}: ${reason}`)) } : {}),
  });
  await state.flush();
  if (json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`feed: ${url}${report.title ? `  (${report.title})` : ''}  status: ${report.status}`);
    if (report.error) console.log(`error: ${report.error}`);
    console.log(`items: ${report.items}  new: ${report.new}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.rejected.length}`);
    for (const r of report.rejected) console.log(`rejected ${r.item}: ${r.reason}`);
  }
  return report.status === 'failed' ? 1 : 0;
}
