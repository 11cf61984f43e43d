import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IngestReport } from '../../src/ingest/ingest.ts';
import { createLogger } from '../../src/logger.ts';
import { ingestPages, SEED_BATCH_PAGES } from '../../src/ops/seeds.ts';

/** A library that records each batch it is given and reports every page as new. */
function recordingLibrary(onBatch: (files: string[]) => void = () => undefined) {
  const batches: string[][] = [];
  const library = {
    ingest: async (files: string[]): Promise<IngestReport> => {
      batches.push(files);
      onBatch(files);
      return { pages: files.length, new: files.length, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
    },
  };
  return { library, batches };
}

const files = (n: number) => Array.from({ length: n }, (_, i) => `page-${i}.txt`);
const silent = createLogger({ level: 'silent' });

describe('ingestPages', () => {
  it('ingests in batches of SEED_BATCH_PAGES and sums their counts', async () => {
    const { library, batches } = recordingLibrary();
    const total = await ingestPages(files(SEED_BATCH_PAGES * 2 + 50), library, silent);
    assert.deepEqual(batches.map((b) => b.length), [SEED_BATCH_PAGES, SEED_BATCH_PAGES, 50]);
    assert.deepEqual(total, { pages: SEED_BATCH_PAGES * 2 + 50, new: SEED_BATCH_PAGES * 2 + 50, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('starts no further batch once shutdown has begun (a /reload as well as start-up)', async () => {
    const stop = new AbortController();
    const { library, batches } = recordingLibrary(() => stop.abort());
    const total = await ingestPages(files(SEED_BATCH_PAGES * 3), library, silent, undefined, stop.signal);
    assert.equal(batches.length, 1);
    assert.equal(total.pages, SEED_BATCH_PAGES);
  });
});
