// The ArticleStore contract on both backends: lowdb always, PostgreSQL when a server is there.
import { after } from 'node:test';
import type pg from 'pg';
import { createLogger } from '../../../src/logger.ts';
import { ArticleRepository } from '../../../src/store/article-repository.ts';
import { PgArticleRepository } from '../../../src/store/pg/article-repository.ts';
import { freshDatabase, pgSkip } from '../../helpers/pg.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { articleStoreContract } from './articles.contract.ts';

const logger = createLogger({ level: 'silent', token: 'x' });

articleStoreContract('lowdb', async () => {
  const dir = await tempDir();
  return { open: () => ArticleRepository.open(dir), reopen: () => ArticleRepository.open(dir) };
});

const opened: PgArticleRepository[] = [];
after(() => Promise.all(opened.map((r) => r.close())));

articleStoreContract(
  'PostgreSQL',
  async () => {
    const { pool } = await freshDatabase();
    const open = async (p: pg.Pool) => {
      const repo = await PgArticleRepository.open(p, { logger, follow: false });
      opened.push(repo);
      return repo;
    };
    return { open: () => open(pool), reopen: () => open(pool) };
  },
  pgSkip,
);
