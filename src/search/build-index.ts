// The search index for a store: restored from its file and brought up to date incrementally
// (only items changed since it was written are re-indexed), or built once when there is none.
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../domain.ts';
import type { Logger } from '../logger.ts';
import { StoreError } from '../store/errors.ts';
import { checkIndexHeader, decodeIndexFile, encodeIndexFile, MAX_HEADER_BYTES } from './index-file.ts';
import { FIELD_COUNT, toIndexedDoc, WORD_FIELD_COUNT } from './indexed-doc.ts';
import { PostingsBuilder } from './postings-builder.ts';
import { INDEX_FORMAT, SearchIndex } from './search-index.ts';
import type { ArticleStore } from '../store/stores.ts';

export const INDEX_FILE = 'search-index.bin';
/** Written by earlier versions (MiniSearch as JSON): removed once the new file is in place. */
const LEGACY_INDEX_FILE = 'search-index.json';

export interface IndexSync {
  index: SearchIndex;
  /** Items (re-)indexed at start: all of them on a first build, few after a clean restart. */
  reindexed: number;
  removed: number;
  rebuilt: boolean;
}

async function readIndexFile(path: string, logger: Logger): Promise<{ index: SearchIndex; versions: Map<string, string> } | null> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err: error, path }, 'search index unreadable; rebuilding it');
    return null;
  }
  try {
    const { snapshot, versions } = decodeIndexFile(file);
    const index = SearchIndex.fromSnapshot(snapshot);
    if (!index) {
      logger.info({ path }, 'search index written by another version; rebuilding it');
      return null;
    }
    return { index, versions: new Map(snapshot.postings.ids.map((id, doc) => [id, versions[doc] ?? ''])) };
  } catch (error) {
    logger.warn({ err: error, path }, 'search index damaged; rebuilding it');
    return null;
  }
}

const CACHE_ADVICE = 'The file was left untouched; it is only a cache of the articles: move it aside or delete it, then start again to rebuild it';

/**
 * Start-up check of the index file by its header: a folder, an empty or foreign file, one cut
 * short or written by a newer release is refused with StoreError, never silently overwritten.
 * (Damage deeper inside, found when it loads, still rebuilds the cache.)
 */
export async function checkIndexFile(dataDir: string): Promise<void> {
  const path = join(dataDir, INDEX_FILE);
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError(path, `cannot read the search index file (${(error as Error).message})`, CACHE_ADVICE);
  }
  let check;
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new StoreError(path, 'the search index is a folder, not a file', CACHE_ADVICE);
    const head = Buffer.alloc(Math.min(info.size, 8));
    await file.read(head, 0, head.length, 0);
    const headerBytes = head.length === 8 ? Math.min(head.readUInt32LE(4), MAX_HEADER_BYTES, info.size - 8) : 0;
    const whole = Buffer.alloc(head.length + headerBytes);
    await file.read(whole, 0, whole.length, 0);
    check = checkIndexHeader(whole, info.size, INDEX_FORMAT);
  } finally {
    await file.close();
  }
  if (!check.ok) {
    throw new StoreError(path, `the search index file is unusable: ${check.problem}`, check.newer ? 'Upgrade Khulasa to the release that wrote it, or move the file aside to rebuild it; the file was left untouched' : CACHE_ADVICE);
  }
}

/** The index, synchronised with the store. The index file is only a cache: it can always be rebuilt. */
export async function loadOrBuildIndex(repo: ArticleStore, dataDir: string, logger: Logger): Promise<IndexSync> {
  const restored = await readIndexFile(join(dataDir, INDEX_FILE), logger);
  if (!restored) return { index: await buildIndex(repo.articlesWithBodies()), reindexed: repo.size, removed: 0, rebuilt: true };
  const { index, versions } = restored;
  let reindexed = 0;
  for (const meta of repo.all()) {
    if (versions.get(meta.id) === meta.updatedAt) continue;
    const article = await repo.get(meta.id);
    if (article) index.upsert(article);
    reindexed++;
  }
  let removed = 0;
  for (const id of versions.keys()) {
    if (!repo.byId(id)) {
      index.remove(id);
      removed++;
    }
  }
  return { index, reindexed, removed, rebuilt: false };
}

/**
 * An index of every article, built in one pass into the compact arrays: the same index as
 * upserting them one by one into an empty one, in a fraction of the time.
 */
export async function buildIndex(articles: AsyncIterable<Article>): Promise<SearchIndex> {
  const builder = new PostingsBuilder(FIELD_COUNT, WORD_FIELD_COUNT);
  for await (const article of articles) {
    const doc = toIndexedDoc(article);
    builder.add(doc.id, doc.headline, doc.fields);
  }
  return SearchIndex.fromSnapshot({ format: INDEX_FORMAT, postings: builder.snapshot() }) as SearchIndex;
}

/**
 * Writes the index beside the store: a temporary file, then a rename, so it is never half-written.
 * Each document is recorded at the version `repo.byId` gives, asked as the index is copied: an
 * article not yet indexed at its stored version must answer undefined, so the next start re-indexes it.
 */
export async function persistIndex(index: SearchIndex, repo: Pick<ArticleStore, 'byId'>, dataDir: string): Promise<void> {
  const path = join(dataDir, INDEX_FILE);
  await mkdir(dataDir, { recursive: true });
  const snapshot = index.snapshot();
  const versions = snapshot.postings.ids.map((id) => repo.byId(id)?.updatedAt ?? '');
  await writeFile(`${path}.tmp`, encodeIndexFile({ snapshot, versions }));
  await rename(`${path}.tmp`, path);
  await rm(join(dataDir, LEGACY_INDEX_FILE), { force: true });
}
