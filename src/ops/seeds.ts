// Ingesting seed pages with a report to the log and the telemetry: at start, when the watcher sees
// new files, and when an operator asks for a rescan (/reload).
import { listPageFiles } from '../ingest/ingest.ts';
import type { Library } from '../library.ts';
import type { Logger } from '../logger.ts';
import type { IngestCounts, Telemetry } from './telemetry.ts';

/** Pages per ingestion batch: a shutdown waits for at most one batch. */
export const SEED_BATCH_PAGES = 200;

/** Ingests the pages batch by batch, each logged; once `signal` aborts, no further batch starts. */
export async function ingestPages(files: string[], library: Pick<Library, 'ingest'>, logger: Logger, telemetry?: Telemetry, signal?: AbortSignal): Promise<IngestCounts> {
  const total: IngestCounts = { pages: 0, new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (let i = 0; i < files.length && !signal?.aborted; i += SEED_BATCH_PAGES) {
    const { changedIds: _changed, rejected, ...counts } = await library.ingest(files.slice(i, i + SEED_BATCH_PAGES), undefined, signal);
    const summary = { ...counts, rejected: rejected.length };
    telemetry?.ingested(summary);
    logger.info(summary, 'ingested pages');
    for (const r of rejected) logger.warn({ file: r.file, reason: r.reason }, 'page rejected');
    for (const key of Object.keys(total) as (keyof IngestCounts)[]) total[key] += summary[key];
  }
  return total;
}

/** Every page in the seeds folder, ingested again: unchanged pages cost a comparison, not a write. */
export async function rescanSeeds(seedsDir: string, library: Pick<Library, 'ingest'>, logger: Logger, telemetry?: Telemetry, signal?: AbortSignal): Promise<IngestCounts> {
  return ingestPages(await listPageFiles([seedsDir]), library, logger, telemetry, signal);
}
