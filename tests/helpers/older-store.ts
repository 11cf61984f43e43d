// A data folder as a release before summary stamps left it: the full articles' summaries replaced
// by what an older summariser stored, and no stamp.
import type { Article } from '../../src/domain.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';

/** Rewrites every full article's summaries (nothing else); returns the articles as they were before, newest first. */
export async function withOlderSummaries(dataDir: string, older: { summary: string; digestLine: string }): Promise<Article[]> {
  const repo = await ArticleRepository.open(dataDir);
  const before = (await Promise.all(repo.latest(repo.articleCount).map((m) => repo.get(m.id)))).filter((a): a is Article => a !== undefined);
  const rewritten = before.map(({ summaryStamp: _stamp, openingTerms: _terms, ...a }) => ({ ...a, ...older }));
  await repo.upsertMany(rewritten, (_, article) => ({ article, change: 'updated' }));
  await repo.flush();
  return before;
}
