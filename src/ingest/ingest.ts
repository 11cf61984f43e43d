// Files and folders → stored articles, with a report of what happened to each page.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type { Article } from '../domain.ts';
import { idForTitleKey, titleKey } from './ids.ts';
import { mergeArticle } from './merge.ts';
import { pageArticles } from './page-articles.ts';
import { MAX_PAGE_BYTES, tooLarge } from './validate-page.ts';
import type { ArticleStore } from '../store/stores.ts';

/** Page files are plain text. Other files in a seeds folder (README, .DS_Store) are not pages. */
const PAGE_FILE = /\.txt$/i;

export interface Rejection {
  file: string;
  reason: string;
}

export interface IngestReport {
  pages: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Ids of articles created or updated, for the search index and digests. */
  changedIds: string[];
}

export class MissingPathError extends Error {}

export interface PageOptions {
  /** The seeds folder: a page's origin (and its lead article's id) is its path relative to it. */
  seedsDir?: string;
  /** IANA zone a header date without an offset is read in (DEFAULT_TIMEZONE). */
  timeZone?: string;
}

/** Header dates without an offset, when no zone is given (tests, tools): UTC, never the server's. */
const PAGE_TIME_ZONE = 'UTC';

/**
 * A page's origin: its path under the seeds folder with "/" separators, so that two "page.txt"
 * in different folders are two pages; a top-level page keeps its base name (and so its ids).
 */
export function pageOrigin(file: string, seedsDir: string | undefined): string {
  const inside = seedsDir === undefined ? '' : relative(seedsDir, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return basename(file);
  return inside.split(sep).join('/');
}

/** Every page file under the given files and folders, sorted for a stable order. */
export async function listPageFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new MissingPathError(`${path}: no such file or folder`);
    if (info.isFile()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (entry.isFile() && PAGE_FILE.test(entry.name)) files.push(join(entry.parentPath ?? path, entry.name));
    }
  }
  return [...new Set(files)].sort();
}

/**
 * Reads, parses and stores the pages as one batch (one write per touched shard). Once `signal`
 * aborts, no further page is read: what was read is stored, and `pages` counts only those.
 */
export async function ingestFiles(
  files: string[],
  repo: ArticleStore,
  now = new Date(),
  options: PageOptions = {},
  signal?: AbortSignal,
): Promise<IngestReport> {
  const rejected: Rejection[] = [];
  const batch = new Map<string, Article>();
  const batchTitles = new Map<string, string>();
  let pages = 0;
  for (const file of files) {
    if (signal?.aborted) break;
    pages++;
    try {
      // The size first: a huge file is refused without being read into memory.
      const { size } = await stat(file);
      if (size > MAX_PAGE_BYTES) {
        rejected.push({ file, reason: tooLarge(size) });
        continue;
      }
      const page = pageArticles(await readFile(file), {
        origin: pageOrigin(file, options.seedsDir),
        now: now.toISOString(),
        timeZone: options.timeZone ?? PAGE_TIME_ZONE,
        // Titled items are stored under the hash of their normalised title: a lookup needs no index.
        findIdByTitleKey: (key) => batchTitles.get(key) ?? (repo.byId(idForTitleKey(key)) ? idForTitleKey(key) : undefined),
      });
      if (!page.ok) {
        rejected.push({ file, reason: page.reason });
        continue;
      }
      for (const a of page.articles) {
        // Within one batch the first page to carry an article wins, as it would across batches.
        batch.set(a.id, mergeArticle(batch.get(a.id), a).article);
        batchTitles.set(titleKey(a.title), a.id);
      }
    } catch (error) {
      rejected.push({ file, reason: `unreadable: ${(error as Error).message}` });
    }
  }
  const report = await repo.upsertMany([...batch.values()], mergeArticle);
  return {
    pages,
    new: report.created.length,
    updated: report.updated.length,
    unchanged: report.unchanged.length,
    rejected,
    changedIds: [...report.created, ...report.updated],
  };
}
