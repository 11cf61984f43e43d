import type { ArticleDetails, ArticleMeta } from '../domain.ts';
import { serializeBodyShard } from './body-layout.ts';
import { type FileSchema, isRecord } from './versioned-file.ts';

export const ARTICLE_FILES_VERSION = 1;

export interface MetaShard {
  version: number;
  articles: Record<string, ArticleMeta>;
}

export interface BodyShard {
  version: number;
  bodies: Record<string, ArticleDetails>;
}

export const metaShardSchema: FileSchema<MetaShard> = {
  what: 'articles shard',
  version: ARTICLE_FILES_VERSION,
  empty: () => ({ version: ARTICLE_FILES_VERSION, articles: {} }),
  check: (doc) => {
    if (!isRecord(doc.articles)) return '"articles" is not an object';
    for (const [id, a] of Object.entries(doc.articles)) {
      if (!isRecord(a) || a.id !== id || typeof a.title !== 'string' || typeof a.publishedAt !== 'string') {
        return `article "${id}" lacks an id, title or publishedAt`;
      }
    }
    return undefined;
  },
};

export const bodyShardSchema: FileSchema<BodyShard> = {
  what: 'article bodies shard',
  version: ARTICLE_FILES_VERSION,
  empty: () => ({ version: ARTICLE_FILES_VERSION, bodies: {} }),
  check: (doc) => (isRecord(doc.bodies) ? undefined : '"bodies" is not an object'),
  serialize: serializeBodyShard,
};
