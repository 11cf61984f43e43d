// Articles read to fill a list (search snippets, inline answers, digests). Pure but for the log line.
import type { Article } from '../domain.ts';
import type { Logger } from '../logger.ts';

/**
 * The article, or undefined when it cannot be read (a body file damaged inside): the damage is
 * logged with what the list does without it, and one unreadable article never fails the whole list.
 */
export function readOrSkip(read: Promise<Article | undefined>, articleId: string, logger: Logger, without: string): Promise<Article | undefined> {
  return read.catch((error: unknown) => {
    logger.error({ err: error, articleId }, `article unreadable: ${without}`);
    return undefined;
  });
}
