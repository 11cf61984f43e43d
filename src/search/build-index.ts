// The search index for a store: restored from its file and brought up to date incrementally
// (only items changed since it was written are re-indexed), or built once when there is none.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import type { ArticleRepository } from '../store/article-repository.ts';
import { type PersistedIndex, SearchIndex } from './search-index.ts';

export const INDEX_FILE = 'search-index.json';
const INDEX_FILE_VERSION = 1;

interface IndexFile {
  version: number;
  /** id → updatedAt of every item the index holds: what changed since is re-indexed at start. */
  versions: Record<string, string>;
  index: PersistedIndex;
}

export interface IndexSync {
  index: SearchIndex;
  /** Items (re-)indexed at start: all of them on a first build, few after a clean restart. */
  reindexed: number;
  removed: number;
  rebuilt: boolean;
}

async function readIndexFile(path: string, logger: Logger): Promise<{ index: SearchIndex; versions: Record<string, string> } | null> {
  let file: IndexFile;
  try {
    file = JSON.parse(await readFile(path, 'utf8')) as IndexFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err: error, path }, 'search index unreadable; rebuilding it');
    return null;
  }
  const index = file.version === INDEX_FILE_VERSION && file.versions ? await SearchIndex.fromJSON(file.index) : null;
  if (!index) logger.info({ path }, 'search index written by another version; rebuilding it');
  return index ? { index, versions: file.versions } : null;
}

/** The index, synchronised with the store. The index file is only a cache: it can always be rebuilt. */
export async function loadOrBuildIndex(repo: ArticleRepository, dataDir: string, logger: Logger): Promise<IndexSync> {
  const restored = await readIndexFile(join(dataDir, INDEX_FILE), logger);
  const index = restored?.index ?? SearchIndex.empty();
  const versions = restored?.versions ?? {};
  let reindexed = 0;
  if (!restored) {
    for await (const article of repo.articlesWithBodies()) index.upsert(article);
    reindexed = repo.size;
  } else {
    for (const meta of repo.all()) {
      if (versions[meta.id] === meta.updatedAt) continue;
      const article = await repo.get(meta.id);
      if (article) index.upsert(article);
      reindexed++;
    }
  }
  let removed = 0;
  for (const id of Object.keys(versions)) {
    if (!repo.byId(id)) {
      index.remove(id);
      removed++;
    }
  }
  return { index, reindexed, removed, rebuilt: !restored };
}

/** Writes the index beside the store: a temporary file, then a rename, so it is never half-written. */
export async function persistIndex(index: SearchIndex, repo: ArticleRepository, dataDir: string): Promise<void> {
  const path = join(dataDir, INDEX_FILE);
  await mkdir(dataDir, { recursive: true });
  const versions: Record<string, string> = {};
  for (const meta of repo.all()) if (index.has(meta.id)) versions[meta.id] = meta.updatedAt;
  const file: IndexFile = { version: INDEX_FILE_VERSION, versions, index: index.toJSON() };
  await writeFile(`${path}.tmp`, JSON.stringify(file));
  await rename(`${path}.tmp`, path);
}
