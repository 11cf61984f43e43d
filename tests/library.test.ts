import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Article } from '../src/domain.ts';
import { Library } from '../src/library.ts';
import { createLogger } from '../src/logger.ts';
import { ArticleRepository } from '../src/store/article-repository.ts';
import { tempDir } from './helpers/tmp.ts';

const logger = createLogger({ level: 'silent', token: 'x' });

function article(id: string, title: string, day: string): Article {
  const at = `${day}T10:00:00.000Z`;
  return {
    id, kind: 'article', title, keywords: [], related: [], publishedAt: at, ingestedAt: at, updatedAt: at, origin: 'https://feed.example/rss',
    pageOrder: 0, summary: title, digestLine: title, paragraphs: [`${title} في خبر اليوم.`], contentHash: id,
  };
}

describe('Library', () => {
  it('stores and indexes articles built elsewhere, and retention removes them from both', async () => {
    const dataDir = join(await tempDir(), 'data');
    const library = Library.open(await ArticleRepository.open(dataDir), dataDir, logger);
    const report = await library.ingestArticles([article('old1', 'انخفاض درجات الحرارة', '2026-01-01'), article('new1', 'ارتفاع درجات الحرارة', '2026-03-01')]);
    assert.deepEqual(report.created.sort(), ['new1', 'old1']);
    assert.equal((await library.search('درجات الحرارة', 5)).length, 2);
    assert.equal(await library.removePublishedBefore('2026-02-01'), 1);
    assert.deepEqual((await library.search('درجات الحرارة', 5)).map((r) => r.article.id), ['new1']);
    assert.equal(await library.removePublishedBefore('2026-02-01'), 0);
  });
});
