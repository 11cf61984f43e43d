import { readFileSync } from 'node:fs';
import type { Article } from '../../src/domain.ts';
import { buildArticles } from '../../src/ingest/build-articles.ts';
import { parsePage } from '../../src/ingest/parse-page.ts';
import { SEED_FILE } from './tmp.ts';

/** The seed page as stored articles: [japan, china, ...9 headlines]. */
export function seedArticles(): Article[] {
  return buildArticles(parsePage(readFileSync(SEED_FILE, 'utf8')), {
    origin: 'seed.txt',
    now: '2026-06-07T08:00:00.000Z',
    timeZone: 'UTC',
    findIdByTitleKey: () => undefined,
  });
}
